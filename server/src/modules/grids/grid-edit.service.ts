/**
 * Grid edits that keep the children tiling their parent, one transaction per save (or rolled back for a preview).
 *
 * A new or redrawn boundary goes through `fitIntoParent`: snapped to the neighbours' and the parent's vertices,
 * clipped to the parent when what sticks out is a sliver (else refused), small overlaps with siblings removed by
 * reusing the sibling's edge, large ones refused — or carved out of the sibling when the planner asked for it. Area
 * a redrawn grid gives up goes to the sibling sharing most border with it; a gap that would be left is refused.
 * Sliver gaps next to the edited grid are absorbed. Then the subjects follow their village, and the result is
 * checked once more as a whole before commit.
 */
import type {
  EditResult,
  GridCreate,
  GridUpdate,
  OverlapPolicy,
  TopologyProblem,
} from '../../../contracts/grids';
import { M2_PER_MU } from '../../../contracts/grids';
import type { Queryable } from '../../db/engine';
import { AppError } from '../../http/app-error';
import { checkChildCode, defaultKind, suggestNextCode } from '../../domain/grids/codes';
import {
  allCodesWithPrefix,
  areaOf,
  childrenOf,
  combine,
  differencePieces,
  gapsTouching,
  gridHex,
  hexOfGeoJSON,
  insertGrid,
  type LockedGrid,
  lockGrids,
  longestBorderSibling,
  outsideArea,
  overlapsWithSiblings,
  siblingsOf,
  snapToNeighbours,
  updateGrid,
  validity,
} from './grid-edit.repository';
import { applyMoves, remainingReferences, repointPatrols, subjectMoves } from './grid-reassign.repository';
import { checkParents, gapAreaOf, NOISE_M2 } from './grid-topology.repository';
import { liteFeatures } from './grids.repository';

/** Snapping tolerance in degrees (≈ 1 m): the client snaps in pixels, the server closes what is left. */
export const SNAP_DEG = 1e-5;

const CHILD_LEVEL = { county: 'township', township: 'village' } as const;
const mu = (m2: number) => (m2 / M2_PER_MU).toFixed(2);

/** What one save did, collected while it runs. */
export class Outcome {
  readonly created = new Set<number>();
  readonly updated = new Set<number>();
  readonly deleted = new Set<number>();
  readonly adjusted = new Map<number, { name: string; reason: 'snapped' | 'carved' | 'absorbed' }>();
  /** New shapes of changed village grids: subjects inside them may change village. */
  readonly areas: string[] = [];
  readonly retiring: number[] = [];
  /** A merge that takes a merged-away grid's name renames after that grid is gone (names are unique in a parent). */
  renameAfter: { id: number; name: string } | null = null;
  constructor(
    readonly parent: LockedGrid,
    readonly sliverM2: number,
    readonly gapBefore: number,
  ) {}
}

export function conflict(
  grid: { id: number; name: string; version: number; updatedBy: string; updatedAt: string },
  yours: number,
) {
  return new AppError(
    'VERSION_CONFLICT',
    {
      id: grid.id,
      currentVersion: grid.version,
      yourVersion: yours,
      updatedBy: grid.updatedBy,
      updatedAt: grid.updatedAt,
    },
    {
      zh: `网格“${grid.name}”已于 ${grid.updatedAt} 被 ${grid.updatedBy} 修改（版本 ${grid.version}），未覆盖其修改；请刷新后再编辑`,
      en: `Grid “${grid.name}” was changed by ${grid.updatedBy} at ${grid.updatedAt} (version ${grid.version}); nothing was overwritten — reload before editing`,
    },
  );
}

export function refused(zh: string, en: string, details?: unknown): AppError {
  return new AppError('EDIT_REFUSED', details, { zh, en });
}

function topologyError(problems: TopologyProblem[], zh: string, en: string): AppError {
  return new AppError('TOPOLOGY_CONFLICT', { problems }, { zh, en });
}

const problem = (
  kind: TopologyProblem['kind'],
  gridIds: number[],
  names: string[],
  piece: { m2: number; at: [number, number] | null; geometry: TopologyProblem['geometry'] },
): TopologyProblem => ({
  kind,
  gridIds,
  names,
  area: { m2: Number(piece.m2.toFixed(1)), mu: Number(mu(piece.m2)) },
  at: piece.at,
  geometry: piece.geometry,
});

export async function lockOne(tx: Queryable, id: number, version?: number): Promise<LockedGrid> {
  const [grid] = await lockGrids(tx, [id]);
  if (!grid) throw new AppError('NOT_FOUND', { resource: 'grid', id });
  if (version !== undefined && grid.version !== version) throw conflict(grid, version);
  return grid;
}

/** Refuses an invalid polygon with where it is invalid and a repaired version to offer. */
export async function assertValid(tx: Queryable, geometry: unknown, path: string): Promise<void> {
  const invalid = await validity(tx, geometry);
  if (!invalid) return;
  const where = invalid.location
    ? ` (${invalid.location[0].toFixed(6)}, ${invalid.location[1].toFixed(6)})`
    : '';
  throw new AppError(
    'INVALID_GEOMETRY',
    [{ path, message: invalid.reason, location: invalid.location, repaired: invalid.repaired }],
    {
      zh: `网格边界无效：${reasonZh(invalid.reason)}${where}；可使用系统给出的修复结果`,
      en: `The grid boundary is invalid: ${invalid.reason}${where}; a repaired version is offered`,
    },
  );
}

function reasonZh(reason: string): string {
  if (/ring self-intersection/i.test(reason)) return '环自相交';
  if (/self-intersection/i.test(reason)) return '边界自相交';
  if (/too few points/i.test(reason)) return '点数过少';
  if (/hole lies outside/i.test(reason)) return '内环在外环之外';
  return reason;
}

/**
 * Fits a candidate boundary into the parent among its siblings (see the module comment). `self` are the grids the
 * candidate replaces (excluded from sibling checks). Returns the fitted boundary.
 */
export async function fitIntoParent(
  tx: Queryable,
  out: Outcome,
  candidate: string,
  self: number[],
  name: string,
  policy: OverlapPolicy,
): Promise<string> {
  const { parent, sliverM2 } = out;
  let hex = await snapToNeighboursOf(tx, candidate, parent.id, self);
  const outside = await differencePieces(tx, hex, parent.hex);
  const outsideM2 = outside.reduce((sum, piece) => sum + piece.m2, 0);
  if (outsideM2 > sliverM2)
    throw topologyError(
      outside.filter((p) => p.m2 >= NOISE_M2).map((p) => problem('outside', self, [name], p)),
      `“${name}”有 ${outsideM2.toFixed(0)} m²（${mu(outsideM2)} 亩）超出上级网格“${parent.name}”，未保存`,
      `“${name}” extends ${outsideM2.toFixed(0)} m² (${mu(outsideM2)} mu) beyond its parent “${parent.name}”; nothing was saved`,
    );
  if (outside.length) hex = (await combine(tx, 'intersection', hex, parent.hex)) ?? hex;

  const overlaps = await overlapsWithSiblings(tx, hex, parent.id, self);
  const blocking: TopologyProblem[] = [];
  for (const overlap of overlaps) {
    const siblingHex = await gridHex(tx, overlap.id);
    if (overlap.m2 <= sliverM2) {
      hex = (await combine(tx, 'difference', hex, siblingHex)) ?? hex;
    } else if (policy === 'carve') {
      const rest = await combine(tx, 'difference', siblingHex, hex);
      if (!rest || (await areaOf(tx, rest)) <= sliverM2)
        throw refused(
          `“${name}”会完全覆盖“${overlap.name}”：请改用合并`,
          `“${name}” would swallow “${overlap.name}” entirely: merge them instead`,
          { id: overlap.id },
        );
      await updateGrid(tx, overlap.id, { hex: rest });
      out.updated.add(overlap.id);
      out.adjusted.set(overlap.id, { name: overlap.name, reason: 'carved' });
      if (parent.level === 'township') out.areas.push(rest);
    } else {
      blocking.push(problem('overlap', [...self, overlap.id], [name, overlap.name], overlap));
    }
  }
  if (blocking.length) {
    const total = blocking.reduce((sum, p) => sum + p.area.m2, 0);
    const names = blocking.map((p) => `“${p.names[1]}”`).join('、');
    throw topologyError(
      blocking,
      `“${name}”与${names}重叠 ${total.toFixed(0)} m²（${mu(total)} 亩），未保存；可修改边界，或选择从相邻网格划出重叠部分`,
      `“${name}” overlaps ${blocking.map((p) => `“${p.names[1]}”`).join(', ')} by ${total.toFixed(0)} m² (${mu(total)} mu); nothing was saved — redraw it, or take the overlap from the neighbours`,
    );
  }
  const left = await areaOf(tx, hex);
  if (left <= sliverM2)
    throw refused(
      `“${name}”去掉重叠和越界部分后几乎没有面积`,
      `Nothing of “${name}” is left after removing overlaps and parts outside its parent`,
    );
  return hex;
}

function snapToNeighboursOf(tx: Queryable, hex: string, parentId: number, self: number[]): Promise<string> {
  return snapToNeighbours(tx, hex, parentId, self, SNAP_DEG);
}

/** Gives area a redrawn grid released to the neighbour sharing most border; refuses a gap left behind. */
async function redistribute(
  tx: Queryable,
  out: Outcome,
  id: number,
  name: string,
  oldHex: string,
  newHex: string,
  allowGap: boolean,
): Promise<string> {
  let hex = newHex;
  const released = await differencePieces(tx, oldHex, newHex);
  const gaps: TopologyProblem[] = [];
  for (const piece of released) {
    if (piece.m2 < NOISE_M2) continue;
    const neighbour = await longestBorderSibling(tx, piece.hex, out.parent.id, [id]);
    if (neighbour !== null) {
      const current = await gridHex(tx, neighbour);
      const grown = (await combine(tx, 'union', current, piece.hex)) ?? current;
      await updateGrid(tx, neighbour, { hex: grown });
      out.updated.add(neighbour);
      const [row] = await lockGrids(tx, [neighbour]);
      out.adjusted.set(neighbour, { name: row?.name ?? '', reason: 'absorbed' });
      if (out.parent.level === 'township') out.areas.push(grown);
    } else if (piece.m2 <= out.sliverM2) {
      hex = (await combine(tx, 'union', hex, piece.hex)) ?? hex;
    } else if (!allowGap) {
      gaps.push(problem('gap', [id], [name], piece));
    }
  }
  if (gaps.length) {
    const total = gaps.reduce((sum, p) => sum + p.area.m2, 0);
    throw topologyError(
      gaps,
      `修改后“${name}”会留下 ${total.toFixed(0)} m²（${mu(total)} 亩）无人管辖的缝隙，未保存`,
      `The change to “${name}” would leave a gap of ${total.toFixed(0)} m² (${mu(total)} mu) that no grid covers; nothing was saved`,
    );
  }
  return hex;
}

/** Absorbs sliver gaps touching a grid (their edges are the neighbours', so shared borders stay identical). */
async function absorbSlivers(tx: Queryable, out: Outcome, id: number, name: string): Promise<void> {
  const hex = await gridHex(tx, id);
  const slivers = (await gapsTouching(tx, out.parent.id, hex)).filter((g) => g.m2 <= out.sliverM2);
  if (!slivers.length) return;
  let grown = hex;
  for (const sliver of slivers) grown = (await combine(tx, 'union', grown, sliver.hex)) ?? grown;
  await updateGrid(tx, id, { hex: grown });
  if (!out.created.has(id)) out.adjusted.set(id, { name, reason: 'snapped' });
}

export async function startOutcome(tx: Queryable, parentId: number, sliverM2: number): Promise<Outcome> {
  const [parent] = await lockGrids(tx, [parentId]);
  if (!parent) throw new AppError('NOT_FOUND', { resource: 'grid', id: parentId });
  await siblingsOf(tx, parentId, []); // locks the level being edited
  return new Outcome(parent, sliverM2, await gapAreaOf(tx, parentId));
}

export async function createGrid(tx: Queryable, body: GridCreate): Promise<Outcome> {
  const out = await startOutcome(tx, body.parentId, body.sliverM2);
  const { parent } = out;
  if (parent.level === 'village')
    throw refused('村级网格下不能再划分网格', 'A village grid has no child grids');
  const level = CHILD_LEVEL[parent.level];
  await assertValid(tx, body.geometry, 'body.geometry');
  const code = await codeFor(tx, parent, level, body.code, body.kind);
  const fitted = await fitIntoParent(
    tx,
    out,
    await hexOfGeoJSON(tx, body.geometry),
    [],
    body.name,
    body.overlap,
  );
  const id = await insertGrid(tx, {
    code,
    name: body.name,
    level,
    parentId: parent.id,
    population: body.population ?? null,
    hex: fitted,
  });
  out.created.add(id);
  await absorbSlivers(tx, out, id, body.name);
  if (level === 'village') out.areas.push(await gridHex(tx, id));
  return out;
}

async function codeFor(
  tx: Queryable,
  parent: LockedGrid,
  level: 'township' | 'village',
  code?: string,
  kind?: Parameters<typeof suggestNextCode>[2],
): Promise<string> {
  if (code) {
    const check = checkChildCode(code, parent.code, level);
    if (!check.ok)
      throw new AppError('VALIDATION_FAILED', [{ path: 'body.code', message: check.en }], {
        zh: check.zh,
        en: check.en,
      });
    return code;
  }
  const prefix = parent.code.slice(0, level === 'township' ? 6 : 9);
  const next = suggestNextCode(
    parent.code,
    level,
    kind ?? defaultKind(level),
    await allCodesWithPrefix(tx, prefix),
  );
  if (!next) throw refused('该类别的区划代码已用完', 'No free code is left in this range');
  return next;
}

export async function updateGridEdit(tx: Queryable, id: number, body: GridUpdate): Promise<Outcome> {
  const grid = await lockOne(tx, id, body.version);
  if (grid.parentId === null) return updateCounty(tx, grid, body);
  const out = await startOutcome(tx, grid.parentId, body.sliverM2);
  const name = body.name ?? grid.name;
  if (body.code !== undefined && body.code !== grid.code) {
    const check = checkChildCode(body.code, out.parent.code, grid.level as 'township' | 'village');
    if (!check.ok)
      throw new AppError('VALIDATION_FAILED', [{ path: 'body.code', message: check.en }], {
        zh: check.zh,
        en: check.en,
      });
  }
  let hex: string | undefined;
  if (body.geometry) {
    await assertValid(tx, body.geometry, 'body.geometry');
    const fitted = await fitIntoParent(
      tx,
      out,
      await hexOfGeoJSON(tx, body.geometry),
      [id],
      name,
      body.overlap,
    );
    hex = await redistribute(tx, out, id, name, grid.hex, fitted, false);
  }
  await updateGrid(tx, id, { hex, name: body.name, code: body.code, population: body.population });
  out.updated.add(id);
  if (hex) {
    await absorbSlivers(tx, out, id, name);
    if (grid.level === 'village') out.areas.push(await gridHex(tx, id));
  }
  return out;
}

async function updateCounty(tx: Queryable, grid: LockedGrid, body: GridUpdate): Promise<Outcome> {
  let hex: string | undefined;
  if (body.geometry) {
    await assertValid(tx, body.geometry, 'body.geometry');
    hex = await hexOfGeoJSON(tx, body.geometry);
  }
  if (body.code !== undefined && !/^\d{6}000000$/.test(body.code))
    throw new AppError(
      'VALIDATION_FAILED',
      [{ path: 'body.code', message: 'a county code ends in 000000' }],
      {
        zh: '县级网格代码的后 6 位必须是 000000',
        en: 'A county code must end in 000000',
      },
    );
  await updateGrid(tx, grid.id, { hex, name: body.name, code: body.code, population: body.population });
  const out = new Outcome(grid, body.sliverM2, 0);
  out.updated.add(grid.id);
  return out;
}

/** Checks the saved state as a whole: no overlap left, no new gap, children inside their changed parents. */
export async function verify(tx: Queryable, out: Outcome, allowGap: boolean): Promise<void> {
  const changed = [...out.created, ...out.updated].filter((id) => !out.deleted.has(id));
  const problems: TopologyProblem[] = [];
  for (const id of changed) {
    const [grid] = await lockGrids(tx, [id]);
    if (!grid) continue;
    if (grid.parentId === out.parent.id) {
      for (const overlap of await overlapsWithSiblings(tx, grid.hex, out.parent.id, [id]))
        if (overlap.m2 >= NOISE_M2)
          problems.push(problem('overlap', [id, overlap.id], [grid.name, overlap.name], overlap));
    }
    for (const child of await childrenOf(tx, id)) {
      const outside = await outsideArea(tx, child.hex, grid.hex);
      if (outside > out.sliverM2)
        problems.push(
          problem('not_inside_children', [id, child.id], [grid.name, child.name], {
            m2: outside,
            at: null,
            geometry: null,
          }),
        );
    }
  }
  if (problems.length)
    throw topologyError(
      problems,
      `保存后网格之间会有重叠或下级网格越界（${problems.map((p) => p.names.join('/')).join('；')}），未保存`,
      `The save would leave overlaps or child grids outside their parent (${problems.map((p) => p.names.join('/')).join('; ')}); nothing was saved`,
    );
  if (!allowGap && out.parent.parentId !== undefined && out.parent.level !== 'village') {
    const after = await gapAreaOf(tx, out.parent.id);
    if (after > out.gapBefore + out.sliverM2)
      throw topologyError(
        [],
        `保存后“${out.parent.name}”内会新增 ${(after - out.gapBefore).toFixed(0)} m² 无人管辖的缝隙，未保存`,
        `The save would open ${(after - out.gapBefore).toFixed(0)} m² of gaps in “${out.parent.name}”; nothing was saved`,
      );
  }
}

/** Subjects, samples and soil samples follow the changed village grids; a subject left outside every village is refused. */
export async function reassign(
  tx: Queryable,
  out: Outcome,
): Promise<{ moves: EditResult['moves']; other: EditResult['otherMoves'] }> {
  const gridIds = [...out.created, ...out.updated, ...out.retiring];
  if (out.retiring.length)
    await tx.query(`SELECT set_config('app.retiring_grids', $1, true)`, [`{${out.retiring.join(',')}}`]);
  const moves = await subjectMoves(tx, gridIds, out.areas);
  const lost = moves.filter((m) => m.to === null);
  if (lost.length)
    throw topologyError(
      lost.slice(0, 50).map((m) => ({
        kind: 'gap',
        gridIds: m.from ? [m.from.id] : [],
        names: [m.name],
        area: { m2: 0, mu: 0 },
        at: m.at,
        geometry: { type: 'Point', coordinates: m.at },
      })),
      `${lost.length} 个生产主体（如“${lost[0]?.name}”）将不在任何村级网格内，未保存`,
      `${lost.length} production subjects (e.g. “${lost[0]?.name}”) would be left outside every village grid; nothing was saved`,
    );
  const other = await applyMoves(
    tx,
    moves.map((m) => m.id),
    gridIds,
    out.areas,
  );
  await repointPatrols(tx, out.retiring);
  return { moves, other };
}

/** Deletes the retiring grids once nothing points at them any more. */
export async function retire(
  tx: Queryable,
  out: Outcome,
  deleteGrid: (id: number) => Promise<void>,
): Promise<void> {
  for (const id of out.retiring) {
    if ((await remainingReferences(tx, id)) > 0)
      throw refused('网格内仍有记录无法转移', 'Records inside the grid could not be moved', { id });
    await deleteGrid(id);
    out.deleted.add(id);
    out.updated.delete(id);
  }
  if (out.retiring.length) await tx.query(`SELECT set_config('app.retiring_grids', '', true)`);
}

/** The result of a save (or preview): what changed, who moved, and the parent's topology afterwards. */
export async function summarise(
  tx: Queryable,
  out: Outcome,
  moves: EditResult['moves'],
  other: EditResult['otherMoves'],
  changeId: number | null,
): Promise<EditResult> {
  const counts = new Map<string, { from: string | null; to: string | null; count: number }>();
  for (const move of moves) {
    const key = `${move.from?.id ?? ''}>${move.to?.id ?? ''}`;
    const entry = counts.get(key) ?? { from: move.from?.name ?? null, to: move.to?.name ?? null, count: 0 };
    entry.count++;
    counts.set(key, entry);
  }
  const [topology] = await checkParents(tx, [out.parent.id]);
  return {
    changeId,
    created: [...out.created].filter((id) => !out.deleted.has(id)),
    updated: [...out.updated].filter((id) => !out.deleted.has(id) && !out.created.has(id)),
    deleted: [...out.deleted],
    adjusted: [...out.adjusted].map(([id, a]) => ({ id, ...a })),
    moves,
    moveSummary: [...counts.values()].sort((a, b) => b.count - a.count),
    otherMoves: other,
    grids: await liteFeatures(tx, { parentId: out.parent.id }),
    topology: topology as EditResult['topology'],
  };
}
