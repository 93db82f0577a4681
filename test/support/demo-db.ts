/**
 * A test database with the scale-1 demo county loaded, on the engine chosen by TEST_ENGINE:
 * - pglite: an in-memory database started from a cached dump (only the first run pays the ~15 s load). The cache is
 *   keyed on the demo's data digest and the loader's source, so a changed generator or loader rebuilds it.
 * - postgres: the shared TEST_DATABASE_URL database, where global-setup.ts loaded the demo once before any worker
 *   started (so parallel workers never race to load it).
 * Tests must not change demo rows: other test files read them. Create your own rows (fixtures.ts) to write.
 */
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { Db } from '../../server/src/db/engine';
import { migrate } from '../../server/src/db/migrate';
import { PgDb } from '../../server/src/db/pg-engine';
import { PgliteDb } from '../../server/src/db/pglite-engine';
import { DEMO_COUNTY_CODE } from '../../server/src/domain/demo/county';
import { generateDemo } from '../../server/src/domain/demo/generate';
import { loadedGenerator } from '../../server/src/modules/demo/demo.repository';
import { DemoCountyExistsError, demoDigest, loadDemo } from '../../server/src/modules/demo/demo.service';
import {
  CACHE_DIR,
  cachedDump,
  pgliteCachePath,
  sharedPglite,
  testDatabaseUrl,
  testEngine,
  writeDumpToDataDir,
} from './test-db';

const LOADER_FILES = [
  'server/src/modules/demo/demo.repository.ts',
  'server/src/modules/demo/demo.service.ts',
  'server/src/modules/demo/demo-history.repository.ts',
  'server/src/domain/demo/history.ts',
];

let digest: string | undefined;

/** Digest of the demo the current code generates (computed once per process: generation takes a second or two). */
export function currentDemoDigest(): string {
  digest ??= demoDigest(generateDemo());
  return digest;
}

function cachePurpose(): string {
  const hash = createHash('sha256').update(currentDemoDigest());
  for (const file of LOADER_FILES) hash.update(fs.readFileSync(file));
  return `demo-1-${hash.digest('hex').slice(0, 12)}`;
}

/** Removes cached demo dumps of other generator or loader versions (they are 10+ MB each). */
function pruneOldDumps(keep: string): void {
  for (const file of fs.existsSync(CACHE_DIR) ? fs.readdirSync(CACHE_DIR) : []) {
    if (file.startsWith('pglite-demo-1-') && path.join(CACHE_DIR, file) !== keep)
      fs.rmSync(path.join(CACHE_DIR, file), { force: true });
  }
}

/** Makes sure the shared PostgreSQL test database holds the current demo (global setup, once per run). */
export async function ensureDemoInTestDatabase(db: Db): Promise<void> {
  let loaded = await loadedGenerator(db, DEMO_COUNTY_CODE);
  if (!loaded) {
    try {
      await loadDemo(db);
      return;
    } catch (error) {
      if (!(error instanceof DemoCountyExistsError)) throw error;
      loaded = await loadedGenerator(db, DEMO_COUNTY_CODE); // another process loaded it meanwhile
    }
  }
  if (loaded?.digest !== currentDemoDigest()) {
    throw new Error(
      `The test database ${new URL(testDatabaseUrl()).pathname.slice(1)} holds a demo county made by an older generator ` +
        `(digest ${String(loaded?.digest).slice(0, 12)}…, now ${currentDemoDigest().slice(0, 12)}…). ` +
        'Drop and recreate that database (dropdb/createdb) and run the tests again.',
    );
  }
}

/** A migrated database with the scale-1 demo county loaded. Close it in afterAll. */
export async function openDemoTestDb(): Promise<Db> {
  if (testEngine() === 'postgres') {
    const db = await PgDb.open({ connectionString: testDatabaseUrl(), max: 4 });
    await migrate(db); // no-op after global setup
    await ensureDemoInTestDatabase(db); // no-op after global setup; lets a single file run on its own
    return db;
  }
  return sharedPglite('demo', async () => PgliteDb.open({ loadDataDir: await demoDump() }));
}

/** The demo county's cached PGlite dump (migrated and loaded on a fresh PGlite first if missing). */
export async function demoDump(): Promise<Blob> {
  const purpose = cachePurpose();
  const dump = await cachedDump(purpose, async (fresh) => {
    await migrate(fresh);
    await loadDemo(fresh);
  });
  pruneOldDumps(pgliteCachePath(purpose));
  return dump;
}

/**
 * Writes the demo county's database (the cached dump; built first if missing) into `dataDir`, the
 * `<DATA_DIR>/pglite` of a server, so the end-to-end server on PGlite starts in seconds instead of migrating and
 * loading the demo. The loading itself is tested here (demo.test.ts) and by the end-to-end run on PostgreSQL, whose
 * server loads the demo into an empty database as `npm start` does.
 */
export async function seedDemoDataDir(dataDir: string): Promise<void> {
  await writeDumpToDataDir(await demoDump(), dataDir);
}
