/**
 * SQL of grid edits. Geometries travel between statements as hex EWKB text (lossless); every function runs inside
 * the caller's transaction. Areas are geodesic (ST_Area on geography), in m².
 */
import type { Queryable } from '../../db/engine';
import type { Geometry } from '../../../contracts/geojson';

export interface LockedGrid {
  id: number;
  code: string;
  name: string;
  level: 'county' | 'township' | 'village';
  parentId: number | null;
  population: number | null;
  version: number;
  updatedAt: string;
  updatedBy: string;
  hex: string;
  m2: number;
}

const GRID_COLUMNS = `id, code, name, level, parent_id AS "parentId", population, version, updated_at AS "updatedAt",
  updated_by AS "updatedBy", encode(ST_AsEWKB(geom), 'hex') AS hex, ST_Area(geom::geography) AS m2`;

/** Locks the grids for the rest of the transaction (in id order, so two saves cannot deadlock). */
export async function lockGrids(db: Queryable, ids: number[]): Promise<LockedGrid[]> {
  const { rows } = await db.query<LockedGrid>(
    `SELECT ${GRID_COLUMNS} FROM grid_unit WHERE id = ANY($1::bigint[]) ORDER BY id FOR UPDATE`,
    [ids],
  );
  return rows;
}

export async function siblingsOf(db: Queryable, parentId: number, except: number[]): Promise<LockedGrid[]> {
  const { rows } = await db.query<LockedGrid>(
    `SELECT ${GRID_COLUMNS} FROM grid_unit WHERE parent_id = $1 AND id <> ALL($2::bigint[]) ORDER BY id FOR UPDATE`,
    [parentId, except],
  );
  return rows;
}

export async function childCodes(db: Queryable, parentId: number): Promise<string[]> {
  const { rows } = await db.query<{ code: string }>('SELECT code FROM grid_unit WHERE parent_id = $1', [
    parentId,
  ]);
  return rows.map((r) => r.code);
}

export async function allCodesWithPrefix(db: Queryable, prefix: string): Promise<string[]> {
  const { rows } = await db.query<{ code: string }>(`SELECT code FROM grid_unit WHERE code LIKE $1 || '%'`, [
    prefix,
  ]);
  return rows.map((r) => r.code);
}

export interface ValidityProblem {
  reason: string;
  location: [number, number] | null;
  repaired: Geometry | null;
}

/** Validity of a GeoJSON polygon, with a repaired version (ST_MakeValid, polygons only) when it is invalid. */
export async function validity(db: Queryable, geojson: unknown): Promise<ValidityProblem | null> {
  const { rows } = await db.query<{
    valid: boolean;
    reason: string | null;
    x: number | null;
    y: number | null;
    repaired: Geometry | null;
  }>(
    `SELECT (d).valid, (d).reason, ST_X((d).location) AS x, ST_Y((d).location) AS y,
       CASE WHEN (d).valid THEN NULL ELSE
         ST_AsGeoJSON(ST_Multi(ST_CollectionExtract(ST_MakeValid(g), 3)), 7)::json END AS repaired
     FROM (SELECT g, ST_IsValidDetail(g) AS d FROM (SELECT ST_SetSRID(ST_GeomFromGeoJSON($1::text), 4326) AS g) a) q`,
    [JSON.stringify(geojson)],
  );
  const row = rows[0];
  if (!row || row.valid) return null;
  return {
    reason: row.reason ?? 'invalid geometry',
    location: row.x === null || row.y === null ? null : [row.x, row.y],
    repaired: row.repaired,
  };
}

export async function hexOfGeoJSON(db: Queryable, geojson: unknown): Promise<string> {
  const { rows } = await db.query<{ hex: string }>(
    `SELECT encode(ST_AsEWKB(ST_Multi(ST_SetSRID(ST_GeomFromGeoJSON($1::text), 4326))), 'hex') AS hex`,
    [JSON.stringify(geojson)],
  );
  return (rows[0] as { hex: string }).hex;
}

/** Snaps a candidate to the parent's and the neighbours' vertices within `tolerance` degrees (≈ 1 m ≈ 1e-5°). */
export async function snapToNeighbours(
  db: Queryable,
  hex: string,
  parentId: number,
  except: number[],
  tolerance: number,
): Promise<string> {
  const { rows } = await db.query<{ hex: string }>(
    `WITH c AS (SELECT $1::geometry AS g),
     nb AS (SELECT ST_Collect(s.geom) AS g FROM grid_unit s, c
            WHERE s.parent_id = $2 AND s.id <> ALL($3::bigint[]) AND s.geom && ST_Expand(c.g, $4)),
     snapped AS (
       SELECT ST_Snap(ST_Snap(c.g, (SELECT ST_Boundary(geom) FROM grid_unit WHERE id = $2), $4),
                      coalesce(nb.g, c.g), $4) AS g
       FROM c, nb
     )
     SELECT encode(ST_AsEWKB(ST_Multi(ST_CollectionExtract(ST_MakeValid(g), 3))), 'hex') AS hex FROM snapped`,
    [hex, parentId, except, tolerance],
  );
  return (rows[0] as { hex: string }).hex;
}

export interface Piece {
  m2: number;
  at: [number, number];
  geometry: Geometry;
  hex: string;
}

const PIECES = `SELECT encode(ST_AsEWKB(piece), 'hex') AS hex, ST_AsGeoJSON(piece, 7)::json AS geometry,
  ST_Area(piece::geography) AS m2, json_build_array(ST_X(ST_PointOnSurface(piece)), ST_Y(ST_PointOnSurface(piece))) AS at
  FROM (SELECT (ST_Dump(ST_CollectionExtract(g, 3))).geom AS piece FROM x) d WHERE NOT ST_IsEmpty(piece)`;

/** Polygon pieces of a minus b (none when a is covered by b). */
export async function differencePieces(db: Queryable, a: string, b: string): Promise<Piece[]> {
  const { rows } = await db.query<Piece>(
    `WITH x AS (SELECT CASE WHEN ST_CoveredBy($1::geometry, $2::geometry) THEN NULL
                            ELSE ST_Difference($1::geometry, $2::geometry) END AS g) ${PIECES}`,
    [a, b],
  );
  return rows.filter((r) => r.m2 > 0);
}

export async function gridHex(db: Queryable, id: number): Promise<string> {
  const { rows } = await db.query<{ hex: string }>(
    `SELECT encode(ST_AsEWKB(geom), 'hex') AS hex FROM grid_unit WHERE id = $1`,
    [id],
  );
  return (rows[0] as { hex: string }).hex;
}

/** Binary operations that return a clean MultiPolygon (or null when nothing polygonal is left). */
export async function combine(
  db: Queryable,
  op: 'intersection' | 'difference' | 'union',
  a: string,
  b: string,
): Promise<string | null> {
  const fn = { intersection: 'ST_Intersection', difference: 'ST_Difference', union: 'ST_Union' }[op];
  // GEOS 3.14 (PGlite) answers no row for the difference of two equal shapes: test coverage first.
  const guard =
    op === 'difference' ? 'WHEN ST_CoveredBy($1::geometry, $2::geometry) THEN NULL' : 'WHEN false THEN NULL';
  const { rows } = await db.query<{ hex: string | null }>(
    `SELECT CASE WHEN g IS NULL OR ST_IsEmpty(g) THEN NULL ELSE encode(ST_AsEWKB(g), 'hex') END AS hex
     FROM (SELECT ST_Multi(ST_CollectionExtract(ST_MakeValid(CASE ${guard} ELSE ${fn}($1::geometry, $2::geometry) END), 3)) AS g) q`,
    [a, b],
  );
  return rows[0]?.hex ?? null;
}

export async function unionAll(db: Queryable, hexes: string[]): Promise<string> {
  const { rows } = await db.query<{ hex: string }>(
    `SELECT encode(ST_AsEWKB(ST_Multi(ST_CollectionExtract(ST_MakeValid(ST_Union(g::geometry)), 3))), 'hex') AS hex
     FROM unnest($1::text[]) AS g`,
    [hexes],
  );
  return (rows[0] as { hex: string }).hex;
}

export interface Overlap {
  id: number;
  name: string;
  m2: number;
  at: [number, number];
  geometry: Geometry;
}

/** Siblings whose interior the candidate overlaps, with the overlapping part. */
export async function overlapsWithSiblings(
  db: Queryable,
  hex: string,
  parentId: number,
  except: number[],
): Promise<Overlap[]> {
  const { rows } = await db.query<Overlap>(
    `SELECT s.id, s.name, ST_Area(ov::geography) AS m2, ST_AsGeoJSON(ov, 7)::json AS geometry,
       json_build_array(ST_X(ST_PointOnSurface(ov)), ST_Y(ST_PointOnSurface(ov))) AS at
     FROM grid_unit s
     CROSS JOIN LATERAL (SELECT ST_CollectionExtract(ST_Intersection(s.geom, $1::geometry), 3) AS ov) x
     WHERE s.parent_id = $2 AND s.id <> ALL($3::bigint[]) AND s.geom && $1::geometry
       AND ST_Relate(s.geom, $1::geometry, '2********') AND NOT ST_IsEmpty(ov)
     ORDER BY s.id`,
    [hex, parentId, except],
  );
  return rows;
}

/** The sibling sharing the longest border with a piece (null when none touches it). */
export async function longestBorderSibling(
  db: Queryable,
  pieceHex: string,
  parentId: number,
  except: number[],
): Promise<number | null> {
  const { rows } = await db.query<{ id: number }>(
    `SELECT s.id FROM grid_unit s
     WHERE s.parent_id = $2 AND s.id <> ALL($3::bigint[]) AND s.geom && ST_Expand($1::geometry, 1e-7)
       AND ST_Intersects(s.geom, $1::geometry)
     ORDER BY ST_Length(ST_CollectionExtract(ST_Intersection(ST_Boundary(s.geom), ST_Boundary($1::geometry)), 2)) DESC, s.id
     LIMIT 1`,
    [pieceHex, parentId, except],
  );
  return rows[0]?.id ?? null;
}

/** Gap pieces of the parent (parent minus its children) that touch the given geometry. */
export async function gapsTouching(db: Queryable, parentId: number, hex: string): Promise<Piece[]> {
  const { rows } = await db.query<Piece>(
    `WITH u AS (SELECT ST_Union(geom) AS g FROM grid_unit WHERE parent_id = $1),
     x AS (SELECT CASE WHEN u.g IS NULL THEN p.geom WHEN ST_CoveredBy(p.geom, u.g) THEN NULL
                       ELSE ST_Difference(p.geom, u.g) END AS g FROM grid_unit p, u WHERE p.id = $1)
     SELECT * FROM (${PIECES}) pieces WHERE ST_Intersects(hex::geometry, ST_Expand($2::geometry, 1e-7))
       AND ST_DWithin(hex::geometry, $2::geometry, 1e-7)`,
    [parentId, hex],
  );
  return rows.filter((r) => r.m2 > 0);
}

export async function insertGrid(
  db: Queryable,
  grid: {
    code: string;
    name: string;
    level: string;
    parentId: number;
    population: number | null;
    hex: string;
  },
): Promise<number> {
  const { rows } = await db.query<{ id: number }>(
    `INSERT INTO grid_unit (code, name, level, parent_id, population, geom)
     VALUES ($1, $2, $3, $4, $5, $6::geometry) RETURNING id`,
    [grid.code, grid.name, grid.level, grid.parentId, grid.population, grid.hex],
  );
  return (rows[0] as { id: number }).id;
}

export async function updateGrid(
  db: Queryable,
  id: number,
  changes: { hex?: string; name?: string; code?: string; population?: number | null; parentId?: number },
): Promise<void> {
  const sets: string[] = [];
  const params: unknown[] = [id];
  const add = (column: string, value: unknown, cast = '') => {
    params.push(value);
    sets.push(`${column} = $${params.length}${cast}`);
  };
  if (changes.hex !== undefined) add('geom', changes.hex, '::geometry');
  if (changes.name !== undefined) add('name', changes.name);
  if (changes.code !== undefined) add('code', changes.code);
  if (changes.population !== undefined) add('population', changes.population);
  if (changes.parentId !== undefined) add('parent_id', changes.parentId);
  if (sets.length === 0) return;
  await db.query(`UPDATE grid_unit SET ${sets.join(', ')} WHERE id = $1`, params);
}

export async function deleteGrid(db: Queryable, id: number): Promise<void> {
  await db.query('DELETE FROM grid_person WHERE grid_id = $1', [id]);
  await db.query('DELETE FROM grid_unit WHERE id = $1', [id]);
}

export async function movePeople(db: Queryable, fromId: number, toId: number): Promise<void> {
  await db.query('UPDATE grid_person SET grid_id = $2 WHERE grid_id = $1', [fromId, toId]);
}

/** Children of a grid with their geometry, for re-parenting in township splits and merges. */
export async function childrenOf(db: Queryable, parentId: number): Promise<LockedGrid[]> {
  const { rows } = await db.query<LockedGrid>(
    `SELECT ${GRID_COLUMNS} FROM grid_unit WHERE parent_id = $1 ORDER BY id FOR UPDATE`,
    [parentId],
  );
  return rows;
}

/** Area (m²) of a minus b, 0 when b covers a. */
export async function outsideArea(db: Queryable, a: string, b: string): Promise<number> {
  const { rows } = await db.query<{ m2: number }>(
    `SELECT CASE WHEN ST_CoveredBy($1::geometry, $2::geometry) THEN 0
                 ELSE coalesce(ST_Area(ST_Difference($1::geometry, $2::geometry)::geography), 0) END AS m2`,
    [a, b],
  );
  return rows[0]?.m2 ?? 0;
}

export async function areaOf(db: Queryable, hex: string): Promise<number> {
  const { rows } = await db.query<{ m2: number }>('SELECT ST_Area($1::geometry::geography) AS m2', [hex]);
  return rows[0]?.m2 ?? 0;
}

/** Pieces of a grid cut by a line (ST_Split), largest first. */
export async function splitPieces(db: Queryable, hex: string, line: unknown): Promise<string[]> {
  const { rows } = await db.query<{ hex: string }>(
    `SELECT encode(ST_AsEWKB(ST_Multi(piece)), 'hex') AS hex FROM (
       SELECT (ST_Dump(ST_CollectionExtract(ST_Split($1::geometry, ST_SetSRID(ST_GeomFromGeoJSON($2::text), 4326)), 3))).geom AS piece
     ) d ORDER BY ST_Area(piece) DESC`,
    [hex, JSON.stringify(line)],
  );
  return rows.map((r) => r.hex);
}

/** Share of a child's area inside each piece, to assign it to the piece holding most of it. */
export async function bestPiece(db: Queryable, childHex: string, pieces: string[]): Promise<number> {
  const { rows } = await db.query<{ i: number }>(
    `SELECT i - 1 AS i FROM unnest($2::text[]) WITH ORDINALITY AS p(hex, i)
     ORDER BY ST_Area(ST_Intersection($1::geometry, p.hex::geometry)) DESC LIMIT 1`,
    [childHex, pieces],
  );
  return rows[0]?.i ?? 0;
}

/** Is the union of these geometries one connected polygon (they are adjacent)? */
export async function isConnected(db: Queryable, hexes: string[]): Promise<boolean> {
  const { rows } = await db.query<{ parts: number }>(
    `SELECT ST_NumGeometries(ST_Multi(ST_Union(g::geometry)))::int AS parts FROM unnest($1::text[]) AS g`,
    [hexes],
  );
  return (rows[0]?.parts ?? 0) === 1;
}
