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
  type PlanCancel,
  type PlanEdit,
  type PlanTravel,
  type PatrolRulesUpdate,
  type PlanDay,
  type PlanRequest,
  MAX_PLAN_STOPS,
} from '../../../contracts/patrol-plans';
import type { Db, Queryable } from '../../db/engine';
import {
  type RouteSubject,
  type TimeWindow,
  planCapacity,
  planRoutes,
  schedule,
} from '../../domain/patrols/routing';
import { fromDayNumber, toDayNumber } from '../../domain/patrols/rules';
import { AppError } from '../../http/app-error';
import { gridRef, listRules, rankedSubjects, todayCst } from './patrol-compliance.service';
import { travelMatrix } from './road-network.service';

/** Minutes of a HH:MM clock time. */
const minutesOf = (hhmm: string) => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));
/** HH:MM of minutes after midnight (may pass 24:00 for late days). */
const clockOf = (m: number) => {
  const r = Math.round(m);
  return `${String(Math.floor(r / 60)).padStart(2, '0')}:${String(r % 60).padStart(2, '0')}`;
};

function bad(path: string, zh: string, en: string, lang: Lang): AppError {
  return new AppError('VALIDATION_FAILED', [{ path, message: lang === 'en' ? en : zh }], { zh, en });
}

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
  const dayStart = minutesOf(req.dayStart);
  const windows = new Map<number, TimeWindow>();
  for (const [i, w] of (req.timeWindows ?? []).entries()) {
    if (windows.has(w.subjectId))
      throw bad(
        `body.timeWindows.${i}.subjectId`,
        `主体 ${w.subjectId} 的时间窗重复给出`,
        `Subject ${w.subjectId} has more than one time window`,
        lang,
      );
    windows.set(w.subjectId, { open: minutesOf(w.from) - dayStart, close: minutesOf(w.to) - dayStart });
  }
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
        window: windows.get(c.id),
      });
  }
  const options = {
    days: req.days,
    maxStopsPerDay: req.maxStopsPerDay,
    maxHoursPerDay: req.maxHoursPerDay,
    speedKmh: req.speedKmh,
    detourFactor: req.detourFactor,
  };
  const routed = located.slice(0, planCapacity(options));
  const { matrix, travel } = await travelMatrix(db, [station, ...routed], {
    speedKmh: req.speedKmh,
    detourFactor: req.detourFactor,
    mode: req.travel,
  });
  const result = planRoutes(station, located, options, matrix);
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
    dayStart: req.dayStart,
    timeWindows: req.timeWindows ?? [],
    travel,
    source: req.gridId ? { gridId: req.gridId } : { subjectIds: req.subjectIds },
    stationGiven: Boolean(req.start),
  };
  const summary = result.days.map((d) => ({
    day: d.day,
    stops: d.stops.length,
    distanceKm: d.distanceKm,
    travelMinutes: d.travelMinutes,
    serviceMinutes: d.serviceMinutes,
    waitMinutes: d.waitMinutes,
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
    await insertStops(
      tx,
      planId,
      result.days.flatMap((d) => d.stops.map((s) => ({ day: d.day, ...s }))),
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

interface StopRow {
  day: number;
  seq: number;
  subjectId: number;
  arriveMinute: number;
  waitMinutes: number;
  serviceMinutes: number;
  legKm: number;
  window?: TimeWindow | undefined;
}

async function insertStops(tx: Queryable, planId: number, stops: readonly StopRow[]): Promise<void> {
  if (!stops.length) return;
  await tx.query(
    `INSERT INTO patrol_plan_stop (plan_id, grid_id, day, seq, subject_id, arrive_minute, service_minutes, leg_km,
       wait_minutes, window_open, window_close)
     SELECT $1, s.grid_id, x.day, x.seq, x.subject_id, x.arrive, x.service, x.leg, x.wait, x.open, x.close
     FROM json_to_recordset($2::json) AS x(day int, seq int, subject_id bigint, arrive float8, service float8,
       leg float8, wait float8, open float8, close float8)
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
          wait: s.waitMinutes,
          open: s.window?.open ?? null,
          close: s.window?.close ?? null,
        })),
      ),
    ],
  );
}

interface DaySummary {
  day: number;
  stops?: number;
  distanceKm: number;
  travelMinutes: number;
  serviceMinutes: number;
  waitMinutes?: number;
  totalMinutes: number;
}

interface PlanRow {
  id: number;
  gridId: number;
  startDate: string;
  days: number;
  lon: number;
  lat: number;
  parameters: Record<string, unknown> & {
    maxHoursPerDay?: number;
    dayStart?: string;
    travel?: PlanTravel;
    speedKmh?: number;
    detourFactor?: number;
    serviceMinutesByType?: Record<string, number>;
    timeWindows?: { subjectId: number; from: string; to: string }[];
  };
  summary: DaySummary[];
  unplaced: { subjectId: number; reason: string }[];
  status: 'active' | 'cancelled';
  cancelledAt: string | null;
  cancelReason: string | null;
  version: number;
  createdAt: string;
  createdBy: string;
}

async function planRow(db: Queryable, id: number, lock = false): Promise<PlanRow> {
  const { rows } = await db.query<PlanRow>(
    `SELECT id::int, grid_id::int AS "gridId", to_char(start_date, 'YYYY-MM-DD') AS "startDate", days,
       ST_X(station) AS lon, ST_Y(station) AS lat, parameters, summary, unplaced, status,
       cancelled_at AS "cancelledAt", cancel_reason AS "cancelReason", version,
       created_at AS "createdAt", created_by AS "createdBy"
     FROM patrol_plan WHERE id = $1 ${lock ? 'FOR UPDATE' : ''}`,
    [id],
  );
  if (!rows[0]) throw new AppError('NOT_FOUND', { resource: 'patrol_plan', id });
  return rows[0];
}

export async function getPlan(db: Queryable, id: number): Promise<PatrolPlan> {
  const plan = await planRow(db, id);
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
    waitMinutes: number;
    serviceMinutes: number;
    open: number | null;
    close: number | null;
  }>(
    `SELECT x.day, x.seq, s.id::int, s.code, s.name, s.type, ST_X(s.geom) AS lon, ST_Y(s.geom) AS lat,
       x.leg_km AS "legKm", x.arrive_minute AS "arriveMinute", x.wait_minutes AS "waitMinutes",
       x.service_minutes AS "serviceMinutes", x.window_open AS open, x.window_close AS close
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
  const dayStart = minutesOf(plan.parameters.dayStart ?? '08:00');
  const limit = (plan.parameters.maxHoursPerDay ?? 24) * 60;
  const routes: PlanDay[] = plan.summary.map((d) => ({
    day: d.day,
    date: fromDayNumber(start + d.day - 1),
    distanceKm: d.distanceKm,
    travelMinutes: d.travelMinutes,
    serviceMinutes: d.serviceMinutes,
    waitMinutes: d.waitMinutes ?? 0,
    totalMinutes: d.totalMinutes,
    overMinutes: Math.max(0, d.totalMinutes - limit),
    stops: stops
      .filter((s) => s.day === d.day)
      .map((s) => ({
        seq: s.seq,
        subject: { id: s.id, code: s.code, name: s.name, type: s.type },
        lon: s.lon,
        lat: s.lat,
        legKm: s.legKm,
        arriveMinute: s.arriveMinute,
        waitMinutes: s.waitMinutes,
        serviceMinutes: s.serviceMinutes,
        ...(s.open !== null && s.close !== null
          ? { window: { from: clockOf(dayStart + s.open), to: clockOf(dayStart + s.close) } }
          : {}),
        lateMinutes: s.close !== null ? Math.max(0, s.arriveMinute - s.close) : 0,
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
    travel: plan.parameters.travel ?? { model: 'great_circle' },
    status: plan.status,
    cancelledAt: plan.cancelledAt,
    cancelReason: plan.cancelReason,
    version: plan.version,
    createdAt: plan.createdAt,
    createdBy: plan.createdBy,
  };
}

/** The version the client last saw: the body's `version`, else the If-Match header (`"3"`, `W/"3"` or `3`). */
function expectedVersion(body: number | undefined, ifMatch: string | undefined, lang: Lang): number {
  if (body !== undefined) return body;
  const m = ifMatch?.match(/^\s*(?:W\/)?"?(\d+)"?\s*$/);
  if (m) return Number(m[1]);
  throw bad(
    'body.version',
    '请给出所编辑计划的版本号（version 或 If-Match 请求头），以免覆盖他人的修改',
    "Give the plan's version you last saw (version or the If-Match header) so that nobody's changes are overwritten",
    lang,
  );
}

function checkVersion(plan: PlanRow, expected: number, lang: Lang): void {
  if (plan.version === expected) return;
  const zh = `巡查计划 ${plan.id} 已被他人修改（当前版本 ${plan.version}，你编辑的是版本 ${expected}），请刷新后再编辑`;
  const en = `Patrol plan ${plan.id} was changed by someone else (now version ${plan.version}, you edited version ${expected}); reload it before editing`;
  throw new AppError(
    'VERSION_CONFLICT',
    { path: 'body.version', current: plan.version, given: expected, message: lang === 'en' ? en : zh },
    { zh, en },
  );
}

function refuseCancelled(plan: PlanRow, lang: Lang): void {
  if (plan.status !== 'cancelled') return;
  const zh = `巡查计划 ${plan.id} 已取消，不能再修改`;
  const en = `Patrol plan ${plan.id} was cancelled and cannot be changed`;
  throw new AppError('EDIT_REFUSED', [{ path: 'params.id', message: lang === 'en' ? en : zh }], { zh, en });
}

/**
 * Edits the stops of some days (reorder, remove, add): the days named get exactly the subjects given, in that
 * order; the times are computed again with the plan's travel model, windows and service times (a stop that misses
 * its window or a day over its hours is kept and flagged: lateMinutes, overMinutes). Removed subjects join the
 * unplaced list as `removed`; added ones leave it.
 */
export async function editPlan(
  db: Db,
  id: number,
  edit: PlanEdit,
  ifMatch: string | undefined,
  lang: Lang,
): Promise<PatrolPlan> {
  const expected = expectedVersion(edit.version, ifMatch, lang);
  await db.transaction(async (tx) => {
    const plan = await planRow(tx, id, true);
    checkVersion(plan, expected, lang);
    refuseCancelled(plan, lang);
    const seenDay = new Set<number>();
    const seenSubject = new Map<number, string>();
    for (const [i, r] of edit.routes.entries()) {
      if (r.day > plan.days)
        throw bad(
          `body.routes.${i}.day`,
          `计划只有 ${plan.days} 天，没有第 ${r.day} 天`,
          `The plan has ${plan.days} days, not a day ${r.day}`,
          lang,
        );
      if (seenDay.has(r.day))
        throw bad(`body.routes.${i}.day`, `第 ${r.day} 天给出了两次`, `Day ${r.day} is given twice`, lang);
      seenDay.add(r.day);
      for (const [j, sid] of r.subjectIds.entries()) {
        const path = `body.routes.${i}.subjectIds.${j}`;
        if (seenSubject.has(sid))
          throw bad(
            path,
            `主体 ${sid} 在计划中出现了两次（另见 ${seenSubject.get(sid)}）`,
            `Subject ${sid} appears twice in the plan (see also ${seenSubject.get(sid)})`,
            lang,
          );
        seenSubject.set(sid, path);
      }
    }
    // Stops of the days not edited stay; a subject may not be on an edited day and an untouched one.
    const { rows: kept } = await tx.query<{ day: number; subjectId: number }>(
      `SELECT day, subject_id::int AS "subjectId" FROM patrol_plan_stop WHERE plan_id = $1`,
      [id],
    );
    for (const k of kept)
      if (!seenDay.has(k.day) && seenSubject.has(k.subjectId))
        throw bad(
          seenSubject.get(k.subjectId)!,
          `主体 ${k.subjectId} 已在第 ${k.day} 天的路线中`,
          `Subject ${k.subjectId} is already on day ${k.day}`,
          lang,
        );
    const ids = [...seenSubject.keys()];
    const { rows: subjects } = await tx.query<{
      id: number;
      type: string;
      lon: number | null;
      lat: number | null;
      inside: boolean;
    }>(
      `WITH RECURSIVE tree AS (SELECT id FROM grid_unit WHERE id = $2
         UNION ALL SELECT g.id FROM grid_unit g JOIN tree ON g.parent_id = tree.id)
       SELECT s.id::int, s.type, ST_X(s.geom) AS lon, ST_Y(s.geom) AS lat, s.grid_id IN (SELECT id FROM tree) AS inside
       FROM production_subject s WHERE s.id = ANY($1::bigint[])`,
      [ids, plan.gridId],
    );
    const byId = new Map(subjects.map((x) => [x.id, x]));
    for (const [sid, path] of seenSubject) {
      const x = byId.get(sid);
      if (!x) throw new AppError('NOT_FOUND', { resource: 'production_subject', id: sid, path });
      if (x.lon === null || x.lat === null)
        throw bad(
          path,
          `主体 ${sid} 没有位置，不能排入路线`,
          `Subject ${sid} has no location to route to`,
          lang,
        );
      if (!x.inside)
        throw bad(
          path,
          `主体 ${sid} 不在本计划的网格内`,
          `Subject ${sid} does not lie in the plan's grid`,
          lang,
        );
    }
    const p = plan.parameters;
    const service = { ...DEFAULT_SERVICE_MINUTES, ...p.serviceMinutesByType } as Record<string, number>;
    const dayStart = minutesOf(p.dayStart ?? '08:00');
    const windows = new Map(
      (p.timeWindows ?? []).map((w) => [
        w.subjectId,
        { open: minutesOf(w.from) - dayStart, close: minutesOf(w.to) - dayStart },
      ]),
    );
    const station = { lon: plan.lon, lat: plan.lat };
    const summary = new Map(plan.summary.map((d) => [d.day, d]));
    const newStops: StopRow[] = [];
    for (const r of edit.routes) {
      const pts = r.subjectIds.map((sid) => byId.get(sid)!);
      const { matrix } = await travelMatrix(
        tx,
        [station, ...pts.map((x) => ({ lon: x.lon!, lat: x.lat! }))],
        {
          speedKmh: p.speedKmh ?? 30,
          detourFactor: p.detourFactor ?? 1.3,
          mode: p.travel?.model === 'road_network' ? 'auto' : 'great_circle',
        },
      );
      const order = pts.map((_, k) => k + 1);
      const serviceOf = (k: number) => service[pts[k - 1]!.type] ?? 30;
      const windowOf = (k: number) => windows.get(pts[k - 1]!.id);
      const sch = schedule(matrix.minutes, order, serviceOf, windowOf);
      let km = 0;
      sch.stops.forEach((st, k) => {
        const leg = matrix.km[k === 0 ? 0 : sch.stops[k - 1]!.node]![st.node]!;
        km += leg;
        newStops.push({
          day: r.day,
          seq: k + 1,
          subjectId: pts[st.node - 1]!.id,
          arriveMinute: st.arrive,
          waitMinutes: st.wait,
          serviceMinutes: serviceOf(st.node),
          legKm: leg,
          window: windowOf(st.node),
        });
      });
      if (order.length) km += matrix.km[order.at(-1)!]![0]!;
      const serviceMinutes = order.reduce((x, k) => x + serviceOf(k), 0);
      const waitMinutes = sch.stops.reduce((x, st) => x + st.wait, 0);
      summary.set(r.day, {
        day: r.day,
        stops: order.length,
        distanceKm: km,
        travelMinutes: sch.end - serviceMinutes - waitMinutes,
        serviceMinutes,
        waitMinutes,
        totalMinutes: sch.end,
      });
    }
    const removed = kept
      .filter((k) => seenDay.has(k.day) && !seenSubject.has(k.subjectId))
      .map((k) => ({ subjectId: k.subjectId, reason: 'removed' }));
    const unplaced = [
      ...plan.unplaced.filter(
        (u) => !seenSubject.has(u.subjectId) && !removed.some((x) => x.subjectId === u.subjectId),
      ),
      ...removed,
    ];
    await tx.query(`DELETE FROM patrol_plan_stop WHERE plan_id = $1 AND day = ANY($2::int[])`, [
      id,
      [...seenDay],
    ]);
    await insertStops(tx, id, newStops);
    await tx.query(
      `UPDATE patrol_plan SET summary = $2, unplaced = $3, version = version + 1 WHERE id = $1`,
      [id, JSON.stringify([...summary.values()].sort((a, b) => a.day - b.day)), JSON.stringify(unplaced)],
    );
  });
  return getPlan(db, id);
}

/** Cancels a plan: kept (never deleted), marked cancelled with the time and reason; audited like any update. */
export async function cancelPlan(
  db: Db,
  id: number,
  body: PlanCancel,
  ifMatch: string | undefined,
  lang: Lang,
): Promise<PatrolPlan> {
  const expected = expectedVersion(body.version, ifMatch, lang);
  await db.transaction(async (tx) => {
    const plan = await planRow(tx, id, true);
    checkVersion(plan, expected, lang);
    refuseCancelled(plan, lang);
    await tx.query(
      `UPDATE patrol_plan SET status = 'cancelled', cancelled_at = now(), cancel_reason = $2, version = version + 1
       WHERE id = $1`,
      [id, body.reason],
    );
  });
  return getPlan(db, id);
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
