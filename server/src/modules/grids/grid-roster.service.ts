/**
 * 网格定人: replacing a grid's roster in one transaction. The editor sends the people it shows and the (id,
 * version) of the people it loaded; if anyone added, changed or removed a person since, the save is refused with 409
 * naming who and when, and nothing is written.
 */
import type { Person } from '../../../contracts/api';
import type { RosterPut } from '../../../contracts/grids';
import type { Db, Queryable } from '../../db/engine';
import { AppError } from '../../http/app-error';
import { getMissingRoles, getRoster } from './grids.repository';

interface Current {
  id: number;
  role: string;
  name: string;
  post: string;
  phone: string;
  version: number;
  updatedBy: string;
  updatedAt: string;
}

function rosterConflict(grid: string, who: string, when: string): AppError {
  return new AppError(
    'VERSION_CONFLICT',
    { updatedBy: who, updatedAt: when },
    {
      zh: `“${grid}”的人员名单已于 ${when} 被 ${who} 修改，未覆盖其修改；请刷新后再编辑`,
      en: `The roster of “${grid}” was changed by ${who} at ${when}; nothing was overwritten — reload before editing`,
    },
  );
}

async function lastRosterChange(tx: Queryable, gridId: number) {
  const { rows } = await tx.query<{ by: string; at: string }>(
    `SELECT created_by AS by, created_at AS at FROM grid_history
     WHERE entity = 'grid_person' AND grid_id = $1 ORDER BY id DESC LIMIT 1`,
    [gridId],
  );
  return rows[0] ?? { by: '?', at: '?' };
}

/** Writes the roster (inside the caller's transaction), refusing on a concurrent change. */
export async function writeRoster(tx: Queryable, gridId: number, body: RosterPut): Promise<void> {
  const { rows: grids } = await tx.query<{ name: string; level: string }>(
    'SELECT name, level FROM grid_unit WHERE id = $1 FOR UPDATE',
    [gridId],
  );
  const grid = grids[0];
  if (!grid) throw new AppError('NOT_FOUND', { resource: 'grid', id: gridId });
  const { rows: roles } = await tx.query<{ role: string; nameZh: string; nameEn: string }>(
    'SELECT role, name_zh AS "nameZh", name_en AS "nameEn" FROM grid_role WHERE level = $1',
    [grid.level],
  );
  const bad = body.people.findIndex((p) => !roles.some((r) => r.role === p.role));
  if (bad >= 0)
    throw new AppError(
      'VALIDATION_FAILED',
      [
        {
          path: `body.people.${bad}.role`,
          message: `role ${body.people[bad]?.role} is not a role of a ${grid.level} grid`,
        },
      ],
      {
        zh: `第 ${bad + 1} 人的岗位不属于该层级网格（可选：${roles.map((r) => r.nameZh).join('、')}）`,
        en: `Person ${bad + 1} has a role that is not one of a ${grid.level} grid (${roles.map((r) => r.nameEn).join(', ')})`,
      },
    );
  const { rows: current } = await tx.query<Current>(
    `SELECT id, role, name, post, phone, version, updated_by AS "updatedBy", updated_at AS "updatedAt"
     FROM grid_person WHERE grid_id = $1 ORDER BY id FOR UPDATE`,
    [gridId],
  );
  const known = new Map(body.known.map((k) => [k.id, k.version]));
  for (const person of current) {
    const version = known.get(person.id);
    if (version === undefined) throw rosterConflict(grid.name, person.updatedBy, person.updatedAt);
    if (version !== person.version) throw rosterConflict(grid.name, person.updatedBy, person.updatedAt);
  }
  if (body.known.some((k) => !current.some((p) => p.id === k.id))) {
    const last = await lastRosterChange(tx, gridId);
    throw rosterConflict(grid.name, last.by, last.at);
  }
  const keep = new Set(body.people.filter((p) => p.id !== undefined).map((p) => p.id));
  for (const person of current)
    if (!keep.has(person.id)) await tx.query('DELETE FROM grid_person WHERE id = $1', [person.id]);
  for (const [order, person] of body.people.entries()) {
    const existing = current.find((p) => p.id === person.id);
    if (existing) {
      if (
        existing.role !== person.role ||
        existing.name !== person.name ||
        existing.post !== person.post ||
        existing.phone !== person.phone
      )
        await tx.query(
          'UPDATE grid_person SET role = $2, name = $3, post = $4, phone = $5, sort_order = $6 WHERE id = $1',
          [existing.id, person.role, person.name, person.post, person.phone, order],
        );
    } else {
      await tx.query(
        'INSERT INTO grid_person (grid_id, role, name, post, phone, sort_order) VALUES ($1, $2, $3, $4, $5, $6)',
        [gridId, person.role, person.name, person.post, person.phone, order],
      );
    }
  }
}

export interface RosterWithVersions {
  people: (Person & { version: number })[];
  missingRoles: Awaited<ReturnType<typeof getMissingRoles>>;
}

export async function readRoster(tx: Queryable, gridId: number): Promise<RosterWithVersions> {
  const people = await getRoster(tx, gridId);
  const { rows } = await tx.query<{ id: number; version: number }>(
    'SELECT id, version FROM grid_person WHERE grid_id = $1',
    [gridId],
  );
  const versions = new Map(rows.map((r) => [r.id, r.version]));
  return {
    people: people.map((p) => ({ ...p, version: versions.get(p.id) ?? 1 })),
    missingRoles: await getMissingRoles(tx, gridId),
  };
}

export async function saveRoster(
  db: Db,
  gridId: number,
  body: RosterPut,
  user: string,
): Promise<RosterWithVersions> {
  return db.transaction(
    async (tx) => {
      await tx.query(`SELECT set_config('app.change_note', 'roster', true)`);
      await writeRoster(tx, gridId, body);
      return readRoster(tx, gridId);
    },
    { user },
  );
}
