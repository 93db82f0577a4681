/**
 * Start-up refuses, with a message that says what to do, rather than guessing or resetting data:
 * edited or unknown migrations, a half-applied history, a non-empty database without history; and for the
 * embedded engine a directory that is not a database, a corrupted one, or one another process has open.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { Db } from '../../server/src/db/engine';
import { loadMigrations, migrate } from '../../server/src/db/migrate';
import { PgDb } from '../../server/src/db/pg-engine';
import { PgliteDb } from '../../server/src/db/pglite-engine';
import { StartupError } from '../../server/src/db/startup-error';
import { openOwnPglite, testDatabaseUrl, testEngine } from '../support/test-db';

const cleanups: (() => Promise<void>)[] = [];
afterAll(async () => {
  for (const cleanup of cleanups.reverse()) await cleanup();
});

/** A brand-new, empty database of the test engine (a fresh PostgreSQL database, or an in-memory PGlite). */
async function freshDb(): Promise<Db> {
  if (testEngine() === 'pglite') {
    const db = await PgliteDb.open();
    cleanups.push(() => db.close());
    return db;
  }
  const admin = new URL(testDatabaseUrl());
  admin.pathname = '/postgres';
  const name = `nongan_startup_${process.pid}_${Date.now().toString(36)}`;
  const adminDb = await PgDb.open({ connectionString: admin.toString(), max: 1 });
  await adminDb.exec(`CREATE DATABASE ${name}`);
  const url = new URL(testDatabaseUrl());
  url.pathname = `/${name}`;
  const db = await PgDb.open({ connectionString: url.toString(), max: 2 });
  cleanups.push(async () => {
    await db.close();
    await adminDb.exec(`DROP DATABASE IF EXISTS ${name}`);
    await adminDb.close();
  });
  return db;
}

/** A migrated database of its own: the cached PGlite dump, or a fresh PostgreSQL database migrated here. */
async function migratedDb(): Promise<Db> {
  if (testEngine() === 'pglite') {
    const db = await openOwnPglite();
    cleanups.push(() => db.close());
    return db;
  }
  const db = await freshDb();
  await migrate(db);
  return db;
}

async function startupError(promise: Promise<unknown>): Promise<StartupError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof StartupError) return error;
    throw error;
  }
  throw new Error('expected start-up to be refused');
}

describe(`migrations at start-up (${testEngine()})`, () => {
  it('applies every migration to an empty database once, records them, and does nothing the second time', async () => {
    const db = await freshDb();
    expect(await migrate(db)).toBe(loadMigrations().length);
    expect(await migrate(db)).toBe(0);
    const { rows } = await db.query<{ n: number }>('SELECT count(*) AS n FROM schema_migration');
    expect(rows[0]?.n).toBe(loadMigrations().length);
  });

  it('refuses to start when an applied migration was edited, and changes nothing', async () => {
    const db = await migratedDb();
    const edited = loadMigrations().map((m) => (m.version === 3 ? { ...m, checksum: 'f'.repeat(64) } : m));
    const error = await startupError(migrate(db, undefined, edited));
    expect(error.code).toBe('MIGRATION_EDITED');
    expect(error.message).toMatch(/0003_.*changed after it was applied/);
  });

  it('refuses to start on a half-applied history', async () => {
    const db = await migratedDb();
    await db.query('DELETE FROM schema_migration WHERE version = 2');
    const error = await startupError(migrate(db));
    expect(error.code).toBe('MIGRATION_GAP');
  });

  it('refuses a database that already has tables but no migration history', async () => {
    const db = await freshDb();
    await db.exec('CREATE TABLE someone_elses (id int)');
    const error = await startupError(migrate(db));
    expect(error.code).toBe('MIGRATION_UNTRACKED');
    expect(error.message).toContain('someone_elses');
  });

  it('rolls back a failing migration entirely and does not record it', async () => {
    const db = await migratedDb();
    const broken = [
      ...loadMigrations(),
      {
        version: loadMigrations().length + 1,
        name: 'break_things',
        checksum: 'x',
        sql: 'CREATE TABLE half_done (id int); SELECT 1/0;',
      },
    ];
    await expect(migrate(db, undefined, broken)).rejects.toThrow(/break_things failed and was rolled back/);
    const { rows } = await db.query<{ exists: boolean }>(
      "SELECT to_regclass('public.half_done') IS NOT NULL AS exists",
    );
    expect(rows[0]?.exists).toBe(false);
    expect(await migrate(db)).toBe(0); // everything before it stayed applied
  });
});

if (testEngine() === 'postgres') {
  describe('PostgreSQL connection at start-up', () => {
    it('says where it tried to connect, without the password, when the server cannot be reached', async () => {
      const error = await startupError(
        PgDb.open({ connectionString: 'postgres://app:secret@127.0.0.1:1/nowhere' }),
      );
      expect(error.code).toBe('DATABASE_UNREACHABLE');
      expect(error.message).toContain('127.0.0.1:1');
      expect(error.message).not.toContain('secret');
    });
  });
}

if (testEngine() === 'pglite') {
  describe('embedded data directory', () => {
    const tmp = (name: string) => fs.mkdtempSync(path.join(os.tmpdir(), `nongan-${name}-`));

    it('keeps committed data across a restart', async () => {
      const dir = path.join(tmp('persist'), 'pglite');
      const first = await PgliteDb.open({ dataDir: dir });
      await first.exec('CREATE TABLE kept (v text); INSERT INTO kept VALUES ($$一年的巡查记录$$)');
      await first.close();
      const second = await PgliteDb.open({ dataDir: dir });
      cleanups.push(() => second.close());
      const { rows } = await second.query<{ v: string }>('SELECT v FROM kept');
      expect(rows).toEqual([{ v: '一年的巡查记录' }]);
    });

    it('refuses a directory that another server has open', async () => {
      const dir = path.join(tmp('locked'), 'pglite');
      const owner = await PgliteDb.open({ dataDir: dir });
      cleanups.push(() => owner.close());
      fs.writeFileSync(path.join(dir, '.nongan.lock'), String(process.ppid)); // a live process other than us
      const error = await startupError(PgliteDb.open({ dataDir: dir }));
      expect(error.code).toBe('DATA_DIR_LOCKED');
    });

    it('refuses a non-empty directory that is not a database, and leaves its files alone', async () => {
      const dir = tmp('notadb');
      fs.writeFileSync(path.join(dir, 'report.xlsx'), 'precious');
      const error = await startupError(PgliteDb.open({ dataDir: dir }));
      expect(error.code).toBe('DATA_DIR_INVALID');
      expect(fs.readFileSync(path.join(dir, 'report.xlsx'), 'utf8')).toBe('precious');
    });

    it('refuses a database directory with missing parts instead of re-initialising it', async () => {
      const dir = tmp('broken');
      fs.writeFileSync(path.join(dir, 'PG_VERSION'), '18\n');
      const error = await startupError(PgliteDb.open({ dataDir: dir }));
      expect(error.code).toBe('DATA_DIR_UNREADABLE');
      expect(fs.readdirSync(dir)).toEqual(['PG_VERSION']);
    });

    it('refuses a corrupted database and says what to do', async () => {
      const dir = path.join(tmp('corrupt'), 'pglite');
      const db = await PgliteDb.open({ dataDir: dir });
      await db.close();
      fs.writeFileSync(path.join(dir, 'global', 'pg_control'), 'garbage');
      const error = await startupError(PgliteDb.open({ dataDir: dir }));
      expect(error.code).toBe('DATA_DIR_UNREADABLE');
      expect(error.message).toMatch(/Restore it from a backup/);
    });
  });
}
