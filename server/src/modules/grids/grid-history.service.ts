/**
 * Reverting a change: every row the change wrote goes back to its state before it, as a new change (history is
 * never rewritten). Refused with 409 when a row was changed again afterwards — saying by whom and when — because
 * reverting under that later change would silently undo it too.
 */
import type { EditResult } from '../../../contracts/grids';
import { DEFAULT_SLIVER_M2 } from '../../../contracts/grids';
import type { Db, Queryable } from '../../db/engine';
import { AppError } from '../../http/app-error';
import { deleteGrid, lockGrids, overlapsWithSiblings } from './grid-edit.repository';
import { Outcome, reassign, refused, retire, summarise } from './grid-edit.service';
import { NOISE_M2, gapAreaOf } from './grid-topology.repository';

interface HistoryRow {
  id: number;
  entity: 'grid_unit' | 'grid_person';
  entityId: number;
  op: 'insert' | 'update' | 'delete';
  entityVersion: number;
  before: Record<string, unknown> | null;
  after: Record<string, unknown> | null;
}

const GRID_FIELDS = ['code', 'name', 'level', 'parent_id', 'population', 'geom'] as const;
const PERSON_FIELDS = ['grid_id', 'role', 'name', 'post', 'phone', 'sort_order'] as const;

async function current(tx: Queryable, entity: string, id: number) {
  const { rows } = await tx.query<{ version: number; updatedBy: string; updatedAt: string }>(
    `SELECT version, updated_by AS "updatedBy", updated_at AS "updatedAt" FROM ${entity} WHERE id = $1 FOR UPDATE`,
    [id],
  );
  return rows[0] ?? null;
}

async function laterChange(tx: Queryable, entity: string, entityId: number, afterId: number) {
  const { rows } = await tx.query<{ by: string; at: string; changeId: number }>(
    `SELECT created_by AS by, created_at AS at, change_id AS "changeId" FROM grid_history
     WHERE entity = $1 AND entity_id = $2 AND id > $3 ORDER BY id LIMIT 1`,
    [entity, entityId, afterId],
  );
  return rows[0] ?? null;
}

async function restoreRow(
  tx: Queryable,
  entity: 'grid_unit' | 'grid_person',
  id: number,
  state: Record<string, unknown>,
  exists: boolean,
) {
  const fields = entity === 'grid_unit' ? GRID_FIELDS : PERSON_FIELDS;
  const values = fields.map((f) => state[f] ?? null);
  const cast = (f: string, i: number) => (f === 'geom' ? `$${i + 2}::geometry` : `$${i + 2}`);
  if (exists) {
    await tx.query(
      `UPDATE ${entity} SET ${fields.map((f, i) => `${f} = ${cast(f, i)}`).join(', ')} WHERE id = $1`,
      [id, ...values],
    );
  } else {
    await tx.query(
      `INSERT INTO ${entity} (id, ${fields.join(', ')}) OVERRIDING SYSTEM VALUE
       VALUES ($1, ${fields.map((f, i) => cast(f, i)).join(', ')})`,
      [id, ...values],
    );
  }
}

export async function revertChange(db: Db, changeId: number, user: string): Promise<EditResult> {
  return db.transaction(
    async (tx) => {
      await tx.query(`SELECT set_config('app.change_note', $1, true)`, [`revert of change ${changeId}`]);
      const { rows } = await tx.query<HistoryRow>(
        `SELECT id, entity, entity_id AS "entityId", op, entity_version AS "entityVersion", before, after
         FROM grid_history WHERE change_id = $1 ORDER BY id`,
        [changeId],
      );
      if (!rows.length || changeId === 0)
        throw new AppError('NOT_FOUND', { resource: 'change', id: changeId });
      // First and last row of each entity within the change: restore the first's before, check against the last.
      const byEntity = new Map<string, { first: HistoryRow; last: HistoryRow }>();
      for (const row of rows) {
        const key = `${row.entity}:${row.entityId}`;
        const seen = byEntity.get(key);
        byEntity.set(key, { first: seen?.first ?? row, last: row });
      }
      for (const { last } of byEntity.values()) {
        const now = await current(tx, last.entity, last.entityId);
        const expected = last.op === 'delete' ? null : last.entityVersion;
        if ((now?.version ?? null) !== expected) {
          const later = await laterChange(tx, last.entity, last.entityId, last.id);
          throw new AppError(
            'VERSION_CONFLICT',
            {
              changeId,
              entity: last.entity,
              id: last.entityId,
              updatedBy: later?.by ?? now?.updatedBy,
              updatedAt: later?.at ?? now?.updatedAt,
              laterChangeId: later?.changeId,
            },
            {
              zh: `该修改之后，${later?.by ?? now?.updatedBy ?? '他人'} 于 ${later?.at ?? now?.updatedAt ?? ''} 又修改了相关记录（修改 ${later?.changeId ?? '?'}），请先撤销那次修改`,
              en: `${later?.by ?? now?.updatedBy ?? 'Someone'} changed these records again at ${later?.at ?? now?.updatedAt ?? ''} (change ${later?.changeId ?? '?'}); revert that change first`,
            },
          );
        }
      }
      const entries = [...byEntity.values()];
      const grids = entries.filter((e) => e.first.entity === 'grid_unit');
      const people = entries.filter((e) => e.first.entity === 'grid_person');
      const parentId = Number(
        (grids[0]?.first.before ?? grids[0]?.first.after)?.parent_id ??
          (people[0]?.first.before ?? people[0]?.first.after)?.grid_id,
      );
      const [parent] = await lockGrids(tx, [parentId]);
      if (!parent) throw refused('找不到该修改所在的上级网格', 'The parent of this change no longer exists');
      const out = new Outcome(parent, DEFAULT_SLIVER_M2, await gapAreaOf(tx, parent.id));
      // People of grids about to disappear go first; grids come back before their people.
      for (const { first } of people.filter((e) => e.first.op === 'insert'))
        await tx.query('DELETE FROM grid_person WHERE id = $1', [first.entityId]);
      for (const { first } of grids.filter((e) => e.first.op !== 'insert')) {
        const exists = (await current(tx, 'grid_unit', first.entityId)) !== null;
        await restoreRow(tx, 'grid_unit', first.entityId, first.before ?? {}, exists);
        (exists ? out.updated : out.created).add(first.entityId);
        const [row] = await lockGrids(tx, [first.entityId]);
        if (row?.level === 'village') out.areas.push(row.hex);
      }
      for (const { first } of grids.filter((e) => e.first.op === 'insert')) out.retiring.push(first.entityId);
      for (const { first } of people.filter((e) => e.first.op !== 'insert')) {
        const exists = (await current(tx, 'grid_person', first.entityId)) !== null;
        if (!out.retiring.includes(Number(first.before?.grid_id)))
          await restoreRow(tx, 'grid_person', first.entityId, first.before ?? {}, exists);
      }
      const { moves, other } = await reassign(tx, out);
      await retire(tx, out, (id) => deleteGrid(tx, id));
      for (const id of [...out.created, ...out.updated]) {
        const [row] = await lockGrids(tx, [id]);
        if (!row?.parentId) continue;
        const overlaps = (await overlapsWithSiblings(tx, row.hex, row.parentId, [id])).filter(
          (o) => o.m2 >= NOISE_M2,
        );
        if (overlaps.length)
          throw new AppError(
            'TOPOLOGY_CONFLICT',
            {
              problems: overlaps.map((o) => ({
                kind: 'overlap',
                gridIds: [id, o.id],
                names: [row.name, o.name],
                area: { m2: o.m2, mu: o.m2 / 666.67 },
                at: o.at,
                geometry: o.geometry,
              })),
            },
            {
              zh: `撤销后“${row.name}”会与“${overlaps[0]?.name}”重叠：相邻网格后来又改过，请手工调整`,
              en: `After the revert “${row.name}” would overlap “${overlaps[0]?.name}”: a neighbour changed since; adjust by hand`,
            },
          );
      }
      const id = Number((await tx.query<{ id: string }>('SELECT txid_current()::text AS id')).rows[0]?.id);
      return summarise(tx, out, moves, other, id);
    },
    { user },
  );
}
