// `npm run dev`: the API server (tsx watch) on API_PORT (default 8080) and Vite's dev server with hot reload,
// which proxies /api and /tiles to it. Open the URL Vite prints.
import path from 'node:path';
import { spawn } from 'node:child_process';
import { BIN, ROOT, ensureDependencies } from './lib.mjs';

ensureDependencies();
const apiPort = process.env.API_PORT ?? '8080';
const children = [
  spawn(path.join(BIN, 'tsx'), ['watch', 'server/src/main.ts'], {
    cwd: ROOT,
    stdio: 'inherit',
    env: { ...process.env, PORT: apiPort },
  }),
  spawn(path.join(BIN, 'vite'), [], {
    cwd: ROOT,
    stdio: 'inherit',
    env: { ...process.env, API_PORT: apiPort },
  }),
];
const stop = (signal) => children.forEach((child) => child.kill(signal));
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => stop(signal));
children.forEach((child) =>
  child.on('exit', (code) => {
    stop('SIGTERM');
    process.exit(code ?? 0);
  }),
);
