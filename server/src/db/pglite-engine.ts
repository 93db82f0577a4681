/**
 * The embedded engine: PGlite (PostgreSQL in WebAssembly) with the PostGIS extension.
 *
 * One process owns a data directory at a time (a lock file enforces it); the directory is never reset or
 * re-initialised behind the user's back: anything that does not look like a healthy PGlite directory stops start-up
 * with a message that says what to do.
 */
import fs from 'node:fs';
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { postgis } from '@electric-sql/pglite-postgis';
import {
  type Db,
  type QueryResult,
  type ReadOptions,
  type TransactionOptions,
  type Tx,
  SESSION_SETTINGS,
  transactionSettings,
} from './engine';
import { VALUE_PARSERS } from './type-parsers';
import { StartupError } from './startup-error';

export interface PgliteOptions {
  /** Directory holding the database files; undefined keeps everything in memory (tests). */
  dataDir?: string;
  /** A tarball from dumpDataDir() to start from (tests reuse an initialised database this way). */
  loadDataDir?: Blob;
}

type PgliteLike = Pick<PGlite, 'query' | 'exec' | 'transaction' | 'close' | 'dumpDataDir'>;

function wrapQueryable(target: Pick<PGlite, 'query' | 'exec'>) {
  return {
    async query<R>(text: string, params: readonly unknown[] = []): Promise<QueryResult<R>> {
      const result = await target.query<R>(text, params as unknown[]);
      return { rows: result.rows, rowCount: result.affectedRows ?? 0 };
    },
    async exec(sql: string): Promise<void> {
      await target.exec(sql);
    },
  };
}

export class PgliteDb implements Db {
  readonly engine = 'pglite' as const;
  private closed = false;

  private constructor(
    private readonly pg: PgliteLike,
    private readonly releaseLock: () => void,
  ) {}

  static async open(options: PgliteOptions = {}): Promise<PgliteDb> {
    const dataDir = options.dataDir === undefined ? undefined : path.resolve(options.dataDir);
    let releaseLock = () => {};
    if (dataDir !== undefined) {
      checkDataDir(dataDir);
      releaseLock = acquireLock(dataDir);
    }
    let pg: PGlite;
    try {
      pg = await PGlite.create({
        ...(dataDir === undefined ? {} : { dataDir }),
        ...(options.loadDataDir === undefined ? {} : { loadDataDir: options.loadDataDir }),
        extensions: { postgis },
        parsers: VALUE_PARSERS,
      });
      await pg.exec(SESSION_SETTINGS);
    } catch (error) {
      releaseLock();
      if (dataDir === undefined) throw error;
      throw new StartupError(
        'DATA_DIR_UNREADABLE',
        `The embedded database in ${dataDir} could not be opened (${describe(error)}). ` +
          'It may be corrupted or written by an incompatible version. Nothing was changed. ' +
          'Restore it from a backup, or move the directory aside to start with an empty database.',
      );
    }
    return new PgliteDb(pg, releaseLock);
  }

  query<R = Record<string, unknown>>(text: string, params?: readonly unknown[]): Promise<QueryResult<R>> {
    return wrapQueryable(this.pg).query<R>(text, params);
  }

  exec(sql: string): Promise<void> {
    return wrapQueryable(this.pg).exec(sql);
  }

  read<R = Record<string, unknown>>(
    text: string,
    params: readonly unknown[],
    options: ReadOptions = {},
  ): Promise<QueryResult<R>> {
    if (options.role !== undefined || options.settings !== undefined || options.user !== undefined)
      return this.transaction((tx) => tx.query<R>(text, params), { ...options, readOnly: true });
    return this.query<R>(text, params);
  }

  async transaction<T>(fn: (tx: Tx) => Promise<T>, options: TransactionOptions = {}): Promise<T> {
    // PGlite's own transaction() issues BEGIN and COMMIT/ROLLBACK; the options go in right after BEGIN.
    return this.pg.transaction(async (inner) => {
      const settings = transactionSettings(options, this.engine);
      if (settings.length) await inner.exec(settings.join('; '));
      return fn(wrapQueryable(inner));
    });
  }

  /** A tarball of the whole data directory (used to cache an initialised test database). */
  async dump(compression: 'none' | 'gzip' = 'none'): Promise<Blob> {
    return (await this.pg.dumpDataDir(compression)) as Blob;
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    try {
      await this.pg.close();
    } finally {
      this.releaseLock();
    }
  }
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** Refuses directories that exist but are not PGlite/PostgreSQL data directories. */
function checkDataDir(dataDir: string): void {
  if (!fs.existsSync(dataDir)) return;
  const stat = fs.statSync(dataDir);
  if (!stat.isDirectory()) {
    throw new StartupError(
      'DATA_DIR_INVALID',
      `${dataDir} exists but is not a directory. Set DATA_DIR to another path.`,
    );
  }
  const entries = fs.readdirSync(dataDir).filter((name) => name !== LOCK_FILE);
  if (entries.length === 0) return;
  if (!entries.includes('PG_VERSION')) {
    throw new StartupError(
      'DATA_DIR_INVALID',
      `${dataDir} is not empty and does not contain a database (no PG_VERSION file). ` +
        'Nothing was changed. Point DATA_DIR at the right directory, or at an empty one to start afresh.',
    );
  }
  for (const required of ['global', 'base']) {
    if (!entries.includes(required)) {
      throw new StartupError(
        'DATA_DIR_UNREADABLE',
        `The database in ${dataDir} is incomplete (${required}/ is missing): it may have been interrupted while ` +
          'being created or copied. Nothing was changed. Restore it from a backup or move it aside.',
      );
    }
  }
}

const LOCK_FILE = '.nongan.lock';

/** A pid lock so that two servers never open the same embedded database (which would corrupt it). */
function acquireLock(dataDir: string): () => void {
  fs.mkdirSync(dataDir, { recursive: true });
  const lockPath = path.join(dataDir, LOCK_FILE);
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      fs.writeFileSync(lockPath, String(process.pid), { flag: 'wx' });
      return () => fs.rmSync(lockPath, { force: true });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      const owner = Number(fs.readFileSync(lockPath, 'utf8').trim());
      if (Number.isInteger(owner) && owner > 0 && owner !== process.pid && isAlive(owner)) {
        throw new StartupError(
          'DATA_DIR_LOCKED',
          `The embedded database in ${dataDir} is in use by another process (pid ${owner}). ` +
            'Stop that server first, or set DATA_DIR to another directory.',
        );
      }
      fs.rmSync(lockPath, { force: true }); // stale lock left by a process that died
    }
  }
  throw new StartupError('DATA_DIR_LOCKED', `Could not lock ${dataDir}.`);
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
