/**
 * Patrol activity (heat map) and GPS track playback (docs/patrols.md, "Activity and playback"). Rows are read through
 * the scoped database, so row-level security keeps each account to its jurisdiction.
 */
import {
  type ActivityQuery,
  type ActivityResponse,
  MAX_ACTIVITY_POINTS,
  type PatrolTrip,
  type TracksQuery,
  type TracksResponse,
} from '../../../contracts/patrol-activity';
import type { Queryable } from '../../db/engine';
import { sqlDayEnd as END, sqlDayStart as START } from '../../lib/china-date';

const UNDER = (p: string) => `(WITH RECURSIVE tree AS (SELECT id FROM grid_unit WHERE id = ${p}
  UNION ALL SELECT g.id FROM grid_unit g JOIN tree ON g.parent_id = tree.id) SELECT id FROM tree)`;

export async function activity(db: Queryable, q: ActivityQuery): Promise<ActivityResponse> {
  const params: unknown[] = [q.from, q.to, MAX_ACTIVITY_POINTS];
  const under = q.gridId ? `AND p.grid_id IN ${UNDER('$4')}` : '';
  if (q.gridId) params.push(q.gridId);
  const { rows } = await db.query<{ lon: number; lat: number; w: number; total: number }>(
    `SELECT ST_X(g) AS lon, ST_Y(g) AS lat, w, total FROM (
       SELECT coalesce(p.position, ST_StartPoint(p.geom), s.geom) AS g,
         CASE WHEN p.outcome = 'compliant' THEN 1 ELSE 2 END AS w, count(*) OVER ()::int AS total, p.patrolled_at
       FROM patrol p JOIN production_subject s ON s.id = p.subject_id
       WHERE p.patrolled_at >= ${START('$1')} AND p.patrolled_at < ${END('$2')} ${under}) x
     WHERE g IS NOT NULL ORDER BY patrolled_at DESC LIMIT $3`,
    params,
  );
  const count = rows[0]?.total ?? 0;
  return {
    from: q.from,
    to: q.to,
    count,
    truncated: count > rows.length,
    points: rows.map((r) => [Math.round(r.lon * 1e6) / 1e6, Math.round(r.lat * 1e6) / 1e6, r.w]),
  };
}

/** Synthesized times for an untimed track: evenly over the 20 minutes up to the patrol time. */
const UNTIMED_SPAN_S = 20 * 60;

export async function tracks(db: Queryable, q: TracksQuery): Promise<TracksResponse> {
  const params: unknown[] = [q.date];
  const under = q.gridId ? `AND p.grid_id IN ${UNDER('$2')}` : '';
  if (q.gridId) params.push(q.gridId);
  const { rows } = await db.query<{
    id: number;
    inspector: string;
    subjectId: number;
    code: string;
    name: string;
    outcome: string;
    at: number;
    coords: [number, number][] | null;
    times: number[] | null;
    lon: number | null;
    lat: number | null;
  }>(
    `SELECT p.id::int, p.inspector_name AS inspector, s.id::int AS "subjectId", s.code, s.name, p.outcome,
       extract(epoch FROM p.patrolled_at - ${START('$1')})::float8 AS at,
       (ST_AsGeoJSON(p.geom, 6)::json)->'coordinates' AS coords,
       (SELECT array_agg(extract(epoch FROM t - ${START('$1')})::float8 ORDER BY o) FROM unnest(p.track_times) WITH ORDINALITY AS u(t, o)) AS times,
       ST_X(coalesce(p.position, s.geom)) AS lon, ST_Y(coalesce(p.position, s.geom)) AS lat
     FROM patrol p JOIN production_subject s ON s.id = p.subject_id
     WHERE p.patrolled_at >= ${START('$1')} AND p.patrolled_at < ${END('$1')} ${under}
     ORDER BY p.inspector_name, p.patrolled_at, p.id`,
    params,
  );
  const inspectors = new Map<string, number>();
  for (const r of rows) inspectors.set(r.inspector, (inspectors.get(r.inspector) ?? 0) + 1);
  const trips: PatrolTrip[] = [];
  for (const r of rows) {
    if (q.inspector && r.inspector !== q.inspector) continue;
    let path: [number, number][] = r.coords ?? [];
    if (path.length < 2 && r.lon !== null && r.lat !== null)
      path = [
        [r.lon, r.lat],
        [r.lon, r.lat],
      ];
    if (path.length < 2) continue;
    const timed = Boolean(r.times && r.times.length === path.length);
    const timestamps = timed
      ? r.times!
      : path.map((_, i) => r.at - UNTIMED_SPAN_S + (UNTIMED_SPAN_S * i) / (path.length - 1));
    trips.push({
      patrolId: r.id,
      inspector: r.inspector,
      subject: { id: r.subjectId, code: r.code, name: r.name },
      outcome: r.outcome,
      path,
      timestamps,
      timed,
    });
  }
  const all = trips.flatMap((t) => [t.timestamps[0]!, t.timestamps.at(-1)!]);
  return {
    date: q.date,
    inspectors: [...inspectors].map(([name, patrols]) => ({ name, patrols })),
    trips,
    start: all.length ? Math.min(...all) : null,
    end: all.length ? Math.max(...all) : null,
  };
}
