/**
 * Every indicator of the dashboard against a small hand-made county whose numbers are computed by hand (on both
 * engines): two townships, four villages (one without its coordinator), four subjects, a few patrols and samples,
 * rapid tests, enforcement cases and rectifications.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { IndicatorRecords, IndicatorsResponse } from '../../server/contracts/indicators';
import type { Db } from '../../server/src/db/engine';
import { chinaDate } from '../../server/src/lib/china-date';
import { type FixtureCounty, makeCounty, uniqueCode } from '../support/fixtures';
import { request, startServer, type TestServer } from '../support/http';
import { openTestDb } from '../support/test-db';

let db: Db;
let server: TestServer;
let county: FixtureCounty;
let body: IndicatorsResponse;
/** The same county before any enforcement case was recorded. */
let beforeCases: IndicatorsResponse;
let villages: IndicatorsResponse;
let counties: IndicatorsResponse;
/** This year: the state indicators of a period including today are the roster and registry as they are now. */
let current: IndicatorsResponse;
const ids: Record<string, number> = {};
const Y2025 = 'from=2025-01-01&to=2025-12-31';

async function subject(key: string, type: string, at: [number, number], extra: Record<string, unknown>) {
  const { rows } = await db.query<{ id: number }>(
    `INSERT INTO production_subject (code, name, type, traceability, issues_certificate, certifications, geom)
     VALUES ($1, $2, $3, $4, $5, $6::text[], ST_SetSRID(ST_MakePoint($7, $8), 4326)) RETURNING id::int`,
    [
      uniqueCode('IND'),
      `${key}主体`,
      type,
      extra.traceability ?? false,
      extra.certificate ?? false,
      extra.certifications ?? [],
      at[0],
      at[1],
    ],
  );
  ids[key] = rows[0]!.id;
}

/** A sample of a subject on a date, judged by its results ([analyte, verdict]). */
async function sample(
  subjectKey: string,
  at: [number, number],
  date: string,
  kind: string,
  results: [string, string][],
) {
  const { rows } = await db.query<{ id: number }>(
    `INSERT INTO sample (code, kind, sampled_at, commodity, commodity_category, subject_id, geom)
     VALUES ($1, $2, ($3::date::timestamp AT TIME ZONE 'Asia/Shanghai') + interval '10 hours', '菠菜', 'vegetable', $4,
             ST_SetSRID(ST_MakePoint($5, $6), 4326)) RETURNING id::int`,
    [uniqueCode('S'), kind, date, ids[subjectKey], at[0], at[1]],
  );
  for (const [analyte, verdict] of results)
    await db.query(`INSERT INTO sample_result (sample_id, analyte, verdict) VALUES ($1, $2, $3)`, [
      rows[0]!.id,
      analyte,
      verdict,
    ]);
}

async function patrol(
  subjectKey: string,
  date: string,
  outcome = 'compliant',
  deadline: string | null = null,
) {
  await db.query(
    `INSERT INTO patrol (subject_id, inspector_name, patrolled_at, outcome, rectify_deadline)
     VALUES ($1, '张伟', ($2::date::timestamp AT TIME ZONE 'Asia/Shanghai') + interval '9 hours', $3, $4)`,
    [ids[subjectKey], date, outcome, deadline],
  );
}

/** A case on a grid (or the subject's), opened on a date. */
async function enforcementCase(
  grid: { subject?: string; gridId?: number },
  opened: string,
  status = 'closed',
  cause = 'banned_pesticide',
) {
  await db.query(
    `INSERT INTO enforcement_case (case_number, grid_id, subject_id, opened_on, closed_on, cause, status)
     VALUES ($1, $2, $3, $4, CASE WHEN $5 = 'open' THEN NULL ELSE $4::date + 30 END, $6, $5)`,
    [uniqueCode('AJ'), grid.gridId ?? null, grid.subject ? ids[grid.subject] : null, opened, status, cause],
  );
}

async function indicators(query: string) {
  const res = await request<IndicatorsResponse>(server.url, `/api/indicators?${query}`);
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return res.body;
}

beforeAll(async () => {
  db = await openTestDb();
  server = await startServer(db);
  county = await makeCounty(db);
  const [v1, v2, , v4] = county.villageIds;
  const [p1, , p3] = county.villagePoints as [number, number][];
  // Population is data: the townships and the county leave it to their villages, the west villages have none.
  await db.query(`UPDATE grid_unit SET population = NULL WHERE id = ANY ($1::bigint[])`, [
    [county.countyId, ...county.townshipIds, county.villageIds[2], v4],
  ]);
  await db.query(`UPDATE grid_unit SET population = 2000 WHERE id = $1`, [v1]);
  await db.query(`UPDATE grid_unit SET population = 1000 WHERE id = $1`, [v2]);
  await db.query(`DELETE FROM grid_person WHERE grid_id = $1`, [v4]); // village 4 loses its 协管员
  const near = (p: [number, number], d: number): [number, number] => [p[0] + d, p[1] + d];
  await subject('A', 'cooperative', p1!, {
    traceability: true,
    certificate: true,
    certifications: ['green_food'],
  });
  await subject('B', 'large_grower', near(p1!, 0.01), {});
  await subject('C', 'small_household', near(p1!, 0.02), {});
  await subject('D', 'enterprise', p3!, { traceability: true });
  await patrol('A', '2025-03-01');
  await patrol('D', '2024-06-01');
  await patrol('B', '2025-12-20');
  await sample('A', p1!, '2025-04-01', 'routine', [
    ['克百威', 'pass'],
    ['毒死蜱', 'pass'],
  ]);
  await sample('A', p1!, '2025-05-01', 'routine', [['毒死蜱', 'pass']]);
  await sample('A', p1!, '2025-06-01', 'routine', [['克百威', 'fail']]);
  await sample('B', p1!, '2025-07-01', 'supervisory', [['毒死蜱', 'pass']]);
  await sample('B', p1!, '2025-07-02', 'rapid', [['有机磷和氨基甲酸酯类', 'suspected']]);
  await sample('A', p1!, '2024-05-01', 'routine', [['毒死蜱', 'pass']]);
  // Rapid tests: two villages of the east town on 2 July are one township day; 10 August another.
  const p2 = county.villagePoints[1] as [number, number];
  await sample('B', p2, '2025-07-02', 'rapid', [['有机磷和氨基甲酸酯类', 'pass']]);
  await sample('B', p1!, '2025-08-10', 'rapid', [['有机磷和氨基甲酸酯类', 'pass']]);
  // Rectifications: A's is overdue at the end of 2025; C's first was closed by a compliant visit, its second is
  // still within its deadline.
  await patrol('A', '2025-10-01', 'rectify', '2025-10-15');
  await patrol('C', '2025-06-01', 'rectify', '2025-06-20');
  await patrol('C', '2025-06-25');
  await patrol('C', '2025-11-01', 'rectify', '2026-01-15');
  beforeCases = await indicators(`level=township&parentId=${county.countyId}&${Y2025}`);
  // Cases: east one closed and one withdrawn, one on the county grid itself, west one in 2024.
  await enforcementCase({ subject: 'A' }, '2025-03-10');
  await enforcementCase({ subject: 'B' }, '2025-09-01', 'withdrawn');
  await enforcementCase({ gridId: county.countyId }, '2025-11-01', 'open', 'counterfeit_input');
  await enforcementCase({ subject: 'D' }, '2024-06-01');
  body = await indicators(`level=township&parentId=${county.countyId}&${Y2025}`);
  villages = await indicators(`level=village&parentId=${county.townshipIds[0]}&${Y2025}`);
  counties = await indicators(`level=county&${Y2025}`);
  const year = chinaDate().slice(0, 4);
  current = await indicators(
    `level=township&parentId=${county.countyId}&from=${year}-01-01&to=${year}-12-31`,
  );
}, 120_000);

afterAll(async () => {
  await server?.close();
  await db?.close();
});

const east = () => body.units.find((u) => u.grid.id === county.townshipIds[0])!.values;
const west = () => body.units.find((u) => u.grid.id === county.townshipIds[1])!.values;
/** The state indicators now (the county was made today: at the end of 2025 it did not exist yet). */
const eastNow = () => current.units.find((u) => u.grid.id === county.townshipIds[0])!.values;
const westNow = () => current.units.find((u) => u.grid.id === county.townshipIds[1])!.values;

describe('indicators of a hand-made county for 2025', () => {
  it('counts staffing over the grid and those below it: the county misses one coordinator of seven grids', () => {
    expect(eastNow().staffing).toMatchObject({ value: 1, numerator: 3, denominator: 3 });
    expect(westNow().staffing).toMatchObject({ numerator: 2, denominator: 3 });
    expect(current.parent!.values.staffing).toMatchObject({ numerator: 6, denominator: 7 });
  });

  it('counts traceability and certificates only over the subjects that must have them', () => {
    expect(eastNow().registry_freshness).toMatchObject({ value: 1, numerator: 3, denominator: 3 });
    expect(eastNow().traceability).toMatchObject({ value: 0.5, numerator: 1, denominator: 2 });
    expect(eastNow().certificates).toMatchObject({ value: 0.5, numerator: 1, denominator: 2 });
    expect(westNow().traceability).toMatchObject({ value: 1, numerator: 1, denominator: 1 });
  });

  it('gives patrol coverage against the rules and its trend against 2024', () => {
    // 2025: cooperative A needs 2 a year + 1 for the May–October peak = 3 and had 2 (03-01, 10-01): it misses,
    // though "at least once" would count it; large grower B needs 1 and had 1 (12-20). C is a small household
    // (not a patrol_coverage type). 2024 (366 days): A needs ceil(2 × 366 / 365) + 1 = 4, B 2, none patrolled.
    expect(east().patrol_coverage).toMatchObject({
      value: 0.5,
      numerator: 1,
      denominator: 2,
      previous: 0,
      trend: 'up',
    });
    // Enterprise D: none in 2025 (needs 3); one in 2024 (06-01) where it needed 4 — not 1 of 1 as "at least once".
    expect(west().patrol_coverage).toMatchObject({
      value: 0,
      numerator: 0,
      denominator: 1,
      previous: 0,
      trend: 'flat',
      met: false,
    });
    expect(body.parent!.values.patrol_coverage).toMatchObject({ numerator: 1, denominator: 3 });
  });

  it('gives the pass rate 3 of 4 with Wilson [30.1 %, 95.4 %] as a small sample, rapid tests left out', () => {
    const v = east().pass_rate;
    expect(v).toMatchObject({ value: 0.75, numerator: 3, denominator: 4, smallSample: true, previous: 1 });
    expect(v.interval![0]).toBeCloseTo(0.3006, 3);
    expect(v.interval![1]).toBeCloseTo(0.9544, 3);
    expect(v.trend).toBe('down');
    expect(east().pass_rate_certified).toMatchObject({ numerator: 2, denominator: 3 });
    expect(east().banned_pass_rate).toMatchObject({ value: 0.5, numerator: 1, denominator: 2, target: 1 });
  });

  it('gives the quota from the villages’ population (3,000 → 4.5 batches a year) and "no data" without it', () => {
    expect(east().sampling_quota).toMatchObject({ numerator: 4, denominator: 4.5 });
    expect(east().sampling_quota.value).toBeCloseTo(4 / 4.5, 10);
    expect(west().sampling_quota).toMatchObject({ value: null, noData: 'no_population' });
    expect(west().pass_rate).toMatchObject({ value: null, noData: 'no_samples' });
    expect(body.parent!.values.sampling_quota.noData).toBe('no_population');
  });

  it('lists the banned-pesticide samples behind the number and the one that failed', async () => {
    const base = `/api/indicators/banned_pass_rate/records?gridId=${county.townshipIds[0]}&${Y2025}`;
    const all = await request<IndicatorRecords>(server.url, base);
    expect(all.body.total).toBe(2);
    const failing = await request<IndicatorRecords>(server.url, `${base}&failing=true`);
    expect(failing.body.items).toHaveLength(1);
    expect(failing.body.items[0]).toMatchObject({ counts: false, date: '2025-06-01' });
  });

  it('lists the subjects patrolled less often than required, with done ÷ required and their last patrol', async () => {
    const missing = async (grid: number, failing = true) =>
      (
        await request<IndicatorRecords>(
          server.url,
          `/api/indicators/patrol_coverage/records?gridId=${grid}&${Y2025}&failing=${failing}`,
        )
      ).body;
    const inWest = await missing(county.townshipIds[1]);
    expect(inWest.items.map((i) => [i.id, i.counts, i.detail, i.date])).toEqual([
      [ids.D, false, 'enterprise · patrols_done_required · 0/3', '2024-06-01'],
    ]);
    const inEast = await missing(county.townshipIds[0]);
    expect(inEast.items.map((i) => [i.id, i.detail, i.date])).toEqual([
      [ids.A, 'cooperative · patrols_done_required · 2/3', '2025-10-01'],
    ]);
    // All of them: the one that misses first, then B; as many as the indicator's denominator.
    const all = await missing(county.townshipIds[0], false);
    expect(all.items.map((i) => [i.id, i.counts])).toEqual([
      [ids.A, false],
      [ids.B, true],
    ]);
    expect(all.total).toBe(east().patrol_coverage.denominator);
  });

  it('gives rapid-test days per township per week: 2 days in 52.1 township-weeks, none in the west', () => {
    const v = east().rapid_tests;
    expect(v).toMatchObject({ numerator: 2, denominator: 52.1, target: 1, met: false, previous: 0 });
    expect(v.value).toBeCloseTo(2 / (365 / 7), 10);
    expect(v.trend).toBe('up');
    expect(west().rapid_tests).toMatchObject({ value: 0, numerator: 0, noData: null });
    const total = body.parent!.values.rapid_tests;
    expect(total).toMatchObject({ numerator: 2, denominator: 104.3 });
    expect(total.value).toBeCloseTo(2 / ((2 * 365) / 7), 10);
  });

  it('has no rapid-test value of its own for a village, but its township total counts the days', () => {
    const v1 = villages.units.find((u) => u.grid.id === county.villageIds[0])!.values;
    expect(v1.rapid_tests).toMatchObject({ value: null, noData: 'not_township', numerator: 2 });
    expect(villages.parent!.values.rapid_tests).toMatchObject({ numerator: 2, denominator: 52.1 });
  });

  it('says "not collected" for cases before any was recorded, never 0', () => {
    expect(beforeCases.parent!.values.enforcement_cases).toMatchObject({
      value: null,
      noData: 'not_collected',
    });
    expect(beforeCases.units[0]!.values.enforcement_cases.met).toBeNull();
  });

  it('counts cases against the yearly minimum, without the withdrawn one, and flags the zero-case town', () => {
    expect(east().enforcement_cases).toMatchObject({ value: 1, target: 1, met: true, flag: null });
    expect(west().enforcement_cases).toMatchObject({
      value: 0,
      met: false,
      flag: 'zero_cases',
      previous: 1,
      trend: 'down',
    });
    // The county: east's case and the one filed on the county grid, against 3 a year.
    expect(body.parent!.values.enforcement_cases).toMatchObject({
      value: 2,
      target: 3,
      met: false,
      previous: 1,
    });
  });

  it('counts the rectifications open at the end of 2025 and the overdue one', () => {
    expect(east().open_rectifications).toMatchObject({
      value: 1,
      numerator: 1,
      denominator: 2,
      met: false,
      flag: 'overdue',
      previous: null,
      previousNoData: 'no_patrols',
    });
    expect(west().open_rectifications).toMatchObject({ value: 0, denominator: 0, met: true, previous: 0 });
    expect(body.parent!.values.open_rectifications).toMatchObject({ value: 1, denominator: 2 });
  });

  it('gives the same numbers at county level as the township view’s total', () => {
    const mine = counties.units.find((u) => u.grid.id === county.countyId)!.values;
    for (const id of [
      'staffing',
      'pass_rate',
      'patrol_coverage',
      'rapid_tests',
      'enforcement_cases',
      'open_rectifications',
    ] as const)
      expect(mine[id], id).toEqual(body.parent!.values[id]);
  });

  it('lists the records behind the new numbers', async () => {
    const records = async (indicator: string, grid: number, failing = false) =>
      (
        await request<IndicatorRecords>(
          server.url,
          `/api/indicators/${indicator}/records?gridId=${grid}&${Y2025}&failing=${failing}`,
        )
      ).body;
    const rapid = await records('rapid_tests', county.townshipIds[0]);
    expect(rapid).toMatchObject({ kind: 'samples', total: 3 });
    const cases = await records('enforcement_cases', county.countyId);
    expect(cases.kind).toBe('cases');
    expect(cases.items.map((i) => [i.date, i.counts])).toEqual(
      [
        ['2025-03-10', true],
        ['2025-11-01', true],
        ['2025-09-01', false],
      ].sort((a, b) => Number(a[1]) - Number(b[1]) || String(b[0]).localeCompare(String(a[0]))),
    );
    const overdue = await records('open_rectifications', county.townshipIds[0], true);
    expect(overdue).toMatchObject({ kind: 'patrols', total: 1 });
    expect(overdue.items[0]).toMatchObject({ date: '2025-10-01', counts: false });
    expect((await records('open_rectifications', county.townshipIds[0])).total).toBe(2);
  });
});
