/**
 * `npm run backup` and `npm run restore` round-trip on both engines: every row comes back identical, and a
 * restore never writes over an existing database.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { Db } from '../../server/src/db/engine';
import { migrate } from '../../server/src/db/migrate';
import { PgDb } from '../../server/src/db/pg-engine';
import { PgliteDb } from '../../server/src/db/pglite-engine';
import { makeCounty, uniqueCode } from '../support/fixtures';
import { seedMigratedDataDir, testDatabaseUrl, testEngine } from '../support/test-db';

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'nongan-backup-'));
const cleanups: (() => Promise<void>)[] = [];
afterAll(async () => {
  for (const cleanup of cleanups.reverse()) await cleanup();
});

function cli(script: 'backup' | 'restore', args: string[], env: Record<string, string>) {
  return spawnSync(path.resolve('node_modules/.bin/tsx'), [`server/src/cli/${script}.ts`, ...args], {
    env: { ...process.env, DATABASE_URL: '', LOG_LEVEL: 'silent', ...env },
    encoding: 'utf8',
    timeout: 120_000,
  });
}

/** A digest of every row of the tables that matter, in id order. */
async function fingerprint(db: Db): Promise<Record<string, string>> {
  const result: Record<string, string> = {};
  for (const table of ['grid_unit', 'grid_person', 'production_subject', 'schema_migration']) {
    const key = table === 'schema_migration' ? 'version' : 'id';
    const { rows } = await db.query<{ digest: string; n: number }>(
      `SELECT md5(coalesce(string_agg(t::text, '|' ORDER BY ${key}), '')) AS digest, count(*) AS n FROM ${table} t`,
    );
    result[table] = `${rows[0]?.n}:${rows[0]?.digest}`;
  }
  return result;
}

async function fill(db: Db): Promise<void> {
  const county = await makeCounty(db);
  for (const [i, point] of county.villagePoints.entries()) {
    await db.query(
      `INSERT INTO production_subject (code, name, type, geom) VALUES ($1, $2, 'family_farm', ST_SetSRID(ST_MakePoint($3, $4), 4326))`,
      [uniqueCode('K'), `备份测试农场${i}`, point[0], point[1]],
    );
  }
}

/** A new, empty PostgreSQL database (dropped after the tests). */
async function freshPostgres(): Promise<string> {
  const admin = new URL(testDatabaseUrl());
  admin.pathname = '/postgres';
  const name = `nongan_backup_${process.pid}_${Math.random().toString(36).slice(2, 8)}`;
  const adminDb = await PgDb.open({ connectionString: admin.toString(), max: 1 });
  await adminDb.exec(`CREATE DATABASE ${name}`);
  cleanups.push(async () => {
    await adminDb.exec(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await adminDb.close();
  });
  const url = new URL(testDatabaseUrl());
  url.pathname = `/${name}`;
  return url.toString();
}

describe(`backup and restore (${testEngine()})`, () => {
  it('restores every row of a backup identically into an empty database, and refuses to restore over data', async () => {
    const file = path.join(tmp, testEngine() === 'postgres' ? 'b.dump' : 'b.tar.gz');
    let source: Record<string, string>;
    let sourceEnv: Record<string, string>;
    let targetEnv: Record<string, string>;
    let openTarget: () => Promise<Db>;
    if (testEngine() === 'postgres') {
      const [from, to] = [await freshPostgres(), await freshPostgres()];
      const db = await PgDb.open({ connectionString: from, max: 2 });
      await migrate(db);
      await fill(db);
      source = await fingerprint(db);
      await db.close();
      [sourceEnv, targetEnv] = [{ DATABASE_URL: from }, { DATABASE_URL: to }];
      openTarget = () => PgDb.open({ connectionString: to, max: 2 });
    } else {
      const [from, to] = [path.join(tmp, 'from'), path.join(tmp, 'to')];
      await seedMigratedDataDir(path.join(from, 'pglite')); // the cached migrated database, written to disk
      const db = await PgliteDb.open({ dataDir: path.join(from, 'pglite') });
      expect(await migrate(db)).toBe(0);
      await fill(db);
      source = await fingerprint(db);
      await db.close();
      [sourceEnv, targetEnv] = [{ DATA_DIR: from }, { DATA_DIR: to }];
      openTarget = () => PgliteDb.open({ dataDir: path.join(to, 'pglite') });
    }
    const backup = cli('backup', ['--out', file], sourceEnv);
    expect(backup.status, backup.stderr).toBe(0);
    expect(backup.stdout).toContain('Backup written');
    const restore = cli('restore', [file], targetEnv);
    expect(restore.status, restore.stderr).toBe(0);
    const target = await openTarget();
    try {
      expect(await fingerprint(target)).toEqual(source);
    } finally {
      await target.close();
    }
    const again = cli('restore', [file], targetEnv);
    expect(again.status).toBe(1);
    expect(again.stderr).toMatch(/nothing was changed/);
  });

  it('refuses to overwrite an existing backup file, and says when there is nothing to back up', () => {
    const existing = path.join(tmp, 'exists.dump');
    fs.writeFileSync(existing, 'keep me');
    const env: Record<string, string> =
      testEngine() === 'postgres'
        ? { DATABASE_URL: testDatabaseUrl() }
        : { DATA_DIR: path.join(tmp, 'nothing-here') };
    const overwrite = cli('backup', ['--out', existing], env);
    expect(overwrite.status).toBe(1);
    expect(fs.readFileSync(existing, 'utf8')).toBe('keep me');
    if (testEngine() === 'pglite') {
      const empty = cli('backup', ['--out', path.join(tmp, 'x.tar.gz')], env);
      expect(empty.stderr).toContain('there is no database');
    }
  });
});
