/**
 * The officials' dashboard API over the demo county on both engines: indicators per township and per village with
 * the county's total, every number traceable to its records, "no data" instead of 0 %, the Excel table, and the
 * targets with optimistic versions.
 */
import * as XLSX from '@e965/xlsx';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ErrorBody } from '../../server/contracts/errors';
import type {
  IndicatorRecords,
  IndicatorsResponse,
  IndicatorTarget,
} from '../../server/contracts/indicators';
import type { Db } from '../../server/src/db/engine';
import { chinaDate } from '../../server/src/lib/china-date';
import { openDemoTestDb } from '../support/demo-db';
import { request, startServer, type TestServer } from '../support/http';

let db: Db;
let server: TestServer;
let countyId: number;
const Y2024 = 'from=2024-01-01&to=2024-12-31';
/** This year (China time): the state indicators of a period including today are today's roster and registry. */
const THIS_YEAR = `from=${chinaDate().slice(0, 4)}-01-01&to=${chinaDate().slice(0, 4)}-12-31`;

beforeAll(async () => {
  db = await openDemoTestDb();
  server = await startServer(db);
  const { rows } = await db.query<{ id: number }>(
    `SELECT id::int FROM grid_unit WHERE code = '652399000000'`,
  );
  countyId = rows[0]!.id;
}, 120_000);

afterAll(async () => {
  await server?.close();
  await db?.close();
});

async function townships(query = Y2024) {
  const res = await request<IndicatorsResponse>(
    server.url,
    `/api/indicators?level=township&parentId=${countyId}&${query}`,
  );
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return res.body;
}

describe('indicators per township for 2024', () => {
  it('gives the county pass rate of 2024 exactly as counted from the samples, with its interval and target', async () => {
    const body = await townships();
    expect(body.units).toHaveLength(10);
    const { rows } = await db.query<{ judged: number; passed: number }>(
      `SELECT count(*)::int AS judged, count(*) FILTER (WHERE verdict = 'pass')::int AS passed FROM sample
       WHERE kind IN ('routine', 'supervisory', 'quantitative') AND verdict IN ('pass', 'fail')
         AND sampled_at >= '2024-01-01T00:00:00+08' AND sampled_at < '2025-01-01T00:00:00+08'
         AND grid_id IN (SELECT id FROM grid_unit WHERE code LIKE '652399%')`,
    );
    const county = body.parent!.values.pass_rate;
    expect(county.numerator).toBe(rows[0]!.passed);
    expect(county.denominator).toBe(rows[0]!.judged);
    expect(county.value).toBeCloseTo(rows[0]!.passed / rows[0]!.judged, 10);
    expect(county.interval![0]).toBeLessThan(county.value!);
    expect(county.interval![1]).toBeGreaterThan(county.value!);
    expect(county.target).toBe(0.96);
    expect(county.distance).toBeCloseTo(county.value! - 0.96, 10);
    // The county is the sum of its townships.
    expect(body.units.reduce((s, u) => s + u.values.pass_rate.denominator, 0)).toBe(county.denominator);
    expect(body.previousPeriod).toEqual({ from: '2023-01-01', to: '2023-12-31' });
    expect(county.previous).toBeNull(); // the demo starts in 2024
    expect(county.previousNoData).toBe('no_samples');
  });

  it('counts the two planted unstaffed villages against the county staffing', async () => {
    // Today's roster (2024 would be the roster at its end, before the coordinators appointed since).
    const body = await townships(THIS_YEAR);
    const staffing = body.parent!.values.staffing;
    const { rows } = await db.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM grid_unit WHERE code LIKE '652399%'`,
    );
    expect(staffing.denominator).toBe(rows[0]!.n);
    expect(staffing.numerator).toBe(rows[0]!.n - 2);
    expect(body.units.filter((u) => u.values.staffing.value! < 1)).toHaveLength(2);
  });

  it('computes the sampling quota from population and the coverages of the registry', async () => {
    const body = await townships();
    const quota = body.parent!.values.sampling_quota;
    const population = body.units.reduce((s, u) => s + (u.grid.population ?? 0), 0);
    expect(quota.denominator).toBeCloseTo((population * 1.5 * 366) / 1000 / 365, 0);
    expect(quota.value).toBeGreaterThan(1);
    expect((await townships(THIS_YEAR)).parent!.values.traceability.value).toBeGreaterThan(0.9);
    // Patrol coverage against the rules (subjects patrolled as often as required ÷ subjects), with its counts.
    const patrols = body.parent!.values.patrol_coverage;
    expect(patrols.denominator).toBeGreaterThan(0);
    expect(patrols.value).toBeCloseTo(patrols.numerator / patrols.denominator, 10);
  });

  it('shows "no data" with its reason, never 0 % or 100 %, for a period without samples', async () => {
    const body = await townships('from=2010-01-01&to=2010-12-31');
    for (const u of body.units) {
      expect(u.values.pass_rate).toMatchObject({ value: null, noData: 'no_samples', met: null });
      expect(u.values.banned_pass_rate).toMatchObject({ value: null, noData: 'no_samples' });
    }
  });
});

describe('drill-down and records', () => {
  it('drills into a township: its villages add up to the township’s numbers', async () => {
    const body = await townships();
    const township = body.units[0]!;
    const res = await request<IndicatorsResponse>(
      server.url,
      `/api/indicators?level=village&parentId=${township.grid.id}&${Y2024}`,
    );
    expect(res.status).toBe(200);
    expect(res.body.units.length).toBeGreaterThan(1);
    expect(res.body.parent!.grid.id).toBe(township.grid.id);
    const sum = res.body.units.reduce((s, u) => s + u.values.pass_rate.numerator, 0);
    expect(sum).toBe(township.values.pass_rate.numerator);
    expect(res.body.parent!.values.pass_rate.numerator).toBe(township.values.pass_rate.numerator);
  });

  it('lists the failing samples behind a township’s pass rate, as many as the number says', async () => {
    const body = await townships();
    const township = body.units.find((u) => u.values.pass_rate.numerator < u.values.pass_rate.denominator)!;
    const v = township.values.pass_rate;
    const res = await request<IndicatorRecords>(
      server.url,
      `/api/indicators/pass_rate/records?gridId=${township.grid.id}&${Y2024}&failing=true&limit=500`,
    );
    expect(res.status).toBe(200);
    expect(res.body.kind).toBe('samples');
    expect(res.body.total).toBe(v.denominator - v.numerator);
    expect(res.body.items.every((i) => !i.counts && i.detail.endsWith('fail'))).toBe(true);
    const all = await request<IndicatorRecords>(
      server.url,
      `/api/indicators/pass_rate/records?gridId=${township.grid.id}&${Y2024}&limit=5`,
    );
    expect(all.body.total).toBe(v.denominator);
    expect(all.body.items).toHaveLength(5);
  });

  it('lists the unstaffed grids with their missing role', async () => {
    const res = await request<IndicatorRecords>(
      server.url,
      `/api/indicators/staffing/records?gridId=${countyId}&${THIS_YEAR}&failing=true`,
    );
    expect(res.body.total).toBe(2);
    expect(res.body.items.every((i) => i.detail.includes('协管员'))).toBe(true);
  });

  it('lists the subjects behind patrol coverage with their last patrol', async () => {
    const body = await townships();
    const township = body.units[0]!;
    const res = await request<IndicatorRecords>(
      server.url,
      `/api/indicators/patrol_coverage/records?gridId=${township.grid.id}&${Y2024}&limit=1`,
    );
    expect(res.body.kind).toBe('subjects');
    expect(res.body.total).toBe(township.values.patrol_coverage.denominator);
    // The ones that miss: as many as the number says, each with fewer patrols done than required.
    const v = township.values.patrol_coverage;
    const missing = await request<IndicatorRecords>(
      server.url,
      `/api/indicators/patrol_coverage/records?gridId=${township.grid.id}&${Y2024}&failing=true&limit=500`,
    );
    expect(missing.body.total).toBe(v.denominator - v.numerator);
    for (const item of missing.body.items) {
      const [done, required] = item.detail.split(' · ').at(-1)!.split('/').map(Number);
      expect(done!, item.detail).toBeLessThan(required!);
    }
  });
});

describe('bad input', () => {
  it('refuses a period that ends before it starts, saying where', async () => {
    const res = await request<ErrorBody>(
      server.url,
      `/api/indicators?level=township&from=2024-12-31&to=2024-01-01`,
      { headers: { 'accept-language': 'en' } },
    );
    expect(res.status).toBe(400);
    expect(JSON.stringify(res.body.error.details)).toContain('query.to');
  });

  it('refuses an unknown indicator and answers 404 for an unknown grid', async () => {
    const bad = await request<ErrorBody>(server.url, `/api/indicators/nonsense/records?gridId=1&${Y2024}`);
    expect(bad.status).toBe(400);
    const missing = await request<ErrorBody>(
      server.url,
      `/api/indicators?level=village&parentId=999999999&${Y2024}`,
    );
    expect(missing.status).toBe(404);
  });
});

describe('export and targets', () => {
  it('exports the table to Excel with one row per township and the county total', async () => {
    const response = await fetch(
      `${server.url}/api/indicators.xlsx?level=township&parentId=${countyId}&${Y2024}`,
      { headers: { 'accept-language': 'zh-CN' } },
    );
    expect(response.status).toBe(200);
    const book = XLSX.read(Buffer.from(await response.arrayBuffer()), { type: 'buffer' });
    const rows = XLSX.utils.sheet_to_json<Record<string, unknown>>(book.Sheets[book.SheetNames[0]!]!);
    expect(rows).toHaveLength(11);
    expect(rows[10]!['网格']).toBe('青榆县');
    expect(rows[0]!).toHaveProperty('抽检合格率 %');
  });

  it('edits a target with its version and refuses a stale version with 409', async () => {
    const list = await request<IndicatorTarget[]>(server.url, '/api/indicators/targets');
    const t = list.body.find((x) => x.indicator === 'pass_rate_certified')!;
    const saved = await request<IndicatorTarget[]>(server.url, '/api/indicators/targets', {
      method: 'PUT',
      body: { targets: [{ indicator: t.indicator, target: 0.97, version: t.version }] },
    });
    expect(saved.status, JSON.stringify(saved.body)).toBe(200);
    const now = saved.body.find((x) => x.indicator === 'pass_rate_certified')!;
    expect(now).toMatchObject({ target: 0.97, version: t.version + 1 });
    const stale = await request<ErrorBody>(server.url, '/api/indicators/targets', {
      method: 'PUT',
      body: { targets: [{ indicator: t.indicator, target: 0.5, version: t.version }] },
    });
    expect(stale.status).toBe(409);
    const body = await townships();
    expect(body.parent!.values.pass_rate_certified.target).toBe(0.97);
    // Put the default back (the PostgreSQL test database is shared between runs).
    const back = await request(server.url, '/api/indicators/targets', {
      method: 'PUT',
      body: { targets: [{ indicator: t.indicator, target: t.target, version: now.version }] },
    });
    expect(back.status).toBe(200);
  });
});
