/**
 * The one MVT SQL builder: wraps a layer's query.sql with the tile envelope, thinning, LIMIT, simplification,
 * clipping and encoding. Nothing else in the repository writes ST_AsMVT, ST_AsMVTGeom or their portable equivalent.
 *
 * Glossary:
 * - layer query: tiles/layers/<id>/query.sql, an inner SELECT returning `id`, `geom` (EPSG:3857), the contract's
 *   fields and a `priority` (lower is kept first; a small non-negative integer where the layer is thinned), joining
 *   the one-row CTE `tile` (columns `z`, `env`, `bbox` = env plus the buffer, `bbox_4326` = bbox clipped to the
 *   world, in degrees) and filtering with `geom_3857 && tile.bbox` so the GiST index is used.
 * - features: the layer query's rows after thinning and LIMIT — the SAME rows on both paths.
 * - postgis path: ST_AsMVT over ST_AsMVTGeom (PostgreSQL; PGlite lacks protobuf-c and cannot run it).
 * - portable path: the same transform, clip, snap, validity and ring orientation written with functions PGlite has,
 *   one row per feature with its geometry as GeoJSON in tile units; encoder.ts writes the protobuf in Node.
 *
 * Parameters (never text in the SQL): $1 z, $2 x, $3 y, $4 simplification tolerance in metres, $5 thinning cell in
 * metres, $6 feature limit; the postgis path adds $7, the layer name.
 */
import type { TileLayerSpec } from './registry';
import { BUFFER, EXTENT, type TileCoord, WORLD_HALF, atZoom, metresPerPixel } from './tile-coord';

export type MvtPath = 'postgis' | 'portable';

const FAR = EXTENT + BUFFER;
/** 2^40: ids stay below it, so a thinned layer's priority (a small non-negative integer) can be packed above them. */
const ID_SPAN = 1099511627776;
const IDENTIFIER = /^[a-z_][a-z0-9_]*$/;

function quoteIdent(name: string): string {
  // Field names come from the contract, not from requests; the check keeps a typo from becoming broken SQL.
  if (!IDENTIFIER.test(name)) throw new Error(`Field name ${name} is not a plain SQL identifier`);
  return `"${name}"`;
}

function fieldList(spec: TileLayerSpec, alias: string): string {
  return Object.keys(spec.contract.fields)
    .map((name) => `${alias}.${quoteIdent(name)}`)
    .join(', ');
}

/** Whether tiles of this layer are thinned at zoom z. */
export function isThinned(spec: TileLayerSpec, z: number): boolean {
  return spec.thinning !== undefined && z < spec.thinning.belowZoom;
}

/** The values of $1–$6 for a tile; all numbers, computed from the already validated coordinates. */
export function tileParams(spec: TileLayerSpec, { z, x, y }: TileCoord): number[] {
  const tolerance = spec.contract.geometry === 'point' ? 0 : atZoom(spec.simplifyPx, z) * metresPerPixel(z);
  const cell = isThinned(spec, z) ? (spec.thinning?.cellPx ?? 0) * metresPerPixel(z) : 0;
  return [z, x, y, tolerance, cell, atZoom(spec.maxFeatures, z)];
}

// The buffered envelope is clipped to the world before going to degrees: past ±180° PROJ wraps longitudes.
const WORLD_HALF_SQL = String(WORLD_HALF);

// NOT MATERIALIZED: each reference is inlined, so the planner folds ST_TileEnvelope of the bound parameters into a
// constant and estimates how many rows the tile holds from the table's statistics (a materialized CTE or a
// sub-select hides the envelope, and every tile is then planned as if it held three rows).
// tolerance and cell are named here even where a variant does not use them: every parameter needs a known type.
const TILE_CTE = `tile AS NOT MATERIALIZED (
  SELECT e.z, e.env, e.bbox, $4::float8 AS tolerance, $5::float8 AS cell,
    ST_Transform(ST_MakeEnvelope(
      greatest(ST_XMin(e.bbox), -${WORLD_HALF_SQL}), greatest(ST_YMin(e.bbox), -${WORLD_HALF_SQL}),
      least(ST_XMax(e.bbox), ${WORLD_HALF_SQL}), least(ST_YMax(e.bbox), ${WORLD_HALF_SQL}), 3857), 4326) AS bbox_4326
  FROM (SELECT $1::int AS z,
               ST_TileEnvelope($1::int, $2::int, $3::int) AS env,
               ST_TileEnvelope($1::int, $2::int, $3::int, margin => ${BUFFER / EXTENT}) AS bbox) AS e
)`;

/** Thinning keeps one point per global cell (cells align with tile seams, so neighbours agree). */
function featuresCte(spec: TileLayerSpec, thinned: boolean): string {
  if (!thinned) {
    return `features AS (
  SELECT q.* FROM (
${spec.query}
  ) AS q
  ORDER BY q.priority, q.id
  LIMIT $6::int
)`;
  }
  // Two passes over the layer query. The first picks one id per cell from (id, geom, priority) alone: the planner
  // drops the other columns of the flattened subquery, so dates and rounding are not computed for the thousands of
  // points a low-zoom tile throws away, and a hash aggregate on the cell needs no sort. (priority, id) is packed in
  // one bigint, priority × 2^40 + id, so that min() picks the winner and ORDER BY keeps the (priority, id) order.
  // The second pass computes the fields of the survivors only.
  const key = `(k.priority::bigint * ${ID_SPAN} + k.id)`;
  return `features AS (
  SELECT q.* FROM (
${spec.query}
  ) AS q
  JOIN (
    SELECT min(${key}) % ${ID_SPAN} AS id
    FROM (
${spec.query}
    ) AS k
    GROUP BY floor(ST_X(k.geom) / $5::float8), floor(ST_Y(k.geom) / $5::float8)
    ORDER BY min(${key})
    LIMIT $6::int
  ) AS kept ON kept.id = q.id
  ORDER BY q.priority, q.id
)`;
}

/** Lines and polygons are simplified in metres before anything else; collapsed rings are kept for the clip to judge. */
function simplified(spec: TileLayerSpec, column: string): string {
  return spec.contract.geometry === 'point' ? column : `ST_Simplify(${column}, $4::float8, true)`;
}

/**
 * The whole tile as one MVT blob, encoded by PostGIS. ST_AsMVT skips rows whose ST_AsMVTGeom is NULL; a
 * `WHERE geom IS NOT NULL` here would be pushed down into the scan and run ST_AsMVTGeom twice per feature.
 */
export function postgisTileSql(spec: TileLayerSpec, thinned: boolean): string {
  return `WITH ${TILE_CTE},
${featuresCte(spec, thinned)}
SELECT ST_AsMVT(mvt, $7::text, ${EXTENT}, 'geom', 'id') AS tile
FROM (
  SELECT f.id, ST_AsMVTGeom(${simplified(spec, 'f.geom')}, (SELECT env FROM tile), ${EXTENT}, ${BUFFER}, true) AS geom,
    ${fieldList(spec, 'f')}
  FROM features f
  ORDER BY f.priority, f.id
) AS mvt`;
}

/**
 * ST_AsMVTGeom's steps for each kind, with functions PGlite has: ST_Affine into tile units (the same factors,
 * so points land on the same integers), ST_SnapToGrid to integers, ST_Simplify(…, 0) to drop points on straight
 * lines, ST_ClipByBox2D to the buffered square, a second snap for the clip's new vertices; polygons are then made
 * valid and oriented exterior-counter-clockwise in tile units — which is the MVT rule (positive area, y down), as
 * decoding an ST_AsMVT tile shows.
 */
function portableGeometry(spec: TileLayerSpec): string {
  const affine = `ST_Affine(${simplified(spec, 'f.geom')}, fr.fx, 0, 0, fr.fy, fr.xoff, fr.yoff)`;
  const box = `ST_MakeEnvelope(-${BUFFER}, -${BUFFER}, ${FAR}, ${FAR})`;
  if (spec.contract.geometry === 'point') return `ST_SnapToGrid(${affine}, 1)`;
  const clipped = `ST_SnapToGrid(ST_ClipByBox2D(ST_Simplify(ST_SnapToGrid(${affine}, 1), 0), ${box}), 1)`;
  if (spec.contract.geometry === 'line') return clipped;
  return `ST_ForcePolygonCCW(ST_CollectionExtract(ST_MakeValid(${clipped}), 3))`;
}

/** One row per feature: id, geometry (GeoJSON in tile units) and the contract's fields. */
export function portableTileSql(spec: TileLayerSpec, thinned: boolean): string {
  return `WITH ${TILE_CTE},
frame AS (
  SELECT ${EXTENT} / (ST_XMax(env) - ST_XMin(env)) AS fx, -(${EXTENT} / (ST_YMax(env) - ST_YMin(env))) AS fy,
    -ST_XMin(env) * (${EXTENT} / (ST_XMax(env) - ST_XMin(env))) AS xoff,
    -ST_YMax(env) * -(${EXTENT} / (ST_YMax(env) - ST_YMin(env))) AS yoff
  FROM tile
),
${featuresCte(spec, thinned)}
SELECT f.id, ST_AsGeoJSON(g.geom, 0) AS geometry, ${fieldList(spec, 'f')}
FROM features f
CROSS JOIN frame fr
CROSS JOIN LATERAL (SELECT ${portableGeometry(spec)} AS geom) AS g
WHERE g.geom IS NOT NULL AND NOT ST_IsEmpty(g.geom)
  AND g.geom && ST_MakeEnvelope(-${BUFFER}, -${BUFFER}, ${FAR}, ${FAR})
ORDER BY f.priority, f.id`;
}

/** The extent of the layer's data in degrees: [west, south, east, north], or NULLs when it is empty. */
export function boundsSql(spec: TileLayerSpec): string {
  // The layer query itself answers, over the whole world (tile 0/0/0), so bounds match what tiles can show.
  return `WITH ${TILE_CTE},
extent AS (SELECT ST_Transform(ST_SetSRID(ST_Extent(q.geom)::geometry, 3857), 4326) AS e FROM (
${spec.query}
) AS q)
SELECT ST_XMin(e) AS west, ST_YMin(e) AS south, ST_XMax(e) AS east, ST_YMax(e) AS north FROM extent`;
}

/** Parameters of boundsSql: the world tile, no simplification, no thinning. */
export const BOUNDS_PARAMS: readonly number[] = [0, 0, 0, 0, 0];
