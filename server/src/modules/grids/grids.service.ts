/**
 * The planning service: every edit runs in one transaction — fit, reassign subjects, retire merged grids, verify —
 * and is recorded in the history with a note; a preview runs the very same code and rolls back.
 */
import type { EditResult, GridEdit } from '../../../contracts/grids';
import type { Db, Queryable } from '../../db/engine';
import {
  createGrid,
  type Outcome,
  reassign,
  retire,
  summarise,
  updateGridEdit,
  verify,
} from './grid-edit.service';
import { deleteGrid, updateGrid } from './grid-edit.repository';
import { deleteGridEdit, mergeGrids, splitGrid } from './grid-split-merge.service';

class PreviewRollback extends Error {
  constructor(readonly result: EditResult) {
    super('preview');
  }
}

async function dispatch(tx: Queryable, edit: GridEdit): Promise<{ out: Outcome; allowGap: boolean }> {
  switch (edit.op) {
    case 'create':
      return { out: await createGrid(tx, edit), allowGap: false };
    case 'update':
      return { out: await updateGridEdit(tx, edit.id, edit), allowGap: false };
    case 'split':
      return { out: await splitGrid(tx, edit.id, edit), allowGap: false };
    case 'merge':
      return { out: await mergeGrids(tx, edit), allowGap: false };
    case 'delete':
      return {
        out: await deleteGridEdit(tx, edit.id, edit.version, {
          absorbInto: edit.absorbInto,
          allowGap: edit.allowGap,
          sliverM2: 500,
        }),
        allowGap: edit.allowGap === true && edit.absorbInto === undefined,
      };
  }
}

/** Runs one edit inside a transaction that is already open; returns what it did. */
export async function applyEdit(
  tx: Queryable,
  edit: GridEdit,
  note: string,
  changeId: boolean,
): Promise<EditResult> {
  await tx.query(`SELECT set_config('app.change_note', $1, true)`, [note]);
  const { out, allowGap } = await dispatch(tx, edit);
  const { moves, other } = await reassign(tx, out);
  await retire(tx, out, (id) => deleteGrid(tx, id));
  if (out.renameAfter) await updateGrid(tx, out.renameAfter.id, { name: out.renameAfter.name });
  await verify(tx, out, allowGap);
  const id = changeId
    ? Number((await tx.query<{ id: string }>('SELECT txid_current()::text AS id')).rows[0]?.id)
    : null;
  return summarise(tx, out, moves, other, id);
}

export async function saveEdit(db: Db, edit: GridEdit, user: string): Promise<EditResult> {
  return db.transaction((tx) => applyEdit(tx, edit, edit.op, true), { user });
}

/** What the edit would do (moves, adjustments, topology), computed by doing it and rolling back. */
export async function previewEdit(db: Db, edit: GridEdit, user: string): Promise<EditResult> {
  try {
    await db.transaction(
      async (tx) => {
        throw new PreviewRollback(await applyEdit(tx, edit, `preview ${edit.op}`, false));
      },
      { user },
    );
  } catch (error) {
    if (error instanceof PreviewRollback) return error.result;
    throw error;
  }
  throw new Error('unreachable');
}
