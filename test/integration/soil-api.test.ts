/**
 * The soil API on a county of the test's own: GB 15618 values as data (what the migration loaded equals the source
 * file; edits are versioned, kept in history and refused when stale), samples with their classification, and
 * POST /api/analysis/interpolate — results in input order and every kind of bad input answered 4xx with a
 * message in the caller's language, never a 500.
 */
import fs from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type {
  InterpolateResponse,
  SoilSampleCollection,
  SoilStandardView,
  StandardValueHistoryEntry,
  SoilStandardValueView,
} from '../../server/contracts/soil';
import type { Db } from '../../server/src/db/engine';
import { type FixtureCounty, makeCounty, uniqueCode } from '../support/fixtures';
import { type TestServer, request, startServer, TEST_ADMIN } from '../support/http';
import { openTestDb, testEngine } from '../support/test-db';
import { removeCounty } from './tiles-support';

interface ErrorBody {
  error: { code: string; message: string; details?: unknown };
}

let db: Db;
let server: TestServer;
let county: FixtureCounty;

beforeAll(async () => {
  db = await openTestDb();
  county = await makeCounty(db);
  server = await startServer(db);
});

afterAll(async () => {
  await server?.close();
  if (db && county) await removeCounty(db, county);
  await db?.close();
});

const source = JSON.parse(fs.readFileSync('server/src/domain/soil/data/gb15618.json', 'utf8')) as {
  table1_risk_screening_values_basic: Record<string, Record<string, number[]>>;
  table3_risk_intervention_values: Record<string, unknown>;
};

describe(`GB 15618-2018 as data (${testEngine()})`, () => {
  it('holds every screening and intervention value of the source file, by column and pH band', async () => {
    const { body } = await request<SoilStandardView>(server.url, '/api/soil/standards');
    expect(body).toMatchObject({ code: 'GB 15618-2018', effectiveFrom: '2018-08-01', unit: 'mg/kg' });
    const expected: string[] = [];
    for (const [metal, columns] of Object.entries(source.table1_risk_screening_values_basic)) {
      if (!/^[A-Z][a-z]$/.test(metal)) continue;
      for (const [column, list] of Object.entries(columns))
        list.forEach((v, b) => expected.push(`${metal.toLowerCase()} screening ${column} ${b} ${v}`));
    }
    for (const metal of ['Cd', 'Hg', 'As', 'Pb', 'Cr'])
      (source.table3_risk_intervention_values[metal] as number[]).forEach((v, b) =>
        expected.push(`${metal.toLowerCase()} intervention all ${b} ${v}`),
      );
    const band = (v: SoilStandardValueView) => [null, 5.5, 6.5, 7.5].indexOf(v.phAbove);
    const actual = body.values.map(
      (v) => `${v.metal} ${v.kind} ${v.landUseColumn} ${band(v)} ${v.valueMgkg}`,
    );
    expect(actual.sort()).toEqual(expected.sort());
    expect(body.source).toHaveProperty('sources');
  });

  it('refuses a value whose land uses and pH band overlap another of the same metal and kind', async () => {
    await expect(
      db.query(
        `INSERT INTO soil_standard_value (standard_id, metal, kind, land_use_column, land_uses, ph_above, ph_up_to, value_mgkg, source)
         SELECT id, 'cd', 'screening', 'paddy', ARRAY['paddy'], 7.0, NULL, 1, 'test' FROM soil_standard WHERE code = 'GB 15618-2018'`,
      ),
    ).rejects.toMatchObject({ constraint: 'soil_standard_value_overlap' });
  });

  it('edits a value with its version, keeps the previous version, and refuses a stale edit saying who and when', async () => {
    const { body } = await request<SoilStandardView>(server.url, '/api/soil/standards');
    // Zn has one value for all land uses; the edit keeps the number and changes the source, so other tests are unaffected.
    const zn = body.values.find((v) => v.metal === 'zn' && v.phAbove === 7.5)!;
    const edit = await request<SoilStandardValueView>(server.url, `/api/soil/standards/values/${zn.id}`, {
      method: 'PATCH',
      body: { version: zn.version, valueMgkg: zn.valueMgkg, source: `${zn.source}（复核 ${uniqueCode()}）` },
    });
    expect(edit.status).toBe(200);
    expect(edit.body).toMatchObject({
      version: zn.version + 1,
      valueMgkg: 300,
      updatedBy: TEST_ADMIN.username,
    });
    const history = await request<StandardValueHistoryEntry[]>(
      server.url,
      `/api/soil/standards/values/${zn.id}/history`,
    );
    expect(history.body[0]).toMatchObject({
      operation: 'UPDATE',
      changedBy: TEST_ADMIN.username,
      before: { version: zn.version, valueMgkg: 300, source: zn.source },
    });
    const stale = await request<ErrorBody>(server.url, `/api/soil/standards/values/${zn.id}?lang=en`, {
      method: 'PATCH',
      body: { version: zn.version, valueMgkg: 1, source: 'x' },
    });
    expect(stale.status).toBe(409);
    expect(stale.body.error.message).toContain(`changed by ${TEST_ADMIN.username}`);
    const bad = await request<ErrorBody>(server.url, `/api/soil/standards/values/${zn.id}`, {
      method: 'PATCH',
      body: { version: zn.version + 1, valueMgkg: -3, source: 'x' },
    });
    expect(bad.status).toBe(400);
  });
});

describe(`soil samples with their classification (${testEngine()})`, () => {
  it('classifies each sample by its pH band and land use, the worst metal deciding', async () => {
    const [lon, lat] = county.villagePoints[0]!;
    const codes = [uniqueCode('T'), uniqueCode('T')];
    const { rows } = await db.query<{ id: number }>(
      `INSERT INTO soil_sample (code, sampled_on, land_use, ph, cd_mgkg, pb_mgkg, geom) VALUES
         ($1, '2025-04-12', 'paddy', 5.5, 0.31, 20, ST_SetSRID(ST_MakePoint($3, $4), 4326)),
         ($2, '2025-04-13', 'dry', 7.6, 4.2, 20, ST_SetSRID(ST_MakePoint($3 + 0.001, $4), 4326)) RETURNING id`,
      [...codes, lon, lat],
    );
    const one = await request<{ properties: { classification: { overall: string } } }>(
      server.url,
      `/api/soil-samples/${rows[0]!.id}`,
    );
    expect(one.body.properties.classification).toMatchObject({
      overall: 'safe_utilisation',
      worstMetal: 'cd',
      standard: 'GB 15618-2018',
    });
    const list = await request<SoilSampleCollection>(
      server.url,
      `/api/soil/samples?gridId=${county.countyId}`,
    );
    const byCode = Object.fromEntries(
      list.body.features.map((f) => [f.properties.code, f.properties.classification]),
    );
    expect(byCode[codes[0]!]).toMatchObject({ overall: 'safe_utilisation' });
    expect(byCode[codes[1]!]).toMatchObject({
      overall: 'strict_control',
      metals: [
        { metal: 'cd', interventionMgkg: 4 },
        { metal: 'pb', class: 'priority_protection' },
      ],
    });
    const strict = await request<SoilSampleCollection>(
      server.url,
      `/api/soil/samples?gridId=${county.countyId}&class=strict_control`,
    );
    expect(strict.body.features.map((f) => f.properties.code)).toEqual([codes[1]]);
  });

  it('refuses a zoning run of a grid with fewer than three samples of the metal, saying how many there are', async () => {
    const res = await request<ErrorBody>(server.url, '/api/soil/runs', {
      method: 'POST',
      body: { name: 'x', metal: 'hg', gridId: county.townshipIds[1], interpolation: { method: 'idw' } },
    });
    expect(res.status).toBe(422);
    expect(res.body.error.code).toBe('TOO_FEW_SAMPLES');
  });
});

// ------------------------------------------------------------------------------------------ interpolate

const point = (lon: number, lat: number, properties: Record<string, unknown>, id?: string) => ({
  type: 'Feature',
  ...(id ? { id } : {}),
  geometry: { type: 'Point', coordinates: [lon, lat] },
  properties,
});
const collection = (features: unknown[]) => ({ type: 'FeatureCollection', features });

/** 25 points on a jittered 5 × 5 lattice (about 1 km apart) near 103°E 30°N, cd rising to the east. */
function lattice(): ReturnType<typeof point>[] {
  const out = [];
  for (let i = 0; i < 5; i++)
    for (let j = 0; j < 5; j++) {
      const [dx, dy] = i + j === 0 ? [0, 0] : [0.003 * Math.sin(i * 3.1 + j), 0.003 * Math.cos(i + j * 2.3)];
      out.push(
        point(
          103 + i * 0.0104 + dx,
          30 + j * 0.009 + dy,
          { cd: 0.1 + 0.05 * i + 0.01 * ((i * 7 + j * 3) % 5) },
          `P${i}${j}`,
        ),
      );
    }
  return out;
}

async function interpolate(body: Record<string, unknown>, lang = 'zh-CN') {
  return request<InterpolateResponse & ErrorBody>(server.url, `/api/analysis/interpolate?lang=${lang}`, {
    method: 'POST',
    body,
  });
}

describe(`POST /api/analysis/interpolate (${testEngine()})`, () => {
  it('predicts at the targets in input order by IDW, returning a sample’s own value at its place', async () => {
    const pts = lattice();
    const targets = collection([point(103.02, 30.02, {}), point(103, 30, {}), point(103.041, 30.03, {})]);
    const res = await interpolate({
      points: collection(pts),
      property: 'cd',
      method: 'idw',
      power: 2,
      targets,
    });
    expect(res.status).toBe(200);
    expect(res.body.predictions.map((p) => [p.lon, p.lat])).toEqual([
      [103.02, 30.02],
      [103, 30],
      [103.041, 30.03],
    ]);
    expect(res.body.predictions[1]!.value).toBeCloseTo((pts[0]!.properties as { cd: number }).cd, 12);
    expect(res.body.predictions[0]).not.toHaveProperty('variance');
    expect(res.body.crossValidation).toMatchObject({ n: 25, unpredicted: 0, msse: null });
    expect(res.body.projection).toContain('+proj=tmerc');
  });

  it('kriges onto a grid over a boundary with an auto-fitted variogram, returning variances and the lag table', async () => {
    const boundary = {
      type: 'Polygon',
      coordinates: [
        [
          [103, 30],
          [103.04, 30],
          [103.04, 30.036],
          [103, 30.036],
          [103, 30],
        ],
      ],
    };
    const res = await interpolate({
      points: collection(lattice()),
      property: 'cd',
      method: 'kriging',
      variogram: 'auto',
      grid: { cellSize: 500, boundary },
    });
    expect(res.status).toBe(200);
    expect(res.body.grid!.cells).toBe(res.body.predictions.length);
    expect(res.body.predictions.length).toBeGreaterThan(40);
    expect(
      res.body.predictions.every((p) => p.value !== null && p.variance! >= 0 && p.col !== undefined),
    ).toBe(true);
    expect(res.body.variogram).toMatchObject({ fitted: true, of: 'value' });
    expect(res.body.variogram!.lags.length).toBeGreaterThan(2);
    expect(res.body.crossValidation.msse).toBeGreaterThan(0);
    expect(res.body.crossValidation.coverage90).not.toBeNull();
  });

  it('uses a variogram set by hand and a neighbourhood, reporting what it used', async () => {
    const res = await interpolate({
      points: collection(lattice()),
      property: 'cd',
      method: 'kriging',
      variogram: { model: 'spherical', nugget: 0.001, psill: 0.01, range: 3000 },
      maxNeighbors: 8,
      targets: collection([point(103.02, 30.02, {})]),
    });
    expect(res.status).toBe(200);
    expect(res.body.parameters).toMatchObject({
      used: { maxNeighbors: 8, variogram: { model: 'spherical', range: 3000 } },
    });
  });

  it('answers null (not NaN) where no point lies within the search radius', async () => {
    const res = await interpolate({
      points: collection(lattice()),
      property: 'cd',
      method: 'idw',
      maxDistance: 500,
      targets: collection([point(103.2, 30.2, {}), point(103, 30.0001, {})]),
    });
    expect(res.status).toBe(200);
    expect(res.body.predictions[0]!.value).toBeNull();
    expect(res.body.unpredicted).toBe(1);
  });

  const targets = collection([point(103.02, 30.02, {})]);
  const cases: [string, () => Record<string, unknown>, number, string, RegExp][] = [
    [
      'fewer than 3 points',
      () => ({ points: collection(lattice().slice(0, 2)), property: 'cd', method: 'idw', targets }),
      422,
      'TOO_FEW_SAMPLES',
      /at least 3/,
    ],
    [
      'two points at one location',
      () => ({
        points: collection([...lattice(), point(103, 30, { cd: 1 }, 'DUP')]),
        property: 'cd',
        method: 'idw',
        targets,
      }),
      400,
      'VALIDATION_FAILED',
      /same location/,
    ],
    [
      'a negative concentration',
      () => ({
        points: collection([...lattice().slice(1), point(103, 30, { cd: -0.2 })]),
        property: 'cd',
        method: 'idw',
        targets,
      }),
      400,
      'VALIDATION_FAILED',
      /negative/,
    ],
    [
      'a pH outside 0–14',
      () => ({
        points: collection(lattice().map((p, i) => ({ ...p, properties: { ph: i === 3 ? 15 : 7 } }))),
        property: 'ph',
        method: 'idw',
        targets,
      }),
      400,
      'VALIDATION_FAILED',
      /outside 0–14/,
    ],
    [
      'a property that is not a number',
      () => ({
        points: collection([...lattice().slice(1), point(103, 30, { cd: 'abc' })]),
        property: 'cd',
        method: 'idw',
        targets,
      }),
      400,
      'VALIDATION_FAILED',
      /no numeric cd/,
    ],
    [
      'a singular kriging system',
      () => ({
        points: collection([0, 1, 2, 3].map((k) => point(103 + k * 0.00001, 30, { cd: k + 1 }))),
        property: 'cd',
        method: 'kriging',
        variogram: { model: 'gaussian', nugget: 0, psill: 1, range: 100000 },
        targets,
      }),
      422,
      'SINGULAR_SYSTEM',
      /singular/,
    ],
    [
      'a variogram to fit from too few pairs',
      () => ({
        points: collection([0, 1, 2].map((k) => point(103 + k * 0.01, 30, { cd: k + 1 }))),
        property: 'cd',
        method: 'kriging',
        variogram: 'auto',
        targets,
      }),
      422,
      'VARIOGRAM_FIT_FAILED',
      /by hand/,
    ],
    [
      'both targets and a grid',
      () => ({
        points: collection(lattice()),
        property: 'cd',
        method: 'idw',
        targets,
        grid: {
          cellSize: 100,
          boundary: {
            type: 'Polygon',
            coordinates: [
              [
                [103, 30],
                [103.01, 30],
                [103.01, 30.01],
                [103, 30],
              ],
            ],
          },
        },
      }),
      400,
      'VALIDATION_FAILED',
      /either targets or grid/,
    ],
    [
      'a grid of too many cells',
      () => ({
        points: collection(lattice()),
        property: 'cd',
        method: 'idw',
        grid: {
          cellSize: 1,
          boundary: {
            type: 'Polygon',
            coordinates: [
              [
                [103, 30],
                [103.04, 30],
                [103.04, 30.036],
                [103, 30],
              ],
            ],
          },
        },
      }),
      422,
      'AREA_TOO_LARGE',
      /Too many cells/,
    ],
    [
      'an unknown variogram model',
      () => ({
        points: collection(lattice()),
        property: 'cd',
        method: 'kriging',
        variogram: { model: 'cubic', nugget: 0, psill: 1, range: 10 },
        targets,
      }),
      400,
      'VALIDATION_FAILED',
      /./,
    ],
  ];
  for (const [what, body, status, code, message] of cases) {
    it(`refuses ${what} with ${status} ${code} and a message in both languages`, async () => {
      const en = await interpolate(body(), 'en');
      expect({ status: en.status, code: en.body.error?.code }).toEqual({ status, code });
      expect(JSON.stringify(en.body.error)).toMatch(message);
      const zh = await interpolate(body(), 'zh-CN');
      expect(zh.status).toBe(status);
      expect(zh.body.error.message).toMatch(/[\u4e00-\u9fff]/);
    });
  }
});
