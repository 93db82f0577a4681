/**
 * Subjects follow their grid: after village boundaries change, every located row whose covering village changed is
 * rewritten so its trigger (assign_village_grid) derives the new village, in the same transaction. A subject that
 * no village covers any more would be lost: it is reported before anything is rewritten.
 */
import type { SubjectMove } from '../../../contracts/grids';
import type { Queryable } from '../../db/engine';

interface Candidate {
  id: number;
  code: string;
  name: string;
  fromId: number | null;
  fromName: string | null;
  toId: number | null;
  toName: string | null;
  x: number;
  y: number;
}

/** Subjects in the changed grids or inside their new shapes whose village changes (to null = lost). */
export async function subjectMoves(
  db: Queryable,
  gridIds: number[],
  areaHexes: string[],
): Promise<SubjectMove[]> {
  const { rows } = await db.query<Candidate>(
    `WITH area AS (SELECT ST_Collect(g::geometry) AS g FROM unnest($2::text[]) AS g),
     cand AS (
       SELECT s.id, s.code, s.name, s.grid_id, s.geom FROM production_subject s, area
       WHERE s.geom IS NOT NULL AND (s.grid_id = ANY($1::bigint[]) OR (area.g IS NOT NULL AND s.geom && area.g AND ST_Intersects(s.geom, area.g)))
     ),
     judged AS (SELECT c.*, village_grid_at(c.geom) AS to_id FROM cand c)
     SELECT j.id, j.code, j.name, j.grid_id AS "fromId", f.name AS "fromName", j.to_id AS "toId", t.name AS "toName",
       ST_X(j.geom) AS x, ST_Y(j.geom) AS y
     FROM judged j LEFT JOIN grid_unit f ON f.id = j.grid_id LEFT JOIN grid_unit t ON t.id = j.to_id
     WHERE j.to_id IS DISTINCT FROM j.grid_id
     ORDER BY f.name, t.name, j.code`,
    [gridIds, areaHexes],
  );
  return rows.map((r) => ({
    id: r.id,
    code: r.code,
    name: r.name,
    from: r.fromId === null ? null : { id: r.fromId, name: r.fromName ?? '' },
    to: r.toId === null ? null : { id: r.toId, name: r.toName ?? '' },
    at: [r.x, r.y],
  }));
}

/** Rewrites the rows so the triggers derive their village again (subjects given by id; samples and soil by area). */
export async function applyMoves(
  db: Queryable,
  subjectIds: number[],
  gridIds: number[],
  areaHexes: string[],
): Promise<{ samples: number; soilSamples: number }> {
  if (subjectIds.length)
    await db.query('UPDATE production_subject SET grid_id = NULL WHERE id = ANY($1::bigint[])', [subjectIds]);
  const counts = { samples: 0, soilSamples: 0 };
  for (const [table, key] of [
    ['sample', 'samples'],
    ['soil_sample', 'soilSamples'],
  ] as const) {
    const result = await db.query(
      `WITH area AS (SELECT ST_Collect(g::geometry) AS g FROM unnest($2::text[]) AS g)
       UPDATE ${table} x SET grid_id = NULL FROM area
       WHERE x.geom IS NOT NULL
         AND (x.grid_id = ANY($1::bigint[]) OR (area.g IS NOT NULL AND x.geom && area.g AND ST_Intersects(x.geom, area.g)))
         AND village_grid_at(x.geom) IS DISTINCT FROM x.grid_id`,
      [gridIds, areaHexes],
    );
    counts[key] = result.rowCount;
  }
  return counts;
}

/** Patrols keep the village of their time; when that grid disappears they point at the subject's village now. */
export async function repointPatrols(db: Queryable, deletedIds: number[]): Promise<void> {
  if (deletedIds.length === 0) return;
  await db.query(
    `UPDATE patrol p SET grid_id = s.grid_id FROM production_subject s
     WHERE p.grid_id = ANY($1::bigint[]) AND s.id = p.subject_id`,
    [deletedIds],
  );
}

/** Samples and soil samples still pointing at a grid about to be deleted (rows the boundary change did not move). */
export async function remainingReferences(db: Queryable, gridId: number): Promise<number> {
  const { rows } = await db.query<{ n: number }>(
    `SELECT (SELECT count(*) FROM production_subject WHERE grid_id = $1)
          + (SELECT count(*) FROM sample WHERE grid_id = $1)
          + (SELECT count(*) FROM soil_sample WHERE grid_id = $1) AS n`,
    [gridId],
  );
  return rows[0]?.n ?? 0;
}
