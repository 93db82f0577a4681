/**
 * Topology of a level inside its parents, computed by PostGIS (works on PostGIS 3.3 and 3.6: no coverage functions).
 *
 * Per parent, one union of its children answers most questions at once: gaps are the parent minus the union;
 * outside parts are the union minus the parent; and the children overlap somewhere only if the sum of their areas
 * exceeds the area of their union. Only parents failing that last test get the pairwise overlap search, and even
 * there only pairs whose boxes meet (GiST index) are examined: a clean level costs one union per parent.
 */
import type { ParentTopology, TopologyProblem } from '../../../contracts/grids';
import { M2_PER_MU } from '../../../contracts/grids';
import type { Queryable } from '../../db/engine';

/** Pieces smaller than this (m²) are floating-point noise of shared edges, not problems. */
export const NOISE_M2 = 1;
/** The same in square degrees, for the planar pre-test (≈ 0.1 m² at mid latitudes). */
const NOISE_DEG2 = 1e-11;

const area = (m2: number) => ({ m2: round(m2, 1), mu: round(m2 / M2_PER_MU, 2) });
const round = (value: number, digits: number) => Number(value.toFixed(digits));

interface ParentRow {
  id: number;
  name: string;
  n: number;
  parentM2: number;
  gapM2: number;
  overlapDeg2: number;
}

interface PieceRow {
  parentId: number;
  kind: 'gap' | 'outside' | 'overlap';
  gridIds: number[] | null;
  names: string[] | null;
  m2: number;
  x: number | null;
  y: number | null;
  geometry: TopologyProblem['geometry'];
}

/**
 * The topology of the children of each given parent: coverage, gaps, outside parts and overlaps, each problem with
 * its geometry (GeoJSON, 7 decimals) and area. `withGeometry` false keeps the answer small (benchmarks, summaries).
 */
export async function checkParents(
  db: Queryable,
  parentIds: number[],
  options: { withGeometry?: boolean } = {},
): Promise<ParentTopology[]> {
  if (parentIds.length === 0) return [];
  const geometry = options.withGeometry === false ? 'NULL::json' : 'ST_AsGeoJSON(piece, 7)::json';
  const { rows: parents } = await db.query<
    ParentRow & { gaps: PieceRow[] | null; outside: PieceRow[] | null }
  >(
    `WITH p AS (SELECT id, name, geom FROM grid_unit WHERE id = ANY($1::bigint[])),
     u AS (
       SELECT p.id, count(c.id)::int AS n, ST_Union(c.geom) AS geom, coalesce(sum(ST_Area(c.geom)), 0) AS sum_deg2
       FROM p LEFT JOIN grid_unit c ON c.parent_id = p.id
       GROUP BY p.id
     ),
     d AS (
       SELECT p.id, p.name, u.n, p.geom AS pgeom, u.geom AS ugeom, u.sum_deg2,
         CASE WHEN u.geom IS NULL THEN p.geom WHEN ST_CoveredBy(p.geom, u.geom) THEN NULL
              ELSE ST_Difference(p.geom, u.geom) END AS gap,
         -- Children inside their parent (the usual case) have nothing outside. Asking GEOS for that empty
         -- difference makes PGlite's PostGIS (3.6/GEOS 3.14 in WebAssembly) drop the whole result without an error.
         CASE WHEN u.geom IS NULL OR ST_CoveredBy(u.geom, p.geom) THEN NULL ELSE ST_Difference(u.geom, p.geom) END AS outside
       FROM p JOIN u ON u.id = p.id
     )
     SELECT d.id, d.name, d.n,
       ST_Area(d.pgeom::geography) AS "parentM2",
       coalesce(ST_Area(d.gap::geography), 0) AS "gapM2",
       CASE WHEN d.ugeom IS NULL THEN 0 ELSE d.sum_deg2 - ST_Area(d.ugeom) END AS "overlapDeg2",
       (SELECT json_agg(json_build_object('kind', 'gap', 'm2', m2, 'x', ST_X(pt), 'y', ST_Y(pt), 'geometry', ${geometry}))
        FROM (SELECT piece, ST_Area(piece::geography) AS m2, ST_PointOnSurface(piece) AS pt
              FROM (SELECT (ST_Dump(d.gap)).geom AS piece) s) g WHERE g.m2 >= ${NOISE_M2}) AS gaps,
       (SELECT json_agg(json_build_object('kind', 'outside', 'm2', m2, 'x', ST_X(pt), 'y', ST_Y(pt), 'geometry', ${geometry},
                 'gridIds', (SELECT json_agg(c.id ORDER BY c.id) FROM grid_unit c WHERE c.parent_id = d.id AND c.geom && piece AND ST_Intersects(c.geom, ST_PointOnSurface(piece))),
                 'names', (SELECT json_agg(c.name ORDER BY c.id) FROM grid_unit c WHERE c.parent_id = d.id AND c.geom && piece AND ST_Intersects(c.geom, ST_PointOnSurface(piece)))))
        FROM (SELECT piece, ST_Area(piece::geography) AS m2, ST_PointOnSurface(piece) AS pt
              FROM (SELECT (ST_Dump(d.outside)).geom AS piece) s) o WHERE o.m2 >= ${NOISE_M2}) AS outside
     FROM d ORDER BY d.id`,
    [parentIds],
  );
  const suspicious = parents.filter((p) => p.overlapDeg2 > NOISE_DEG2).map((p) => p.id);
  const overlaps = await findOverlaps(db, suspicious, geometry);
  return parents.map((p) => {
    const problems: TopologyProblem[] = [];
    for (const piece of [
      ...(p.gaps ?? []),
      ...(p.outside ?? []),
      ...overlaps.filter((o) => o.parentId === p.id),
    ])
      problems.push({
        kind: piece.kind,
        gridIds: piece.gridIds ?? [],
        names: piece.names ?? [],
        area: area(piece.m2),
        at: piece.x === null || piece.y === null ? null : [round(piece.x, 7), round(piece.y, 7)],
        geometry: piece.geometry,
      });
    const gapM2 = (p.gaps ?? []).reduce((sum, g) => sum + g.m2, 0);
    const overlapM2 = overlaps.filter((o) => o.parentId === p.id).reduce((sum, o) => sum + o.m2, 0);
    const coverage =
      p.parentM2 > 0 ? Math.max(0, Math.min(100, (100 * (p.parentM2 - gapM2)) / p.parentM2)) : 0;
    return {
      parentId: p.id,
      parentName: p.name,
      childCount: p.n,
      // 100 only when nothing is uncovered: a visible gap never rounds up to a full tiling.
      coveragePct: gapM2 > 0 ? Math.min(99.99, Math.floor(coverage * 100) / 100) : 100,
      gapArea: area(gapM2),
      overlapArea: area(overlapM2),
      problems,
    };
  });
}

/** Overlapping pairs of siblings under the given parents (their polygonal intersection of at least NOISE_M2). */
async function findOverlaps(db: Queryable, parentIds: number[], geometry: string): Promise<PieceRow[]> {
  if (parentIds.length === 0) return [];
  const { rows } = await db.query<PieceRow>(
    `SELECT parent_id AS "parentId", 'overlap' AS kind, json_build_array(a_id, b_id) AS "gridIds",
       json_build_array(a_name, b_name) AS names, m2, ST_X(pt) AS x, ST_Y(pt) AS y, ${geometry} AS geometry
     FROM (
       SELECT a.parent_id, a.id AS a_id, b.id AS b_id, a.name AS a_name, b.name AS b_name, piece,
         ST_Area(piece::geography) AS m2, ST_PointOnSurface(piece) AS pt
       FROM grid_unit a
       JOIN grid_unit b ON b.parent_id = a.parent_id AND b.id > a.id AND b.geom && a.geom
       CROSS JOIN LATERAL (SELECT ST_CollectionExtract(ST_Intersection(a.geom, b.geom), 3) AS piece) x
       WHERE a.parent_id = ANY($1::bigint[]) AND ST_Relate(a.geom, b.geom, '2********')
     ) o
     WHERE m2 >= ${NOISE_M2} AND NOT ST_IsEmpty(piece)
     ORDER BY parent_id, a_id, b_id`,
    [parentIds],
  );
  return rows;
}

/** Ids of the parents of a level (townships for village checks, the counties for township checks). */
export async function parentsOfLevel(db: Queryable, level: 'township' | 'village'): Promise<number[]> {
  const { rows } = await db.query<{ id: number }>(
    `SELECT DISTINCT parent_id AS id FROM grid_unit WHERE level = $1 AND parent_id IS NOT NULL ORDER BY 1`,
    [level],
  );
  return rows.map((r) => r.id);
}

/** Uncovered area of a parent (m²): parent minus the union of its children. */
export async function gapAreaOf(db: Queryable, parentId: number): Promise<number> {
  const { rows } = await db.query<{ m2: number }>(
    `SELECT coalesce(ST_Area(CASE WHEN u.geom IS NULL THEN p.geom ELSE ST_Difference(p.geom, u.geom) END::geography), 0) AS m2
     FROM grid_unit p, LATERAL (SELECT ST_Union(c.geom) AS geom FROM grid_unit c WHERE c.parent_id = p.id) u
     WHERE p.id = $1`,
    [parentId],
  );
  return rows[0]?.m2 ?? 0;
}
