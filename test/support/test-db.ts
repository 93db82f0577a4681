/**
 * Test databases on the engine chosen by TEST_ENGINE (default pglite):
 * - pglite: an in-memory database started from a cached, already-migrated data directory (a fresh PGlite with
 *   PostGIS takes ~10 s to initialise; the cache is rebuilt whenever a migration changes).
 * - postgres: the database at TEST_DATABASE_URL, migrated once by global-setup.ts.
 * Tests share the database of their engine, so each test creates its own rows (see fixtures.ts).
 */
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Db, EngineName } from '../../server/src/db/engine';
import { loadMigrations, migrate } from '../../server/src/db/migrate';
import { PgDb } from '../../server/src/db/pg-engine';
import { PgliteDb } from '../../server/src/db/pglite-engine';

/**
 * Where the PGlite dumps are cached: outside the checkout (NONGAN_TEST_CACHE, default ~/.cache/nongan-one-map), so a
 * fresh clone on the same machine reuses them. Every file name carries the hash of the migrations and the PGlite
 * version (and the demo generator's digest), so a cached dump is never one the code would not build.
 */
export const CACHE_DIR = path.resolve(
  process.env.NONGAN_TEST_CACHE ?? path.join(os.homedir(), '.cache', 'nongan-one-map'),
);

export function testEngine(): EngineName {
  const engine = process.env.TEST_ENGINE ?? 'pglite';
  if (engine !== 'pglite' && engine !== 'postgres')
    throw new Error(`TEST_ENGINE must be pglite or postgres, not ${engine}`);
  return engine;
}

export function testDatabaseUrl(): string {
  const url = process.env.TEST_DATABASE_URL;
  if (!url) throw new Error('TEST_ENGINE=postgres needs TEST_DATABASE_URL (npm test sets it up)');
  return url;
}

/** A key that changes whenever the migrations or the PGlite build change. */
function migrationsKey(): string {
  const hash = createHash('sha256');
  for (const m of loadMigrations()) hash.update(`${m.version}:${m.checksum}\n`);
  const pkg = JSON.parse(fs.readFileSync('node_modules/@electric-sql/pglite/package.json', 'utf8')) as {
    version: string;
  };
  hash.update(pkg.version);
  return hash.digest('hex').slice(0, 16);
}

/** Path of a cached PGlite dump for the given purpose (e.g. 'migrated', 'demo-1'), keyed on the migrations. */
export function pgliteCachePath(purpose: string): string {
  return path.join(CACHE_DIR, `pglite-${purpose}-${migrationsKey()}.tar`);
}

/** The cached dump for `purpose`, built by `build` on a fresh PGlite first if missing. */
export async function cachedDump(purpose: string, build: (db: PgliteDb) => Promise<void>): Promise<Blob> {
  const file = pgliteCachePath(purpose);
  if (fs.existsSync(file)) return new Blob([fs.readFileSync(file)]);
  const db = await PgliteDb.open();
  try {
    await build(db);
    const dump = await db.dump();
    fs.mkdirSync(CACHE_DIR, { recursive: true });
    const tmp = `${file}.${process.pid}.tmp`;
    fs.writeFileSync(tmp, Buffer.from(await dump.arrayBuffer()));
    fs.renameSync(tmp, file); // atomic: parallel workers never read a half-written cache
    return dump;
  } finally {
    await db.close();
  }
}

/** An in-memory PGlite started from a cached dump built by `build` (first call builds and caches it). */
export async function openCachedPglite(
  purpose: string,
  build: (db: PgliteDb) => Promise<void>,
): Promise<PgliteDb> {
  const dump = await cachedDump(purpose, build);
  return PgliteDb.open({ loadDataDir: dump });
}

/** A migrated database of the test engine. Close it in afterAll. */
export async function openTestDb(): Promise<Db> {
  if (testEngine() === 'postgres') {
    const db = await PgDb.open({ connectionString: testDatabaseUrl(), max: 4 });
    await migrate(db); // no-op after global setup; kept so a single file can run on its own
    return db;
  }
  return sharedPglite('migrated', () => openCachedPglite('migrated', migrateOnly));
}

/** A migrated PGlite of its own, not shared with other files: for tests that break the database on purpose. */
export async function openOwnPglite(): Promise<PgliteDb> {
  return openCachedPglite('migrated', migrateOnly);
}

const shared = new Map<string, Promise<PgliteDb>>();

/**
 * One PGlite per test worker and purpose, shared by the files the worker runs (the integration project runs them
 * without isolation): opening one from its dump takes 4–8 s, more than most files take. Files share it as they share
 * the one PostgreSQL test database, each writing its own rows; `close()` on the handle a file gets does nothing, the
 * worker's exit ends the database.
 */
export async function sharedPglite(purpose: string, open: () => Promise<PgliteDb>): Promise<Db> {
  let db = shared.get(purpose);
  if (!db) {
    db = open();
    shared.set(purpose, db);
  }
  const instance = await db;
  return new Proxy(instance, {
    get(target, property, receiver) {
      if (property === 'close') return async () => {};
      const value: unknown = Reflect.get(target, property, receiver);
      return typeof value === 'function' ? (value as (...a: unknown[]) => unknown).bind(target) : value;
    },
  });
}

const migrateOnly = async (db: PgliteDb): Promise<void> => {
  await migrate(db);
};

/**
 * Writes a migrated database (the cached dump) into `dataDir` — the `<DATA_DIR>/pglite` of a server — so a server
 * started on it skips initialising PGlite and applying the migrations. For tests about what happens after the first
 * start (administrator, durability); the first start itself is tested on an empty directory.
 */
export async function seedMigratedDataDir(dataDir: string): Promise<void> {
  await writeDumpToDataDir(await cachedDump('migrated', migrateOnly), dataDir);
}

/** Writes a PGlite dump into a data directory (a server's `<DATA_DIR>/pglite`). */
export async function writeDumpToDataDir(dump: Blob, dataDir: string): Promise<void> {
  const db = await PgliteDb.open({ dataDir, loadDataDir: dump });
  await db.close();
}
