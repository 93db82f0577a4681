/**
 * The soil indicator of the dashboard (soil_risk) against hand-made zones on a county of the test's own (both
 * engines): subjects in 严格管控类 zones (the value, target 0) against those in risky zones, the farmland of each
 * class per grid in 亩 (areas computed here on the ellipsoid, independently of PostGIS), the newest covering run
 * winning, the records behind the number, and "no data" (no_soil_run) where no run covers a grid — never 0.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { IndicatorRecords, IndicatorsResponse } from '../../server/contracts/indicators';
import type { Db } from '../../server/src/db/engine';
import { insertFixtureRun } from '../fixtures/soil/zone-fixture';
import { type FixtureCounty, makeCounty, uniqueCode } from '../support/fixtures';
import { request, startServer, type TestServer } from '../support/http';
import { openTestDb, testEngine } from '../support/test-db';
import { removeCounty } from './tiles-support';

let db: Db;
let server: TestServer;
let county: FixtureCounty;
/** A second county with no soil run at all. */
let bare: FixtureCounty;
const runs: number[] = [];
const Y2025 = 'from=2025-01-01&to=2025-12-31';
const MU = 666.67;

/** Area of a lon/lat rectangle on the GRS80 ellipsoid (authalic-latitude formula), m². */
function rectangleArea(w: number, s: number, e: number, n: number): number {
  const a = 6378137;
  const f = 1 / 298.257222101;
  const e2 = f * (2 - f);
  const ecc = Math.sqrt(e2);
  const q = (phi: number) => {
    const sp = Math.sin((phi * Math.PI) / 180);
    return (1 - e2) * (sp / (1 - e2 * sp * sp) - (1 / (2 * ecc)) * Math.log((1 - ecc * sp) / (1 + ecc * sp)));
  };
  return ((((a * a) / 2) * ((e - w) * Math.PI)) / 180) * (q(n) - q(s));
}
const box = (w: number, s: number, e: number, n: number) =>
  `POLYGON((${w} ${s},${e} ${s},${e} ${n},${w} ${n},${w} ${s}))`;

async function subject(name: string, point: [number, number]) {
  await db.query(
    `INSERT INTO production_subject (code, name, type, geom) VALUES ($1, $2, 'cooperative', ST_SetSRID(ST_MakePoint($3, $4), 4326))`,
    [uniqueCode('SR'), name, ...point],
  );
}

async function indicators(query: string) {
  const res = await request<IndicatorsResponse>(server.url, `/api/indicators?${query}`);
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return res.body;
}

async function records(gridId: number, failing = false) {
  const res = await request<IndicatorRecords>(
    server.url,
    `/api/indicators/soil_risk/records?gridId=${gridId}&${Y2025}&failing=${failing}`,
  );
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return res.body;
}

let w = 0;
let s = 0;
beforeAll(async () => {
  db = await openTestDb();
  server = await startServer(db);
  county = await makeCounty(db);
  bare = await makeCounty(db);
  [w, s] = county.bbox;
  // Village 1 (east town 东镇) is [w, w+0.2] × [s, s+0.2]: a strict and a safe zone side by side; village 3 (west
  // town 西乡) only priority-protection farmland.
  const run = await insertFixtureRun(db, {
    gridId: county.countyId,
    zones: [
      { class: 'strict_control', wkt: box(w + 0.05, s + 0.05, w + 0.07, s + 0.07) },
      { class: 'safe_utilisation', wkt: box(w + 0.07, s + 0.05, w + 0.1, s + 0.07) },
      { class: 'priority_protection', wkt: box(w + 0.25, s + 0.05, w + 0.3, s + 0.07) },
      { class: 'no_data', wkt: box(w + 0.3, s + 0.05, w + 0.35, s + 0.07) },
    ],
  });
  runs.push(run.runId);
  await subject('严管区合作社', [w + 0.06, s + 0.06]);
  await subject('安全利用区合作社', [w + 0.08, s + 0.06]);
  await subject('优先保护区合作社', [w + 0.26, s + 0.06]);
  await subject('区外合作社', [w + 0.1, s + 0.3]);
});

afterAll(async () => {
  await server?.close();
  for (const id of runs) await db?.query('DELETE FROM soil_zone_run WHERE id = $1', [id]);
  if (db && county) await removeCounty(db, county);
  if (db && bare) await removeCounty(db, bare);
  await db?.close();
});

describe(`soil indicator of the dashboard (${testEngine()})`, () => {
  it('counts subjects in strict-control zones against those in risky zones, with farmland per class in 亩', async () => {
    const strictMu = rectangleArea(w + 0.05, s + 0.05, w + 0.07, s + 0.07) / MU;
    const safeMu = rectangleArea(w + 0.07, s + 0.05, w + 0.1, s + 0.07) / MU;
    const priorityMu = rectangleArea(w + 0.25, s + 0.05, w + 0.3, s + 0.07) / MU;
    const body = await indicators(`level=township&parentId=${county.countyId}&${Y2025}`);
    const east = body.units.find((u) => u.grid.id === county.townshipIds[0])!.values.soil_risk;
    const west = body.units.find((u) => u.grid.id === county.townshipIds[1])!.values.soil_risk;
    // East town: one subject in the strict zone, one in the safe zone → 1 (target 0, a maximum: 1 short).
    expect(east).toMatchObject({ value: 1, numerator: 1, denominator: 2, noData: null, target: 0 });
    expect(east).toMatchObject({ distance: -1, met: false, previous: null, previousNoData: 'no_history' });
    expect(east.soil!.strictControlMu).toBeCloseTo(strictMu, 0);
    expect(east.soil!.safeUtilisationMu).toBeCloseTo(safeMu, 0);
    expect(east.soil!.classifiedMu).toBeCloseTo(strictMu + safeMu, 0);
    expect(east.soil!.strictControlShare).toBeCloseTo(strictMu / (strictMu + safeMu), 4);
    // West town: covered, classified, nobody at risk → a real 0 (met), with its priority-protection farmland.
    expect(west).toMatchObject({ value: 0, numerator: 0, denominator: 0, noData: null, met: true });
    expect(west.soil).toMatchObject({ strictControlMu: 0, safeUtilisationMu: 0, strictControlShare: 0 });
    expect(west.soil!.classifiedMu).toBeCloseTo(priorityMu, 0);
    // The county total: the sum of its towns.
    expect(body.parent!.values.soil_risk).toMatchObject({ value: 1, numerator: 1, denominator: 2 });
    expect(body.targets.find((t) => t.indicator === 'soil_risk')).toMatchObject({ target: 0 });
  });

  it('lists the subjects behind the number, the strict-control ones first and as failing', async () => {
    const all = await records(county.townshipIds[0]);
    expect(all.kind).toBe('subjects');
    expect(all.total).toBe(2);
    expect(all.items.map((r) => [r.name, r.counts])).toEqual([
      ['严管区合作社', false],
      ['安全利用区合作社', true],
    ]);
    const failing = await records(county.townshipIds[0], true);
    expect(failing.items.map((r) => r.name)).toEqual(['严管区合作社']);
    expect((await records(county.townshipIds[1])).total).toBe(0);
  });

  it('shows "no data" with its reason where no run covers the grid, never 0', async () => {
    const body = await indicators(`level=township&parentId=${bare.countyId}&${Y2025}`);
    for (const u of body.units)
      expect(u.values.soil_risk).toMatchObject({
        value: null,
        noData: 'no_soil_run',
        distance: null,
        met: null,
        soil: null,
      });
    expect(body.parent!.values.soil_risk).toMatchObject({ value: null, noData: 'no_soil_run' });
    expect((await records(bare.townshipIds[0])).total).toBe(0);
  });

  it('uses the newest run covering each grid: a later run of one town replaces the county run there only', async () => {
    // The newer run of the east town puts the former strict-control subject in a safe-utilisation zone.
    const run = await insertFixtureRun(db, {
      gridId: county.townshipIds[0],
      zones: [{ class: 'safe_utilisation', wkt: box(w + 0.05, s + 0.05, w + 0.07, s + 0.07) }],
    });
    runs.push(run.runId);
    const body = await indicators(`level=village&parentId=${county.countyId}&${Y2025}`);
    const village = (i: number) =>
      body.units.find((u) => u.grid.id === county.villageIds[i])!.values.soil_risk;
    expect(village(0)).toMatchObject({ value: 0, numerator: 0, denominator: 1, noData: null });
    expect(village(0).soil!.strictControlMu).toBe(0);
    expect(village(1)).toMatchObject({ value: 0, denominator: 0, noData: null });
    expect(village(1).soil).toMatchObject({ classifiedMu: 0, strictControlShare: null });
    expect(village(2)).toMatchObject({ value: 0, noData: null }); // still the county run
    expect((await records(county.villageIds[0])).items.map((r) => [r.name, r.counts])).toEqual([
      ['严管区合作社', true],
    ]);
    // A run of the east town does not cover the county: the county's own value still comes from the county run.
    const counties = await indicators(`level=county&${Y2025}`);
    expect(counties.units.find((u) => u.grid.id === county.countyId)!.values.soil_risk).toMatchObject({
      value: 1,
    });
    const bareTown = await indicators(`level=village&parentId=${bare.townshipIds[0]}&${Y2025}`);
    expect(bareTown.units.every((u) => u.values.soil_risk.noData === 'no_soil_run')).toBe(true);
  });
});
