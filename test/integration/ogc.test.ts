/**
 * OGC API – Features (Part 1 Core, GeoJSON) at /ogc on both engines, and GDAL's OAPIF driver reading it the way
 * QGIS and ogr2ogr do.
 */
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../../server/src/db/engine';
import { type FixtureCounty, makeCounty, uniqueCode } from '../support/fixtures';
import { request, startServer, type TestServer } from '../support/http';
import { openTestDb, testEngine } from '../support/test-db';

const run = promisify(execFile);

let db: Db;
let server: TestServer;
let county: FixtureCounty;
let bbox: string;

interface Page {
  type: string;
  features: { id: number; geometry: { type: string }; properties: Record<string, unknown> }[];
  numberMatched: number;
  numberReturned: number;
  links: { rel: string; href: string }[];
}

beforeAll(async () => {
  db = await openTestDb();
  server = await startServer(db);
  county = await makeCounty(db);
  bbox = county.bbox.join(',');
  const [lon, lat] = county.villagePoints[0]!;
  for (let i = 0; i < 7; i++) {
    await db.query(
      `INSERT INTO production_subject (code, name, type, credit_class, key_list, geom)
       VALUES ($1, $2, $3, $4, $5, ST_SetSRID(ST_MakePoint($6, $7), 4326))`,
      [
        uniqueCode('O'),
        `主体${i}`,
        i < 2 ? 'enterprise' : 'small_household',
        i === 0 ? 'C' : 'A',
        i === 0,
        lon + i * 0.002,
        lat,
      ],
    );
  }
  for (const [day, verdict] of [
    ['2024-03-10', 'pass'],
    ['2025-06-01', 'fail'],
  ] as const) {
    await db.query(
      `INSERT INTO sample (code, kind, verdict, sampled_at, commodity, commodity_category, geom)
       VALUES ($1, 'routine', $2, $3, '菠菜', 'vegetable', ST_SetSRID(ST_MakePoint($4, $5), 4326))`,
      [uniqueCode('S'), verdict, `${day}T02:00:00Z`, lon, lat],
    );
  }
});
afterAll(async () => {
  await server.close();
  await db.close();
});

const get = <T>(path: string) => request<T>(server.url, path);

describe(`OGC API – Features (${testEngine()})`, () => {
  it('has a landing page, declares the Core and GeoJSON conformance classes, and lists every collection with its extent', async () => {
    const landing = await get<{ links: { rel: string; href: string }[] }>('/ogc');
    expect(landing.body.links.map((l) => l.rel)).toEqual(
      expect.arrayContaining(['self', 'conformance', 'data']),
    );
    const conformance = await get<{ conformsTo: string[] }>('/ogc/conformance');
    expect(conformance.body.conformsTo).toContain(
      'http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/geojson',
    );
    const collections = await get<{
      collections: { id: string; extent: { spatial: { bbox: number[][] } } }[];
    }>('/ogc/collections');
    expect(collections.body.collections.map((c) => c.id)).toEqual(
      expect.arrayContaining([
        'grids-county',
        'grids-township',
        'grids-village',
        'subjects',
        'samples',
        'soil-samples',
        'patrols',
      ]),
    );
    const villages = collections.body.collections.find((c) => c.id === 'grids-village');
    expect(villages?.extent.spatial.bbox[0]).toHaveLength(4);
  });

  it('pages items with limit and offset, counting all matches and linking to the next and previous pages', async () => {
    const first = await get<Page>(`/ogc/collections/subjects/items?bbox=${bbox}&limit=3`);
    expect(first.headers.get('content-type')).toContain('application/geo+json');
    expect(first.body).toMatchObject({ type: 'FeatureCollection', numberMatched: 7, numberReturned: 3 });
    const next = first.body.links.find((l) => l.rel === 'next')!;
    expect(next.href).toContain('offset=3');
    expect(next.href).toContain(`bbox=${encodeURIComponent(bbox)}`);
    const last = await get<Page>(`/ogc/collections/subjects/items?bbox=${bbox}&limit=3&offset=6`);
    expect(last.body.numberReturned).toBe(1);
    expect(last.body.links.map((l) => l.rel)).toEqual(expect.arrayContaining(['prev']));
    expect(last.body.links.map((l) => l.rel)).not.toContain('next');
  });

  it('filters by property and by time, and returns single items', async () => {
    const enterprises = await get<Page>(`/ogc/collections/subjects/items?bbox=${bbox}&type=enterprise`);
    expect(enterprises.body.numberMatched).toBe(2);
    const keyList = await get<Page>(`/ogc/collections/subjects/items?bbox=${bbox}&key_list=true`);
    expect(keyList.body.features.map((f) => f.properties.credit_class)).toEqual(['C']);
    const in2025 = await get<Page>(`/ogc/collections/samples/items?bbox=${bbox}&datetime=2025-01-01/..`);
    expect(in2025.body.features.map((f) => f.properties.verdict)).toEqual(['fail']);
    const one = await get<Page['features'][number]>(
      `/ogc/collections/grids-village/items/${county.villageIds[0]}`,
    );
    expect(one.body).toMatchObject({
      type: 'Feature',
      id: county.villageIds[0],
      properties: { name: '一村', level: 'village', parent_name: '东镇' },
    });
    expect(one.body.geometry.type).toBe('MultiPolygon');
  });

  it('refuses unknown parameters, bad boxes and times, and other formats with 400; unknown collections and items with 404', async () => {
    for (const path of [
      '/ogc/collections/subjects/items?colour=red',
      '/ogc/collections/subjects/items?bbox=1,2,3',
      '/ogc/collections/samples/items?datetime=tomorrow',
      '/ogc/collections/subjects/items?key_list=maybe',
      '/ogc/collections/subjects/items?f=html',
    ]) {
      expect((await get(path)).status, path).toBe(400);
    }
    expect((await get('/ogc/collections/rockets/items')).status).toBe(404);
    expect((await get('/ogc/collections/subjects/items/987654321')).status).toBe(404);
    expect((await get('/ogc/nothing')).status).toBe(404);
  });

  it('never publishes personal data of the registry', async () => {
    const page = await get<Page>(`/ogc/collections/subjects/items?bbox=${bbox}&limit=1`);
    expect(Object.keys(page.body.features[0]!.properties)).not.toEqual(
      expect.arrayContaining(['legal_rep', 'legal_rep_id_number', 'phone', 'address']),
    );
  });

  it('is read by GDAL’s OGC API – Features driver (ogrinfo), as QGIS reads it', async () => {
    const layers = await run('ogrinfo', ['-ro', '-q', `OAPIF:${server.url}/ogc`], { timeout: 60_000 });
    for (const id of ['grids-village', 'subjects', 'samples']) expect(layers.stdout).toContain(id);
    const summary = await run(
      'ogrinfo',
      ['-ro', '-so', '-spat', ...county.bbox.map(String), `OAPIF:${server.url}/ogc`, 'grids-village'],
      { timeout: 60_000 },
    );
    expect(summary.stdout).toMatch(/Geometry: Multi Polygon/);
    const features = await run(
      'ogrinfo',
      [
        '-ro',
        '-q',
        '-spat',
        ...county.bbox.map(String),
        '-where',
        "name = '一村'",
        `OAPIF:${server.url}/ogc`,
        'grids-village',
      ],
      { timeout: 60_000 },
    );
    expect(features.stdout).toContain('parent_name (String) = 东镇');
  });
});
