/**
 * Saved views and their decks (issue 8, item 3). Every statement runs through the request-scoped database, so
 * row-level security (migration 0026) limits an account to its own views inside its jurisdiction: another
 * account's view is simply not found (404), and a view scoped to a grid outside the jurisdiction is refused (403).
 * Edits carry the version the client saw (409 on a stale one).
 */
import type { Tx } from '../../db/engine';
import type { Db } from '../../db/engine';
import { scopeStorage } from '../../db/scoped-db';
import { AppError } from '../../http/app-error';
import type { SavedView, ViewCreate, ViewPatch, ViewReorder, ViewState } from '../../../contracts/views';

const COLUMNS = `id, owner, grid_id AS "gridId", deck, position, name, state, version,
  updated_at AS "updatedAt", updated_by AS "updatedBy"`;

interface Locked {
  id: number;
  deck: string;
  version: number;
  updatedAt: string;
  updatedBy: string;
}

function notFound(id: number): AppError {
  return new AppError(
    'NOT_FOUND',
    { resource: 'view', id },
    { zh: `找不到视图 ${id}（或它不属于您）`, en: `No view ${id} of yours` },
  );
}

function conflict(current: Locked, yours: number): AppError {
  return new AppError(
    'VERSION_CONFLICT',
    {
      id: current.id,
      currentVersion: current.version,
      yourVersion: yours,
      updatedBy: current.updatedBy,
      updatedAt: current.updatedAt,
    },
    {
      zh: `视图 ${current.id} 已于 ${current.updatedAt} 被 ${current.updatedBy} 修改（版本 ${current.version}），请刷新后再操作`,
      en: `View ${current.id} was changed by ${current.updatedBy} at ${current.updatedAt} (version ${current.version}); reload first`,
    },
  );
}

/** The grids a view names must exist and be readable in the account's jurisdiction. */
async function checkGrids(tx: Tx, state: ViewState | undefined): Promise<void> {
  if (!state) return;
  const named: [string, number][] = [];
  if (state.parentId !== null) named.push(['parentId', state.parentId]);
  if (state.selectedGridId !== null) named.push(['selectedGridId', state.selectedGridId]);
  if (!named.length) return;
  const { rows } = await tx.query<{ id: number }>('SELECT id FROM grid_unit WHERE id = ANY($1::bigint[])', [
    named.map(([, id]) => id),
  ]);
  const seen = new Set(rows.map((r) => Number(r.id)));
  const missing = named.filter(([, id]) => !seen.has(id));
  if (missing.length)
    throw new AppError(
      'VALIDATION_FAILED',
      missing.map(([field, id]) => ({
        path: `body.state.${field}`,
        message: `网格 ${id} 不存在或不在您的辖区内 · Grid ${id} does not exist or is outside your jurisdiction`,
      })),
      {
        zh: '视图引用的网格不存在或不在您的辖区内',
        en: 'The view names a grid that does not exist or is outside your jurisdiction',
      },
    );
}

/** The scope grid of a new view: the one asked for, else the jurisdiction, else the top of the grid tree. */
async function scopeGrid(tx: Tx, asked: number | undefined): Promise<number> {
  if (asked !== undefined) return asked;
  const home = scopeStorage.getStore()?.homeGrid ?? null;
  if (home !== null) return home;
  const { rows } = await tx.query<{ id: number }>(
    'SELECT id FROM grid_unit WHERE parent_id IS NULL ORDER BY id LIMIT 1',
  );
  if (!rows[0])
    throw new AppError(
      'REFERENCE_NOT_FOUND',
      { field: 'gridId' },
      {
        zh: '还没有网格，无法保存视图',
        en: 'There are no grids yet, so a view cannot be saved',
      },
    );
  return Number(rows[0].id);
}

async function lock(tx: Tx, id: number): Promise<Locked> {
  const { rows } = await tx.query<Locked>(
    `SELECT id, deck, version, updated_at AS "updatedAt", updated_by AS "updatedBy"
     FROM saved_view WHERE id = $1 FOR UPDATE`,
    [id],
  );
  if (!rows[0]) throw notFound(id);
  return rows[0];
}

async function read(tx: Tx, id: number): Promise<SavedView> {
  const { rows } = await tx.query<SavedView>(`SELECT ${COLUMNS} FROM saved_view WHERE id = $1`, [id]);
  if (!rows[0]) throw notFound(id);
  return rows[0];
}

async function nextPosition(tx: Tx, deck: string): Promise<number> {
  const { rows } = await tx.query<{ next: number }>(
    `SELECT coalesce(max(position), 0)::int + 1 AS next FROM saved_view
     WHERE owner = app_current_user() AND deck = $1`,
    [deck],
  );
  return rows[0]!.next;
}

export async function listViews(db: Db, deck: string | undefined): Promise<SavedView[]> {
  const { rows } = await db.query<SavedView>(
    `SELECT ${COLUMNS} FROM saved_view
     WHERE owner = app_current_user() AND ($1::text IS NULL OR deck = $1)
     ORDER BY deck, position, id`,
    [deck ?? null],
  );
  return rows;
}

export function getView(db: Db, id: number): Promise<SavedView> {
  return db.transaction((tx) => read(tx, id));
}

export function createView(db: Db, body: ViewCreate & { state: ViewState }): Promise<SavedView> {
  return db.transaction(async (tx) => {
    await checkGrids(tx, body.state);
    const gridId = await scopeGrid(tx, body.gridId);
    const position = await nextPosition(tx, body.deck);
    const { rows } = await tx.query<{ id: number }>(
      `INSERT INTO saved_view (grid_id, deck, position, name, state) VALUES ($1, $2, $3, $4, $5::jsonb)
       RETURNING id`,
      [gridId, body.deck, position, body.name, JSON.stringify(body.state)],
    );
    return read(tx, Number(rows[0]!.id));
  });
}

export function updateView(
  db: Db,
  id: number,
  body: Omit<ViewPatch, 'state'> & { state?: ViewState },
): Promise<SavedView> {
  return db.transaction(async (tx) => {
    const current = await lock(tx, id);
    if (current.version !== body.version) throw conflict(current, body.version);
    await checkGrids(tx, body.state);
    const movesDeck = body.deck !== undefined && body.deck !== current.deck;
    const position = movesDeck ? await nextPosition(tx, body.deck!) : null;
    await tx.query(
      `UPDATE saved_view SET
         name = coalesce($2, name),
         deck = coalesce($3, deck),
         position = coalesce($4, position),
         grid_id = coalesce($5, grid_id),
         state = coalesce($6::jsonb, state)
       WHERE id = $1`,
      [
        id,
        body.name ?? null,
        body.deck ?? null,
        position,
        body.gridId ?? null,
        body.state ? JSON.stringify(body.state) : null,
      ],
    );
    return read(tx, id);
  });
}

export function deleteView(db: Db, id: number, version: number | undefined): Promise<void> {
  return db.transaction(async (tx) => {
    const current = await lock(tx, id);
    if (version === undefined)
      throw new AppError('VALIDATION_FAILED', [
        {
          path: 'query.version',
          message: '请给出所删除视图的版本（?version=） · Give the version of the view to delete (?version=)',
        },
      ]);
    if (current.version !== version) throw conflict(current, version);
    await tx.query('DELETE FROM saved_view WHERE id = $1', [id]);
  });
}

/** Puts a whole deck in the given order; the list must name every view of the deck with its current version. */
export function reorderViews(db: Db, body: ViewReorder): Promise<SavedView[]> {
  return db.transaction(async (tx) => {
    const { rows } = await tx.query<Locked>(
      `SELECT id, deck, version, updated_at AS "updatedAt", updated_by AS "updatedBy"
       FROM saved_view WHERE owner = app_current_user() AND deck = $1 ORDER BY id FOR UPDATE`,
      [body.deck],
    );
    const byId = new Map(rows.map((r) => [Number(r.id), r]));
    const unknown = body.views.filter((v) => !byId.has(v.id));
    if (unknown.length) throw notFound(unknown[0]!.id);
    if (body.views.length !== rows.length)
      throw new AppError(
        'VERSION_CONFLICT',
        { deck: body.deck, views: rows.length, listed: body.views.length },
        {
          zh: `演示文稿「${body.deck}」已有 ${rows.length} 个视图，排序时列出了 ${body.views.length} 个：请刷新后再排序`,
          en: `Deck "${body.deck}" has ${rows.length} views but ${body.views.length} were listed; reload and reorder again`,
        },
      );
    for (const v of body.views) {
      const current = byId.get(v.id)!;
      if (current.version !== v.version) throw conflict(current, v.version);
    }
    for (const [i, v] of body.views.entries())
      await tx.query('UPDATE saved_view SET position = $2 WHERE id = $1 AND position IS DISTINCT FROM $2', [
        v.id,
        i + 1,
      ]);
    const list = await tx.query<SavedView>(
      `SELECT ${COLUMNS} FROM saved_view WHERE owner = app_current_user() AND deck = $1 ORDER BY position, id`,
      [body.deck],
    );
    return list.rows;
  });
}
