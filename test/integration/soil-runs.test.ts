/**
 * Zoning runs on the demo county (its planted cadmium plume, ground truth in demo_truth.cadmium_plume): the plume
 * comes out as a strict-control zone around its true centre inside a safe-utilisation ring; zones are valid, do not
 * overlap and cover the county; runs are kept and comparable; surfaces, GeoJSON, Shapefile and tiles agree.
 */
import { VectorTile } from '@mapbox/vector-tile';
import { PbfReader } from 'pbf';
import shp from 'shpjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type {
  RunComparison,
  SurfaceView,
  ZoneCollection,
  ZoningRunDetail,
  ZoningRunSummary,
} from '../../server/contracts/soil';
import type { Db } from '../../server/src/db/engine';
import { lonLatToTile } from '../../tiles/src/tile-coord';
import { openDemoTestDb } from '../support/demo-db';
import { type TestServer, request, startServer, TEST_ADMIN } from '../support/http';
import { testEngine } from '../support/test-db';

interface Plume {
  centre: { lon: number; lat: number };
  radius_m_where_plume_exceeds: { '0.6': number; '4.0': number };
}

let db: Db;
let server: TestServer;
let plume: Plume;
let countyId: number;
let kriging: ZoningRunDetail;
let idw: ZoningRunDetail;

async function run(body: Record<string, unknown>): Promise<ZoningRunDetail> {
  const res = await request<ZoningRunDetail>(server.url, '/api/soil/runs', {
    method: 'POST',
    body: { metal: 'cd', gridId: countyId, cellSize: 250, ...body },
  });
  expect(res.status).toBe(201);
  return res.body;
}

beforeAll(async () => {
  db = await openDemoTestDb();
  server = await startServer(db);
  plume = (await db.query<{ value: Plume }>("SELECT value FROM demo_truth WHERE key = 'cadmium_plume'"))
    .rows[0]!.value;
  countyId = (await db.query<{ id: number }>("SELECT id FROM grid_unit WHERE code = '652399000000'")).rows[0]!
    .id;
  kriging = await run({
    name: '镉 克里金 自动拟合',
    interpolation: { method: 'kriging', variogram: 'auto', maxNeighbors: 16 },
  });
  idw = await run({ name: '镉 IDW', interpolation: { method: 'idw', power: 2, maxNeighbors: 12 } });
});

afterAll(async () => {
  for (const r of [kriging, idw])
    if (r) await request(server.url, `/api/soil/runs/${r.id}?version=${r.version}`, { method: 'DELETE' });
  await server?.close();
  await db?.close();
});

/** The zone of a run at a point, and distances from the plume centre. */
async function zoneAt(runId: number, lon: number, lat: number): Promise<string | null> {
  const { rows } = await db.query<{ class: string }>(
    'SELECT class FROM soil_zone WHERE run_id = $1 AND ST_Intersects(geom, ST_SetSRID(ST_MakePoint($2, $3), 4326))',
    [runId, lon, lat],
  );
  return rows[0]?.class ?? null;
}

describe(`soil zoning runs on the demo county (${testEngine()})`, () => {
  it('puts the true centre of the planted cadmium plume in a strict-control zone, by kriging and by IDW', async () => {
    for (const r of [kriging, idw])
      expect(await zoneAt(r.id, plume.centre.lon, plume.centre.lat)).toBe('strict_control');
  });

  it('gives the strict-control core and the safe-utilisation ring about the planted radii (1.9 km and 3.6 km)', async () => {
    for (const r of [kriging, idw]) {
      const { rows } = await db.query<{ class: string; m2: number; reach: number }>(
        `SELECT class, sum(ST_Area(geom::geography)) AS m2,
           max(ST_MaxDistance(ST_Transform(geom, 3857), ST_Transform(ST_SetSRID(ST_MakePoint($2, $3), 4326), 3857))
             * cos(radians($3))) AS reach
         FROM soil_zone WHERE run_id = $1 AND class IN ('strict_control', 'safe_utilisation')
           AND ST_DWithin(geom::geography, ST_SetSRID(ST_MakePoint($2, $3), 4326)::geography, 6000)
         GROUP BY class`,
        [r.id, plume.centre.lon, plume.centre.lat],
      );
      const strict = rows.find((x) => x.class === 'strict_control')!;
      const safe = rows.find((x) => x.class === 'safe_utilisation')!;
      const core = Math.PI * plume.radius_m_where_plume_exceeds['4.0'] ** 2;
      const ring = Math.PI * plume.radius_m_where_plume_exceeds['0.6'] ** 2 - core;
      expect(strict.m2 / core).toBeGreaterThan(0.6);
      expect(strict.m2 / core).toBeLessThan(1.5);
      expect(safe.m2 / ring).toBeGreaterThan(0.6);
      expect(safe.m2 / ring).toBeLessThan(1.6);
      expect(strict.reach).toBeLessThan(plume.radius_m_where_plume_exceeds['0.6']);
    }
  });

  it('makes valid zones that do not overlap and together cover the county', async () => {
    for (const r of [kriging, idw]) {
      const { rows } = await db.query<{
        valid: boolean;
        union: number;
        sum: number;
        county: number;
        overlap: number;
      }>(
        `SELECT bool_and(ST_IsValid(z.geom)) AS valid, ST_Area(ST_Union(z.geom)::geography) AS union,
           sum(ST_Area(z.geom::geography)) AS sum,
           (SELECT ST_Area(geom::geography) FROM grid_unit WHERE id = $2) AS county,
           (SELECT coalesce(sum(ST_Area(ST_Intersection(a.geom, b.geom)::geography)), 0) FROM soil_zone a
              JOIN soil_zone b ON a.id < b.id AND a.geom && b.geom AND ST_Intersects(a.geom, b.geom)
              WHERE a.run_id = $1 AND b.run_id = $1) AS overlap
         FROM soil_zone z WHERE z.run_id = $1`,
        [r.id, countyId],
      );
      const z = rows[0]!;
      expect(z.valid).toBe(true);
      expect(z.overlap / z.county).toBeLessThan(1e-9);
      expect(Math.abs(z.union / z.county - 1)).toBeLessThan(1e-6);
      expect(Math.abs(z.sum / z.county - 1)).toBeLessThan(1e-6);
    }
  });

  it('records the run: method, fitted variogram with its lag table, cross-validation, samples, standard and author', () => {
    expect(kriging).toMatchObject({
      metal: 'cd',
      method: 'kriging',
      area: { id: countyId, level: 'county' },
      standard: 'GB 15618-2018',
      createdBy: TEST_ADMIN.username,
      variogram: { of: 'value', fitted: true },
      logVariogram: { of: 'log', fitted: true },
    });
    expect(kriging.variogram!.lags.length).toBeGreaterThan(5);
    expect(kriging.variogram!.candidates).toHaveLength(3);
    expect(kriging.sampleCount).toBeGreaterThan(1000);
    expect(kriging.sampledFrom <= kriging.sampledTo).toBe(true);
    expect(kriging.crossValidation.residuals).toHaveLength(kriging.sampleCount);
    expect(kriging.crossValidation.msse).toBeGreaterThan(0);
    expect(kriging.crossValidation.coverage90).toBeGreaterThan(0.5);
    expect(idw.crossValidation.msse).toBeNull();
    expect(kriging.standardValues.every((v) => v.metal === 'cd')).toBe(true);
    expect(kriging.suggestions.length).toBeGreaterThan(0);
    expect(kriging.classAreas.strict_control.areaMu).toBeGreaterThan(0);
  });

  it('keeps runs side by side and compares them: class areas and how much of the county changes class', async () => {
    const list = await request<ZoningRunSummary[]>(server.url, '/api/soil/runs?metal=cd');
    expect(list.body.map((r) => r.id)).toEqual(expect.arrayContaining([kriging.id, idw.id]));
    const cmp = await request<RunComparison>(
      server.url,
      `/api/soil/runs/compare?a=${kriging.id}&b=${idw.id}`,
    );
    expect(cmp.status).toBe(200);
    expect(cmp.body.agreement).toBeGreaterThan(0.95);
    expect(
      cmp.body.transitions.find((t) => t.from === 'strict_control' && t.to === 'strict_control')!.areaMu,
    ).toBeGreaterThan(0);
  });

  it('serves the probability of exceeding the screening value as a surface on the run’s grid', async () => {
    const s = await request<SurfaceView>(server.url, `/api/soil/runs/${kriging.id}/surface/pScreening`);
    expect(s.status).toBe(200);
    expect(s.body.values).toHaveLength(s.body.grid.nx * s.body.grid.ny);
    const known = s.body.values.filter((v): v is number => v !== null);
    expect(known.length).toBeGreaterThan(1000);
    expect(Math.min(...known)).toBeGreaterThanOrEqual(0);
    expect(Math.max(...known)).toBeLessThanOrEqual(1);
    expect(s.body.corners).toHaveLength(4);
    expect((await request(server.url, `/api/soil/runs/${idw.id}/surface/variance`)).status).toBe(404);
  });

  it('exports the zones as GeoJSON and as a zipped Shapefile with the same zones', async () => {
    const geojson = await request<ZoneCollection>(server.url, `/api/soil/runs/${kriging.id}/zones.geojson`);
    expect(geojson.status).toBe(200);
    const count = (
      await db.query<{ n: number }>('SELECT count(*)::int AS n FROM soil_zone WHERE run_id = $1', [
        kriging.id,
      ])
    ).rows[0]!.n;
    expect(geojson.body.features).toHaveLength(count);
    const zip = await fetch(`${server.url}/api/soil/runs/${kriging.id}/zones.zip`);
    expect(zip.headers.get('content-type')).toContain('application/zip');
    const parsed = (await shp(await zip.arrayBuffer())) as {
      features: { properties: Record<string, unknown> }[];
    };
    expect(parsed.features).toHaveLength(count);
    expect(parsed.features.map((f) => f.properties.class).sort()).toEqual(
      geojson.body.features.map((f) => f.properties.class).sort(),
    );
    expect(parsed.features.some((f) => f.properties.class_zh === '严格管控类')).toBe(true);
  });

  it('draws the strict-control zone of the run in the soil-zones tile at the plume', async () => {
    const t = lonLatToTile(plume.centre.lon, plume.centre.lat, 12);
    const res = await fetch(`${server.url}/tiles/soil-zones/${t.z}/${t.x}/${t.y}.mvt`);
    expect(res.status).toBe(200);
    const layer = new VectorTile(new PbfReader(new Uint8Array(await res.arrayBuffer()))).layers[
      'soil-zones'
    ]!;
    const mine = Array.from({ length: layer.length }, (_, i) => layer.feature(i).properties).filter(
      (p) => p.run_id === kriging.id,
    );
    expect(mine.map((p) => p.class)).toContain('strict_control');
  });

  it('renames a run with its version and refuses a stale version with who and when', async () => {
    const renamed = await request<ZoningRunDetail>(server.url, `/api/soil/runs/${idw.id}`, {
      method: 'PATCH',
      body: { version: idw.version, name: '镉 IDW（对照）' },
    });
    expect(renamed.status).toBe(200);
    expect(renamed.body.version).toBe(idw.version + 1);
    const stale = await request<{ error: { code: string; details: { updatedBy: string } } }>(
      server.url,
      `/api/soil/runs/${idw.id}`,
      {
        method: 'PATCH',
        body: { version: idw.version, name: 'x' },
      },
    );
    expect(stale.status).toBe(409);
    expect(stale.body.error.details.updatedBy).toBe(TEST_ADMIN.username);
    idw = renamed.body;
  });
});
