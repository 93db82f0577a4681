/**
 * What printed maps are drawn from: grids, subjects and soil zones projected by PostGIS to the CGCS2000 3°
 * Gauss-Krüger zone of the area (the zone whose central meridian is nearest the area's centroid, EPSG:4534–4554),
 * simplified to a fraction of a printed millimetre and clipped to the visible frame. Every query runs in the
 * caller's scope, so row-level security limits a printout to the account's jurisdiction.
 */
import type { Queryable } from '../../db/engine';
import type { Extent } from '../../domain/print/print-layout';
import { AppError } from '../../http/app-error';

export interface AreaProjection {
  /** PROJ definition handed to ST_Transform. */
  proj: string;
  /** Printed on the map. */
  crs: string;
}

/** The CGCS2000 3° Gauss-Krüger zone of a grid (a local transverse Mercator outside China's zones). */
export async function areaProjection(tx: Queryable, gridId: number): Promise<AreaProjection> {
  const { rows } = await tx.query<{ lon: number }>(
    'SELECT ST_X(ST_Centroid(geom)) AS lon FROM grid_unit WHERE id = $1',
    [gridId],
  );
  const lon = rows[0]?.lon;
  if (lon === undefined) throw new AppError('NOT_FOUND', { resource: 'grid', id: gridId });
  const cm = Math.round(lon / 3) * 3;
  if (cm >= 75 && cm <= 135) {
    const srid = 4534 + (cm - 75) / 3;
    const { rows: srs } = await tx.query<{ proj4text: string }>(
      'SELECT proj4text FROM spatial_ref_sys WHERE srid = $1',
      [srid],
    );
    if (srs[0]?.proj4text)
      return {
        proj: srs[0].proj4text.trim(),
        crs: `CGCS2000 3度带高斯-克吕格投影，中央经线 ${cm}°E（EPSG:${srid}）`,
      };
  }
  const lon0 = lon.toFixed(4);
  return {
    proj: `+proj=tmerc +lat_0=0 +lon_0=${lon0} +k=1 +x_0=500000 +y_0=0 +ellps=GRS80 +units=m +no_defs`,
    crs: `CGCS2000 高斯-克吕格投影，中央经线 ${lon0}°E`,
  };
}

export interface ProjectedGrid {
  id: number;
  name: string;
  code: string;
  level: string;
  parentId: number | null;
  rings: [number, number][][];
  label: [number, number];
}

/** Projected extent of a grid, metres. */
export async function gridExtent(tx: Queryable, id: number, proj: string): Promise<Extent> {
  const { rows } = await tx.query<{ x0: number; y0: number; x1: number; y1: number }>(
    `SELECT ST_XMin(b) AS x0, ST_YMin(b) AS y0, ST_XMax(b) AS x1, ST_YMax(b) AS y1
     FROM (SELECT ST_Transform(geom, $2::text)::box2d AS b FROM grid_unit WHERE id = $1) q`,
    [id, proj],
  );
  const r = rows[0];
  if (!r) throw new AppError('NOT_FOUND', { resource: 'grid', id });
  return [r.x0, r.y0, r.x1, r.y1];
}

/** Grids chosen by `where` (using $1), projected and simplified by `tolerance` metres, ordered by code. */
export async function projectedGrids(
  tx: Queryable,
  where: string,
  arg: unknown,
  proj: string,
  tolerance: number,
): Promise<ProjectedGrid[]> {
  const { rows } = await tx.query<
    Omit<ProjectedGrid, 'rings'> & { geometry: { coordinates: unknown } | null }
  >(
    `SELECT g.id::int, g.name, g.code, g.level, g.parent_id::int AS "parentId",
       ST_AsGeoJSON(ST_SimplifyPreserveTopology(ST_Transform(g.geom, $2::text), $3), 1)::json AS geometry,
       json_build_array(ST_X(l.p), ST_Y(l.p)) AS label
     FROM grid_unit g
     CROSS JOIN LATERAL (SELECT ST_Transform(coalesce(g.label_geom, ST_PointOnSurface(g.geom)), $2::text) AS p) l
     WHERE ${where}
     ORDER BY g.code`,
    [arg, proj, tolerance],
  );
  return rows.map(({ geometry, ...g }) => ({ ...g, rings: ringsOf(geometry) }));
}

/** Every ring of a GeoJSON (Multi)Polygon or collection of them. */
function ringsOf(
  geometry: { type?: string; coordinates?: unknown; geometries?: unknown[] } | null,
): [number, number][][] {
  if (!geometry) return [];
  if (geometry.type === 'GeometryCollection')
    return (geometry.geometries ?? []).flatMap((g) => ringsOf(g as typeof geometry));
  if (geometry.type === 'Polygon') return geometry.coordinates as [number, number][][];
  if (geometry.type === 'MultiPolygon') return (geometry.coordinates as [number, number][][][]).flat();
  return [];
}

/** Active production subjects inside a grid, projected (at most `limit`). */
export async function projectedSubjects(
  tx: Queryable,
  gridId: number,
  proj: string,
  limit: number,
): Promise<[number, number][]> {
  const { rows } = await tx.query<{ x: number; y: number }>(
    `SELECT ST_X(p) AS x, ST_Y(p) AS y FROM (
       SELECT ST_Transform(s.geom, $2::text) AS p FROM production_subject s
       WHERE s.status = 'active' AND s.geom IS NOT NULL
         AND ST_Intersects(s.geom, (SELECT geom FROM grid_unit WHERE id = $1))
       ORDER BY s.id LIMIT $3) q`,
    [gridId, proj, limit],
  );
  return rows.map((r) => [r.x, r.y]);
}

export interface SoilRunRef {
  id: number;
  name: string;
  metal: string;
  createdAt: string;
  area: string;
}

/** The latest soil zoning run over the grid or any grid below it (null: no run yet). */
export async function latestSoilRun(tx: Queryable, gridId: number): Promise<SoilRunRef | null> {
  const { rows } = await tx.query<SoilRunRef>(
    `SELECT r.id::int, r.name, r.metal, to_char(r.created_at AT TIME ZONE 'Asia/Shanghai', 'YYYY-MM-DD') AS "createdAt",
            g.name AS area
     FROM soil_zone_run r JOIN grid_unit g ON g.id = r.area_grid_id
     WHERE r.area_grid_id = $1 OR g.parent_id = $1 OR g.parent_id IN (SELECT id FROM grid_unit WHERE parent_id = $1)
     ORDER BY (r.area_grid_id = $1) DESC, r.created_at DESC, r.id DESC LIMIT 1`,
    [gridId],
  );
  return rows[0] ?? null;
}

/** The zones of a run, projected and simplified. */
export async function projectedZones(
  tx: Queryable,
  runId: number,
  proj: string,
  tolerance: number,
): Promise<{ cls: string; areaM2: number; rings: [number, number][][] }[]> {
  const { rows } = await tx.query<{
    cls: string;
    areaM2: number;
    geometry: { type?: string; coordinates?: unknown } | null;
  }>(
    `SELECT class AS cls, area_m2 AS "areaM2", ST_AsGeoJSON(ST_SimplifyPreserveTopology(ST_Transform(geom, $2::text), $3), 1)::json AS geometry
     FROM soil_zone WHERE run_id = $1 ORDER BY id`,
    [runId, proj, tolerance],
  );
  return rows.map((r) => ({ cls: r.cls, areaM2: Number(r.areaM2), rings: ringsOf(r.geometry) }));
}
