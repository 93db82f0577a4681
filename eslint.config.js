// Lint rules, including the architecture's boundaries (see docs/architecture.md):
// - client code reaches the server only through server/contracts;
// - only client/src/map touches maplibre-gl, and deck.gl lives in client/src/overlays (mounted by map/);
// - tiles/ shares nothing with server/src but the contracts; the server mounts tiles/src/index only;
// - server/src/domain is pure: no I/O, no express, no database.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';

const restrict = (patterns) => ['error', { patterns }];

export default tseslint.config(
  {
    ignores: [
      'node_modules',
      'client/dist',
      'data',
      'test-results',
      'playwright-report',
      '.scratch',
      'test/golden',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', destructuredArrayIgnorePattern: '^_' },
      ],
      '@typescript-eslint/consistent-type-imports': 'error',
      eqeqeq: ['error', 'always'],
      'no-console': 'off',
    },
  },
  {
    files: ['client/**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser } },
    plugins: { 'react-hooks': reactHooks },
    rules: {
      ...reactHooks.configs.recommended.rules,
      'no-restricted-imports': restrict([
        {
          group: ['**/server/src/**', '**/tiles/**'],
          message: 'The client may import only server/contracts from the server.',
        },
        { group: ['maplibre-gl', 'maplibre-gl/*'], message: 'Only client/src/map touches maplibre-gl.' },
        { group: ['@deck.gl/*'], message: 'deck.gl layers live in client/src/overlays.' },
      ]),
    },
  },
  {
    files: ['client/src/map/**/*.{ts,tsx}'],
    rules: {
      'no-restricted-imports': restrict([
        {
          group: ['**/server/src/**', '**/tiles/**'],
          message: 'The client may import only server/contracts from the server.',
        },
      ]),
    },
  },
  {
    files: ['client/src/overlays/**/*.{ts,tsx}'],
    rules: {
      'no-restricted-imports': restrict([
        {
          group: ['**/server/src/**', '**/tiles/**'],
          message: 'The client may import only server/contracts from the server.',
        },
        { group: ['maplibre-gl', 'maplibre-gl/*'], message: 'Only client/src/map touches maplibre-gl.' },
      ]),
    },
  },
  {
    files: ['tiles/**/*.ts'],
    rules: {
      'no-restricted-imports': restrict([
        { group: ['**/server/src/**'], message: 'tiles/ shares only server/contracts with the server.' },
      ]),
    },
  },
  {
    files: ['server/src/**/*.ts'],
    rules: {
      'no-restricted-imports': restrict([
        {
          regex: '(^|/)tiles/(?!src/index$)',
          message: 'The server mounts tiles/src/index and never reaches inside.',
        },
        { group: ['**/client/**'], message: 'The server does not import client code.' },
      ]),
    },
  },
  {
    files: ['server/src/domain/**/*.ts'],
    rules: {
      'no-restricted-imports': restrict([
        {
          group: [
            'express',
            'pg',
            '@electric-sql/*',
            'node:fs',
            'fs',
            'node:http',
            'pino',
            '**/db/**',
            '**/http/**',
            '**/modules/**',
          ],
          message: 'Domain code is pure: no I/O, database or HTTP.',
        },
      ]),
    },
  },
  {
    files: ['server/contracts/**/*.ts'],
    rules: {
      'no-restricted-imports': restrict([
        {
          group: ['**/server/src/**', '**/tiles/**', '**/client/**', 'express', 'pg', 'node:*'],
          message: 'Contracts hold schemas and types only, no I/O.',
        },
      ]),
    },
  },
);
