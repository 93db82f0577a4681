/**
 * Patrol planning over the demo county on both engines: the rules (versioned), compliance per grid, risk
 * priorities, daily routes with GPX and navigation links, coverage and the demo's planted blind spots.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ErrorBody } from '../../server/contracts/errors';
import type {
  BlindSpotsResponse,
  ComplianceResponse,
  CoverageResponse,
  PatrolPlan,
  PatrolRuleRow,
  PrioritiesResponse,
} from '../../server/contracts/patrol-plans';
import type { Db } from '../../server/src/db/engine';
import { openDemoTestDb } from '../support/demo-db';
import { request, startServer, type TestServer } from '../support/http';

let db: Db;
let server: TestServer;
let countyId: number;
let townshipId: number;
const Y2025 = 'from=2025-01-01&to=2025-12-31&asOf=2025-12-31';

beforeAll(async () => {
  db = await openDemoTestDb();
  server = await startServer(db);
  const { rows } = await db.query<{ id: number }>(
    `SELECT id::int FROM grid_unit WHERE code = '652399000000'`,
  );
  countyId = rows[0]!.id;
  const { rows: t } = await db.query<{ id: number }>(
    `SELECT id::int FROM grid_unit WHERE level = 'township' ORDER BY code LIMIT 1`,
  );
  townshipId = t[0]!.id;
}, 120_000);

afterAll(async () => {
  await server?.close();
  await db?.close();
});

describe('rules', () => {
  it('lists the annex-1 rules and refuses a stale version with 409', async () => {
    const res = await request<PatrolRuleRow[]>(server.url, '/api/patrols/rules');
    expect(res.status).toBe(200);
    const enterprise = res.body.find((r) => r.subjectType === 'enterprise')!;
    expect([enterprise.perYear, res.body.find((r) => r.subjectType === 'large_grower')!.perYear]).toEqual([
      2, 1,
    ]);
    const edit = { ...enterprise, perYear: 3 };
    const { description: _d, updatedAt: _u, updatedBy: _b, ...rule } = edit;
    const stale = await request<ErrorBody>(server.url, '/api/patrols/rules', {
      method: 'PUT',
      body: { rules: [{ ...rule, version: enterprise.version + 5 }] },
    });
    expect(stale.status).toBe(409);
    expect(stale.body.error.code).toBe('VERSION_CONFLICT');
    const bad = await request<ErrorBody>(server.url, '/api/patrols/rules', {
      method: 'PUT',
      body: { rules: [{ ...rule, peakMonths: [13] }] },
      headers: { 'accept-language': 'en' },
    });
    expect(bad.status).toBe(400);
    expect(JSON.stringify(bad.body.error.details)).toContain('body.rules.0.peakMonths.0');
  });
});

describe('compliance', () => {
  it('gives every township of the county its subjects, required and done patrols and the overdue list', async () => {
    const res = await request<ComplianceResponse>(
      server.url,
      `/api/patrols/compliance?gridId=${countyId}&${Y2025}`,
    );
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body.units).toHaveLength(10);
    const { rows } = await db.query<{ n: number }>(
      // Only the demo county's subjects: other test files add fixture counties to the shared PostgreSQL database.
      `SELECT count(*)::int AS n FROM production_subject s JOIN grid_unit v ON v.id = s.grid_id
       WHERE v.code LIKE '652399%' AND (s.status = 'active' OR s.retired_at >= '2026-01-01')`,
    );
    expect(res.body.units.reduce((n, u) => n + u.subjects, 0)).toBe(rows[0]!.n);
    for (const u of res.body.units) {
      expect(u.complianceRate).toBeCloseTo(u.onTrack / u.requiredSubjects, 10);
      const days = u.overdue.map((o) => o.overdueDays);
      expect(days).toEqual([...days].sort((a, b) => b - a));
      for (const o of u.overdue) expect(o.done).toBeLessThan(o.required);
    }
  });

  it('says which query parameter is wrong', async () => {
    const res = await request<ErrorBody>(
      server.url,
      `/api/patrols/compliance?gridId=${countyId}&from=2025-12-31&to=2025-01-01`,
    );
    expect(res.status).toBe(400);
    expect(JSON.stringify(res.body.error.details)).toContain('query.to');
  });
});

describe('priorities', () => {
  it('ranks the subjects still due by a score that is the sum of its factors', async () => {
    const res = await request<PrioritiesResponse>(
      server.url,
      `/api/patrols/priorities?gridId=${townshipId}&date=2026-09-30`,
    );
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body.subjects.length).toBeGreaterThan(10);
    expect(res.body.skippedFactors.map((f) => f.factor)).toEqual(['residue_hotspot']);
    const scores = res.body.subjects.map((s) => s.score);
    expect(scores).toEqual([...scores].sort((a, b) => b - a));
    for (const s of res.body.subjects.slice(0, 20)) {
      const sum = Object.values(s.factors).reduce((a, b) => a + b, 0);
      expect(s.score).toBeCloseTo(sum, 5);
      expect(s.remaining).toBeGreaterThan(0);
    }
  });
});

describe('plans', () => {
  let plan: PatrolPlan;

  it('plans 3 days of at most 10 stops from the township station, within 8 hours a day', async () => {
    const res = await request<PatrolPlan>(server.url, '/api/patrols/plans', {
      method: 'POST',
      body: { gridId: townshipId, startDate: '2026-09-30', days: 3, maxStopsPerDay: 10, maxHoursPerDay: 8 },
    });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    plan = res.body;
    expect(plan.routes).toHaveLength(3);
    expect(plan.routes.map((d) => d.date)).toEqual(['2026-09-30', '2026-10-01', '2026-10-02']);
    for (const d of plan.routes) {
      expect(d.stops.length).toBeGreaterThan(0);
      expect(d.stops.length).toBeLessThanOrEqual(10);
      expect(d.totalMinutes).toBeLessThanOrEqual(480);
      expect(d.stops.map((s) => s.seq)).toEqual(d.stops.map((_, i) => i + 1));
    }
    const ids = plan.routes.flatMap((d) => d.stops.map((s) => s.subject.id));
    expect(new Set(ids).size).toBe(ids.length);
    // More subjects are due than 30 stops hold: the rest are named with the reason.
    expect(plan.unplaced.some((u) => u.reason === 'over_capacity' && u.name)).toBe(true);
    const again = await request<PatrolPlan>(server.url, `/api/patrols/plans/${plan.id}`);
    expect(again.body.routes).toEqual(plan.routes);
  });

  it('links every stop to Amap (GCJ-02) and Baidu (BD-09) and exports GPX 1.1', async () => {
    const stop = plan.routes[0]!.stops[0]!;
    const amap = new URL(stop.nav.amap);
    const [glon, glat] = amap.searchParams.get('position')!.split(',').map(Number);
    // GCJ-02 is offset from WGS84 by a few hundred metres in Xinjiang.
    expect(Math.hypot(glon! - stop.lon, glat! - stop.lat)).toBeGreaterThan(0.0005);
    expect(Math.hypot(glon! - stop.lon, glat! - stop.lat)).toBeLessThan(0.02);
    const baidu = new URL(stop.nav.baidu);
    expect(baidu.searchParams.get('coord_type')).toBe('bd09ll');
    const [blat, blon] = baidu.searchParams.get('location')!.split(',').map(Number);
    expect(Math.abs(blat! - stop.lat)).toBeLessThan(0.02);
    expect(Math.abs(blon! - stop.lon)).toBeLessThan(0.02);
    const res = await request<string>(server.url, `/api/patrols/plans/${plan.id}.gpx`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('application/gpx+xml');
    const text = res.body;
    expect(text).toContain('<gpx version="1.1"');
    const stops = plan.routes.reduce((n, d) => n + d.stops.length, 0);
    expect(text.match(/<wpt /g)).toHaveLength(stops);
    expect(text.match(/<rte>/g)).toHaveLength(3);
    expect(text.match(/<rtept /g)).toHaveLength(stops + 2 * 3);
  });

  it('refuses 0 days, 2,000 stops and more than 500 stops in a plan with a clear 400', async () => {
    const zero = await request<ErrorBody>(server.url, '/api/patrols/plans', {
      method: 'POST',
      body: { gridId: townshipId, days: 0 },
    });
    expect(zero.status).toBe(400);
    expect(JSON.stringify(zero.body.error.details)).toContain('body.days');
    const many = await request<ErrorBody>(server.url, '/api/patrols/plans', {
      method: 'POST',
      body: { subjectIds: Array.from({ length: 2000 }, (_, i) => i + 1), days: 5 },
    });
    expect(many.status).toBe(400);
    expect(JSON.stringify(many.body.error.details)).toContain('body.subjectIds');
    const month = await request<ErrorBody>(server.url, '/api/patrols/plans', {
      method: 'POST',
      body: { gridId: townshipId, days: 31, maxStopsPerDay: 25 },
    });
    expect(month.status).toBe(400);
    expect(month.body.error.message).toContain('500');
    expect(month.body.error.message).toContain('31 天');
  });
});

describe('coverage and blind spots', () => {
  it('gives each township its coverage as a choropleth feature', async () => {
    const res = await request<CoverageResponse>(server.url, `/api/patrols/coverage?level=township&${Y2025}`);
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    // The demo county's ten townships (fixture counties of other test files may be there too).
    const demo = res.body.features.filter((f) => f.properties.grid.code.startsWith('652399'));
    expect(demo).toHaveLength(10);
    for (const f of demo) {
      expect(f.geometry.type).toMatch(/Polygon/);
      expect(f.properties.coverage).toBeCloseTo(f.properties.covered / f.properties.subjects, 10);
    }
  });

  it('shows the villages the demo left without patrols for twelve months, and their subjects', async () => {
    const { rows } = await db.query<{ value: { village_codes: string[]; since: string; until: string } }>(
      `SELECT value FROM demo_truth WHERE key = 'patrol_blind_spots'`,
    );
    const truth = rows[0]!.value;
    const res = await request<BlindSpotsResponse>(
      server.url,
      `/api/patrols/blind-spots?days=365&asOf=${truth.until}`,
    );
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body.since).toBe(truth.since);
    const villages = res.body.features
      .filter((f) => f.properties.kind === 'village')
      .map((f) => f.properties.code);
    for (const code of truth.village_codes) expect(villages).toContain(code);
    const subjects = res.body.features.filter((f) => f.properties.kind === 'subject');
    expect(subjects.length).toBeGreaterThanOrEqual(truth.village_codes.length);
    expect(subjects.every((f) => f.geometry.type === 'Point')).toBe(true);
  });
});
