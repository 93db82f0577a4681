/** Zoning runs and their zones (tables soil_zone_run, soil_zone). Zones are clipped and measured by PostGIS. */
import type { Ref } from '../../../contracts/api';
import type { ClassArea, ZoneClass, ZoneCollection } from '../../../contracts/soil';
import type { Queryable } from '../../db/engine';

export interface AreaRow extends Ref {
  level: string;
  /** MultiPolygon coordinates in longitude/latitude. */
  coordinates: number[][][][];
}

/** A grid to cover; with no id, the only county grid (null when there are several, or none). */
export async function getArea(
  db: Queryable,
  gridId: number | undefined,
): Promise<AreaRow | null | 'ambiguous'> {
  const { rows } = await db.query<
    Omit<AreaRow, 'coordinates'> & { geometry: { coordinates: number[][][][] } }
  >(
    `SELECT id, code, name, level, ST_AsGeoJSON(geom, 8)::json AS geometry FROM grid_unit
     WHERE ($1::bigint IS NOT NULL AND id = $1) OR ($1::bigint IS NULL AND level = 'county')
     ORDER BY id LIMIT 2`,
    [gridId ?? null],
  );
  if (rows.length === 0) return null;
  if (rows.length > 1) return 'ambiguous';
  const { geometry, ...rest } = rows[0]!;
  return { ...rest, coordinates: geometry.coordinates };
}

/** A grid's id, code and name (null when there is none of that id). */
export async function gridRef(db: Queryable, id: number): Promise<Ref | null> {
  const { rows } = await db.query<Ref>('SELECT id, code, name FROM grid_unit WHERE id = $1', [id]);
  return rows[0] ?? null;
}

export interface RunRecord {
  name: string;
  area: Ref & { level: string };
  metal: string;
  variable: string;
  method: string;
  parameters: unknown;
  variogram: unknown;
  logVariogram: unknown;
  crossValidation: unknown;
  areaGridId: number;
  cellSizeM: number;
  landUseRule: string;
  sampleFilter: unknown;
  sampleCount: number;
  mergedSamples: number;
  sampledFrom: string;
  sampledTo: string;
  standardId: number;
  standardValues: unknown;
  projection: string;
  grid: unknown;
  surface: Uint8Array;
  suggestions: unknown;
  summary: unknown;
  warnings: string[];
  durationMs: number;
}

const json = (v: unknown) => (v === null || v === undefined ? null : JSON.stringify(v));

export async function insertRun(db: Queryable, r: RunRecord): Promise<number> {
  const { rows } = await db.query<{ id: number }>(
    `INSERT INTO soil_zone_run (name, metal, variable, method, parameters, variogram, log_variogram, cross_validation,
       area_grid_id, cell_size_m, land_use_rule, sample_filter, sample_count, merged_samples, sampled_from, sampled_to,
       standard_id, standard_values, projection, grid, surface, suggestions, summary, warnings, duration_ms, area)
     VALUES ($1, $2, $3, $4, $5::jsonb, $6::jsonb, $7::jsonb, $8::jsonb, $9, $10, $11, $12::jsonb, $13, $14, $15, $16,
       $17, $18::jsonb, $19, $20::jsonb, $21, $22::jsonb, $23::jsonb, $24::text[], $25, $26::jsonb)
     RETURNING id`,
    [
      r.name,
      r.metal,
      r.variable,
      r.method,
      json(r.parameters),
      json(r.variogram),
      json(r.logVariogram),
      json(r.crossValidation),
      r.areaGridId,
      r.cellSizeM,
      r.landUseRule,
      json(r.sampleFilter),
      r.sampleCount,
      r.mergedSamples,
      r.sampledFrom,
      r.sampledTo,
      r.standardId,
      json(r.standardValues),
      r.projection,
      json(r.grid),
      r.surface,
      json(r.suggestions),
      json(r.summary),
      r.warnings,
      r.durationMs,
      json(r.area),
    ],
  );
  return rows[0]!.id;
}

const multi = (polygons: unknown[]) => JSON.stringify({ type: 'MultiPolygon', coordinates: polygons });

/**
 * Zones from the superlevel sets computed in Node (GeoJSON MultiPolygons in longitude/latitude): strict control =
 * S₂ ∩ area, safe utilisation = (S₁ − S₂) ∩ area, priority protection = (D ∩ area) − (S₁ ∪ S₂), no data =
 * area − D, where D is where the surface has a value. One row per polygon; slivers under 1 m² are dropped.
 */
export async function insertZones(
  db: Queryable,
  runId: number,
  gridId: number | null,
  contours: { data: unknown[] | null; screening: unknown[]; intervention: unknown[] },
): Promise<void> {
  await db.query(
    `WITH area AS (SELECT geom AS g FROM grid_unit WHERE id = $2),
     s AS (
       SELECT ST_MakeValid(ST_SetSRID(ST_GeomFromGeoJSON($4::text), 4326)) AS s1,
              ST_MakeValid(ST_SetSRID(ST_GeomFromGeoJSON($5::text), 4326)) AS s2,
              CASE WHEN $3::text IS NULL THEN NULL ELSE ST_MakeValid(ST_SetSRID(ST_GeomFromGeoJSON($3::text), 4326)) END AS d
     ),
     parts (class, g) AS (
       SELECT 'strict_control', ST_Intersection(area.g, s.s2) FROM area, s
       UNION ALL SELECT 'safe_utilisation', ST_Intersection(area.g, ST_Difference(s.s1, s.s2)) FROM area, s
       UNION ALL SELECT 'priority_protection',
         ST_Difference(CASE WHEN s.d IS NULL THEN area.g ELSE ST_Intersection(area.g, s.d) END, ST_Union(s.s1, s.s2))
         FROM area, s
       UNION ALL SELECT 'no_data', ST_Difference(area.g, s.d) FROM area, s WHERE s.d IS NOT NULL
     ),
     polygons AS (
       SELECT p.class, d.geom FROM parts p, LATERAL ST_Dump(ST_CollectionExtract(ST_MakeValid(p.g), 3)) AS d
       WHERE p.g IS NOT NULL AND NOT ST_IsEmpty(p.g)
     )
     INSERT INTO soil_zone (run_id, class, geom, area_m2)
     SELECT $1, class, geom, ST_Area(geom::geography) FROM polygons
     WHERE NOT ST_IsEmpty(geom) AND ST_IsValid(geom) AND ST_Area(geom::geography) >= 1`,
    [
      runId,
      gridId,
      contours.data === null ? null : multi(contours.data),
      multi(contours.screening),
      multi(contours.intervention),
    ],
  );
}

export interface RunRow {
  id: number;
  name: string;
  metal: string;
  variable: string;
  method: string;
  parameters: Record<string, unknown>;
  variogram: unknown;
  logVariogram: unknown;
  crossValidation: Record<string, unknown>;
  area: Ref & { level: string };
  cellSizeM: number;
  landUseRule: string;
  sampleFilter: Record<string, unknown>;
  sampleCount: number;
  mergedSamples: number;
  sampledFrom: string;
  sampledTo: string;
  standard: string;
  standardValues: unknown[];
  projection: string;
  grid: { x0: number; y0: number; cellSize: number; nx: number; ny: number };
  suggestions: unknown[];
  summary: Record<string, unknown>;
  warnings: string[];
  durationMs: number;
  version: number;
  createdAt: string;
  createdBy: string;
  updatedAt: string;
  updatedBy: string;
}

const RUN_COLUMNS = `r.id, r.name, r.metal, r.variable, r.method, r.parameters, r.cross_validation AS "crossValidation",
  r.area,
  r.cell_size_m AS "cellSizeM", r.land_use_rule AS "landUseRule", r.sample_filter AS "sampleFilter",
  r.sample_count AS "sampleCount", r.merged_samples AS "mergedSamples", r.sampled_from AS "sampledFrom",
  r.sampled_to AS "sampledTo", st.code AS standard, r.projection, r.grid, r.summary, r.warnings,
  r.duration_ms AS "durationMs", r.version, r.created_at AS "createdAt", r.created_by AS "createdBy",
  r.updated_at AS "updatedAt", r.updated_by AS "updatedBy"`;
const RUN_FROM = `FROM soil_zone_run r JOIN soil_standard st ON st.id = r.standard_id`;

export async function getRun(db: Queryable, id: number): Promise<RunRow | null> {
  const { rows } = await db.query<RunRow>(
    `SELECT ${RUN_COLUMNS}, r.variogram, r.log_variogram AS "logVariogram", r.standard_values AS "standardValues",
       r.suggestions ${RUN_FROM} WHERE r.id = $1`,
    [id],
  );
  return rows[0] ?? null;
}

export async function listRuns(db: Queryable, metal: string | undefined, limit: number): Promise<RunRow[]> {
  const { rows } = await db.query<RunRow>(
    `SELECT ${RUN_COLUMNS}, NULL AS variogram, NULL AS "logVariogram", '[]'::jsonb AS "standardValues", '[]'::jsonb AS suggestions
     ${RUN_FROM} WHERE ($1::text IS NULL OR r.metal = $1) ORDER BY r.id DESC LIMIT $2`,
    [metal ?? null, limit],
  );
  return rows;
}

/** Area (亩, geodesic) and share of each class per run. */
export async function classAreas(
  db: Queryable,
  runIds: number[],
): Promise<Map<number, Record<ZoneClass, ClassArea>>> {
  const { rows } = await db.query<{ runId: number; class: ZoneClass; m2: number; cells: number }>(
    `SELECT z.run_id AS "runId", z.class, sum(z.area_m2) AS m2,
       coalesce((r.summary->'cellCounts'->>z.class)::int, 0) AS cells
     FROM soil_zone z JOIN soil_zone_run r ON r.id = z.run_id
     WHERE z.run_id = ANY($1::bigint[]) GROUP BY z.run_id, z.class, r.summary`,
    [runIds],
  );
  const out = new Map<number, Record<ZoneClass, ClassArea>>();
  for (const id of runIds) {
    const mine = rows.filter((r) => r.runId === id);
    const total = mine.reduce((s, r) => s + r.m2, 0);
    const entry = (cls: ZoneClass): ClassArea => {
      const r = mine.find((x) => x.class === cls);
      return {
        cells: r?.cells ?? 0,
        areaMu: r ? Math.round((r.m2 / 666.67) * 10) / 10 : 0,
        share: r && total ? r.m2 / total : 0,
      };
    };
    out.set(id, {
      priority_protection: entry('priority_protection'),
      safe_utilisation: entry('safe_utilisation'),
      strict_control: entry('strict_control'),
      no_data: entry('no_data'),
    });
  }
  return out;
}

export async function lockRun(
  db: Queryable,
  id: number,
): Promise<{ version: number; updatedAt: string; updatedBy: string } | null> {
  const { rows } = await db.query<{ version: number; updatedAt: string; updatedBy: string }>(
    `SELECT version, updated_at AS "updatedAt", updated_by AS "updatedBy" FROM soil_zone_run WHERE id = $1 FOR UPDATE`,
    [id],
  );
  return rows[0] ?? null;
}

export async function renameRun(db: Queryable, id: number, name: string): Promise<void> {
  await db.query('UPDATE soil_zone_run SET name = $2 WHERE id = $1', [id, name]);
}

export async function deleteRun(db: Queryable, id: number): Promise<void> {
  await db.query('DELETE FROM soil_zone_run WHERE id = $1', [id]);
}

export async function getSurface(
  db: Queryable,
  id: number,
): Promise<{ surface: Uint8Array; layers: string[]; grid: RunRow['grid']; projection: string } | null> {
  const { rows } = await db.query<{
    surface: Uint8Array;
    layers: string[];
    grid: RunRow['grid'];
    projection: string;
  }>(
    `SELECT surface, ARRAY(SELECT jsonb_array_elements_text(summary->'surfaceLayers')) AS layers, grid, projection
     FROM soil_zone_run WHERE id = $1`,
    [id],
  );
  return rows[0] ?? null;
}

export async function zoneCollection(db: Queryable, runId: number, zoneId?: number): Promise<ZoneCollection> {
  const { rows } = await db.query<{ collection: ZoneCollection }>(
    `SELECT json_build_object('type', 'FeatureCollection', 'features', coalesce(json_agg(json_build_object(
       'type', 'Feature', 'id', z.id, 'geometry', ST_AsGeoJSON(z.geom, 7)::json,
       'properties', json_build_object('runId', z.run_id, 'class', z.class, 'metal', r.metal,
         'areaMu', round((z.area_m2 / 666.67)::numeric, 2)::float8))
       ORDER BY z.id), '[]'::json)) AS collection
     FROM soil_zone z JOIN soil_zone_run r ON r.id = z.run_id
     WHERE z.run_id = $1 AND ($2::bigint IS NULL OR z.id = $2)`,
    [runId, zoneId ?? null],
  );
  return rows[0]!.collection;
}

export async function zoneRun(db: Queryable, zoneId: number): Promise<number | null> {
  const { rows } = await db.query<{ runId: number }>(
    'SELECT run_id AS "runId" FROM soil_zone WHERE id = $1',
    [zoneId],
  );
  return rows[0]?.runId ?? null;
}

/** Area (m², geodesic) of each pair of classes (class in run a, class in run b) where the zones of both meet. */
export async function transitions(
  db: Queryable,
  a: number,
  b: number,
): Promise<{ from: string; to: string; m2: number }[]> {
  const { rows } = await db.query<{ from: string; to: string; m2: number }>(
    `SELECT za.class AS "from", zb.class AS "to",
       sum(ST_Area(ST_Intersection(za.geom, zb.geom)::geography)) AS m2
     FROM soil_zone za JOIN soil_zone zb ON za.geom && zb.geom AND ST_Intersects(za.geom, zb.geom)
     WHERE za.run_id = $1 AND zb.run_id = $2
     GROUP BY za.class, zb.class ORDER BY 1, 2`,
    [a, b],
  );
  return rows.filter((r) => r.m2 > 0);
}
