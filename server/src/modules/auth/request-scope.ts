/**
 * The one choke point of issue 9, in two parts that every request behind /api (except logins and health), /tiles
 * and /ogc passes through:
 *
 * 1. `requestScope(db)` resolves the account's jurisdiction into grid sets and runs the rest of the request inside
 *    that scope (AsyncLocalStorage). Route code only ever holds `scopedDb(db)`, whose statements run as the role
 *    nongan_app with those sets as settings, so PostgreSQL's row-level security (migration 0020) limits every
 *    read and write — lists, cards, exports, analyses, OGC features and vector tiles alike.
 * 2. `requireRoutePermission()` checks the account's role against one table of permissions by method and path, so
 *    a new endpoint is refused until it is listed (state-changing requests default to `settings.edit`).
 */
import { createHash } from 'node:crypto';
import type { RequestHandler } from 'express';
import type { Permission } from '../../../contracts/auth';
import type { Db } from '../../db/engine';
import { type Scope, scopeStorage } from '../../db/scoped-db';
import { AppError } from '../../http/app-error';

interface GridSets {
  write: number[];
  read: number[];
}

/** The jurisdiction, every grid under it (write) and, for reading, its ancestors too. */
export async function gridSetsOf(db: Db, jurisdictionId: number): Promise<GridSets> {
  const { rows } = await db.query<{ id: number; below: boolean }>(
    `WITH RECURSIVE below AS (
       SELECT id FROM grid_unit WHERE id = $1
       UNION SELECT g.id FROM grid_unit g JOIN below b ON g.parent_id = b.id
     ), above AS (
       SELECT parent_id AS id FROM grid_unit WHERE id = $1 AND parent_id IS NOT NULL
       UNION SELECT g.parent_id FROM grid_unit g JOIN above a ON g.id = a.id WHERE g.parent_id IS NOT NULL
     )
     SELECT id::int, true AS below FROM below UNION ALL SELECT id::int, false FROM above`,
    [jurisdictionId],
  );
  const write = rows.filter((r) => r.below).map((r) => r.id);
  return { write, read: rows.map((r) => r.id) };
}

/** Runs the rest of the request in the account's scope; requests without an account get no scope. */
export function requestScope(db: Db): RequestHandler {
  return async (req, _res, next) => {
    const account = req.auth?.account;
    if (!account) return next();
    try {
      let scope: Scope;
      const base = {
        user: account.username,
        audit: account.permissions.includes('audit.read'),
        requestId: String(req.id ?? ''),
      };
      if (account.jurisdiction === null) {
        scope = { ...base, grids: 'all', readGrids: 'all', homeGrid: null, key: 'all' };
      } else {
        const sets = await gridSetsOf(db, account.jurisdiction.id);
        const key = createHash('sha256')
          .update(`${sets.write.join(',')}|${sets.read.join(',')}`)
          .digest('hex')
          .slice(0, 16);
        scope = {
          ...base,
          grids: sets.write,
          readGrids: sets.read,
          homeGrid: account.jurisdiction.id,
          key,
        };
      }
      scopeStorage.run(scope, () => next());
    } catch (error) {
      next(error);
    }
  };
}

type Rule = readonly [methods: 'read' | 'write', pattern: RegExp, permission: Permission | Permission[]];

/**
 * Permissions by method and path (relative to /api), first match wins. Reads need `read`; writes need what
 * their row says. A state-changing path missing here needs `settings.edit` (administrators and county officials),
 * so a forgotten entry fails closed.
 */
export const ROUTE_PERMISSIONS: readonly Rule[] = [
  ['read', /^\/audit(\/|$)/, 'audit.read'],
  // The API's own description (OpenAPI document and its page): behind login like every other read.
  ['read', /^\/(openapi\.json|docs)$/, 'read'],
  ['read', /^\//, 'read'],
  // Computations and exports sent as POST bodies: reading, not writing.
  ['write', /^\/analysis\//, 'read'],
  ['write', /^\/print\//, 'read'],
  // Saved views are the account's own (row-level security keeps them so): anyone who may read may save them.
  ['write', /^\/views(\/|$)/, 'read'],
  ['write', /^\/grids\/preview$/, 'read'],
  ['write', /^\/grids\/[^/]+\/roster(\.xlsx)?$/, 'roster.edit'],
  ['write', /^\/grids\/[^/]+\/roster\//, 'roster.edit'],
  ['write', /^\/grids(\/|$)/, 'grids.edit'],
  ['write', /^\/registry\/settings$/, 'settings.edit'],
  ['write', /^\/(subjects|registry)(\/|$)/, 'registry.edit'],
  ['write', /^\/residue\/(rejudge|reference)(\/|$)/, 'settings.edit'],
  ['write', /^\/(residue|samples)(\/|$)/, 'samples.edit'],
  ['write', /^\/soil\/standards(\/|$)/, 'settings.edit'],
  ['write', /^\/soil\/runs(\/|$)/, ['analysis.run', 'soil.edit']],
  ['write', /^\/soil(\/|$)/, 'soil.edit'],
  ['write', /^\/patrols\/rules(\/|$)/, 'settings.edit'],
  ['write', /^\/patrols\/plans(\/|$)/, 'patrols.plan'],
  ['write', /^\/patrols(\/|$)/, 'patrols.record'],
  // Enforcement cases: opened by the inspectors who refer them (执法人员) and by county officials.
  ['write', /^\/cases(\/|$)/, ['patrols.record', 'settings.edit']],
  // Uploads and imports: what an import may write is checked again by its target and by the row policies.
  ['write', /^\/imports(\/|$)/, ['registry.edit', 'samples.edit', 'soil.edit', 'grids.edit', 'roster.edit']],
];

const SAFE = new Set(['GET', 'HEAD', 'OPTIONS']);

/** The permission(s) a request needs (any one of them suffices). */
export function permissionsFor(method: string, path: string): Permission[] {
  const kind = SAFE.has(method) ? 'read' : 'write';
  for (const [methods, pattern, permission] of ROUTE_PERMISSIONS)
    if (methods === kind && pattern.test(path)) return Array.isArray(permission) ? permission : [permission];
  return ['settings.edit'];
}

/** 401 without an account, 403 without the permission the route table names. */
export function requireRoutePermission(options: { basicRealm?: boolean } = {}): RequestHandler {
  return (req, res, next) => {
    const account = req.auth?.account;
    if (!account) {
      if (options.basicRealm) res.setHeader('WWW-Authenticate', 'Basic realm="nongan", charset="UTF-8"');
      return next(new AppError('UNAUTHENTICATED'));
    }
    const needed = permissionsFor(req.method, req.path);
    if (!needed.some((p) => account.permissions.includes(p)))
      return next(new AppError('FORBIDDEN', { permission: needed.join(' | ') }));
    next();
  };
}
