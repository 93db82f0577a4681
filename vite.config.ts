/**
 * Vite builds the map client: root client/, output client/dist (served by the API server as CLIENT_DIR).
 * In development /api and /tiles are proxied to the API server on API_PORT (default 8080).
 */
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

const apiTarget = `http://127.0.0.1:${process.env.API_PORT ?? 8080}`;

export default defineConfig({
  root: 'client',
  base: '/',
  plugins: [react()],
  // MapLibre 6 ships prebuilt ES modules and loads its worker by URL: pre-bundling it would break that URL.
  optimizeDeps: { exclude: ['maplibre-gl'] },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    target: 'es2022',
    sourcemap: true,
    // maplibre-gl is large by nature; it gets its own long-cached chunk. deck.gl is loaded on demand (heat map).
    chunkSizeWarningLimit: 1600,
    rolldownOptions: {
      output: {
        codeSplitting: {
          groups: [
            { name: 'maplibre', test: /node_modules[\\/]maplibre-gl/ },
            {
              name: 'react',
              test: /node_modules[\\/](react|react-dom|scheduler|i18next|react-i18next|@tanstack)[\\/]/,
            },
          ],
        },
      },
    },
  },
  server: {
    port: 5173,
    proxy: {
      '/api': { target: apiTarget, changeOrigin: false },
      '/tiles': { target: apiTarget, changeOrigin: false },
    },
  },
  preview: {
    proxy: {
      '/api': { target: apiTarget },
      '/tiles': { target: apiTarget },
    },
  },
});
