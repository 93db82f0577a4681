/**
 * The server engine: a real PostgreSQL (≥ 15) with PostGIS (≥ 3.3) through node-postgres, selected by DATABASE_URL.
 */
import pg from 'pg';
import {
  type Db,
  type QueryResult,
  type ReadOptions,
  type TransactionOptions,
  type Tx,
  transactionSettings,
} from './engine';
import { VALUE_PARSERS } from './type-parsers';
import { StartupError } from './startup-error';

export interface PgOptions {
  connectionString: string;
  /** Pool size; tiles and API share it. */
  max?: number;
}

const typeParsers = {
  getTypeParser(oid: number, format?: string) {
    const parser = VALUE_PARSERS[oid];
    if (parser !== undefined && format !== 'binary') return parser;
    return pg.types.getTypeParser(oid, format as 'text');
  },
};

function wrapClient(client: pg.PoolClient | pg.Pool) {
  return {
    async query<R>(text: string, params: readonly unknown[] = []): Promise<QueryResult<R>> {
      const result = await client.query(text, params as unknown[]);
      return { rows: result.rows as R[], rowCount: result.rowCount ?? 0 };
    },
    async exec(sql: string): Promise<void> {
      await client.query(sql); // simple-query protocol: several statements are allowed without parameters
    },
  };
}

// Same formatting as the embedded engine; JIT off because it adds tens of ms to every tile query.
const SESSION_OPTIONS = '-c TimeZone=UTC -c DateStyle=ISO,YMD -c IntervalStyle=iso_8601 -c jit=off';

function createPool(options: PgOptions, extraSessionOptions = ''): pg.Pool {
  const pool = new pg.Pool({
    connectionString: options.connectionString,
    max: options.max ?? 10,
    types: typeParsers,
    options: `${SESSION_OPTIONS}${extraSessionOptions}`,
    application_name: 'nongan-one-map',
  });
  // An idle client that loses its connection must not crash the process; the next query reconnects.
  pool.on('error', () => {});
  return pool;
}

export class PgDb implements Db {
  readonly engine = 'postgres' as const;
  private closed = false;
  /** Pools of read-only sessions, one per statement timeout in use (in practice one: the tiles'). */
  private readonly readPools = new Map<number, pg.Pool>();

  private constructor(
    private readonly pool: pg.Pool,
    private readonly options: PgOptions,
  ) {}

  read<R = Record<string, unknown>>(
    text: string,
    params: readonly unknown[],
    options: ReadOptions = {},
  ): Promise<QueryResult<R>> {
    if (options.role !== undefined || options.settings !== undefined || options.user !== undefined)
      return this.transaction((tx) => tx.query<R>(text, params), { ...options, readOnly: true });
    const timeout = Math.max(0, Math.floor(options.statementTimeoutMs ?? 0));
    let pool = this.readPools.get(timeout);
    if (pool === undefined) {
      pool = createPool(this.options, ` -c default_transaction_read_only=on -c statement_timeout=${timeout}`);
      this.readPools.set(timeout, pool);
    }
    return wrapClient(pool).query<R>(text, params);
  }

  static async open(options: PgOptions): Promise<PgDb> {
    const pool = createPool(options);
    try {
      await pool.query('SELECT 1');
    } catch (error) {
      await pool.end().catch(() => {});
      throw new StartupError(
        'DATABASE_UNREACHABLE',
        `Cannot connect to PostgreSQL at ${redact(options.connectionString)}: ${(error as Error).message}. ` +
          'Check that the server runs and DATABASE_URL is right, or unset DATABASE_URL to use the embedded database.',
      );
    }
    return new PgDb(pool, options);
  }

  query<R = Record<string, unknown>>(text: string, params?: readonly unknown[]): Promise<QueryResult<R>> {
    return wrapClient(this.pool).query<R>(text, params);
  }

  exec(sql: string): Promise<void> {
    return wrapClient(this.pool).exec(sql);
  }

  async transaction<T>(fn: (tx: Tx) => Promise<T>, options: TransactionOptions = {}): Promise<T> {
    const client = await this.pool.connect();
    let broken = false;
    try {
      // One round trip opens the transaction with its settings (simple-query protocol, no parameters).
      await client.query(['BEGIN', ...transactionSettings(options, this.engine)].join('; '));
      const result = await fn(wrapClient(client));
      await client.query('COMMIT');
      return result;
    } catch (error) {
      try {
        await client.query('ROLLBACK');
      } catch {
        broken = true; // the connection itself failed: do not return it to the pool
      }
      throw error;
    } finally {
      client.release(broken);
    }
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await Promise.all([this.pool.end(), ...[...this.readPools.values()].map((pool) => pool.end())]);
  }
}

/** Hides the password of a connection string in messages and logs. */
export function redact(connectionString: string): string {
  try {
    const url = new URL(connectionString);
    if (url.password) url.password = '***';
    return url.toString();
  } catch {
    return '(unparseable DATABASE_URL)';
  }
}
