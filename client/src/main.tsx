/** Entry point: providers around the app shell. */
// The design tokens first, so component styles imported below can override them.
import './ui/theme.css';
import './ui/components.css';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app/app';
import { createI18n } from './app/i18n';
import { createQueryClient, Providers } from './app/providers';

const root = document.getElementById('root');
if (!root) throw new Error('#root is missing from index.html');

createRoot(root).render(
  <StrictMode>
    <Providers i18n={createI18n()} queryClient={createQueryClient()}>
      <App />
    </Providers>
  </StrictMode>,
);
