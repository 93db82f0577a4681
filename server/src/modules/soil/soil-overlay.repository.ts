/**
 * Production subjects and bases inside the risky zones of a run: the overlay other features call
 * (soil-overlay.service.ts) — patrol risk ranking, dashboards — and the per-grid list with its Excel export.
 * Areas are geodesic (ST_Area on geography), in 亩 (1 亩 = 666.67 m²).
 */
import type { OverlayRow } from '../../../contracts/soil';
import type { Queryable } from '../../db/engine';

export const SQUARE_METRES_PER_MU = 666.67;

export interface OverlayFilter {
  class?: 'safe_utilisation' | 'strict_control' | undefined;
  /** Subjects of this grid or its descendants. */
  gridId?: number | undefined;
  zoneId?: number | undefined;
  /** Only these subjects (e.g. for a risk ranking of a list). */
  subjectIds?: number[] | undefined;
}

/** Active subjects whose base overlaps (with positive area) or whose point lies in a risky zone of the run. */
export async function subjectsInZones(
  db: Queryable,
  runId: number,
  f: OverlayFilter = {},
): Promise<OverlayRow[]> {
  const { rows } = await db.query<OverlayRow>(
    `WITH z AS (
       SELECT id, class, geom FROM soil_zone
       WHERE run_id = $1 AND class IN ('safe_utilisation', 'strict_control')
         AND ($2::text IS NULL OR class = $2) AND ($4::bigint IS NULL OR id = $4)
     ),
     hits AS (
       SELECT s.id AS subject_id, z.id AS zone_id, z.class,
         CASE WHEN s.base_geom IS NOT NULL AND s.base_geom && z.geom AND ST_Intersects(s.base_geom, z.geom)
              THEN ST_Area(ST_Intersection(s.base_geom, z.geom)::geography) ELSE 0 END AS overlap_m2,
         (s.geom IS NOT NULL AND s.geom && z.geom AND ST_Intersects(z.geom, s.geom)) AS point_in
       FROM production_subject s
       JOIN z ON (s.base_geom && z.geom) OR (s.geom && z.geom)
       WHERE s.status = 'active' AND ($5::bigint[] IS NULL OR s.id = ANY($5::bigint[]))
     ),
     per_subject AS (
       SELECT subject_id, bool_or(point_in) AS point_in,
         sum(overlap_m2) FILTER (WHERE class = 'safe_utilisation') AS safe_m2,
         sum(overlap_m2) FILTER (WHERE class = 'strict_control') AS strict_m2,
         bool_or(class = 'strict_control' AND (point_in OR overlap_m2 > 0)) AS strict,
         array_agg(zone_id ORDER BY zone_id) FILTER (WHERE point_in OR overlap_m2 > 0) AS zone_ids
       FROM hits GROUP BY subject_id
       HAVING bool_or(point_in OR overlap_m2 > 0)
     )
     SELECT json_build_object('id', s.id, 'code', s.code, 'name', s.name, 'type', s.type,
              'creditClass', s.credit_class, 'keyList', s.key_list) AS subject,
       CASE WHEN v.id IS NULL THEN NULL ELSE json_build_object('id', v.id, 'code', v.code, 'name', v.name) END AS village,
       CASE WHEN t.id IS NULL THEN NULL ELSE json_build_object('id', t.id, 'code', t.code, 'name', t.name) END AS township,
       CASE WHEN p.strict THEN 'strict_control' ELSE 'safe_utilisation' END AS class,
       p.point_in AS "pointInZone",
       CASE WHEN s.base_geom IS NULL THEN NULL
            ELSE round((ST_Area(s.base_geom::geography) / ${SQUARE_METRES_PER_MU})::numeric, 2)::float8 END AS "baseAreaMu",
       round((coalesce(p.safe_m2, 0) / ${SQUARE_METRES_PER_MU})::numeric, 2)::float8 AS "safeUtilisationMu",
       round((coalesce(p.strict_m2, 0) / ${SQUARE_METRES_PER_MU})::numeric, 2)::float8 AS "strictControlMu",
       to_json(p.zone_ids) AS "zoneIds"
     FROM per_subject p
     JOIN production_subject s ON s.id = p.subject_id
     LEFT JOIN grid_unit v ON v.id = s.grid_id
     LEFT JOIN grid_unit t ON t.id = v.parent_id
     WHERE ($3::bigint IS NULL OR v.id = $3 OR v.parent_id = $3 OR t.parent_id = $3)
     ORDER BY t.code NULLS LAST, v.code NULLS LAST, p.strict DESC, s.code`,
    [runId, f.class ?? null, f.gridId ?? null, f.zoneId ?? null, f.subjectIds ?? null],
  );
  return rows;
}

/** The newest run of each metal (optionally only runs covering a grid): what "current zones" means. */
export async function latestRunIds(db: Queryable): Promise<{ metal: string; runId: number }[]> {
  const { rows } = await db.query<{ metal: string; runId: number }>(
    `SELECT DISTINCT ON (metal) metal, id AS "runId" FROM soil_zone_run ORDER BY metal, id DESC`,
  );
  return rows;
}
