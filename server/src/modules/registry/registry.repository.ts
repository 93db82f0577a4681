/**
 * Registry queries: the subject list with its filters (every value a parameter), the total for paging, and
 * freshness per grid. The same WHERE serves the page, the count and the Excel export.
 */
import type { GridFreshness, SubjectListItem, SubjectListQuery } from '../../../contracts/registry';
import type { Queryable } from '../../db/engine';

const SORT_COLUMNS: Record<SubjectListQuery['sort'], string> = {
  code: 's.code',
  name: 's.name',
  type: 's.type',
  creditClass: 's.credit_class',
  updatedAt: 's.updated_at',
};

/** Shared by the flag in each row and the duplicates filter; `distance` is the placeholder of the distance in metres. */
const duplicate = (distance: string) => `EXISTS (
  SELECT 1 FROM production_subject o
  WHERE o.id <> s.id AND o.status = 'active'
    AND ((s.credit_code IS NOT NULL AND o.credit_code = s.credit_code)
      OR (o.name = s.name AND s.geom IS NOT NULL AND o.geom IS NOT NULL
          AND ST_DWithin(o.geom::geography, s.geom::geography, ${distance}::float8))))`;

/** The WHERE of a list query; every value is a parameter (a statement may not carry unused ones). */
function whereClause(query: SubjectListQuery, distanceM: number): { sql: string; params: unknown[] } {
  const params: unknown[] = [];
  const conditions: string[] = [];
  const add = (sql: (p: string) => string, value: unknown) => {
    params.push(value);
    conditions.push(sql(`$${params.length}`));
  };
  if (query.status !== 'all') add((p) => `s.status = ${p}`, query.status);
  if (query.q) {
    add(
      (p) =>
        `(s.code ILIKE ${p} OR s.name ILIKE ${p} OR s.legal_rep ILIKE ${p} OR s.address ILIKE ${p} OR s.credit_code ILIKE ${p})`,
      `%${query.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`,
    );
  }
  if (query.type) add((p) => `s.type = ANY(${p}::text[])`, query.type);
  if (query.gridId) {
    add(
      (p) => `s.grid_id IN (WITH RECURSIVE below AS (SELECT id FROM grid_unit WHERE id = ${p}::bigint
                UNION ALL SELECT g.id FROM grid_unit g JOIN below ON g.parent_id = below.id) SELECT id FROM below)`,
      query.gridId,
    );
  }
  if (query.creditClass) {
    add(
      (p) =>
        `(s.credit_class = ANY(${p}::text[]) OR ('none' = ANY(${p}::text[]) AND s.credit_class IS NULL))`,
      query.creditClass,
    );
  }
  if (query.keyList !== undefined) add((p) => `s.key_list = ${p}`, query.keyList);
  if (query.certification) add((p) => `${p} = ANY(s.certifications)`, query.certification);
  if (query.traceability !== undefined) add((p) => `s.traceability = ${p}`, query.traceability);
  if (query.issuesCertificate !== undefined)
    add((p) => `s.issues_certificate = ${p}`, query.issuesCertificate);
  if (query.location) conditions.push(query.location === 'with' ? 's.geom IS NOT NULL' : 's.geom IS NULL');
  if (query.updatedFrom)
    add((p) => `(s.updated_at AT TIME ZONE 'Asia/Shanghai')::date >= ${p}::date`, query.updatedFrom);
  if (query.updatedTo)
    add((p) => `(s.updated_at AT TIME ZONE 'Asia/Shanghai')::date <= ${p}::date`, query.updatedTo);
  if (query.duplicates !== undefined)
    add((p) => (query.duplicates ? duplicate(p) : `NOT ${duplicate(p)}`), distanceM);
  return { sql: conditions.length ? `WHERE ${conditions.join(' AND ')}` : '', params };
}

export async function listSubjects(
  db: Queryable,
  query: SubjectListQuery,
  distanceM: number,
  page: { limit: number; offset: number },
): Promise<{ total: number; items: SubjectListItem[] }> {
  const where = whereClause(query, distanceM);
  const order = `${SORT_COLUMNS[query.sort]} ${query.order === 'desc' ? 'DESC' : 'ASC'} NULLS LAST, s.id`;
  const [count, rows] = await Promise.all([
    db.query<{ total: number }>(
      `SELECT count(*) AS total FROM production_subject s ${where.sql}`,
      where.params,
    ),
    db.query<SubjectListItem>(
      `SELECT s.id, s.code, s.name, s.type, s.credit_class AS "creditClass", s.key_list AS "keyList",
         s.traceability, s.issues_certificate AS "issuesCertificate", s.certifications, s.status,
         s.legal_rep AS "legalRep", s.phone, s.address,
         CASE WHEN v.id IS NULL THEN NULL ELSE json_build_object('id', v.id, 'code', v.code, 'name', v.name) END AS village,
         CASE WHEN t.id IS NULL THEN NULL ELSE json_build_object('id', t.id, 'code', t.code, 'name', t.name) END AS township,
         s.geom IS NOT NULL AS "hasLocation", ${duplicate(`$${where.params.length + 3}`)} AS "possibleDuplicate",
         s.updated_at AS "updatedAt", s.updated_by AS "updatedBy"
       FROM production_subject s
       LEFT JOIN grid_unit v ON v.id = s.grid_id
       LEFT JOIN grid_unit t ON t.id = v.parent_id
       ${where.sql}
       ORDER BY ${order}
       LIMIT $${where.params.length + 1} OFFSET $${where.params.length + 2}`,
      [...where.params, page.limit, page.offset, distanceM],
    ),
  ]);
  return { total: count.rows[0]?.total ?? 0, items: rows.rows };
}

/** Active subjects per grid of a level and how many were updated in the given year (China dates). */
export async function registryFreshness(
  db: Queryable,
  year: number,
  level: 'township' | 'village',
  gridId: number | null,
): Promise<GridFreshness[]> {
  const { rows } = await db.query<GridFreshness>(
    `WITH subjects AS (
       SELECT s.id, CASE WHEN $2 = 'village' THEN v.id ELSE v.parent_id END AS grid_id,
              extract(year FROM s.updated_at AT TIME ZONE 'Asia/Shanghai') = $1 AS fresh
       FROM production_subject s JOIN grid_unit v ON v.id = s.grid_id
       WHERE s.status = 'active'
     )
     SELECT json_build_object('id', g.id, 'code', g.code, 'name', g.name, 'level', g.level) AS grid,
            count(x.id) AS active,
            count(x.id) FILTER (WHERE x.fresh) AS "updatedThisYear",
            count(x.id) FILTER (WHERE NOT x.fresh) AS stale,
            CASE WHEN count(x.id) = 0 THEN NULL
                 ELSE round((count(x.id) FILTER (WHERE x.fresh))::numeric / count(x.id), 4)::float8 END AS share
     FROM grid_unit g LEFT JOIN subjects x ON x.grid_id = g.id
     WHERE g.level = $2 AND ($3::bigint IS NULL OR g.id = $3 OR g.parent_id = $3)
     GROUP BY g.id ORDER BY g.code`,
    [year, level, gridId],
  );
  return rows;
}
