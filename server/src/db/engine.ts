/**
 * The database boundary: one small interface over two engines.
 *
 * - `pglite`: embedded PostgreSQL + PostGIS in WebAssembly, persisted in a data directory (or in memory for tests).
 * - `postgres`: a real PostgreSQL ≥ 15 with PostGIS ≥ 3.3, reached through DATABASE_URL.
 *
 * Both return the same JavaScript types (see type-parsers.ts), run the same migrations and pass the same tests.
 */

export type EngineName = 'pglite' | 'postgres';

export interface QueryResult<R> {
  rows: R[];
  /** Rows inserted, updated or deleted by the statement (0 for SELECT on PGlite). */
  rowCount: number;
}

export interface Queryable {
  /** Runs one parameterised statement ($1, $2 … placeholders). */
  query<R = Record<string, unknown>>(text: string, params?: readonly unknown[]): Promise<QueryResult<R>>;
  /** Runs a script of several statements without parameters (migrations). */
  exec(sql: string): Promise<void>;
}

export type Tx = Queryable;

export interface TransactionOptions {
  /** Recorded as author (created_by/updated_by) of every row written in the transaction. */
  user?: string;
  /** Abort statements that run longer than this (PostgreSQL only; PGlite has no timer). */
  statementTimeoutMs?: number;
  readOnly?: boolean;
  /** Run as this database role (SET LOCAL ROLE), e.g. the unprivileged role row-level security applies to. */
  role?: string;
  /** Transaction-local settings (set_config(name, value, true)), e.g. the account's grids for the policies. */
  settings?: Readonly<Record<string, string>>;
}

export interface ReadOptions {
  /** Abort the statement after this long (PostgreSQL only; PGlite has no timer). */
  statementTimeoutMs?: number;
  /** Role, author and settings as in TransactionOptions; when given, the read runs in its own transaction. */
  role?: string;
  user?: string;
  settings?: Readonly<Record<string, string>>;
}

export interface Db extends Queryable {
  readonly engine: EngineName;
  /**
   * One read-only statement with a time limit, in a single round trip (no BEGIN/COMMIT): the hot read path of
   * tiles. On PostgreSQL it runs on sessions opened read-only with that statement_timeout; on PGlite it is a plain
   * query (single-threaded, no timers; the statements using it only read).
   */
  read<R = Record<string, unknown>>(
    text: string,
    params: readonly unknown[],
    options?: ReadOptions,
  ): Promise<QueryResult<R>>;
  /** Runs fn in one transaction: committed when fn resolves, rolled back when it throws. */
  transaction<T>(fn: (tx: Tx) => Promise<T>, options?: TransactionOptions): Promise<T>;
  close(): Promise<void>;
}

/** Settings applied to every session so both engines format values identically. */
export const SESSION_SETTINGS =
  "SET TIME ZONE 'UTC'; SET datestyle = 'ISO, YMD'; SET intervalstyle = 'iso_8601'";

/** Statements to run right after BEGIN to apply the options (shared by both engines). */
export function transactionSettings(options: TransactionOptions, engine: EngineName): string[] {
  const statements: string[] = [];
  if (options.readOnly) statements.push('SET TRANSACTION READ ONLY');
  if (options.role !== undefined) statements.push(`SET LOCAL ROLE ${quoteIdentifier(options.role)}`);
  if (options.user !== undefined)
    statements.push(`SELECT set_config('app.user', ${quoteLiteral(options.user)}, true)`);
  for (const [name, value] of Object.entries(options.settings ?? {})) {
    if (!/^app\.[a-z_]+$/.test(name)) throw new Error(`setting ${name} is not an app.* setting`);
    statements.push(`SELECT set_config(${quoteLiteral(name)}, ${quoteLiteral(value)}, true)`);
  }
  // PGlite runs single-threaded in WebAssembly without timers, so a statement timeout cannot fire there.
  if (options.statementTimeoutMs !== undefined && engine === 'postgres') {
    statements.push(`SET LOCAL statement_timeout = ${Math.max(1, Math.floor(options.statementTimeoutMs))}`);
  }
  return statements;
}

export function quoteIdentifier(name: string): string {
  if (!/^[a-z_][a-z0-9_]*$/.test(name)) throw new Error(`${name} is not a plain identifier`);
  return `"${name}"`;
}

/** Quotes a string as an SQL literal; used only where a protocol cannot take parameters (BEGIN preambles). */
export function quoteLiteral(value: string): string {
  if (value.includes('\0')) throw new Error('NUL byte in SQL literal');
  return `'${value.replaceAll("'", "''")}'`;
}
