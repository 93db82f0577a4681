/** Opens the engine the configuration asks for: PostgreSQL when DATABASE_URL is set, else embedded PGlite. */
import path from 'node:path';
import type { Db } from './engine';
import { PgDb } from './pg-engine';
import { PgliteDb } from './pglite-engine';

export interface DbConfig {
  DATABASE_URL?: string | undefined;
  DATA_DIR: string;
}

export async function openDb(config: DbConfig): Promise<Db> {
  if (config.DATABASE_URL) return PgDb.open({ connectionString: config.DATABASE_URL });
  return PgliteDb.open({ dataDir: path.join(config.DATA_DIR, 'pglite') });
}

export interface DbInfo {
  engine: Db['engine'];
  postgres: string;
  postgis: string;
}

export async function dbInfo(db: Db): Promise<DbInfo> {
  const { rows } = await db.query<{ postgres: string; postgis: string | null }>(
    `SELECT current_setting('server_version') AS postgres,
            (SELECT extversion FROM pg_extension WHERE extname = 'postgis') AS postgis`,
  );
  return {
    engine: db.engine,
    postgres: rows[0]?.postgres ?? 'unknown',
    postgis: rows[0]?.postgis ?? 'not installed',
  };
}
