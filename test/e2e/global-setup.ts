/**
 * Starts the real server for the end-to-end run and stops it afterwards (the returned function is the teardown).
 * E2E_ENGINE=pglite (default): an embedded database in a temporary directory, written from the cached demo
 * database of the integration tests (test/support/seed-demo-data-dir.ts).
 * E2E_ENGINE=postgres: E2E_DATABASE_URL, a fresh database the caller created (the demo loads into an empty one).
 * The server's output goes to test-results/e2e-server-<engine>.log.
 * E2E_SERVER_URL=http://host:port/ skips all that and tests a server that is already running (development only).
 */
import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const HERE = path.dirname(fileURLToPath(import.meta.url));
const ROOT = path.resolve(HERE, '../..');
const HEALTH_TIMEOUT_MS = 20 * 60_000;

function ensureClientBuilt(): void {
  if (fs.existsSync(path.join(ROOT, 'client', 'dist', 'index.html'))) return;
  const result = spawnSync(path.join(ROOT, 'node_modules', '.bin', 'vite'), ['build'], {
    cwd: ROOT,
    stdio: 'inherit',
  });
  if (result.status !== 0)
    throw new Error('vite build failed: the client could not be built for the end-to-end tests');
}

function portIsFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const server = net.createServer();
    server.once('error', () => resolve(false));
    server.listen(port, '127.0.0.1', () => server.close(() => resolve(true)));
  });
}

/** A free port: E2E_PORT if given, else the first free one in 18300–18399. */
async function freePort(): Promise<number> {
  if (process.env.E2E_PORT) return Number(process.env.E2E_PORT);
  for (let port = 18300; port < 18400; port++) if (await portIsFree(port)) return port;
  throw new Error('no free port in 18300–18399 for the end-to-end server');
}

function databaseEnv(engine: string): { env: Record<string, string>; cleanup: () => void } {
  if (engine === 'postgres') {
    const url = process.env.E2E_DATABASE_URL;
    if (!url) throw new Error('E2E_ENGINE=postgres needs E2E_DATABASE_URL (a fresh, empty database)');
    return { env: { DATABASE_URL: url }, cleanup: () => {} };
  }
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'nongan-e2e-'));
  // The demo county's database from the integration tests' cache (built now if missing), so the server starts
  // without migrating and loading the demo; the run on PostgreSQL starts from an empty database as `npm start` does.
  const seeded = spawnSync(
    path.join(ROOT, 'node_modules', '.bin', 'tsx'),
    ['test/support/seed-demo-data-dir.ts', dir],
    { cwd: ROOT, stdio: 'inherit' },
  );
  if (seeded.status !== 0) throw new Error('could not write the demo database for the end-to-end server');
  return { env: { DATA_DIR: dir }, cleanup: () => fs.rmSync(dir, { recursive: true, force: true }) };
}

async function waitForHealth(url: string, server: ChildProcess, logFile: string): Promise<void> {
  const deadline = Date.now() + HEALTH_TIMEOUT_MS;
  while (Date.now() < deadline) {
    if (server.exitCode !== null) {
      const tail = fs.readFileSync(logFile, 'utf8').split('\n').slice(-40).join('\n');
      throw new Error(`the server exited with code ${server.exitCode} before it was healthy:\n${tail}`);
    }
    try {
      const response = await fetch(`${url}api/health`);
      if (response.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 1000));
  }
  throw new Error(
    `the server did not answer ${url}api/health within ${HEALTH_TIMEOUT_MS / 60_000} minutes (log: ${logFile})`,
  );
}

function stop(server: ChildProcess): Promise<void> {
  if (server.exitCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const force = setTimeout(() => server.kill('SIGKILL'), 15_000);
    server.once('exit', () => {
      clearTimeout(force);
      resolve();
    });
    server.kill('SIGTERM');
  });
}

export default async function globalSetup(): Promise<() => Promise<void>> {
  if (process.env.E2E_SERVER_URL) {
    process.env.E2E_BASE_URL = process.env.E2E_SERVER_URL.replace(/\/?$/, '/');
    return async () => {};
  }
  const engine = process.env.E2E_ENGINE === 'postgres' ? 'postgres' : 'pglite';
  // E2E_CLIENT_DIR: a client built elsewhere (`vite build --outDir …`), so parallel runs do not rebuild client/dist.
  const clientDir = process.env.E2E_CLIENT_DIR ?? 'client/dist';
  if (!process.env.E2E_CLIENT_DIR) ensureClientBuilt();
  // The first administrator's password, chosen here so the fixtures can log in (never a fixed default).
  const adminPassword = `E2e-${randomBytes(12).toString('base64url')}`;
  const port = await freePort();
  const database = databaseEnv(engine);
  const resultsDir = path.join(ROOT, 'test-results');
  fs.mkdirSync(resultsDir, { recursive: true });
  const logFile = path.join(resultsDir, `e2e-server-${engine}${process.env.E2E_PORT ? `-${port}` : ''}.log`);
  const log = fs.openSync(logFile, 'w');
  const server = spawn(path.join(ROOT, 'node_modules', '.bin', 'tsx'), ['server/src/main.ts'], {
    cwd: ROOT,
    env: {
      ...process.env,
      ...database.env,
      PORT: String(port),
      HOST: '127.0.0.1',
      DEMO_DATA: 'auto',
      CLIENT_DIR: clientDir,
      LOG_LEVEL: process.env.E2E_LOG_LEVEL ?? 'info',
      ADMIN_PASSWORD: adminPassword,
      // Every test logs in (page and API contexts), all from 127.0.0.1.
      LOGIN_RATE_LIMIT: '100000',
      BASEMAP_URL: '',
      TIANDITU_KEY: '',
    },
    stdio: ['ignore', log, log],
  });
  const url = `http://127.0.0.1:${port}/`;
  process.env.E2E_ADMIN_PASSWORD = adminPassword;
  try {
    await waitForHealth(url, server, logFile);
  } catch (error) {
    await stop(server);
    database.cleanup();
    throw error;
  }
  process.env.E2E_BASE_URL = url;
  return async () => {
    await stop(server);
    fs.closeSync(log);
    database.cleanup();
  };
}
