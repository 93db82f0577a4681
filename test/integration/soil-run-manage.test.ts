/**
 * Managing soil zoning runs on a county of the test's own: the sample filter (sampling dates, grid, land use, metal
 * measured) applied to the sample list and to a run's input and recorded with the run; renaming and deleting a run
 * with its version (a stale version is refused saying who and when, and changes nothing); a deleted run is gone
 * from the list, its zones, overlays and tiles, while the audit log keeps its history.
 */
import { VectorTile } from '@mapbox/vector-tile';
import { PbfReader } from 'pbf';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SoilSampleCollection, ZoningRunDetail, ZoningRunSummary } from '../../server/contracts/soil';
import type { Db } from '../../server/src/db/engine';
import { lonLatToTile } from '../../tiles/src/tile-coord';
import { type FixtureCounty, makeCounty, uniqueCode } from '../support/fixtures';
import { type TestServer, request, startServer, TEST_ADMIN } from '../support/http';
import { openTestDb, testEngine } from '../support/test-db';
import { removeCounty } from './tiles-support';

interface ErrorBody {
  error: { code: string; message: string; details?: Record<string, unknown> };
}

let db: Db;
let server: TestServer;
let county: FixtureCounty;
const runIds: number[] = [];

/** One sample per point of an 8 × 8 lattice over the county: dates 2023/2024 and land uses paddy/dry alternate,
 * mercury measured in every other sample, cadmium rising to the east. */
interface Planted {
  code: string;
  lon: number;
  lat: number;
  sampledOn: string;
  landUse: 'paddy' | 'dry';
  hg: number | null;
}
const planted: Planted[] = [];

beforeAll(async () => {
  db = await openTestDb();
  county = await makeCounty(db, { staffed: false });
  server = await startServer(db);
  const [w, s, e, n] = county.bbox;
  for (let i = 0; i < 8; i++)
    for (let j = 0; j < 8; j++) {
      const k = i * 8 + j;
      planted.push({
        code: uniqueCode('SF'),
        lon: Number((w + ((e - w) * (i + 0.5)) / 8).toFixed(6)),
        lat: Number((s + ((n - s) * (j + 0.5)) / 8).toFixed(6)),
        sampledOn: k % 2 ? '2024-05-10' : '2023-05-10',
        landUse: (i + j) % 2 ? 'dry' : 'paddy',
        hg: k % 2 ? null : 0.1,
      });
    }
  for (const p of planted)
    await db.query(
      `INSERT INTO soil_sample (code, sampled_on, land_use, ph, cd_mgkg, hg_mgkg, geom)
       VALUES ($1, $2, $3, 6.8, $4, $5, ST_SetSRID(ST_MakePoint($6, $7), 4326))`,
      [p.code, p.sampledOn, p.landUse, 0.1 + 0.1 * (p.lon - w), p.hg, p.lon, p.lat],
    );
});

afterAll(async () => {
  await server?.close();
  if (db) {
    await db.query('DELETE FROM soil_zone_run WHERE id = ANY($1::bigint[])', [runIds]);
    if (county) await removeCounty(db, county);
    await db.close();
  }
});

const codes = (c: SoilSampleCollection) => c.features.map((f) => f.properties.code).sort();
const mine = (c: SoilSampleCollection) => ({
  ...c,
  features: c.features.filter((f) => planted.some((p) => p.code === f.properties.code)),
});
/** Which planted samples lie in the west township (the first half of the lattice's columns). */
const inWest = (p: Planted) => p.lon < (county.bbox[0] + county.bbox[2]) / 2;

async function createRun(body: Record<string, unknown>, lang = 'zh-CN') {
  const res = await request<ZoningRunDetail & ErrorBody>(server.url, `/api/soil/runs?lang=${lang}`, {
    method: 'POST',
    body: {
      name: 'filtered',
      metal: 'cd',
      gridId: county.countyId,
      cellSize: 1000,
      suggestions: { count: 0, minSpacing: 1000 },
      interpolation: { method: 'idw', power: 2, maxNeighbors: 8 },
      ...body,
    },
  });
  if (res.status === 201) runIds.push(res.body.id);
  return res;
}

const runCount = async () =>
  (
    await db.query<{ n: number }>('SELECT count(*)::int AS n FROM soil_zone_run WHERE area_grid_id = $1', [
      county.countyId,
    ])
  ).rows[0]!.n;

describe(`the soil sample filter (${testEngine()})`, () => {
  it('filters the sample list by sampling dates, grid, land use and the metal measured', async () => {
    const all = mine(
      (await request<SoilSampleCollection>(server.url, `/api/soil/samples?gridId=${county.countyId}`)).body,
    );
    expect(all.features).toHaveLength(64);
    const filtered = mine(
      (
        await request<SoilSampleCollection>(
          server.url,
          `/api/soil/samples?gridId=${county.townshipIds[0]}&from=2023-01-01&to=2023-12-31&landUse=paddy&metal=hg`,
        )
      ).body,
    );
    const expected = planted
      .filter((p) => inWest(p) && p.sampledOn.startsWith('2023') && p.landUse === 'paddy' && p.hg !== null)
      .map((p) => p.code)
      .sort();
    expect(expected.length).toBeGreaterThan(3);
    expect(codes(filtered)).toEqual(expected);
    const withHg = mine(
      (
        await request<SoilSampleCollection>(
          server.url,
          `/api/soil/samples?gridId=${county.countyId}&metal=hg`,
        )
      ).body,
    );
    expect(withHg.features).toHaveLength(32);
    expect(withHg.features.every((f) => f.properties.metals.hg !== null)).toBe(true);
  });

  it('refuses an unknown metal and reversed dates with a message in both languages', async () => {
    const metal = await request<ErrorBody>(server.url, '/api/soil/samples?metal=au&lang=en');
    expect(metal.status).toBe(400);
    expect(metal.body.error.code).toBe('VALIDATION_FAILED');
    const dates = await request<ErrorBody>(server.url, '/api/soil/samples?from=2024-02-01&to=2024-01-01');
    expect(dates.status).toBe(400);
    expect(JSON.stringify(dates.body.error)).toMatch(/开始日期不能晚于结束日期/);
  });

  it('interpolates only the filtered samples and records the filter with the run', async () => {
    const res = await createRun({
      name: '西半县 2024 旱地',
      from: '2024-01-01',
      to: '2024-12-31',
      sampleLandUses: ['dry'],
      sampleGridId: county.townshipIds[0],
    });
    expect(res.status).toBe(201);
    const expected = planted.filter(
      (p) => inWest(p) && p.sampledOn.startsWith('2024') && p.landUse === 'dry',
    );
    expect(res.body.sampleCount).toBe(expected.length);
    expect(res.body.sampledFrom).toBe('2024-05-10');
    expect(res.body.sampleFilter).toMatchObject({
      from: '2024-01-01',
      to: '2024-12-31',
      landUses: ['dry'],
      gridId: county.townshipIds[0],
      grid: { id: county.townshipIds[0], name: '东镇' },
    });
    const listed = await request<ZoningRunSummary[]>(server.url, '/api/soil/runs?metal=cd&limit=500');
    expect(listed.body.find((r) => r.id === res.body.id)?.sampleFilter.grid?.name).toBe('东镇');
  });

  it('refuses a run whose sample grid does not exist, or whose filter leaves fewer than three samples, creating nothing', async () => {
    const before = await runCount();
    const unknown = await createRun({ sampleGridId: 2_000_000_000 }, 'en');
    expect(unknown.status).toBe(422);
    expect(unknown.body.error.code).toBe('REFERENCE_NOT_FOUND');
    expect(unknown.body.error.message).toMatch(/sampleGridId/);
    const zh = await createRun({ sampleGridId: 2_000_000_000 });
    expect(zh.body.error.message).toMatch(/找不到网格/);
    const few = await createRun({ from: '2030-01-01' });
    expect(few.status).toBe(422);
    expect(few.body.error.code).toBe('TOO_FEW_SAMPLES');
    expect(few.body.error.details).toMatchObject({ count: 0, filter: { from: '2030-01-01' } });
    expect(await runCount()).toBe(before);
  });
});

describe(`renaming and deleting a run (${testEngine()})`, () => {
  let run: ZoningRunDetail;
  beforeAll(async () => {
    run = (await createRun({ name: '待删除' })).body;
  });

  it('refuses an empty name with a message in both languages and keeps the run as it was', async () => {
    const res = await request<ErrorBody>(server.url, `/api/soil/runs/${run.id}?lang=en`, {
      method: 'PATCH',
      body: { version: run.version, name: '  ' },
    });
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe('VALIDATION_FAILED');
    const still = await request<ZoningRunDetail>(server.url, `/api/soil/runs/${run.id}`);
    expect(still.body).toMatchObject({ name: '待删除', version: run.version });
  });

  it('refuses to delete with a stale version, saying who changed it, and deletes nothing', async () => {
    const renamed = await request<ZoningRunDetail>(server.url, `/api/soil/runs/${run.id}`, {
      method: 'PATCH',
      body: { version: run.version, name: '镉 已改名' },
    });
    expect(renamed.status).toBe(200);
    expect(renamed.body).toMatchObject({ name: '镉 已改名', version: run.version + 1 });
    const stale = await request<ErrorBody>(server.url, `/api/soil/runs/${run.id}?version=${run.version}`, {
      method: 'DELETE',
    });
    expect(stale.status).toBe(409);
    expect(stale.body.error).toMatchObject({
      code: 'VERSION_CONFLICT',
      details: { currentVersion: run.version + 1, updatedBy: TEST_ADMIN.username },
    });
    expect(stale.body.error.message).toMatch(/[\u4e00-\u9fff]/);
    expect((await request(server.url, `/api/soil/runs/${run.id}`)).status).toBe(200);
    run = renamed.body;
  });

  it('deletes a run with its version: gone from the list, zones, overlays and tiles, kept in the audit log', async () => {
    const zonesBefore = (
      await db.query<{ n: number }>('SELECT count(*)::int AS n FROM soil_zone WHERE run_id = $1', [run.id])
    ).rows[0]!.n;
    expect(zonesBefore).toBeGreaterThan(0);
    const [lon, lat] = county.villagePoints[0]!;
    const tile = lonLatToTile(lon, lat, 10);
    const tileRuns = async () => {
      const res = await fetch(`${server.url}/tiles/soil-zones/${tile.z}/${tile.x}/${tile.y}.mvt`);
      const bytes = new Uint8Array(await res.arrayBuffer());
      if (res.status === 204 || bytes.length === 0) return [];
      const layer = new VectorTile(new PbfReader(bytes)).layers['soil-zones'];
      return layer ? Array.from({ length: layer.length }, (_, i) => layer.feature(i).properties.run_id) : [];
    };
    expect(await tileRuns()).toContain(run.id);

    const res = await request(server.url, `/api/soil/runs/${run.id}?version=${run.version}`, {
      method: 'DELETE',
    });
    expect(res.status).toBe(204);
    expect((await request(server.url, `/api/soil/runs/${run.id}`)).status).toBe(404);
    const list = await request<ZoningRunSummary[]>(server.url, '/api/soil/runs?limit=500');
    expect(list.body.map((r) => r.id)).not.toContain(run.id);
    for (const path of ['zones.geojson', 'zones.zip', 'subjects', 'subjects.xlsx', 'surface/prediction'])
      expect((await request(server.url, `/api/soil/runs/${run.id}/${path}`)).status, path).toBe(404);
    expect(
      (await db.query<{ n: number }>('SELECT count(*)::int AS n FROM soil_zone WHERE run_id = $1', [run.id]))
        .rows[0]!.n,
    ).toBe(0);
    expect(await tileRuns()).not.toContain(run.id);

    const { rows } = await db.query<{ action: string; actor: string; name: string | null }>(
      `SELECT action, actor, coalesce(before->>'name', after->>'name') AS name FROM audit_log
       WHERE table_name = 'soil_zone_run' AND row_key = $1 ORDER BY id`,
      [String(run.id)],
    );
    expect(rows.map((r) => r.action)).toEqual(['insert', 'update', 'delete']);
    expect(rows[2]).toMatchObject({ actor: TEST_ADMIN.username, name: '镉 已改名' });
    const zoneLog = await db.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM audit_log WHERE table_name = 'soil_zone' AND action = 'delete'
         AND (before->>'run_id')::bigint = $1`,
      [run.id],
    );
    expect(zoneLog.rows[0]!.n).toBe(zonesBefore);

    const again = await request<ErrorBody>(server.url, `/api/soil/runs/${run.id}?version=${run.version}`, {
      method: 'DELETE',
    });
    expect(again.status).toBe(404);
  });
});
