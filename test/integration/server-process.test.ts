/**
 * The server as a user runs it (`tsx server/src/main.ts`): it prints the URL once ready, answers, stops cleanly on
 * SIGTERM (releasing the embedded database), and refuses to start on a data directory it must not touch, with a
 * message that says what to do.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { seedMigratedDataDir, testDatabaseUrl, testEngine } from '../support/test-db';

interface Run {
  child: ChildProcess;
  output: () => string;
  exited: Promise<number | null>;
}

function startServer(env: Record<string, string>): Run {
  const child = spawn(path.resolve('node_modules/.bin/tsx'), ['server/src/main.ts'], {
    env: { ...process.env, PORT: '0', LOG_LEVEL: 'warn', DEMO_DATA: 'off', DATABASE_URL: '', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout?.on('data', (chunk) => (output += String(chunk)));
  child.stderr?.on('data', (chunk) => (output += String(chunk)));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return { child, output: () => output, exited };
}

async function waitForUrl(run: Run, timeoutMs = 90_000): Promise<string> {
  const started = Date.now();
  while (Date.now() - started < timeoutMs) {
    const match = /is running:\s+(http:\/\/\S+)/.exec(run.output());
    if (match) return match[1] as string;
    if (run.child.exitCode !== null) throw new Error(`server exited early:\n${run.output()}`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error(`no URL printed within ${timeoutMs} ms:\n${run.output()}`);
}

/** A data directory that already holds a migrated database without accounts (a server's second start, minus the wait). */
async function migratedDataDir(name: string): Promise<string> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), `nongan-${name}-`));
  await seedMigratedDataDir(path.join(dataDir, 'pglite'));
  return dataDir;
}

const engineEnv = (dataDir: string): Record<string, string> =>
  testEngine() === 'postgres' ? { DATABASE_URL: testDatabaseUrl() } : { DATA_DIR: dataDir };

describe(`the server process (${testEngine()})`, () => {
  it('prints its URL when ready, serves the API, and exits 0 on SIGTERM after releasing the database', async () => {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'nongan-proc-'));
    const run = startServer(engineEnv(dataDir));
    const url = await waitForUrl(run);
    const health = await fetch(new URL('api/health', url));
    expect(health.status).toBe(200);
    expect(((await health.json()) as { engine: string }).engine).toBe(testEngine());
    run.child.kill('SIGTERM');
    expect(await run.exited).toBe(0);
    if (testEngine() === 'pglite') {
      expect(fs.existsSync(path.join(dataDir, 'pglite', '.nongan.lock'))).toBe(false);
      expect(fs.existsSync(path.join(dataDir, 'pglite', 'PG_VERSION'))).toBe(true);
    }
  });

  if (testEngine() === 'pglite') {
    it('creates the first administrator with a generated password printed once, and lets it log in', async () => {
      const dataDir = await migratedDataDir('admin');
      const first = startServer({ DATA_DIR: dataDir });
      const url = await waitForUrl(first);
      const password = /password: (\S{16})/.exec(first.output())?.[1];
      expect(password).toMatch(/^[A-Za-z0-9]{16}$/);
      const login = await fetch(new URL('api/auth/login', url), {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ username: 'admin', password }),
      });
      expect(login.status).toBe(200);
      expect(((await login.json()) as { mustChangePassword: boolean }).mustChangePassword).toBe(true);
      first.child.kill('SIGTERM');
      expect(await first.exited).toBe(0);
      const second = startServer({ DATA_DIR: dataDir });
      await waitForUrl(second);
      expect(second.output()).not.toContain('password:');
      second.child.kill('SIGTERM');
      await second.exited;
    });

    it('refuses a weak ADMIN_PASSWORD instead of creating an administrator with it', async () => {
      const dataDir = await migratedDataDir('weak');
      const run = startServer({ DATA_DIR: dataDir, ADMIN_PASSWORD: 'admin123' });
      expect(await run.exited).toBe(1);
      expect(run.output()).toContain('not acceptable');
    });

    it('keeps every acknowledged write when killed with SIGKILL in the middle of a write burst', async () => {
      const dataDir = await migratedDataDir('kill');
      const password = 'Kill-9-Durability-Test';
      const env = { DATA_DIR: dataDir, ADMIN_PASSWORD: password };
      const login = async (url: string) => {
        const response = await fetch(new URL('api/auth/login', url), {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ username: 'admin', password }),
        });
        expect(response.status).toBe(200);
        const cookie = (response.headers.get('set-cookie') ?? '').split(';')[0] as string;
        return { cookie, 'x-csrf-token': ((await response.json()) as { csrfToken: string }).csrfToken };
      };
      const first = startServer(env);
      const url = await waitForUrl(first);
      const headers = { ...(await login(url)), 'content-type': 'application/json' };
      // Four writers register subjects (no location) as fast as they can; each 201 is an acknowledged write.
      const acknowledged: number[] = [];
      let stop = false;
      const writer = async (w: number) => {
        for (let i = 0; !stop; i++) {
          try {
            const response = await fetch(new URL('api/subjects', url), {
              method: 'POST',
              headers,
              body: JSON.stringify({
                type: 'Feature',
                geometry: null,
                properties: { code: `K9-${w}-${i}`, name: `写入测试${w}-${i}`, type: 'family_farm' },
              }),
            });
            if (response.status === 201)
              acknowledged.push(Number(((await response.json()) as { id: number }).id));
          } catch {
            return; // the server is gone
          }
        }
      };
      const writers = [0, 1, 2, 3].map(writer);
      while (acknowledged.length < 40) await new Promise((resolve) => setTimeout(resolve, 20));
      // tsx runs the server in a child process: kill the process that holds the database (named in its lock).
      const lock = fs.readFileSync(path.join(dataDir, 'pglite', '.nongan.lock'), 'utf8');
      const pid = Number(/\d+/.exec(lock)?.[0]);
      expect(pid).toBeGreaterThan(0);
      process.kill(pid, 'SIGKILL');
      first.child.kill('SIGKILL');
      await first.exited;
      stop = true;
      await Promise.all(writers);

      const second = startServer(env);
      const again = await waitForUrl(second);
      const session = await login(again);
      const missing: number[] = [];
      for (const id of acknowledged) {
        const response = await fetch(new URL(`api/subjects/${id}`, again), { headers: session });
        if (response.status !== 200) missing.push(id);
      }
      second.child.kill('SIGTERM');
      expect(await second.exited).toBe(0);
      expect(acknowledged.length).toBeGreaterThanOrEqual(40);
      expect(missing).toEqual([]);
    });
  }

  it('refuses to start on a directory that holds other files, says what to do, and leaves them alone', async () => {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'nongan-proc-'));
    fs.mkdirSync(path.join(dataDir, 'pglite'));
    fs.writeFileSync(path.join(dataDir, 'pglite', 'notes.txt'), '巡查记录');
    const run = startServer({ DATA_DIR: dataDir });
    expect(await run.exited).toBe(1);
    expect(run.output()).toContain('无法启动 / Cannot start');
    expect(run.output()).toContain('does not contain a database');
    expect(fs.readdirSync(path.join(dataDir, 'pglite'))).toEqual(['notes.txt']);
  });

  it('refuses to start on an invalid configuration value, naming the variable', async () => {
    const run = startServer({ PORT: 'eighty' });
    expect(await run.exited).toBe(1);
    expect(run.output()).toMatch(/Cannot start: Invalid configuration: PORT/);
  });
});
