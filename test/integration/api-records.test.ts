/** Samples, soil samples and patrols through the API: details with everything the inspector panel shows. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type {
  PatrolFeature,
  SampleFeature,
  SamplePointCollection,
  SoilSampleFeature,
} from '../../server/contracts/api';
import type { Db } from '../../server/src/db/engine';
import { type FixtureCounty, makeCounty, uniqueCode } from '../support/fixtures';
import { request, startServer, type TestServer } from '../support/http';
import { openTestDb, testEngine } from '../support/test-db';

let db: Db;
let server: TestServer;
let county: FixtureCounty;
let subjectId: number;
const sampleIds: number[] = [];

beforeAll(async () => {
  db = await openTestDb();
  server = await startServer(db);
  county = await makeCounty(db);
  const [lon, lat] = county.villagePoints[0]!;
  const subject = await db.query<{ id: number }>(
    `INSERT INTO production_subject (code, name, type, geom) VALUES ($1, '青禾家庭农场', 'family_farm', ST_SetSRID(ST_MakePoint($2, $3), 4326)) RETURNING id`,
    [uniqueCode(), lon, lat],
  );
  subjectId = subject.rows[0]!.id;
  // Sampled at 23:30 UTC on 31 Dec 2024 = 07:30 on 1 Jan 2025 in China: filters use the China calendar date.
  for (const [at, value] of [
    ['2024-12-31T23:30:00Z', 0.08],
    ['2024-06-01T02:00:00Z', null],
  ] as const) {
    const { rows } = await db.query<{ id: number }>(
      `INSERT INTO sample (code, kind, sampled_at, commodity, commodity_category, subject_id, geom, lab)
       VALUES ($1, 'quantitative', $2, '菠菜', 'vegetable', $3, ST_SetSRID(ST_MakePoint($4, $5), 4326), '县农产品质量检测站') RETURNING id`,
      [uniqueCode('S'), at, subjectId, lon, lat],
    );
    const id = rows[0]!.id;
    sampleIds.push(id);
    await db.query(
      `INSERT INTO sample_result (sample_id, analyte, value, lod, limit_value, standard, verdict)
       VALUES ($1, '克百威', $2, 0.005, 0.02, 'GB 2763-2021', $3), ($1, '毒死蜱', NULL, 0.005, 0.02, 'GB 2763-2021', 'pass')`,
      [id, value, value === null ? 'pass' : 'fail'],
    );
  }
});
afterAll(async () => {
  await server.close();
  await db.close();
});

describe(`sample, soil and patrol records API (${testEngine()})`, () => {
  it('returns a sample with its results, failing ones first, its subject and village', async () => {
    const res = await request<SampleFeature>(server.url, `/api/samples/${sampleIds[0]}`);
    expect(res.status).toBe(200);
    expect(res.body.properties).toMatchObject({
      verdict: 'fail',
      sampledAt: '2024-12-31T23:30:00.000Z',
      commodity: '菠菜',
      subject: { id: subjectId, name: '青禾家庭农场' },
      village: { id: county.villageIds[0] },
    });
    expect(res.body.properties.results.map((r) => [r.analyte, r.value, r.verdict])).toEqual([
      ['克百威', 0.08, 'fail'],
      ['毒死蜱', null, 'pass'],
    ]);
  });

  it('lists failing samples as GeoJSON points filtered by China calendar dates', async () => {
    const in2025 = await request<SamplePointCollection>(
      server.url,
      '/api/samples?verdict=fail&from=2025-01-01&to=2025-01-31',
    );
    expect(in2025.status).toBe(200);
    const ids = in2025.body.features.map((f) => f.id);
    expect(ids).toContain(sampleIds[0]);
    expect(ids).not.toContain(sampleIds[1]);
    const in2024 = await request<SamplePointCollection>(
      server.url,
      '/api/samples?verdict=fail&from=2024-01-01&to=2024-12-31',
    );
    expect(in2024.body.features.map((f) => f.id)).not.toContain(sampleIds[0]);
  });

  it('refuses a date range that ends before it starts, and a malformed date', async () => {
    expect((await request(server.url, '/api/samples?from=2025-02-01&to=2025-01-01')).status).toBe(400);
    expect((await request(server.url, '/api/samples?from=2025-13-01')).status).toBe(400);
  });

  it('returns a soil sample with its metals, pH and land use', async () => {
    const [lon, lat] = county.villagePoints[1]!;
    const { rows } = await db.query<{ id: number }>(
      `INSERT INTO soil_sample (code, sampled_on, land_use, ph, cd_mgkg, pb_mgkg, geom)
       VALUES ($1, '2025-04-12', 'dry', 8.1, 0.72, 24.5, ST_SetSRID(ST_MakePoint($2, $3), 4326)) RETURNING id`,
      [uniqueCode('T'), lon, lat],
    );
    const res = await request<SoilSampleFeature>(server.url, `/api/soil-samples/${rows[0]!.id}`);
    expect(res.status).toBe(200);
    expect(res.body.properties).toMatchObject({
      sampledOn: '2025-04-12',
      landUse: 'dry',
      ph: 8.1,
      metals: { cd: 0.72, pb: 24.5, hg: null },
      village: { id: county.villageIds[1] },
    });
  });

  it('returns a patrol with its checklist, outcome, deadline and the length of its GPS track', async () => {
    const [lon, lat] = county.villagePoints[0]!;
    const { rows } = await db.query<{ id: number }>(
      `INSERT INTO patrol (subject_id, inspector_name, patrolled_at, checklist, outcome, rectify_deadline, geom)
       VALUES ($1, '张伟', '2025-05-20T03:00:00Z', $2, 'rectify', '2025-06-20',
               ST_SetSRID(ST_MakeLine(ST_MakePoint($3, $4), ST_MakePoint($3 + 0.001, $4)), 4326)) RETURNING id`,
      [
        subjectId,
        JSON.stringify({
          production_records: { status: 'problem', note: '记录不全' },
          drug_use: { status: 'ok' },
        }),
        lon,
        lat,
      ],
    );
    const res = await request<PatrolFeature>(server.url, `/api/patrols/${rows[0]!.id}`);
    expect(res.status).toBe(200);
    expect(res.body.geometry?.type).toBe('LineString');
    expect(res.body.properties).toMatchObject({
      subject: { id: subjectId },
      outcome: 'rectify',
      rectifyDeadline: '2025-06-20',
      patrolledAt: '2025-05-20T03:00:00.000Z',
      checklist: { production_records: { status: 'problem', note: '记录不全' } },
    });
    // 0.001° of longitude ≈ 111.3 m × cos(latitude) on the ellipsoid (within 0.5 %).
    const expected = 111.32 * Math.cos((lat * Math.PI) / 180);
    expect(res.body.properties.trackLengthM).toBeGreaterThan(expected * 0.995);
    expect(res.body.properties.trackLengthM).toBeLessThan(expected * 1.005);
  });
});
