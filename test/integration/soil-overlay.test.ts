/**
 * Production subjects and bases inside risky zones, on a county of the test's own with hand-made zones: which
 * subjects are listed, per grid, with the area of their base in each zone in 亩 (checked against areas computed
 * here on the ellipsoid, independently of PostGIS); the function other features call; one zone's detail; the Excel
 * export with formula injection neutralised; and the soil-sample import target.
 */
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { OverlayResponse, ZoneDetail } from '../../server/contracts/soil';
import type { Db } from '../../server/src/db/engine';
import type { ImportContext } from '../../server/src/modules/imports/import-target';
import { soilRiskBySubject } from '../../server/src/modules/soil/soil-overlay.service';
import { soilSamplesImportTarget } from '../../server/src/modules/soil/soil-samples.import-target';
import { insertFixtureRun } from '../fixtures/soil/zone-fixture';
import { type FixtureCounty, makeCounty, uniqueCode } from '../support/fixtures';
import { type TestServer, request, startServer } from '../support/http';
import { openTestDb, testEngine } from '../support/test-db';
import { removeCounty } from './tiles-support';

let db: Db;
let server: TestServer;
let county: FixtureCounty;
let runId: number;
let strictZone: number;
const ids: Record<string, number> = {};

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

beforeAll(async () => {
  db = await openTestDb();
  county = await makeCounty(db);
  server = await startServer(db);
  const [w, s] = county.bbox;
  // Village 1 is [w, w+0.2] × [s, s+0.2]: a strict zone and a safe zone side by side in it.
  const strict = [w + 0.05, s + 0.05, w + 0.07, s + 0.07] as const;
  const safe = [w + 0.07, s + 0.05, w + 0.1, s + 0.07] as const;
  const run = await insertFixtureRun(db, {
    gridId: county.countyId,
    zones: [
      { class: 'strict_control', wkt: box(...strict) },
      { class: 'safe_utilisation', wkt: box(...safe) },
      { class: 'priority_protection', wkt: box(w + 0.1, s + 0.05, w + 0.15, s + 0.07) },
    ],
  });
  runId = run.runId;
  strictZone = run.zoneIds[0]!;
  const subject = async (key: string, name: string, point: [number, number], base?: string) => {
    const { rows } = await db.query<{ id: number }>(
      `INSERT INTO production_subject (code, name, type, credit_class, key_list, geom, base_geom)
       VALUES ($1, $2, 'cooperative', 'B', true, ST_SetSRID(ST_MakePoint($3, $4), 4326),
         CASE WHEN $5::text IS NULL THEN NULL ELSE ST_Multi(ST_GeomFromText($5, 4326)) END) RETURNING id`,
      [uniqueCode('C'), name, ...point, base ?? null],
    );
    ids[key] = rows[0]!.id;
  };
  // A base straddling the strict/safe border (0.01° in each), a point-only subject in the safe zone, one outside.
  await subject(
    'straddling',
    '=HYPERLINK("http://x")合作社',
    [w + 0.069, s + 0.06],
    box(w + 0.06, s + 0.055, w + 0.08, s + 0.065),
  );
  await subject('pointOnly', '安全区散户', [w + 0.09, s + 0.06]);
  await subject('outside', '区外农场', [w + 0.12, s + 0.06], box(w + 0.11, s + 0.055, w + 0.13, s + 0.065));
});

afterAll(async () => {
  await server?.close();
  if (db) await db.query('DELETE FROM soil_zone_run WHERE id = $1', [runId]);
  if (db && county) await removeCounty(db, county);
  await db?.close();
});

describe(`subjects in risky soil zones (${testEngine()})`, () => {
  it('lists per village grid the subjects whose base or point lies in a safe-utilisation or strict-control zone, with areas in 亩', async () => {
    const res = await request<OverlayResponse>(server.url, `/api/soil/runs/${runId}/subjects`);
    expect(res.status).toBe(200);
    const [w, s] = county.bbox;
    const rows = res.body.groups.flatMap((g) => g.rows);
    expect(rows.map((r) => r.subject.id).sort()).toEqual([ids.straddling, ids.pointOnly].sort());
    expect(res.body.groups).toHaveLength(1);
    expect(res.body.groups[0]!.grid.id).toBe(county.villageIds[0]);
    expect(res.body.groups[0]!.township!.id).toBe(county.townshipIds[0]);
    const straddling = rows.find((r) => r.subject.id === ids.straddling)!;
    const mu = (m2: number) => m2 / 666.67;
    expect(straddling).toMatchObject({
      class: 'strict_control',
      pointInZone: true,
      subject: { creditClass: 'B', keyList: true },
    });
    expect(straddling.strictControlMu).toBeCloseTo(
      mu(rectangleArea(w + 0.06, s + 0.055, w + 0.07, s + 0.065)),
      0,
    );
    expect(straddling.safeUtilisationMu).toBeCloseTo(
      mu(rectangleArea(w + 0.07, s + 0.055, w + 0.08, s + 0.065)),
      0,
    );
    expect(
      Math.abs(straddling.baseAreaMu! / mu(rectangleArea(w + 0.06, s + 0.055, w + 0.08, s + 0.065)) - 1),
    ).toBeLessThan(1e-4);
    expect(rows.find((r) => r.subject.id === ids.pointOnly)).toMatchObject({
      class: 'safe_utilisation',
      baseAreaMu: null,
      safeUtilisationMu: 0,
      pointInZone: true,
    });
    expect(res.body.totals).toMatchObject({ subjects: 2, strictControl: 1, safeUtilisation: 1 });
  });

  it('filters by class and by grid', async () => {
    const strict = await request<OverlayResponse>(
      server.url,
      `/api/soil/runs/${runId}/subjects?class=strict_control`,
    );
    expect(strict.body.groups.flatMap((g) => g.rows.map((r) => r.subject.id))).toEqual([ids.straddling]);
    const elsewhere = await request<OverlayResponse>(
      server.url,
      `/api/soil/runs/${runId}/subjects?gridId=${county.townshipIds[1]}`,
    );
    expect(elsewhere.body.totals.subjects).toBe(0);
  });

  it('tells other features the worst soil class of each subject', async () => {
    const risk = await soilRiskBySubject(db, { runIds: [runId] });
    expect(risk.get(ids.straddling!)).toMatchObject({
      class: 'strict_control',
      metals: ['cd'],
      runIds: [runId],
    });
    expect(risk.get(ids.pointOnly!)).toMatchObject({ class: 'safe_utilisation' });
    expect(risk.has(ids.outside!)).toBe(false);
  });

  it('describes a clicked zone with the subjects inside it', async () => {
    const res = await request<ZoneDetail>(server.url, `/api/soil/zones/${strictZone}`);
    expect(res.status).toBe(200);
    expect(res.body.zone.properties).toMatchObject({ class: 'strict_control', runId });
    expect(res.body.subjects.map((r) => r.subject.id)).toEqual([ids.straddling]);
    expect((await request(server.url, '/api/soil/zones/999999999')).status).toBe(404);
  });

  it('exports the list to Excel, with a name that looks like a formula kept as text', async () => {
    const res = await fetch(`${server.url}/api/soil/runs/${runId}/subjects.xlsx`);
    expect(res.status).toBe(200);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(await res.arrayBuffer());
    const sheet = workbook.worksheets[0]!;
    expect(sheet.getCell(3, 5).value).toBe('主体名称');
    const names: unknown[] = [];
    sheet.eachRow((row, n) => {
      if (n > 3) names.push(row.getCell(5).value);
    });
    expect(names).toContain('\'=HYPERLINK("http://x")合作社');
    expect(names).toContain('安全区散户');
    sheet.eachRow((row) => row.eachCell((cell) => expect(cell.formula).toBeUndefined()));
  });
});

describe(`the soil-sample import target (${testEngine()})`, () => {
  const context: ImportContext = { rowNumbers: [2, 3, 4], columnOf: (key) => key, user: 'test' };

  it('reads lab notation: "<0.02" as half the detection limit, "未检出" as not measured', () => {
    const [lon, lat] = county.villagePoints[1]!;
    const parsed = soilSamplesImportTarget.parseRow(
      {
        code: 'A1',
        sampledOn: '2025-05-01',
        landUse: 'paddy',
        ph: 6.2,
        cd: '<0.02',
        hg: '未检出',
        pb: 31.5,
        longitude: lon,
        latitude: lat,
      },
      2,
      context,
    );
    expect(parsed).toMatchObject({
      ok: true,
      value: { metals: { cd: 0.01, hg: null, pb: 31.5 }, point: [lon, lat] },
    });
  });

  it('reports a pH outside 0–14, a negative or unreadable metal and a row without any metal, by row and column', () => {
    const bad = soilSamplesImportTarget.parseRow(
      { code: 'A2', sampledOn: '2025-05-01', landUse: 'dry', ph: 15, cd: '-0.1', longitude: 1, latitude: 1 },
      3,
      context,
    );
    expect(bad.ok).toBe(false);
    if (!bad.ok)
      expect(bad.problems.map((p) => [p.row, p.column, p.code])).toEqual([
        [3, 'ph', 'PH_OUT_OF_RANGE'],
        [3, 'cd', 'BAD_VALUE'],
        [3, null, 'NO_METAL'],
      ]);
  });

  it('refuses codes repeated in the file or already stored and points outside the county, then writes all rows', async () => {
    const [lon, lat] = county.villagePoints[2]!;
    const existing = uniqueCode('T');
    await db.query(
      `INSERT INTO soil_sample (code, sampled_on, land_use, ph, cd_mgkg, geom) VALUES ($1, '2025-01-01', 'dry', 7, 0.1, ST_SetSRID(ST_MakePoint($2, $3), 4326))`,
      [existing, lon, lat],
    );
    const row = (n: number, code: string, point: [number, number]) => {
      const r = soilSamplesImportTarget.parseRow(
        {
          code,
          sampledOn: '2025-05-01',
          landUse: 'orchard',
          ph: 7.1,
          cu: 120,
          longitude: point[0],
          latitude: point[1],
        },
        n,
        context,
      );
      if (!r.ok) throw new Error('parse');
      return r.value;
    };
    const fresh = uniqueCode('T');
    const problems = await soilSamplesImportTarget.validateAll!(
      db,
      [row(2, fresh, [lon, lat]), row(3, fresh, [lon, lat]), row(4, existing, [0.5, 0.5])],
      context,
    );
    expect(problems.map((p) => [p.row, p.code]).sort()).toEqual(
      [
        [3, 'DUPLICATE_IN_FILE'],
        [4, 'DUPLICATE_IN_DATABASE'],
        [4, 'OUTSIDE_COUNTY'],
      ].sort(),
    );
    const good = [row(2, uniqueCode('T'), [lon, lat]), row(3, uniqueCode('T'), [lon + 0.001, lat])];
    expect(await soilSamplesImportTarget.validateAll!(db, good, context)).toEqual([]);
    const written = await db.transaction((tx) => soilSamplesImportTarget.write(tx, good, context));
    expect(written).toEqual({ inserted: 2, updated: 0 });
    const { rows } = await db.query<{ cu: number; grid: number }>(
      'SELECT cu_mgkg AS cu, grid_id AS grid FROM soil_sample WHERE code = $1',
      [good[1]!.code],
    );
    expect(rows[0]).toEqual({ cu: 120, grid: county.villageIds[2] });
  });
});
