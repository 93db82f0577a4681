/**
 * The single choke point of jurisdictions (issue 9): a Db whose every statement runs inside a transaction that
 * switches to the unprivileged role `nongan_app` — the role PostgreSQL's row-level security applies to — with the
 * account's grids, name and request id as transaction-local settings read by the policies and the audit log.
 *
 * The scope comes from the request (AsyncLocalStorage, set once the account is known); route code receives only
 * this Db and never the unscoped one, so it cannot forget the jurisdiction or step around it. Without a scope a
 * statement is refused: that is a programming error, not a default to "everything".
 */
import { AsyncLocalStorage } from 'node:async_hooks';
import type { Db, QueryResult, ReadOptions, TransactionOptions, Tx } from './engine';

export const APP_ROLE = 'nongan_app';

export interface Scope {
  /** Recorded as author of writes and as actor in the audit log. */
  user: string;
  /** Grids whose rows may be read and written (the jurisdiction and everything under it); 'all' for administrators. */
  grids: readonly number[] | 'all';
  /** Grids that may be read besides (the jurisdiction's parents, for context); 'all' for administrators. */
  readGrids: readonly number[] | 'all';
  /** The jurisdiction itself: owner of rows registered without a place; null for administrators. */
  homeGrid: number | null;
  /** May read the audit log. */
  audit: boolean;
  /** Identifies what this scope can see (for caches and ETags that differ by jurisdiction). */
  key: string;
  requestId?: string;
}

export const scopeStorage = new AsyncLocalStorage<Scope>();

export class MissingScopeError extends Error {
  constructor() {
    super('database access outside a request scope: route code must run after the account is resolved');
  }
}

function settingsOf(scope: Scope): Record<string, string> {
  const list = (grids: readonly number[] | 'all') => (grids === 'all' ? '' : grids.join(','));
  return {
    'app.all_grids': scope.grids === 'all' ? 'on' : 'off',
    'app.grid_ids': list(scope.grids),
    'app.read_all_grids': scope.readGrids === 'all' ? 'on' : 'off',
    'app.read_grid_ids': list(scope.readGrids),
    'app.home_grid': scope.homeGrid === null ? '' : String(scope.homeGrid),
    'app.audit': scope.audit ? 'on' : 'off',
    'app.request_id': scope.requestId ?? '',
  };
}

export function scopedDb(db: Db): Db {
  const options = (extra: TransactionOptions = {}): TransactionOptions => {
    const scope = scopeStorage.getStore();
    if (!scope) throw new MissingScopeError();
    // The scope's account is the author, whatever the caller passed.
    return { ...extra, role: APP_ROLE, user: scope.user, settings: settingsOf(scope) };
  };
  return {
    engine: db.engine,
    query<R>(text: string, params?: readonly unknown[]): Promise<QueryResult<R>> {
      return db.transaction((tx) => tx.query<R>(text, params), options());
    },
    exec(sql: string): Promise<void> {
      return db.transaction((tx) => tx.exec(sql), options());
    },
    read<R>(
      text: string,
      params: readonly unknown[],
      readOptions: ReadOptions = {},
    ): Promise<QueryResult<R>> {
      return db.read<R>(text, params, { ...readOptions, ...options() });
    },
    transaction<T>(fn: (tx: Tx) => Promise<T>, extra?: TransactionOptions): Promise<T> {
      return db.transaction(fn, options(extra));
    },
    close: () => Promise.reject(new Error('the request-scoped database cannot be closed')),
  };
}
