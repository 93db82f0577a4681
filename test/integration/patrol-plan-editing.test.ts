/**
 * Patrol plans, second part, on both engines: time windows through the API, editing (reorder, remove, add; stale
 * version → 409 in both languages; If-Match), cancelling (kept, audited), the road network (pgRouting on
 * PostgreSQL when installed, the great-circle fallback reported otherwise), the activity heat map and GPS tracks.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TracksResponse, ActivityResponse } from '../../server/contracts/patrol-activity';
import type { ErrorBody } from '../../server/contracts/errors';
import type { PatrolPlan } from '../../server/contracts/patrol-plans';
import type { Db } from '../../server/src/db/engine';
import { greatCircleKm } from '../../server/src/domain/patrols/routing';
import { hasPgRouting, loadRoadNetwork } from '../../server/src/modules/patrols/road-network.service';
import { type FixtureCounty, makeCounty, uniqueCode } from '../support/fixtures';
import { request, startServer, type TestServer } from '../support/http';
import { openTestDb, testEngine } from '../support/test-db';

let db: Db;
let server: TestServer;
let county: FixtureCounty;
/** Station S and subjects: A 0.01° east of S (≈ 1 km), reached by road only via a 3.3 km detour north. */
let S: { lon: number; lat: number };
const ids: Record<string, number> = {};
const pos: Record<string, [number, number]> = {};

async function subject(key: string, lon: number, lat: number, type = 'family_farm'): Promise<void> {
  const { rows } = await db.query<{ id: number }>(
    `INSERT INTO production_subject (code, name, type, geom) VALUES ($1, $2, $3, ST_SetSRID(ST_MakePoint($4, $5), 4326))
     RETURNING id::int`,
    [uniqueCode('PE'), `路线主体${key}`, type, lon, lat],
  );
  ids[key] = rows[0]!.id;
  pos[key] = [lon, lat];
}

beforeAll(async () => {
  db = await openTestDb();
  server = await startServer(db);
  county = await makeCounty(db);
  const [w, s] = county.bbox;
  S = { lon: w + 0.05, lat: s + 0.05 };
  await subject('A', w + 0.06, s + 0.05);
  await subject('B', w + 0.07, s + 0.06);
  await subject('C', w + 0.04, s + 0.04, 'enterprise');
  await subject('D', w + 0.03, s + 0.06);
}, 120_000);

afterAll(async () => {
  const [w, s, e, n] = county?.bbox ?? [0, 0, 0, 0];
  await db
    ?.query(`DELETE FROM road_edge WHERE geom && ST_MakeEnvelope($1, $2, $3, $4, 4326)`, [w, s, e, n])
    .catch(() => {});
  await db
    ?.query(`DELETE FROM road_vertex WHERE geom && ST_MakeEnvelope($1, $2, $3, $4, 4326)`, [w, s, e, n])
    .catch(() => {});
  await server?.close();
  await db?.close();
});

const plan = (body: Record<string, unknown>, headers: Record<string, string> = {}) =>
  request<PatrolPlan>(server.url, '/api/patrols/plans', { method: 'POST', body, headers });

describe(`time windows (${testEngine()})`, () => {
  it('waits for a window, lists a subject it cannot reach in time as time_window, and shows the windows', async () => {
    const res = await plan({
      subjectIds: [ids.A, ids.B, ids.C],
      start: S,
      days: 1,
      maxStopsPerDay: 10,
      dayStart: '08:00',
      travel: 'great_circle',
      // A opens at 10:00 (the inspector waits); C closes at 08:01, a minute after leaving: too early to reach.
      timeWindows: [
        { subjectId: ids.A, from: '10:00', to: '11:00' },
        { subjectId: ids.C, from: '07:00', to: '08:01' },
      ],
    });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    const stops = res.body.routes[0]!.stops;
    const a = stops.find((x) => x.subject.id === ids.A)!;
    expect(a.window).toEqual({ from: '10:00', to: '11:00' });
    expect(a.arriveMinute + a.waitMinutes).toBeCloseTo(120, 6);
    expect(res.body.routes[0]!.waitMinutes).toBeGreaterThan(0);
    expect(res.body.unplaced).toEqual([expect.objectContaining({ subjectId: ids.C, reason: 'time_window' })]);
    expect(res.body.travel).toEqual({ model: 'great_circle', reason: 'requested' });
  });

  it('refuses a window that ends before it starts, naming the field in both languages', async () => {
    for (const lang of ['zh-CN', 'en']) {
      const res = await request<ErrorBody>(server.url, '/api/patrols/plans', {
        method: 'POST',
        headers: { 'accept-language': lang },
        body: {
          subjectIds: [ids.A],
          days: 1,
          timeWindows: [{ subjectId: ids.A, from: '11:00', to: '10:00' }],
        },
      });
      expect(res.status).toBe(400);
      expect(JSON.stringify(res.body.error.details)).toContain('body.timeWindows.0.to');
    }
  });
});

describe(`editing and cancelling (${testEngine()})`, () => {
  let p: PatrolPlan;

  beforeAll(async () => {
    const res = await plan({ subjectIds: [ids.A, ids.B, ids.C], start: S, days: 2, maxStopsPerDay: 2 });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    p = res.body;
  });

  it('reorders, removes and adds stops, recomputing the times, and moves the removed one to unplaced', async () => {
    const day1 = p.routes[0]!.stops.map((x) => x.subject.id);
    expect(day1.length).toBeGreaterThan(0);
    const others = [ids.A!, ids.B!, ids.C!].filter((x) => !day1.includes(x));
    // Day 1 becomes: D (new), then day 1's stops reversed minus its last one.
    const kept = [...day1].reverse().slice(0, Math.max(0, day1.length - 1));
    const removed = day1.filter((x) => !kept.includes(x));
    const res = await request<PatrolPlan>(server.url, `/api/patrols/plans/${p.id}`, {
      method: 'PATCH',
      body: { version: p.version, routes: [{ day: 1, subjectIds: [ids.D, ...kept] }] },
    });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body.version).toBe(p.version + 1);
    expect(res.body.routes[0]!.stops.map((x) => x.subject.id)).toEqual([ids.D, ...kept]);
    expect(res.body.routes[1]!.stops.map((x) => x.subject.id).sort()).toEqual(
      p.routes[1]!.stops.map((x) => x.subject.id).sort(),
    );
    for (const r of removed)
      expect(res.body.unplaced).toContainEqual(expect.objectContaining({ subjectId: r, reason: 'removed' }));
    // The first leg is the great circle × 1.3 from the station to D.
    const first = res.body.routes[0]!.stops[0]!;
    const km = greatCircleKm(S, { lon: pos.D![0], lat: pos.D![1] }) * 1.3;
    expect(first.legKm).toBeCloseTo(km, 6);
    expect(first.arriveMinute).toBeCloseTo((km / 30) * 60, 6);
    expect(others.length + day1.length).toBe(3);
    p = res.body;
  });

  it('answers a stale version with 409 in both languages, changing nothing; If-Match works too', async () => {
    for (const [lang, text] of [
      ['zh-CN', '已被他人修改'],
      ['en', 'changed by someone else'],
    ] as const) {
      const res = await request<ErrorBody>(server.url, `/api/patrols/plans/${p.id}`, {
        method: 'PATCH',
        headers: { 'accept-language': lang },
        body: { version: p.version - 1, routes: [{ day: 1, subjectIds: [] }] },
      });
      expect(res.status).toBe(409);
      expect(res.body.error.code).toBe('VERSION_CONFLICT');
      expect(res.body.error.message).toContain(text);
    }
    const stale = await request<ErrorBody>(server.url, `/api/patrols/plans/${p.id}`, {
      method: 'PATCH',
      headers: { 'if-match': `"${p.version - 1}"` },
      body: { routes: [{ day: 1, subjectIds: [] }] },
    });
    expect(stale.status).toBe(409);
    const now = await request<PatrolPlan>(server.url, `/api/patrols/plans/${p.id}`);
    expect(now.body.version).toBe(p.version);
    expect(now.headers.get('etag')).toBe(`"${p.version}"`);
    const ok = await request<PatrolPlan>(server.url, `/api/patrols/plans/${p.id}`, {
      method: 'PATCH',
      headers: { 'if-match': `"${p.version}"` },
      body: { routes: [{ day: 1, subjectIds: p.routes[0]!.stops.map((x) => x.subject.id).reverse() }] },
    });
    expect(ok.status, JSON.stringify(ok.body)).toBe(200);
    p = ok.body;
  });

  it('refuses a subject twice, a day the plan does not have, a subject outside the grid and no version', async () => {
    const other = await makeCounty(db);
    const { rows } = await db.query<{ id: number }>(
      `INSERT INTO production_subject (code, name, type, geom) VALUES ($1, '外县主体', 'family_farm',
         ST_SetSRID(ST_MakePoint($2, $3), 4326)) RETURNING id::int`,
      [uniqueCode('PX'), ...other.villagePoints[0]!],
    );
    const cases: [Record<string, unknown>, number, string][] = [
      [
        { version: p.version, routes: [{ day: 1, subjectIds: [ids.A, ids.A] }] },
        400,
        'body.routes.0.subjectIds.1',
      ],
      [{ version: p.version, routes: [{ day: 3, subjectIds: [] }] }, 400, 'body.routes.0.day'],
      [
        { version: p.version, routes: [{ day: 1, subjectIds: [rows[0]!.id] }] },
        400,
        'body.routes.0.subjectIds.0',
      ],
      [{ routes: [{ day: 1, subjectIds: [] }] }, 400, 'body.version'],
    ];
    for (const [body, status, path] of cases) {
      const res = await request<ErrorBody>(server.url, `/api/patrols/plans/${p.id}`, {
        method: 'PATCH',
        body,
      });
      expect(res.status, JSON.stringify(res.body)).toBe(status);
      expect(JSON.stringify(res.body.error.details)).toContain(path);
    }
    const now = await request<PatrolPlan>(server.url, `/api/patrols/plans/${p.id}`);
    expect(now.body.version).toBe(p.version);
  });

  it('cancels a plan: kept, marked cancelled with the reason, audited, and no longer editable', async () => {
    const res = await request<PatrolPlan>(server.url, `/api/patrols/plans/${p.id}/cancel`, {
      method: 'POST',
      body: { version: p.version, reason: '天气原因' },
    });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect([res.body.status, res.body.cancelReason]).toEqual(['cancelled', '天气原因']);
    expect(res.body.cancelledAt).not.toBeNull();
    expect(res.body.routes.flatMap((d) => d.stops).length).toBeGreaterThan(0);
    const { rows } = await db.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM audit_log WHERE table_name = 'patrol_plan' AND row_key = $1::text
         AND action = 'update' AND after->>'status' = 'cancelled'`,
      [p.id],
    );
    expect(rows[0]!.n).toBe(1);
    const again = await request<ErrorBody>(server.url, `/api/patrols/plans/${p.id}`, {
      method: 'PATCH',
      headers: { 'accept-language': 'en' },
      body: { version: res.body.version, routes: [{ day: 1, subjectIds: [] }] },
    });
    expect(again.status).toBe(422);
    expect(again.body.error.message).toContain('cancelled');
  });
});

describe(`road network (${testEngine()})`, () => {
  it('loads GeoJSON lines as a noded network and routes over it where pgRouting is installed', async () => {
    const [w, s] = county.bbox;
    const line = (coords: [number, number][], highway: string) => ({
      type: 'Feature',
      properties: { highway },
      geometry: { type: 'LineString', coordinates: coords.map(([x, y]) => [w + x, s + y]) },
    });
    // S (0.05, 0.05) north to (0.05, 0.08), east to (0.06, 0.08), south to A (0.06, 0.05); a track crosses the top.
    const loaded = await loadRoadNetwork(
      db,
      {
        type: 'FeatureCollection',
        features: [
          line(
            [
              [0.05, 0.05],
              [0.05, 0.08],
              [0.06, 0.08],
              [0.06, 0.05],
            ],
            'tertiary',
          ),
          line(
            [
              [0.055, 0.07],
              [0.055, 0.09],
            ],
            'track',
          ),
        ],
      },
      { replace: false },
    );
    // The U is split where the track crosses it: 2 + 2 pieces, 5 ends + the crossing.
    expect([loaded.edges, loaded.vertices]).toEqual([4, 5]);
    expect(loaded.classes).toEqual({ tertiary: 2, track: 2 });
    const { rows } = await db.query<{ m: number }>(
      `SELECT sum(length_m) AS m FROM road_edge WHERE road_class = 'tertiary' AND geom && ST_MakeEnvelope($1, $2, $3, $4, 4326)`,
      county.bbox,
    );
    const roadKm = rows[0]!.m / 1000;
    const straightKm = greatCircleKm(S, { lon: pos.A![0], lat: pos.A![1] });
    expect(roadKm).toBeGreaterThan(5 * straightKm);

    const res = await plan({ subjectIds: [ids.A], start: S, days: 1 });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    const leg = res.body.routes[0]!.stops[0]!;
    const available = await db.query(`SELECT 1 FROM pg_available_extensions WHERE name = 'pgrouting'`);
    // Where the server offers pgRouting (CI installs it) the loader must have installed it: no silent fallback.
    expect(await hasPgRouting(db)).toBe(testEngine() === 'postgres' && available.rows.length > 0);
    if (await hasPgRouting(db)) {
      expect(testEngine()).toBe('postgres');
      expect(res.body.travel).toEqual({ model: 'road_network' });
      expect(leg.legKm).toBeCloseTo(roadKm, 3);
      // 40 km/h on a tertiary road.
      expect(leg.arriveMinute).toBeCloseTo((roadKm / 40) * 60, 3);
    } else {
      expect(res.body.travel).toEqual({ model: 'great_circle', reason: 'no_pgrouting' });
      expect(leg.legKm).toBeCloseTo(straightKm * 1.3, 6);
    }
    if (testEngine() === 'pglite') expect(res.body.travel.reason).toBe('no_pgrouting');

    // A subject far from any road: the plan falls back to the great circle and says why.
    const off = await plan({ subjectIds: [ids.D], start: S, days: 1 });
    expect(off.body.travel.model).toBe('great_circle');
    expect(off.body.travel.reason).toBe(testEngine() === 'pglite' ? 'no_pgrouting' : 'off_network');
  });
});

describe(`activity and playback (${testEngine()})`, () => {
  it('gives the positions of the period for the heat map and the day’s timed tracks per inspector', async () => {
    const [lon, lat] = pos.B!;
    const track = `LINESTRING(${lon - 0.001} ${lat}, ${lon} ${lat}, ${lon + 0.0005} ${lat + 0.0005})`;
    const insert = (inspector: string, at: string, outcome: string, times: string[] | null) =>
      db.query(
        `INSERT INTO patrol (subject_id, inspector_name, patrolled_at, outcome, rectify_deadline, geom, track_times, position)
         VALUES ($1, $2, $3, $4, CASE WHEN $4 = 'rectify' THEN DATE '2026-04-01' END,
           ST_GeomFromText($5, 4326), $6::timestamptz[], ST_SetSRID(ST_MakePoint($7, $8), 4326))`,
        [ids.B, inspector, at, outcome, track, times, lon, lat],
      );
    await insert('回放甲', '2026-03-02T09:30:00+08:00', 'compliant', [
      '2026-03-02T09:10:00+08:00',
      '2026-03-02T09:20:00+08:00',
      '2026-03-02T09:30:00+08:00',
    ]);
    await insert('回放乙', '2026-03-02T14:00:00+08:00', 'rectify', null);
    await insert('回放甲', '2026-03-05T10:00:00+08:00', 'compliant', null);

    const heat = await request<ActivityResponse>(
      server.url,
      `/api/patrols/activity?from=2026-03-01&to=2026-03-03&gridId=${county.countyId}`,
    );
    expect(heat.status, JSON.stringify(heat.body)).toBe(200);
    expect(heat.body.count).toBe(2);
    expect(heat.body.points.map((x) => x[2]).sort()).toEqual([1, 2]);

    const day = await request<TracksResponse>(
      server.url,
      `/api/patrols/tracks?date=2026-03-02&gridId=${county.countyId}`,
    );
    expect(day.status).toBe(200);
    expect(day.body.inspectors).toEqual(
      [
        { name: '回放乙', patrols: 1 },
        { name: '回放甲', patrols: 1 },
      ].sort((a, b) => (a.name < b.name ? -1 : 1)),
    );
    const one = await request<TracksResponse>(
      server.url,
      `/api/patrols/tracks?date=2026-03-02&gridId=${county.countyId}&inspector=${encodeURIComponent('回放甲')}`,
    );
    expect(one.body.trips).toHaveLength(1);
    expect(one.body.trips[0]!.timed).toBe(true);
    expect(one.body.trips[0]!.timestamps).toEqual([9 * 3600 + 600, 9 * 3600 + 1200, 9 * 3600 + 1800]);
    expect([one.body.start, one.body.end]).toEqual([9 * 3600 + 600, 9 * 3600 + 1800]);
    const untimed = day.body.trips.find((t) => t.inspector === '回放乙')!;
    expect(untimed.timed).toBe(false);
    expect([untimed.timestamps[0], untimed.timestamps.at(-1)]).toEqual([14 * 3600 - 1200, 14 * 3600]);

    const bad = await request<ErrorBody>(server.url, '/api/patrols/tracks?date=2026-02-30', {
      headers: { 'accept-language': 'en' },
    });
    expect(bad.status).toBe(400);
  });
});
