/**
 * `npm run restore -- FILE`: restores a backup made by `npm run backup` into an EMPTY database — never over data:
 * - PostgreSQL (DATABASE_URL): the database must have no tables (create a new one and point DATABASE_URL at it);
 *   pg_restore loads the dump.
 * - Embedded (DATA_DIR): DATA_DIR/pglite must not exist yet (or be empty); the tarball becomes it.
 * Afterwards the migrations of this version of the code are applied, so an older backup is brought up to date.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { loadConfig } from '../config';
import { migrate } from '../db/migrate';
import { PgDb, redact } from '../db/pg-engine';
import { PgliteDb } from '../db/pglite-engine';

function fail(message: string): never {
  process.stderr.write(`\n恢复失败 / Restore failed: ${message}\n\n`);
  process.exit(1);
}

async function restorePostgres(url: string, file: string): Promise<void> {
  const db = await PgDb.open({ connectionString: url, max: 1 });
  try {
    const { rows } = await db.query<{ n: number }>(
      `SELECT count(*) AS n FROM information_schema.tables WHERE table_schema = 'public' AND table_name <> 'spatial_ref_sys'`,
    );
    if ((rows[0]?.n ?? 0) > 0)
      fail(`${redact(url)} is not empty; restore into a new, empty database (nothing was changed)`);
  } finally {
    await db.close();
  }
  const result = spawnSync('pg_restore', ['--no-owner', '--exit-on-error', `--dbname=${url}`, file], {
    stdio: ['ignore', 'inherit', 'pipe'],
    encoding: 'utf8',
  });
  if (result.error)
    fail('pg_restore was not found: install the PostgreSQL client tools (Debian: postgresql-client).');
  if (result.status !== 0) fail(`pg_restore failed: ${result.stderr.trim()}`);
  const restored = await PgDb.open({ connectionString: url, max: 1 });
  try {
    await migrate(restored);
  } finally {
    await restored.close();
  }
}

async function restorePglite(dataDir: string, file: string): Promise<void> {
  if (fs.existsSync(dataDir) && fs.readdirSync(dataDir).length > 0) {
    fail(
      `${dataDir} already holds a database; set DATA_DIR to a new directory to restore into (nothing was changed)`,
    );
  }
  const db = await PgliteDb.open({ dataDir, loadDataDir: new Blob([fs.readFileSync(file)]) });
  try {
    await migrate(db);
  } finally {
    await db.close();
  }
}

async function main(): Promise<void> {
  const file = process.argv.slice(2).find((arg) => !arg.startsWith('--'));
  if (!file) fail('name the backup file: npm run restore -- FILE');
  if (!fs.existsSync(file)) fail(`${file} does not exist`);
  const config = loadConfig();
  if (config.DATABASE_URL) await restorePostgres(config.DATABASE_URL, path.resolve(file));
  else await restorePglite(path.join(config.DATA_DIR, 'pglite'), path.resolve(file));
  process.stdout.write(
    `恢复完成 / Restored ${file} into ${config.DATABASE_URL ? redact(config.DATABASE_URL) : path.join(config.DATA_DIR, 'pglite')}\n`,
  );
}

main().catch((error: unknown) => fail(error instanceof Error ? error.message : String(error)));
