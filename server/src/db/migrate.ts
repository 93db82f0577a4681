/**
 * Applies the numbered SQL migrations in sql/migrations at start-up and records each one.
 *
 * Glossary:
 * - migration: a file NNNN_<verb>_<object>.sql, forward-only, applied once, in number order.
 * - record: a row of schema_migration (version, name, checksum) written in the same transaction as the migration,
 *   so a migration is either wholly applied and recorded or not at all.
 *
 * Start-up refuses (StartupError) rather than guess when the database and the code disagree:
 * a recorded migration whose file changed (edited), a recorded migration this code does not know (database newer
 * than the code), a gap in the recorded sequence (half-applied history), or tables without any migration history.
 */
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Db } from './engine';
import { StartupError } from './startup-error';

export const MIGRATIONS_DIR = fileURLToPath(new URL('../../../sql/migrations/', import.meta.url));

export interface Migration {
  version: number;
  name: string;
  checksum: string;
  sql: string;
}

export interface MigrationState {
  applied: number;
  pending: number;
  latest: number | null;
}

const FILE_PATTERN = /^(\d{4})_([a-z0-9_]+)\.sql$/;

export function loadMigrations(dir: string = MIGRATIONS_DIR): Migration[] {
  const migrations = fs
    .readdirSync(dir)
    .filter((file) => file.endsWith('.sql'))
    .map((file) => {
      const match = FILE_PATTERN.exec(file);
      if (!match) throw new Error(`Migration file name ${file} does not match NNNN_<verb>_<object>.sql`);
      const sql = fs.readFileSync(path.join(dir, file), 'utf8').replaceAll('\r\n', '\n');
      return {
        version: Number(match[1]),
        name: match[2] as string,
        checksum: createHash('sha256').update(sql).digest('hex'),
        sql,
      };
    })
    .sort((a, b) => a.version - b.version);
  migrations.forEach((migration, index) => {
    if (migration.version !== index + 1) {
      throw new Error(
        `Migrations must be numbered 0001, 0002, … without gaps; found ${pad(migration.version)} at position ${index + 1}`,
      );
    }
  });
  return migrations;
}

interface AppliedRow {
  version: number;
  name: string;
  checksum: string;
}

const CREATE_TABLE = `
CREATE TABLE IF NOT EXISTS schema_migration (
  version     integer PRIMARY KEY,
  name        text NOT NULL,
  checksum    text NOT NULL,
  applied_at  timestamptz NOT NULL DEFAULT now(),
  duration_ms integer NOT NULL
);
COMMENT ON TABLE schema_migration IS 'Migrations applied to this database, written by the migration runner.';
COMMENT ON COLUMN schema_migration.version IS 'Migration number (NNNN in the file name).';
COMMENT ON COLUMN schema_migration.name IS 'Migration name (the rest of the file name).';
COMMENT ON COLUMN schema_migration.checksum IS 'SHA-256 of the file as applied; start-up refuses if the file changed since.';
COMMENT ON COLUMN schema_migration.applied_at IS 'When it was applied.';
COMMENT ON COLUMN schema_migration.duration_ms IS 'How long it took.';
`;

/** Compares recorded history with the files; throws StartupError on any disagreement. Returns the pending ones. */
export function planMigrations(applied: AppliedRow[], migrations: Migration[]): Migration[] {
  const known = new Map(migrations.map((m) => [m.version, m]));
  const sorted = [...applied].sort((a, b) => a.version - b.version);
  for (const row of sorted) {
    const file = known.get(row.version);
    if (!file) {
      throw new StartupError(
        'MIGRATION_UNKNOWN',
        `The database has migration ${pad(row.version)}_${row.name}, which this version of the code does not have: ` +
          'the database was written by a newer version. Run that version (or restore a backup made for this one).',
      );
    }
    if (file.checksum !== row.checksum || file.name !== row.name) {
      throw new StartupError(
        'MIGRATION_EDITED',
        `Migration ${pad(row.version)}_${row.name} was changed after it was applied to this database. ` +
          'Applied migrations must never be edited: restore the original file and put the change in a new migration.',
      );
    }
  }
  sorted.forEach((row, index) => {
    if (row.version !== index + 1) {
      throw new StartupError(
        'MIGRATION_GAP',
        `The database records migration ${pad(row.version)} but not ${pad(index + 1)}: its schema history is half-applied. ` +
          'Nothing was changed. Restore the database from a backup.',
      );
    }
  });
  return migrations.slice(sorted.length);
}

async function readApplied(db: Db): Promise<AppliedRow[] | null> {
  const { rows } = await db.query<{ exists: boolean }>(
    "SELECT to_regclass('public.schema_migration') IS NOT NULL AS exists",
  );
  if (!rows[0]?.exists) return null;
  return (await db.query<AppliedRow>('SELECT version, name, checksum FROM schema_migration ORDER BY version'))
    .rows;
}

/** Tables in public other than PostGIS's own: present means the database is not empty. */
async function userTables(db: Db): Promise<string[]> {
  const { rows } = await db.query<{ table_name: string }>(
    `SELECT table_name FROM information_schema.tables
     WHERE table_schema = 'public' AND table_name NOT IN ('spatial_ref_sys', 'geography_columns', 'geometry_columns')
     ORDER BY table_name`,
  );
  return rows.map((r) => r.table_name);
}

export async function migrationState(
  db: Db,
  migrations: Migration[] = loadMigrations(),
): Promise<MigrationState> {
  const applied = (await readApplied(db)) ?? [];
  return {
    applied: applied.length,
    pending: Math.max(0, migrations.length - applied.length),
    latest: applied.length ? Math.max(...applied.map((a) => a.version)) : null,
  };
}

export interface MigrateLog {
  info(obj: object, msg: string): void;
}

export async function migrate(
  db: Db,
  log?: MigrateLog,
  migrations: Migration[] = loadMigrations(),
): Promise<number> {
  let applied = await readApplied(db);
  if (applied === null) {
    const tables = await userTables(db);
    if (tables.length > 0) {
      throw new StartupError(
        'MIGRATION_UNTRACKED',
        `The database already has tables (${tables.slice(0, 5).join(', ')}${tables.length > 5 ? ', …' : ''}) ` +
          'but no migration history: it was not created by this application. Nothing was changed. ' +
          'Use an empty database, or another DATABASE_URL / DATA_DIR.',
      );
    }
    await db.exec(CREATE_TABLE);
    applied = [];
  }
  const pending = planMigrations(applied, migrations);
  for (const migration of pending) {
    const started = Date.now();
    await db.transaction(async (tx) => {
      if (db.engine === 'postgres') {
        // Two servers starting together: the second waits, then finds the migration recorded and stops.
        await tx.query('SELECT pg_advisory_xact_lock(727274, $1)', [migration.version]);
        const done = await tx.query('SELECT 1 FROM schema_migration WHERE version = $1', [migration.version]);
        if (done.rows.length > 0) return;
      }
      try {
        await tx.exec(migration.sql);
      } catch (error) {
        throw explainMigrationFailure(migration, error);
      }
      await tx.query(
        'INSERT INTO schema_migration (version, name, checksum, duration_ms) VALUES ($1, $2, $3, $4)',
        [migration.version, migration.name, migration.checksum, Date.now() - started],
      );
    });
    log?.info(
      { migration: `${pad(migration.version)}_${migration.name}`, ms: Date.now() - started },
      'migration applied',
    );
  }
  return pending.length;
}

function explainMigrationFailure(migration: Migration, error: unknown): Error {
  const message = error instanceof Error ? error.message : String(error);
  if (
    /extension "postgis".*(not available|could not open)/i.test(message) ||
    /postgis.control/i.test(message)
  ) {
    return new StartupError(
      'POSTGIS_MISSING',
      'PostGIS is not installed on this PostgreSQL server. Install it (Debian/Ubuntu: apt-get install -y ' +
        'postgresql-15-postgis-3, matching your PostgreSQL version) and start again. Nothing was changed.',
    );
  }
  return new Error(
    `Migration ${pad(migration.version)}_${migration.name} failed and was rolled back: ${message}`,
    {
      cause: error,
    },
  );
}

function pad(version: number): string {
  return String(version).padStart(4, '0');
}
