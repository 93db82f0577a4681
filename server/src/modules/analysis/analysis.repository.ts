/**
 * SQL of the analysis module: grids with their boundaries, sample counts per grid and period, sample points and
 * drill-down lists — all under the shared residue filter (filter-sql.ts).
 */
import type { Queryable } from '../../db/engine';
import type { DrillDownRow } from '../../../contracts/analysis';
import type { ResidueFilter } from '../../../contracts/residue';
import { filterSql } from './filter-sql';

export interface GridUnitRow {
  id: number;
  code: string;
  name: string;
  /** GeoJSON geometry (MultiPolygon) in longitude/latitude. */
  geometry: { type: 'MultiPolygon'; coordinates: [number, number][][][] };
  lon: number;
  lat: number;
}

/** Grids of a level inside a scope grid (itself and below), or all grids of the level. */
export async function gridUnits(
  db: Queryable,
  level: 'village' | 'township',
  scopeId: number | undefined,
): Promise<GridUnitRow[]> {
  const { rows } = await db.query<GridUnitRow>(
    `WITH RECURSIVE scope AS (
       SELECT id FROM grid_unit WHERE id = $2::bigint
       UNION ALL SELECT c.id FROM grid_unit c JOIN scope ON c.parent_id = scope.id)
     SELECT g.id, g.code, g.name, ST_AsGeoJSON(g.geom, 7)::json AS geometry,
            ST_X(ST_Centroid(g.geom)) AS lon, ST_Y(ST_Centroid(g.geom)) AS lat
     FROM grid_unit g
     WHERE g.level = $1 AND ($2::bigint IS NULL OR g.id IN (SELECT id FROM scope))
     ORDER BY g.code`,
    [level, scopeId ?? null],
  );
  return rows;
}

/** A stamp that changes whenever any grid changes (weights caches key on it). */
export async function gridStamp(db: Queryable): Promise<string> {
  const { rows } = await db.query<{ v: number | null }>(
    "SELECT version AS v FROM layer_version WHERE source = 'grid_unit'",
  );
  return String(rows[0]?.v ?? 0);
}

export interface GridCount {
  gridId: number;
  samples: number;
  failures: number;
}

/** Samples and failures per village (or township) grid under the filter. */
export async function countsByGrid(
  db: Queryable,
  filter: ResidueFilter,
  level: 'village' | 'township',
): Promise<GridCount[]> {
  const f = filterSql(filter, 1);
  const key = level === 'village' ? 's.grid_id' : 'v.parent_id';
  const { rows } = await db.query<GridCount>(
    `SELECT ${key} AS "gridId", count(*)::int AS samples, count(*) FILTER (WHERE ${f.failed})::int AS failures
     FROM ${f.from}
     ${level === 'township' ? 'JOIN grid_unit v ON v.id = s.grid_id' : ''}
     WHERE ${f.where} AND s.grid_id IS NOT NULL
     GROUP BY 1`,
    f.params,
  );
  return rows;
}

export interface SamplePoint {
  lon: number;
  lat: number;
  failed: boolean;
  /** 'YYYY-MM' China calendar month. */
  month: string;
  gridId: number | null;
  parentId: number | null;
}

export async function samplePoints(
  db: Queryable,
  filter: ResidueFilter,
  limit = 3_000_000,
): Promise<SamplePoint[]> {
  const f = filterSql(filter, 1);
  const { rows } = await db.query<SamplePoint>(
    `SELECT ST_X(s.geom) AS lon, ST_Y(s.geom) AS lat, (${f.failed}) AS failed,
            to_char(s.sampled_at AT TIME ZONE 'Asia/Shanghai', 'YYYY-MM') AS month, s.grid_id AS "gridId", v.parent_id AS "parentId"
     FROM ${f.from}
     LEFT JOIN grid_unit v ON v.id = s.grid_id
     WHERE ${f.where}
     LIMIT ${Math.floor(limit)}`,
    f.params,
  );
  return rows;
}

export type DrillWhere =
  | { kind: 'all' }
  | { kind: 'grid'; gridId: number }
  | { kind: 'circle'; centre: [number, number]; radiusM: number }
  | { kind: 'polygon'; geometry: unknown };

function placeSql(where: DrillWhere, next: number): { sql: string; params: unknown[] } {
  if (where.kind === 'grid')
    return {
      sql: `s.grid_id IN (WITH RECURSIVE g AS (SELECT id FROM grid_unit WHERE id = $${next}::bigint
              UNION ALL SELECT c.id FROM grid_unit c JOIN g ON c.parent_id = g.id) SELECT id FROM g)`,
      params: [where.gridId],
    };
  if (where.kind === 'circle')
    return {
      sql: `ST_DWithin(s.geom::geography, ST_SetSRID(ST_MakePoint($${next}, $${next + 1}), 4326)::geography, $${next + 2})`,
      params: [where.centre[0], where.centre[1], where.radiusM],
    };
  if (where.kind === 'polygon')
    return {
      sql: `ST_Covers(ST_SetSRID(ST_GeomFromGeoJSON($${next}::text), 4326), s.geom)`,
      params: [JSON.stringify(where.geometry)],
    };
  return { sql: 'true', params: [] };
}

export async function drillDown(
  db: Queryable,
  filter: ResidueFilter,
  where: DrillWhere,
  onlyFailures: boolean,
  limit: number,
  offset: number,
) {
  const f = filterSql(filter, 1);
  const place = placeSql(where, f.params.length + 1);
  const base = `FROM ${f.from}
     LEFT JOIN production_subject ps ON ps.id = s.subject_id
     WHERE ${f.where} AND ${place.sql} ${onlyFailures ? `AND (${f.failed})` : ''}`;
  const params = [...f.params, ...place.params];
  const { rows } = await db.query<DrillDownRow>(
    `SELECT s.id, s.code, s.kind, (s.sampled_at AT TIME ZONE 'Asia/Shanghai')::date AS "sampledOn", s.commodity, s.verdict,
            (${f.failed}) AS failed, ST_X(s.geom) AS lon, ST_Y(s.geom) AS lat,
            v.name AS village, t.name AS township, ps.code AS "subjectCode", ps.name AS "subjectName", ps.type AS "subjectType",
            s.lab,
            coalesce((SELECT json_agg(json_build_object('analyte', r.analyte, 'value', r.value, 'limitValue', r.limit_value,
                                                        'standard', r.standard, 'verdict', r.verdict) ORDER BY r.analyte)
                      FROM sample_result r WHERE r.sample_id = s.id AND r.verdict <> 'pass'), '[]'::json) AS findings
     ${base.replace('\n     WHERE', '\n     LEFT JOIN grid_unit v ON v.id = s.grid_id LEFT JOIN grid_unit t ON t.id = v.parent_id WHERE')}
     ORDER BY (${f.failed}) DESC, s.sampled_at DESC, s.id
     LIMIT ${Math.floor(limit)} OFFSET ${Math.floor(offset)}`,
    params,
  );
  const totals = await db.query<{ total: number }>(`SELECT count(*)::int AS total ${base}`, params);
  const byAnalyte = await db.query<{ analyte: string; failures: number }>(
    `SELECT r.analyte, count(DISTINCT s.id)::int AS failures ${base.replace('\n     WHERE', '\n     JOIN sample_result r ON r.sample_id = s.id WHERE')}
       AND r.verdict = 'fail' GROUP BY r.analyte ORDER BY 2 DESC, 1 LIMIT 50`,
    params,
  );
  const byCommodity = await db.query<{ commodity: string; samples: number; failures: number }>(
    `SELECT s.commodity, count(*)::int AS samples, count(*) FILTER (WHERE ${f.failed})::int AS failures ${base}
     GROUP BY s.commodity ORDER BY 3 DESC, 2 DESC, 1 LIMIT 50`,
    params,
  );
  const bySubject = await db.query<{ code: string; name: string; samples: number; failures: number }>(
    `SELECT ps.code, ps.name, count(*)::int AS samples, count(*) FILTER (WHERE ${f.failed})::int AS failures ${base}
       AND ps.id IS NOT NULL GROUP BY ps.code, ps.name ORDER BY 4 DESC, 3 DESC, 1 LIMIT 50`,
    params,
  );
  return {
    total: totals.rows[0]?.total ?? 0,
    rows,
    byAnalyte: byAnalyte.rows,
    byCommodity: byCommodity.rows,
    bySubject: bySubject.rows,
  };
}
