/** POST /api/analysis/hotspots on the analyst's own GeoJSON: results in input order, and bad input handled. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../../server/src/db/engine';
import type { HotspotsResponse } from '../../server/contracts/analysis';
import { giStar } from '../../server/src/domain/spatial-stats/gi-star';
import { globalMoran } from '../../server/src/domain/spatial-stats/moran';
import { contiguityNeighbours, makeWeights } from '../../server/src/domain/spatial-stats/weights';
import { type TestServer, request, startServer } from '../support/http';
import { openTestDb } from '../support/test-db';

let db: Db;
let server: TestServer;
beforeAll(async () => {
  db = await openTestDb();
  server = await startServer(db);
});
afterAll(async () => {
  await server?.close();
  await db?.close();
});

/** A 6 × 6 lattice of 0.01° squares near 87°E 44°N with a high corner. */
function lattice(value: (x: number, y: number) => unknown) {
  const features = [];
  for (let y = 0; y < 6; y++)
    for (let x = 0; x < 6; x++) {
      const [w, s] = [87 + x * 0.01, 44 + y * 0.01];
      features.push({
        type: 'Feature',
        geometry: {
          type: 'Polygon',
          coordinates: [
            [
              [w, s],
              [w + 0.01, s],
              [w + 0.01, s + 0.01],
              [w, s + 0.01],
              [w, s],
            ],
          ],
        },
        properties: { rate: value(x, y), name: `${x},${y}` },
      });
    }
  return { type: 'FeatureCollection', features };
}
const cornerValue = (x: number, y: number) => (x < 2 && y < 2 ? 10 + x + y : ((x * 7 + y * 3) % 5) / 2);

const post = (body: unknown, lang = 'zh-CN') =>
  request<HotspotsResponse & { error?: { code: string; message: string } }>(
    server.url,
    '/api/analysis/hotspots',
    {
      method: 'POST',
      body,
      headers: { 'accept-language': lang },
    },
  );

describe('POST /api/analysis/hotspots', () => {
  it('returns Gi* with queen weights for every feature in input order, equal to the statistic on the same lattice', async () => {
    const data = lattice(cornerValue);
    const res = await post({
      data,
      property: 'rate',
      method: 'gi_star',
      weights: 'queen',
      standardization: 'row',
    });
    expect(res.status).toBe(200);
    expect(res.body.results.map((r) => r.index)).toEqual(data.features.map((_, i) => i));
    const rings = data.features.map((f) => [
      f.geometry.coordinates.map((r) => r.map(([a, b]) => [a!, b!] as [number, number])),
    ]);
    const expected = giStar(
      data.features.map((f) => f.properties.rate as number),
      makeWeights(contiguityNeighbours(rings, 'queen'), 'row', true),
    ).results;
    res.body.results.forEach((r, i) => expect(r.z).toBeCloseTo(expected[i]!.z!, 12));
    expect(res.body.results[0]!.class).toMatch(/^hot_/);
    expect(res.body.weights).toMatchObject({ type: 'queen', standardization: 'row', selfIncluded: true });
  });

  it("returns global Moran's I with z and p, and local Moran clusters with seeded pseudo p-values", async () => {
    const data = lattice(cornerValue);
    const global = await post({
      data,
      property: 'rate',
      method: 'global_moran',
      weights: 'rook',
      standardization: 'row',
    });
    const rings = data.features.map((f) => [
      f.geometry.coordinates.map((r) => r.map(([a, b]) => [a!, b!] as [number, number])),
    ]);
    const expected = globalMoran(
      data.features.map((f) => f.properties.rate as number),
      makeWeights(contiguityNeighbours(rings, 'rook'), 'row'),
    )!;
    expect(global.body.global!.I).toBeCloseTo(expected.I, 12);
    expect(global.body.global!.p).toBeCloseTo(expected.p, 12);
    const a = await post({ data, property: 'rate', method: 'local_moran', permutations: 499, seed: 9 });
    const b = await post({ data, property: 'rate', method: 'local_moran', permutations: 499, seed: 9 });
    expect(a.body.results.map((r) => r.pseudoP)).toEqual(b.body.results.map((r) => r.pseudoP));
    expect(a.body.results[0]!.class).toBe('HH');
  });

  it('uses k nearest neighbours and distance bands in metres for points', async () => {
    const points = lattice(cornerValue).features.map((f) => ({
      ...f,
      geometry: { type: 'Point', coordinates: f.geometry.coordinates[0]![0] },
    }));
    const data = { type: 'FeatureCollection', features: points };
    const knn = await post({ data, property: 'rate', weights: 'knn', k: 4 });
    expect(knn.status).toBe(200);
    expect(knn.body.results.every((r) => r.neighbours === 4)).toBe(true);
    // 0.01° of longitude at 44°N is ~800 m, of latitude ~1,110 m: a 900 m band links east–west neighbours only.
    const band = await post({ data, property: 'rate', weights: 'distance_band', distance: 900 });
    expect(band.body.results[7]!.neighbours).toBe(2);
  });

  it('leaves out missing and non-numeric values and reports islands instead of failing', async () => {
    const data = lattice((x, y) =>
      x === 3 && y === 3 ? null : x === 4 && y === 4 ? 'n/a' : x === 5 && y === 0 ? '3.5' : cornerValue(x, y),
    );
    data.features.push({
      type: 'Feature',
      geometry: {
        type: 'Polygon',
        coordinates: [
          [
            [88, 45],
            [88.01, 45],
            [88.01, 45.01],
            [88, 45.01],
            [88, 45],
          ],
        ],
      },
      properties: { rate: 4, name: 'far' },
    });
    const res = await post({ data, property: 'rate' });
    expect(res.status).toBe(200);
    expect(res.body.results[21]).toMatchObject({ excluded: 'missing_value', z: null });
    expect(res.body.results[28]).toMatchObject({ excluded: 'non_numeric', z: null });
    expect(res.body.results[5]!.value).toBe(3.5);
    expect(res.body.results[36]).toMatchObject({ excluded: 'island', z: null });
    expect(res.body.islands).toEqual([36]);
    expect(res.body.warnings.map((w) => w.code).sort()).toEqual(['EXCLUDED', 'ISLANDS']);
  });

  it('refuses a single feature, mixed geometry, projected coordinates and a missing distance with 4xx in the caller’s language', async () => {
    const one = { type: 'FeatureCollection', features: [lattice(cornerValue).features[0]] };
    const single = await post({ data: one, property: 'rate' }, 'en');
    expect(single.status).toBe(422);
    expect(single.body.error!.code).toBe('ANALYSIS_NOT_POSSIBLE');
    expect(single.body.error!.message).toMatch(/features have a value/);
    const mixed = lattice(cornerValue);
    (mixed.features[3] as { geometry: unknown }).geometry = { type: 'Point', coordinates: [87.01, 44.01] };
    const m = await post({ data: mixed, property: 'rate' });
    expect(m.status).toBe(422);
    expect(m.body.error!.message).toContain('既有点又有面');
    const projected = lattice(cornerValue);
    (projected.features[0] as { geometry: unknown }).geometry = {
      type: 'Polygon',
      coordinates: [
        [
          [500000, 4000000],
          [500100, 4000000],
          [500100, 4000100],
          [500000, 4000000],
        ],
      ],
    };
    expect((await post({ data: projected, property: 'rate' })).status).toBe(422);
    const noDistance = await post({ data: lattice(cornerValue), property: 'rate', weights: 'distance_band' });
    expect(noDistance.status).toBe(400);
    expect(JSON.stringify(noDistance.body)).toContain('body.distance');
  });

  it('answers 413, not 500, for a million features', async () => {
    const feature =
      '{"type":"Feature","geometry":{"type":"Point","coordinates":[87,44]},"properties":{"v":1}}';
    const rawBody = `{"property":"v","data":{"type":"FeatureCollection","features":[${Array.from({ length: 1_000_000 }, () => feature).join(',')}]}}`;
    const res = await request<{ error: { code: string } }>(server.url, '/api/analysis/hotspots', {
      method: 'POST',
      rawBody,
      headers: { 'content-type': 'application/json' },
    });
    expect(res.status).toBe(413);
    expect(res.body.error.code).toBe('PAYLOAD_TOO_LARGE');
  });
});
