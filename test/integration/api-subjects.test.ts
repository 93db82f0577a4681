/**
 * Registering and editing production subjects through the API on both engines: GeoJSON in and out, bad input
 * refused with what and where and nothing written, concurrent edits detected (409), never overwritten.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SubjectFeature } from '../../server/contracts/api';
import type { ErrorBody } from '../../server/contracts/errors';
import type { Db } from '../../server/src/db/engine';
import { type FixtureCounty, makeCounty, uniqueCode } from '../support/fixtures';
import { request, startServer, type TestServer, TEST_ADMIN } from '../support/http';
import { openTestDb, testEngine } from '../support/test-db';

let db: Db;
let server: TestServer;
let county: FixtureCounty;

beforeAll(async () => {
  db = await openTestDb();
  server = await startServer(db);
  county = await makeCounty(db);
});
afterAll(async () => {
  await server.close();
  await db.close();
});

function subjectFeature(
  overrides: Record<string, unknown> = {},
  point: [number, number] | null = county.villagePoints[0]!,
) {
  return {
    type: 'Feature',
    geometry: point && { type: 'Point', coordinates: point },
    properties: { code: uniqueCode(), name: '绿野蔬菜专业合作社', type: 'cooperative', ...overrides },
  };
}

/** A square base of about 200 m × 200 m (≈ 60 亩) around a point. */
function base([lon, lat]: [number, number], d = 0.001) {
  return {
    type: 'Polygon',
    coordinates: [
      [
        [lon - d, lat - d],
        [lon + d, lat - d],
        [lon + d, lat + d],
        [lon - d, lat + d],
        [lon - d, lat - d],
      ],
    ],
  };
}

async function subjectCount(): Promise<number> {
  const { rows } = await db.query<{ n: number }>(
    `SELECT count(*) AS n FROM production_subject s JOIN grid_unit v ON v.id = s.grid_id WHERE v.parent_id = ANY($1)`,
    [county.townshipIds],
  );
  return rows[0]?.n ?? 0;
}

describe(`production subjects API (${testEngine()})`, () => {
  it('registers a subject from a GeoJSON Feature and returns its registry card with its village and responsible people', async () => {
    const res = await request<SubjectFeature>(server.url, '/api/subjects', {
      method: 'POST',
      body: subjectFeature({
        creditClass: 'B',
        keyList: true,
        phone: '13812345678',
        mainProducts: ['vegetable'],
        certifications: ['green_food'],
        base: base(county.villagePoints[0]!),
      }),
    });
    expect(res.status).toBe(201);
    expect(res.headers.get('location')).toBe(`/api/subjects/${res.body.id}`);
    const card = res.body.properties;
    expect(res.body.geometry).toEqual({ type: 'Point', coordinates: county.villagePoints[0] });
    expect(card).toMatchObject({
      type: 'cooperative',
      creditClass: 'B',
      keyList: true,
      status: 'active',
      version: 1,
      createdBy: TEST_ADMIN.username,
      village: { id: county.villageIds[0], name: '一村' },
      township: { id: county.townshipIds[0], name: '东镇' },
      counts: { samples: 0, failedSamples: 0, patrols: 0, lastPatrolAt: null },
    });
    expect(card.responsible.map((p) => [p.role, p.name])).toEqual([
      ['village_coordinator', '协管员1'],
      ['township_supervisor', '张伟'],
    ]);
    // A 0.002° × 0.002° square: 0.002° of latitude ≈ 221.5 m; of longitude ≈ 222.6 m × cos(latitude); 1 亩 = 666.67 m².
    const lat = county.villagePoints[0]![1];
    const expectedMu = (222.6 * Math.cos((lat * Math.PI) / 180) * 221.5) / 666.67;
    expect(card.baseAreaMu).toBeGreaterThan(expectedMu * 0.985);
    expect(card.baseAreaMu).toBeLessThan(expectedMu * 1.015);
    const again = await request<SubjectFeature>(server.url, `/api/subjects/${res.body.id}`);
    expect(again.body).toEqual(res.body);
  });

  it('registers a subject known only by its address, without a location or grid', async () => {
    const res = await request<SubjectFeature>(server.url, '/api/subjects', {
      method: 'POST',
      body: subjectFeature({ type: 'small_household', name: '李四', address: '东镇一村三组' }, null),
    });
    expect(res.status).toBe(201);
    expect(res.body.geometry).toBeNull();
    expect(res.body.properties.village).toBeNull();
  });

  it('refuses a location outside the county grids with where it is, and writes nothing', async () => {
    const before = await subjectCount();
    const res = await request<ErrorBody>(server.url, '/api/subjects', {
      method: 'POST',
      body: subjectFeature({}, [10.5, 10.5]),
    });
    expect(res.status).toBe(422);
    expect(res.body.error.code).toBe('OUTSIDE_COUNTY');
    expect(res.body.error.message).toContain('(10.5, 10.5)');
    expect(await subjectCount()).toBe(before);
  });

  it('refuses a self-intersecting base polygon, naming the problem and its coordinates, and writes nothing', async () => {
    const before = await subjectCount();
    const [lon, lat] = county.villagePoints[0]!;
    const bowtie = {
      type: 'Polygon',
      coordinates: [
        [
          [lon, lat],
          [lon + 0.01, lat + 0.01],
          [lon + 0.01, lat],
          [lon, lat + 0.01],
          [lon, lat],
        ],
      ],
    };
    const res = await request<ErrorBody>(server.url, '/api/subjects', {
      method: 'POST',
      body: subjectFeature({ base: bowtie }),
      headers: { 'accept-language': 'zh-CN' },
    });
    expect(res.status).toBe(422);
    expect(res.body.error.code).toBe('INVALID_GEOMETRY');
    expect(res.body.error.message).toContain('body.properties.base');
    expect(res.body.error.message).toContain('自相交');
    const [detail] = res.body.error.details as { location: [number, number] }[];
    expect(detail?.location[0]).toBeCloseTo(lon + 0.005, 6);
    expect(detail?.location[1]).toBeCloseTo(lat + 0.005, 6);
    expect(await subjectCount()).toBe(before);
  });

  it('refuses wrong types and values field by field, in the caller’s language', async () => {
    const res = await request<ErrorBody>(server.url, '/api/subjects', {
      method: 'POST',
      headers: { 'accept-language': 'en' },
      body: {
        type: 'Feature',
        geometry: { type: 'Point', coordinates: [44.0, 200] },
        properties: {
          code: 'bad code',
          name: 12,
          type: 'farm',
          phone: '12345',
          creditClass: 'D',
          unknownField: 1,
        },
      },
    });
    expect(res.status).toBe(400);
    const paths = (res.body.error.details as { path: string }[]).map((d) => d.path);
    expect(paths).toEqual(
      expect.arrayContaining([
        'body.geometry.coordinates.1',
        'body.properties.code',
        'body.properties.name',
        'body.properties.type',
        'body.properties.phone',
        'body.properties.creditClass',
        'body.properties',
      ]),
    );
    const phone = (res.body.error.details as { path: string; message: string }[]).find(
      (d) => d.path === 'body.properties.phone',
    );
    expect(phone?.message).toMatch(/invalid phone number/);
  });

  it('refuses a duplicate registry code with 409', async () => {
    const feature = subjectFeature();
    expect((await request(server.url, '/api/subjects', { method: 'POST', body: feature })).status).toBe(201);
    const res = await request<ErrorBody>(server.url, '/api/subjects', { method: 'POST', body: feature });
    expect(res.status).toBe(409);
    expect(res.body.error).toMatchObject({ code: 'DUPLICATE', message: '生产主体编码已存在' });
  });

  it('edits a subject when the version is current, moving it to the village of its new location', async () => {
    const created = await request<SubjectFeature>(server.url, '/api/subjects', {
      method: 'POST',
      body: subjectFeature(),
    });
    const res = await request<SubjectFeature>(server.url, `/api/subjects/${created.body.id}`, {
      method: 'PATCH',
      body: {
        version: 1,
        reason: '两批次克百威超标，信用降为 C 类',
        geometry: { type: 'Point', coordinates: county.villagePoints[3] },
        properties: { creditClass: 'C', keyList: true },
      },
    });
    expect(res.status).toBe(200);
    expect(res.body.properties).toMatchObject({
      version: 2,
      creditClass: 'C',
      keyList: true,
      village: { id: county.villageIds[3] },
    });
  });

  it('detects a concurrent edit: the second save gets 409 saying who changed it and when, and nothing is overwritten', async () => {
    const created = await request<SubjectFeature>(server.url, '/api/subjects', {
      method: 'POST',
      body: subjectFeature(),
    });
    const id = created.body.id;
    const first = await request<SubjectFeature>(server.url, `/api/subjects/${id}`, {
      method: 'PATCH',
      body: { version: 1, properties: { name: '第一位编辑的名称' } },
    });
    expect(first.status).toBe(200);
    const second = await request<ErrorBody>(server.url, `/api/subjects/${id}`, {
      method: 'PATCH',
      body: { version: 1, properties: { name: '第二位编辑的名称' } },
    });
    expect(second.status).toBe(409);
    expect(second.body.error.code).toBe('VERSION_CONFLICT');
    expect(second.body.error.details).toMatchObject({
      currentVersion: 2,
      yourVersion: 1,
      updatedBy: TEST_ADMIN.username,
    });
    expect(second.body.error.message).toContain(TEST_ADMIN.username);
    const stored = await request<SubjectFeature>(server.url, `/api/subjects/${id}`);
    expect(stored.body.properties.name).toBe('第一位编辑的名称');
  });

  it('answers 404 when editing a subject that does not exist', async () => {
    const res = await request<ErrorBody>(server.url, '/api/subjects/987654321', {
      method: 'PATCH',
      body: { version: 1 },
    });
    expect(res.status).toBe(404);
  });
});
