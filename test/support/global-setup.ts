/**
 * Runs once before the integration project: migrates the PostgreSQL test database and loads the demo county into it
 * (once, so parallel workers never race to load it), or warms the PGlite caches — the migrated dump and the demo
 * county's dump — so that two workers never build the same dump at the same time.
 */
import { migrate } from '../../server/src/db/migrate';
import { PgDb } from '../../server/src/db/pg-engine';
import { demoDump, ensureDemoInTestDatabase } from './demo-db';
import { openTestDb, testDatabaseUrl, testEngine } from './test-db';

export default async function setup(): Promise<void> {
  if (testEngine() === 'postgres') {
    const db = await PgDb.open({ connectionString: testDatabaseUrl(), max: 1 });
    try {
      await migrate(db);
      await ensureDemoInTestDatabase(db);
    } finally {
      await db.close();
    }
    return;
  }
  const db = await openTestDb(); // builds the cached, migrated PGlite dump once for all workers
  await db.close();
  await demoDump(); // and the demo county's dump, which nine files open
}
