/**
 * The demo county's backdated history (demo only, server/src/domain/demo/history.ts): the dashboard finds, at the
 * end of 2024 and 2025, exactly the roster and registry state the generator recorded in demo_truth 'state_history'
 * (both engines), and keeps "no history" before the demo's set-up day.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { IndicatorsResponse, IndicatorValue } from '../../server/contracts/indicators';
import type { Db } from '../../server/src/db/engine';
import { openDemoTestDb } from '../support/demo-db';
import { request, startServer, type TestServer } from '../support/http';

interface YearEnd {
  subjects: number;
  fresh: number;
  mustTrace: number;
  traced: number;
  mustCertify: number;
  certifying: number;
}
interface Truth {
  setup: string;
  appointed: { village_code: string; at: string }[];
  year_end: Record<string, YearEnd>;
}

let db: Db;
let server: TestServer;
let countyId: number;
let truth: Truth;

beforeAll(async () => {
  db = await openDemoTestDb();
  server = await startServer(db);
  const { rows } = await db.query<{ id: number }>(
    `SELECT id::int FROM grid_unit WHERE code = '652399000000'`,
  );
  countyId = rows[0]!.id;
  const t = await db.query<{ v: Truth }>(`SELECT value AS v FROM demo_truth WHERE key = 'state_history'`);
  truth = t.rows[0]?.v as Truth;
}, 120_000);

afterAll(async () => {
  await server?.close();
  await db?.close();
});

async function county(year: number): Promise<Record<string, IndicatorValue>> {
  const res = await request<IndicatorsResponse>(
    server.url,
    `/api/indicators?level=township&parentId=${countyId}&from=${year}-01-01&to=${year}-12-31`,
  );
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return res.body.parent!.values;
}

describe('the demo county’s earlier roster and registry', () => {
  it('has its history (a test database loaded before it was added must be recreated)', () => {
    expect(truth, 'demo_truth state_history missing: drop and recreate the test database').toBeDefined();
    expect(truth.setup.slice(0, 10)).toBe('2024-01-02');
  });

  for (const year of [2025, 2026]) {
    it(`compares ${year} with the state at the end of ${year - 1} recorded by the generator`, async () => {
      const values = await county(year);
      const before = truth.year_end[String(year - 1)]!;
      // The value is the state at the end of the year (today for this year): coordinators appointed during the year
      // were missing at the end of the previous one (appointed at 10:00 China time).
      const during = truth.appointed.filter((a) => a.at.slice(0, 4) === String(year)).length;
      const staffing = values.staffing!;
      expect(staffing.previous).toBeCloseTo((staffing.numerator - during) / staffing.denominator, 10);
      const end = truth.year_end[String(year)];
      if (end) {
        // A year that has ended: its value is the generator's state at its end, not today's.
        expect(values.registry_freshness!.value).toBeCloseTo(end.fresh / end.subjects, 10);
        expect(values.traceability!.value).toBeCloseTo(end.traced / end.mustTrace, 10);
        expect(values.certificates!.value).toBeCloseTo(end.certifying / end.mustCertify, 10);
      }
      expect(staffing.trend).toBe('up');
      expect(values.registry_freshness!.previous).toBeCloseTo(before.fresh / before.subjects, 10);
      expect(values.traceability!.previous).toBeCloseTo(before.traced / before.mustTrace, 10);
      expect(values.certificates!.previous).toBeCloseTo(before.certifying / before.mustCertify, 10);
      for (const id of ['registry_freshness', 'traceability', 'certificates']) {
        const d = values[id]!.value! - values[id]!.previous!;
        expect(values[id]!.trend, id).toBe(Math.abs(d) < 0.005 ? 'flat' : d > 0 ? 'up' : 'down');
      }
    });
  }

  it('has no previous value before the demo’s set-up day, and says when its history starts', async () => {
    const values = await county(2024);
    for (const id of ['staffing', 'registry_freshness', 'traceability', 'certificates']) {
      expect(values[id], id).toMatchObject({ previous: null, previousNoData: 'no_history', trend: null });
      expect(values[id]!.historyStart! <= '2024-01-02', id).toBe(true);
    }
    // Its own value is the state at the end of 2024, after the set-up: rebuilt, not missing.
    const end = truth.year_end['2024']!;
    expect(values.traceability!.value).toBeCloseTo(end.traced / end.mustTrace, 10);
  });
});
