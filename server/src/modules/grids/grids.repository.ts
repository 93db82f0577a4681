import type { Queryable } from '../../db/engine';
import { AppError } from '../../http/app-error';
import type { GridProperties, GridSummary, Person } from '../../../contracts/api';
import type { GridLevel, GridRole } from '../../../contracts/enums';
import type { Geometry } from '../../../contracts/geojson';
import type { GridFeatureLite, HistoryEntry } from '../../../contracts/grids';

const SUMMARY_COLUMNS = `g.id, g.code, g.name, g.level, g.parent_id AS "parentId", g.population`;

export async function listGrids(
  db: Queryable,
  filter: { level?: GridLevel; parentId?: number },
): Promise<GridSummary[]> {
  const { rows } = await db.query<GridSummary>(
    `SELECT ${SUMMARY_COLUMNS} FROM grid_unit g
     WHERE ($1::text IS NULL OR g.level = $1) AND ($2::bigint IS NULL OR g.parent_id = $2)
     ORDER BY g.code`,
    [filter.level ?? null, filter.parentId ?? null],
  );
  return rows;
}

type GridRow = Omit<GridProperties, 'roster' | 'missingRoles'> & { geometry: Geometry };

export async function getGrid(db: Queryable, id: number): Promise<GridRow | null> {
  const { rows } = await db.query<GridRow>(
    `SELECT ${SUMMARY_COLUMNS},
       g.version, g.created_at AS "createdAt", g.created_by AS "createdBy", g.updated_at AS "updatedAt", g.updated_by AS "updatedBy",
       CASE WHEN p.id IS NULL THEN NULL ELSE json_build_object('id', p.id, 'code', p.code, 'name', p.name, 'level', p.level) END AS parent,
       round((ST_Area(g.geom::geography) / 1e6)::numeric, 3)::float8 AS "areaKm2",
       (SELECT count(*) FROM grid_unit c WHERE c.parent_id = g.id) AS "childCount",
       (SELECT count(*) FROM production_subject s
          JOIN grid_unit v ON v.id = s.grid_id
          LEFT JOIN grid_unit t ON t.id = v.parent_id
        WHERE s.status = 'active' AND (v.id = g.id OR t.id = g.id OR t.parent_id = g.id)) AS "subjectCount",
       ST_AsGeoJSON(g.geom, 7)::json AS geometry
     FROM grid_unit g LEFT JOIN grid_unit p ON p.id = g.parent_id
     WHERE g.id = $1`,
    [id],
  );
  return rows[0] ?? null;
}

export async function getRoster(db: Queryable, gridId: number): Promise<Person[]> {
  const { rows } = await db.query<Person>(
    `SELECT p.id, p.role, r.name_zh AS "roleNameZh", r.name_en AS "roleNameEn", p.name, p.post, p.phone
     FROM grid_person p JOIN grid_role r ON r.role = p.role
     WHERE p.grid_id = $1 ORDER BY r.sort_order, p.sort_order, p.id`,
    [gridId],
  );
  return rows;
}

export async function getMissingRoles(
  db: Queryable,
  gridId: number,
): Promise<{ role: GridRole; nameZh: string; nameEn: string }[]> {
  const { rows } = await db.query<{ role: GridRole; nameZh: string; nameEn: string }>(
    `SELECT r.role, r.name_zh AS "nameZh", r.name_en AS "nameEn"
     FROM grid_unit g JOIN grid_role r ON r.level = g.level AND r.required
     WHERE g.id = $1 AND NOT EXISTS (SELECT 1 FROM grid_person p WHERE p.grid_id = g.id AND p.role = r.role)
     ORDER BY r.sort_order`,
    [gridId],
  );
  return rows;
}

const ISO = (column: string) => `to_char(${column} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`;

/** Grids with geometry for the planning workspace: the children of a parent, or the given grids. */
export async function liteFeatures(
  db: Queryable,
  filter: { parentId?: number; ids?: number[] },
): Promise<GridFeatureLite[]> {
  const { rows } = await db.query<GridFeatureLite>(
    `SELECT 'Feature' AS type, g.id, ST_AsGeoJSON(g.geom, 7)::json AS geometry,
       json_build_object('id', g.id, 'code', g.code, 'name', g.name, 'level', g.level, 'parentId', g.parent_id,
         'population', g.population, 'version', g.version, 'updatedAt', ${ISO('g.updated_at')}, 'updatedBy', g.updated_by,
         'areaM2', round(ST_Area(g.geom::geography)::numeric, 1),
         'staffed', NOT EXISTS (SELECT 1 FROM grid_role r WHERE r.level = g.level AND r.required
                                  AND NOT EXISTS (SELECT 1 FROM grid_person p WHERE p.grid_id = g.id AND p.role = r.role)),
         'subjectCount', (SELECT count(*) FROM production_subject s WHERE s.status = 'active'
                            AND (s.grid_id = g.id OR s.grid_id IN (SELECT v.id FROM grid_unit v WHERE v.parent_id = g.id)))
       ) AS properties
     FROM grid_unit g
     WHERE ($1::bigint IS NULL OR g.parent_id = $1) AND ($2::bigint[] IS NULL OR g.id = ANY($2::bigint[]))
     ORDER BY g.code`,
    [filter.parentId ?? null, filter.ids ?? null],
  );
  return rows;
}

/** The children of a parent (and the parent) as they were at a moment, rebuilt from the history. */
export async function featuresAsOf(
  db: Queryable,
  parentId: number,
  at: string,
): Promise<{ parent: GridFeatureLite | null; features: GridFeatureLite[] }> {
  const { rows } = await db.query<GridFeatureLite & { isParent: boolean }>(
    `WITH ids AS (
       SELECT DISTINCT entity_id FROM grid_history
       WHERE entity = 'grid_unit' AND (parent_id = $1 OR entity_id = $1) AND created_at <= $2::timestamptz
     ),
     last AS (
       SELECT DISTINCT ON (h.entity_id) h.entity_id, h.op, h.after, h.created_at, h.created_by
       FROM grid_history h JOIN ids USING (entity_id)
       WHERE h.entity = 'grid_unit' AND h.created_at <= $2::timestamptz
       ORDER BY h.entity_id, h.id DESC
     ),
     people AS (
       SELECT DISTINCT ON (h.entity_id) h.op, h.after
       FROM grid_history h
       WHERE h.entity = 'grid_person' AND h.created_at <= $2::timestamptz
         AND h.grid_id IN (SELECT entity_id FROM last)
       ORDER BY h.entity_id, h.id DESC
     ),
     alive AS (
       SELECT l.entity_id AS id, l.after AS a, (l.after ->> 'geom')::geometry AS geom, l.created_at, l.created_by
       FROM last l WHERE l.op <> 'delete' AND (l.entity_id = $1 OR (l.after ->> 'parent_id')::bigint = $1)
     )
     SELECT 'Feature' AS type, x.id, x.id = $1 AS "isParent", ST_AsGeoJSON(x.geom, 7)::json AS geometry,
       json_build_object('id', x.id, 'code', x.a ->> 'code', 'name', x.a ->> 'name', 'level', x.a ->> 'level',
         'parentId', (x.a ->> 'parent_id')::bigint, 'population', (x.a ->> 'population')::int,
         'version', (x.a ->> 'version')::int, 'updatedAt', ${ISO('x.created_at')}, 'updatedBy', x.created_by,
         'areaM2', round(ST_Area(x.geom::geography)::numeric, 1),
         'staffed', NOT EXISTS (SELECT 1 FROM grid_role r WHERE r.level = x.a ->> 'level' AND r.required
            AND NOT EXISTS (SELECT 1 FROM people p WHERE p.op <> 'delete' AND (p.after ->> 'grid_id')::bigint = x.id
                              AND p.after ->> 'role' = r.role)),
         'subjectCount', 0) AS properties
     FROM alive x ORDER BY x.a ->> 'code'`,
    [parentId, at],
  );
  const parent = rows.find((r) => r.isParent) ?? null;
  const strip = ({ isParent: _p, ...feature }: GridFeatureLite & { isParent: boolean }) => feature;
  return { parent: parent && strip(parent), features: rows.filter((r) => !r.isParent).map(strip) };
}

export async function historyOf(db: Queryable, gridId: number, limit: number): Promise<HistoryEntry[]> {
  const { rows } = await db.query<HistoryEntry>(
    `SELECT h.id, h.change_id AS "changeId", h.entity, h.entity_id AS "entityId", h.grid_id AS "gridId", h.op,
       h.entity_version AS "entityVersion", h.changed_fields AS "changedFields", h.note,
       ${ISO('h.created_at')} AS at, h.created_by AS by,
       coalesce(h.after ->> 'name', h.before ->> 'name') AS label,
       h.before - 'geom' AS before, h.after - 'geom' AS after
     FROM grid_history h
     WHERE h.grid_id = $1 OR h.parent_id = $1
     ORDER BY h.id DESC LIMIT $2`,
    [gridId, limit],
  );
  return rows;
}

/** 404 unless the grid exists and the account may read it (row-level security hides the others). */
export async function requireGrid(db: Queryable, id: number): Promise<void> {
  const { rows } = await db.query('SELECT 1 FROM grid_unit WHERE id = $1', [id]);
  if (rows.length === 0) throw new AppError('NOT_FOUND', { resource: 'grid', id });
}
