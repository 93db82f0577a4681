/**
 * Patrol rules (editable, versioned) and patrol plans: daily routes from the township station, stored with their
 * stops, read back with navigation links and as GPX 1.1 (docs/patrols.md, "Rules", "Routes").
 */
import gcoord from 'gcoord';
import type { Lang } from '../../../contracts/errors';
import {
  DEFAULT_SERVICE_MINUTES,
  type PatrolPlan,
  type PatrolRuleRow,
  type PatrolRulesUpdate,
  type PlanDay,
  type PlanRequest,
  MAX_PLAN_STOPS,
} from '../../../contracts/patrol-plans';
import type { Db, Queryable } from '../../db/engine';
import { type RouteSubject, planRoutes } from '../../domain/patrols/routing';
import { fromDayNumber, toDayNumber } from '../../domain/patrols/rules';
import { AppError } from '../../http/app-error';
import { gridRef, listRules, rankedSubjects, todayCst } from './patrol-compliance.service';

export async function saveRules(db: Db, update: PatrolRulesUpdate): Promise<PatrolRuleRow[]> {
  return db.transaction(async (tx) => {
    for (const [i, r] of update.rules.entries()) {
      const months = [...new Set(r.peakMonths)].sort((a, b) => a - b);
      const { rows } = await tx.query(
        `UPDATE patrol_rule SET per_year = $2, key_list_extra = $3, low_credit_extra = $4, peak_months = $5::smallint[],
           peak_extra = $6, version = version + 1
         WHERE subject_type = $1 AND version = $7 RETURNING subject_type`,
        [r.subjectType, r.perYear, r.keyListExtra, r.lowCreditExtra, months, r.peakExtra, r.version],
      );
      if (!rows.length)
        throw new AppError('VERSION_CONFLICT', {
          path: `body.rules.${i}.version`,
          subjectType: r.subjectType,
        });
    }
    return listRules(tx);
  });
}

interface Candidate {
  id: number;
  code: string;
  name: string;
  type: string;
  lon: number | null;
  lat: number | null;
}

function tooMany(lang: Lang, days: number, perDay: number): AppError {
  const n = days * perDay;
  const en = `At most ${MAX_PLAN_STOPS} stops per plan: ${days} days × ${perDay} stops a day is ${n}`;
  const zh = `每个计划最多 ${MAX_PLAN_STOPS} 个巡查点：${days} 天 × 每天 ${perDay} 个 = ${n} 个`;
  return new AppError(
    'VALIDATION_FAILED',
    [{ path: 'body.maxStopsPerDay', message: lang === 'en' ? en : zh }],
    { zh, en },
  );
}

/** Grid and station of the plan: the township (or the grid itself above it) and its centroid unless given. */
async function planGrid(
  db: Queryable,
  gridId: number,
): Promise<{ gridId: number; lon: number; lat: number }> {
  const { rows } = await db.query<{ id: number; lon: number; lat: number }>(
    `SELECT t.id::int, ST_X(ST_Centroid(t.geom)) AS lon, ST_Y(ST_Centroid(t.geom)) AS lat
     FROM grid_unit g JOIN grid_unit t ON t.id = CASE WHEN g.level = 'village' THEN g.parent_id ELSE g.id END
     WHERE g.id = $1`,
    [gridId],
  );
  if (!rows[0]) throw new AppError('NOT_FOUND', { resource: 'grid', id: gridId });
  return { gridId: rows[0].id, lon: rows[0].lon, lat: rows[0].lat };
}

export async function createPlan(db: Db, req: PlanRequest, lang: Lang): Promise<PatrolPlan> {
  if (!req.gridId === !req.subjectIds) {
    const en = 'Give either gridId or subjectIds (one of them)';
    const zh = '请给出网格 gridId 或主体列表 subjectIds（二选一）';
    throw new AppError('VALIDATION_FAILED', [{ path: 'body.gridId', message: lang === 'en' ? en : zh }], {
      zh,
      en,
    });
  }
  if (req.days * req.maxStopsPerDay > MAX_PLAN_STOPS) throw tooMany(lang, req.days, req.maxStopsPerDay);
  const startDate = req.startDate ?? todayCst();
  let candidates: Candidate[];
  let gridId: number;
  if (req.gridId) {
    gridId = req.gridId;
    await gridRef(db, gridId);
    candidates = await rankedSubjects(db, gridId, startDate);
  } else {
    const ids = req.subjectIds!;
    const { rows } = await db.query<Candidate & { gridId: number | null }>(
      `SELECT id::int, code, name, type, grid_id::int AS "gridId", ST_X(geom) AS lon, ST_Y(geom) AS lat
       FROM production_subject WHERE id = ANY($1::bigint[])`,
      [ids],
    );
    const byId = new Map(rows.map((r) => [r.id, r]));
    const missing = ids.findIndex((id) => !byId.has(id));
    if (missing >= 0)
      throw new AppError('NOT_FOUND', {
        resource: 'production_subject',
        id: ids[missing],
        path: `body.subjectIds.${missing}`,
      });
    candidates = [...new Set(ids)].map((id) => byId.get(id)!);
    const first = rows.find((r) => r.gridId !== null);
    if (!first) throw new AppError('NOT_FOUND', { resource: 'grid', path: 'body.subjectIds' });
    gridId = first.gridId!;
  }
  const grid = await planGrid(db, gridId);
  if (req.gridId) grid.gridId = req.gridId;
  const station = req.start ?? { lon: grid.lon, lat: grid.lat };
  const service = { ...DEFAULT_SERVICE_MINUTES, ...req.serviceMinutesByType };
  const located: RouteSubject[] = [];
  const noLocation: Candidate[] = [];
  for (const c of candidates) {
    if (c.lon === null || c.lat === null) noLocation.push(c);
    else
      located.push({
        id: c.id,
        lon: c.lon,
        lat: c.lat,
        serviceMinutes: service[c.type as keyof typeof service] ?? 30,
      });
  }
  const result = planRoutes(station, located, {
    days: req.days,
    maxStopsPerDay: req.maxStopsPerDay,
    maxHoursPerDay: req.maxHoursPerDay,
    speedKmh: req.speedKmh,
    detourFactor: req.detourFactor,
  });
  const unplaced = [
    ...noLocation.map((c) => ({ subjectId: c.id, reason: 'no_location' })),
    ...result.unplaced,
  ];
  const parameters = {
    maxStopsPerDay: req.maxStopsPerDay,
    maxHoursPerDay: req.maxHoursPerDay,
    speedKmh: req.speedKmh,
    detourFactor: req.detourFactor,
    serviceMinutesByType: service,
    source: req.gridId ? { gridId: req.gridId } : { subjectIds: req.subjectIds },
    stationGiven: Boolean(req.start),
  };
  const summary = result.days.map((d) => ({
    day: d.day,
    stops: d.stops.length,
    distanceKm: d.distanceKm,
    travelMinutes: d.travelMinutes,
    serviceMinutes: d.serviceMinutes,
    totalMinutes: d.totalMinutes,
  }));
  const id = await db.transaction(async (tx) => {
    const { rows } = await tx.query<{ id: number }>(
      `INSERT INTO patrol_plan (grid_id, start_date, days, station, parameters, summary, unplaced)
       VALUES ($1, $2, $3, ST_SetSRID(ST_MakePoint($4, $5), 4326), $6, $7, $8) RETURNING id::int`,
      [
        grid.gridId,
        startDate,
        req.days,
        station.lon,
        station.lat,
        JSON.stringify(parameters),
        JSON.stringify(summary),
        JSON.stringify(unplaced),
      ],
    );
    const planId = rows[0]!.id;
    const stops = result.days.flatMap((d) => d.stops.map((s) => ({ day: d.day, ...s })));
    if (stops.length)
      await tx.query(
        `INSERT INTO patrol_plan_stop (plan_id, grid_id, day, seq, subject_id, arrive_minute, service_minutes, leg_km)
         SELECT $1, s.grid_id, x.day, x.seq, x.subject_id, x.arrive, x.service, x.leg
         FROM json_to_recordset($2::json) AS x(day int, seq int, subject_id bigint, arrive float8, service float8, leg float8)
         JOIN production_subject s ON s.id = x.subject_id`,
        [
          planId,
          JSON.stringify(
            stops.map((s) => ({
              day: s.day,
              seq: s.seq,
              subject_id: s.subjectId,
              arrive: s.arriveMinute,
              service: s.serviceMinutes,
              leg: s.legKm,
            })),
          ),
        ],
      );
    return planId;
  });
  return getPlan(db, id);
}

const r6 = (x: number) => Math.round(x * 1e6) / 1e6;

/** Amap and Baidu marker links: the WGS84 position converted to GCJ-02 and BD-09 (the maps' own datums). */
export function navLinks(lon: number, lat: number, name: string): { amap: string; baidu: string } {
  const [glon, glat] = gcoord.transform([lon, lat], gcoord.WGS84, gcoord.GCJ02) as [number, number];
  const [blon, blat] = gcoord.transform([lon, lat], gcoord.WGS84, gcoord.BD09) as [number, number];
  const n = encodeURIComponent(name);
  return {
    amap: `https://uri.amap.com/marker?position=${r6(glon)},${r6(glat)}&name=${n}&src=nongan&coordinate=gaode&callnative=1`,
    baidu: `http://api.map.baidu.com/marker?location=${r6(blat)},${r6(blon)}&title=${n}&content=${n}&output=html&coord_type=bd09ll&src=nongan`,
  };
}

export async function getPlan(db: Queryable, id: number): Promise<PatrolPlan> {
  const { rows } = await db.query<{
    id: number;
    gridId: number;
    startDate: string;
    days: number;
    lon: number;
    lat: number;
    parameters: Record<string, unknown>;
    summary: {
      day: number;
      distanceKm: number;
      travelMinutes: number;
      serviceMinutes: number;
      totalMinutes: number;
    }[];
    unplaced: { subjectId: number; reason: string }[];
    version: number;
    createdAt: string;
    createdBy: string;
  }>(
    `SELECT id::int, grid_id::int AS "gridId", to_char(start_date, 'YYYY-MM-DD') AS "startDate", days,
       ST_X(station) AS lon, ST_Y(station) AS lat, parameters, summary, unplaced, version,
       created_at AS "createdAt", created_by AS "createdBy"
     FROM patrol_plan WHERE id = $1`,
    [id],
  );
  const plan = rows[0];
  if (!plan) throw new AppError('NOT_FOUND', { resource: 'patrol_plan', id });
  const { rows: stops } = await db.query<{
    day: number;
    seq: number;
    id: number;
    code: string;
    name: string;
    type: string;
    lon: number;
    lat: number;
    legKm: number;
    arriveMinute: number;
    serviceMinutes: number;
  }>(
    `SELECT x.day, x.seq, s.id::int, s.code, s.name, s.type, ST_X(s.geom) AS lon, ST_Y(s.geom) AS lat,
       x.leg_km AS "legKm", x.arrive_minute AS "arriveMinute", x.service_minutes AS "serviceMinutes"
     FROM patrol_plan_stop x JOIN production_subject s ON s.id = x.subject_id
     WHERE x.plan_id = $1 ORDER BY x.day, x.seq`,
    [id],
  );
  const unplacedIds = plan.unplaced.map((u) => u.subjectId);
  const { rows: names } = unplacedIds.length
    ? await db.query<{ id: number; code: string; name: string }>(
        `SELECT id::int, code, name FROM production_subject WHERE id = ANY($1::bigint[])`,
        [unplacedIds],
      )
    : { rows: [] };
  const nameOf = new Map(names.map((n) => [n.id, n]));
  const start = toDayNumber(plan.startDate);
  const routes: PlanDay[] = plan.summary.map((d) => ({
    day: d.day,
    date: fromDayNumber(start + d.day - 1),
    distanceKm: d.distanceKm,
    travelMinutes: d.travelMinutes,
    serviceMinutes: d.serviceMinutes,
    totalMinutes: d.totalMinutes,
    stops: stops
      .filter((s) => s.day === d.day)
      .map((s) => ({
        seq: s.seq,
        subject: { id: s.id, code: s.code, name: s.name, type: s.type },
        lon: s.lon,
        lat: s.lat,
        legKm: s.legKm,
        arriveMinute: s.arriveMinute,
        serviceMinutes: s.serviceMinutes,
        nav: navLinks(s.lon, s.lat, s.name),
      })),
  }));
  return {
    id: plan.id,
    grid: await gridRef(db, plan.gridId),
    startDate: plan.startDate,
    days: plan.days,
    station: { lon: plan.lon, lat: plan.lat },
    parameters: plan.parameters,
    routes,
    unplaced: plan.unplaced.map((u) => ({
      subjectId: u.subjectId,
      code: nameOf.get(u.subjectId)?.code ?? '',
      name: nameOf.get(u.subjectId)?.name ?? '',
      reason: u.reason,
    })),
    version: plan.version,
    createdAt: plan.createdAt,
    createdBy: plan.createdBy,
  };
}

const xml = (s: string) =>
  s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/** GPX 1.1: one waypoint per stop and one route per day (station → stops → station). */
export function planGpx(plan: PatrolPlan, lang: Lang): string {
  const en = lang === 'en';
  const pt = (tag: string, lon: number, lat: number, name: string, desc?: string) =>
    `<${tag} lat="${r6(lat)}" lon="${r6(lon)}"><name>${xml(name)}</name>${desc ? `<desc>${xml(desc)}</desc>` : ''}</${tag}>`;
  const station = en ? 'Station' : '监管站';
  const lines = [
    '<?xml version="1.0" encoding="UTF-8"?>',
    '<gpx version="1.1" creator="nongan" xmlns="http://www.topografix.com/GPX/1/1">',
    `<metadata><name>${xml(`${en ? 'Patrol plan' : '巡查计划'} ${plan.id} ${plan.grid.name}`)}</name></metadata>`,
  ];
  for (const d of plan.routes)
    for (const s of d.stops)
      lines.push(
        pt(
          'wpt',
          s.lon,
          s.lat,
          `${s.subject.name}`,
          `${en ? `Day ${d.day} stop ${s.seq}` : `第${d.day}天 第${s.seq}站`} ${s.subject.code}`,
        ),
      );
  for (const d of plan.routes) {
    lines.push(
      `<rte><name>${xml(`${en ? `Day ${d.day}` : `第${d.day}天`} ${d.date}`)}</name><number>${d.day}</number>`,
    );
    lines.push(pt('rtept', plan.station.lon, plan.station.lat, station));
    for (const s of d.stops) lines.push(pt('rtept', s.lon, s.lat, s.subject.name));
    lines.push(pt('rtept', plan.station.lon, plan.station.lat, station));
    lines.push('</rte>');
  }
  lines.push('</gpx>');
  return lines.join('\n') + '\n';
}
