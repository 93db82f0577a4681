/**
 * Split, merge and delete. A split cuts a grid with a line (ST_Split); the largest piece keeps the grid's id, code,
 * name and roster, the others become new grids with suggested codes. A township split follows its villages: each
 * village goes to the side holding most of it, and the new townships are the unions of their villages, so village
 * borders stay untouched. A merge unites adjacent siblings into the kept one; a delete hands the area to a neighbour
 * (a merge) or, when the planner accepts the gap, leaves it uncovered — never a subject outside every village.
 */
import type { GridMerge, GridSplit } from '../../../contracts/grids';
import type { Queryable } from '../../db/engine';
import { AppError } from '../../http/app-error';
import { defaultKind, kindOfCode, recode, suggestNextCode } from '../../domain/grids/codes';
import {
  allCodesWithPrefix,
  bestPiece,
  childrenOf,
  combine,
  deleteGrid,
  insertGrid,
  isConnected,
  type LockedGrid,
  lockGrids,
  movePeople,
  splitPieces,
  unionAll,
  updateGrid,
} from './grid-edit.repository';
import { conflict, lockOne, type Outcome, refused, startOutcome } from './grid-edit.service';

function pieceName(base: string, index: number, names: string[] | undefined, taken: Set<string>): string {
  const given = names?.[index - 1];
  if (given) return given;
  let n = index + 1;
  let name = `${base}（${n}）`;
  while (taken.has(name)) name = `${base}（${++n}）`;
  return name;
}

async function newCode(
  tx: Queryable,
  parent: LockedGrid,
  like: string,
  level: 'township' | 'village',
): Promise<string> {
  const taken = await allCodesWithPrefix(tx, parent.code.slice(0, level === 'township' ? 6 : 9));
  const code = suggestNextCode(parent.code, level, kindOfCode(like, level) ?? defaultKind(level), taken);
  if (!code) throw refused('该类别的区划代码已用完', 'No free code is left in this range');
  return code;
}

/** Moves children under a new parent with codes carrying the new prefix. */
async function reparent(
  tx: Queryable,
  children: LockedGrid[],
  parentId: number,
  parentCode: string,
): Promise<void> {
  const taken = new Set(await allCodesWithPrefix(tx, parentCode.slice(0, 9)));
  for (const child of children) {
    const code = recode(child.code, parentCode, 'village', taken);
    if (!code) throw refused('村级区划代码已用完', 'No free village code is left');
    taken.add(code);
    await updateGrid(tx, child.id, { parentId, code });
  }
}

export async function splitGrid(tx: Queryable, id: number, body: GridSplit): Promise<Outcome> {
  const grid = await lockOne(tx, id, body.version);
  if (grid.parentId === null) throw refused('县级网格不能拆分', 'The county grid cannot be split');
  const out = await startOutcome(tx, grid.parentId, body.sliverM2);
  const level = grid.level as 'township' | 'village';
  let pieces = await splitPieces(tx, grid.hex, body.line);
  const children = await childrenOf(tx, id);
  const groups: LockedGrid[][] = pieces.map(() => []);
  if (children.length) {
    for (const child of children) groups[await bestPiece(tx, child.hex, pieces)]?.push(child);
    const all = await unionAll(
      tx,
      children.map((c) => c.hex),
    );
    const shaped: string[] = [];
    for (const [i, piece] of pieces.entries()) {
      const rest = await combine(tx, 'difference', piece, all);
      const parts = [...(groups[i] ?? []).map((c) => c.hex), ...(rest ? [rest] : [])];
      if (parts.length) shaped.push(await unionAll(tx, parts));
    }
    const kept = pieces
      .map((_, i) => i)
      .filter((i) => (groups[i]?.length ?? 0) > 0 || shaped[i] !== undefined);
    pieces = shaped;
    if (kept.length < 2) pieces = pieces.slice(0, 1);
  }
  if (pieces.length < 2)
    throw refused(
      `分割线没有把“${grid.name}”分成两部分：线的两端都应画到网格之外`,
      `The line does not cut “${grid.name}” in two: start and end it outside the grid`,
    );
  const [first, ...rest] = pieces as [string, ...string[]];
  await updateGrid(tx, id, { hex: first });
  out.updated.add(id);
  if (level === 'village') out.areas.push(first);
  const names = new Set((await childrenOf(tx, out.parent.id)).map((c) => c.name));
  for (const [i, hex] of rest.entries()) {
    const name = pieceName(grid.name, i + 1, body.names, names);
    names.add(name);
    const code = await newCode(tx, out.parent, grid.code, level);
    const newId = await insertGrid(tx, { code, name, level, parentId: out.parent.id, population: null, hex });
    out.created.add(newId);
    if (level === 'village') out.areas.push(hex);
    const moving = groups[i + 1] ?? [];
    if (moving.length) await reparent(tx, moving, newId, code);
  }
  return out;
}

export async function mergeGrids(tx: Queryable, body: GridMerge, checkVersions = true): Promise<Outcome> {
  const ids = body.grids.map((g) => g.id);
  if (new Set(ids).size !== ids.length) throw refused('合并的网格有重复', 'A grid is listed twice');
  const grids = await lockGrids(tx, ids);
  for (const wanted of body.grids) {
    const grid = grids.find((g) => g.id === wanted.id);
    if (!grid) throw new AppError('NOT_FOUND', { resource: 'grid', id: wanted.id });
    if (checkVersions && grid.version !== wanted.version) throw conflict(grid, wanted.version);
  }
  const parentId = grids[0]?.parentId ?? null;
  if (parentId === null || grids.some((g) => g.parentId !== parentId))
    throw refused('只能合并同一上级网格下的网格', 'Only grids with the same parent can be merged');
  const keepId = body.keepId ?? body.grids[0]?.id;
  const keep = grids.find((g) => g.id === keepId);
  if (!keep) throw refused('保留的网格不在合并列表中', 'The grid to keep is not among the merged ones');
  if (
    !(await isConnected(
      tx,
      grids.map((g) => g.hex),
    ))
  )
    throw refused(
      `${grids.map((g) => `“${g.name}”`).join('、')}互不相邻，不能合并`,
      `${grids.map((g) => `“${g.name}”`).join(', ')} are not adjacent and cannot be merged`,
    );
  const out = await startOutcome(tx, parentId, body.sliverM2);
  const others = grids.filter((g) => g.id !== keep.id);
  const union = await unionAll(
    tx,
    grids.map((g) => g.hex),
  );
  out.retiring.push(...others.map((g) => g.id));
  await updateGrid(tx, keep.id, { hex: union });
  out.updated.add(keep.id);
  if (keep.level === 'village') out.areas.push(union);
  for (const other of others) {
    await movePeople(tx, other.id, keep.id);
    const children = await childrenOf(tx, other.id);
    if (children.length) await reparent(tx, children, keep.id, keep.code);
  }
  if (body.name && body.name !== keep.name) out.renameAfter = { id: keep.id, name: body.name };
  return out;
}

export async function deleteGridEdit(
  tx: Queryable,
  id: number,
  version: number,
  options: { absorbInto?: number; allowGap?: boolean; sliverM2: number },
): Promise<Outcome> {
  if (options.absorbInto !== undefined) {
    const grid = await lockOne(tx, id, version);
    const target = await lockOne(tx, options.absorbInto);
    return mergeGrids(
      tx,
      {
        grids: [
          { id: target.id, version: target.version },
          { id, version: grid.version },
        ],
        keepId: target.id,
        sliverM2: options.sliverM2,
      },
      false,
    );
  }
  const grid = await lockOne(tx, id, version);
  if (grid.parentId === null) throw refused('不能删除县级网格', 'The county grid cannot be deleted');
  if ((await childrenOf(tx, id)).length)
    throw refused(
      `“${grid.name}”还有下级网格，请先合并或删除它们`,
      `“${grid.name}” still has child grids: merge or delete them first`,
    );
  if (!options.allowGap)
    throw refused(
      `删除“${grid.name}”会留下无人管辖的区域：请选择由哪个相邻网格接管`,
      `Deleting “${grid.name}” would leave its area uncovered: choose the neighbour that takes it over`,
      { id, needs: 'absorbInto' },
    );
  const out = await startOutcome(tx, grid.parentId, options.sliverM2);
  out.retiring.push(id);
  return out;
}

export { deleteGrid };
