/**
 * Runs code as the app runs a request of an account whose jurisdiction is one grid: through scopedDb under that
 * scope (role nongan_app, the grid as its write and read jurisdiction), the app's own choke point of jurisdictions,
 * so a test of row-level security sees what such an account's requests see.
 */
import type { Db } from '../../server/src/db/engine';
import { type Scope, scopedDb, scopeStorage } from '../../server/src/db/scoped-db';

export function asAccountOf<T>(db: Db, grid: number, fn: (scoped: Db) => Promise<T>): Promise<T> {
  const scope: Scope = {
    user: `test-grid-${grid}`,
    grids: [grid],
    readGrids: [grid],
    homeGrid: grid,
    audit: false,
    key: `grid:${grid}`,
  };
  return scopeStorage.run(scope, () => fn(scopedDb(db)));
}
