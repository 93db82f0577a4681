/**
 * Import of grid boundaries (issue 3 item 7) on both engines: GeoJSON, zipped Shapefile (geographic and CGCS2000
 * Gauss-Krüger, written by ogr2ogr in the test), KML; GCJ-02 declared; checked as a whole with a row-by-row report
 * and applied entirely or not at all; preview first, then commit.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import gcoord from 'gcoord';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { GridImportReport } from '../../server/contracts/grid-exchange';
import type { Db } from '../../server/src/db/engine';
import { polygonShapefile, zip } from '../../server/src/modules/exports/shapefile';
import { type FixtureCounty, makeCounty } from '../support/fixtures';
import { startServer, type TestServer } from '../support/http';
import { openTestDb } from '../support/test-db';
import { makeZip } from '../support/zip';

let db: Db;
let server: TestServer;
let dir: string;

beforeAll(async () => {
  db = await openTestDb();
  server = await startServer(db);
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'grids-import-'));
}, 120_000);

afterAll(async () => {
  await server?.close();
  await db?.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

type Ring = [number, number][];
const box = (w: number, s: number, e: number, n: number): Ring => [
  [w, s],
  [e, s],
  [e, n],
  [w, n],
  [w, s],
];
const feature = (properties: Record<string, unknown>, ring: Ring) => ({
  type: 'Feature',
  properties,
  geometry: { type: 'Polygon', coordinates: [ring] },
});

/** The west township of the fixture cut into three strips, south to north. */
function strips(county: FixtureCounty) {
  const [w, s, , n] = county.bbox;
  const mid = Number(((w + county.bbox[2]) / 2).toFixed(6));
  const a = Number((s + (n - s) / 3).toFixed(6));
  const b = Number((s + (2 * (n - s)) / 3).toFixed(6));
  return { w, s, n, mid, a, b, rings: [box(w, s, mid, a), box(w, a, mid, b), box(w, b, mid, n)] };
}

interface ErrorBody {
  error: { code: string; message: string; details?: GridImportReport };
}

async function upload(
  query: string,
  name: string,
  bytes: Buffer | string,
): Promise<{ status: number; body: GridImportReport & ErrorBody }> {
  const form = new FormData();
  form.append('file', new Blob([typeof bytes === 'string' ? bytes : new Uint8Array(bytes)]), name);
  const response = await fetch(`${server.url}/api/grids/import?${query}`, { method: 'POST', body: form });
  return { status: response.status, body: (await response.json()) as GridImportReport & ErrorBody };
}

async function children(parentId: number) {
  const { rows } = await db.query<{ id: number; name: string; code: string; m2: number }>(
    'SELECT id::int AS id, name, code, ST_Area(geom::geography) AS m2 FROM grid_unit WHERE parent_id = $1 ORDER BY code',
    [parentId],
  );
  return rows;
}

describe('importing GeoJSON into a township', () => {
  it('previews, then replaces the villages: same-named ones keep their id and roster, new ones get codes', async () => {
    const county = await makeCounty(db);
    const [t1] = county.townshipIds;
    const before = await children(t1);
    const { rings } = strips(county);
    const geojson = JSON.stringify({
      type: 'FeatureCollection',
      features: [
        feature({ 村名: '一村', 人口: 800 }, rings[0] as Ring),
        feature({ 村名: '新村', 人口: 500 }, rings[1] as Ring),
        feature({ 村名: '二村', 人口: 700 }, rings[2] as Ring),
      ],
    });
    const preview = await upload(`parentId=${t1}`, 'villages.geojson', geojson);
    expect(preview.status).toBe(200);
    expect(preview.body).toMatchObject({
      ok: true,
      dryRun: true,
      problems: [],
      file: {
        format: 'geojson',
        mapping: { name: '村名', code: null },
        columns: ['村名', '人口'],
        featureCount: 3,
      },
    });
    expect(preview.body.result?.topology.coveragePct).toBe(100);
    expect(preview.body.result?.grids.map((g) => g.properties.name).sort()).toEqual(['一村', '二村', '新村']);
    expect(await children(t1)).toEqual(before); // nothing written by the preview

    const commit = await upload(`parentId=${t1}&dryRun=false`, 'villages.geojson', geojson);
    expect(commit.status).toBe(200);
    expect(commit.body.ok).toBe(true);
    expect(commit.body.result?.changeId).toEqual(expect.any(Number));
    const after = await children(t1);
    expect(after.map((c) => c.name)).toEqual(['一村', '二村', '新村']);
    expect(after.find((c) => c.name === '一村')?.id).toBe(county.villageIds[0]);
    expect(after.find((c) => c.name === '二村')?.id).toBe(county.villageIds[1]);
    expect(after.find((c) => c.name === '新村')?.code).toMatch(
      new RegExp(`^${county.countyCode.slice(0, 6)}100\\d{3}$`),
    );
    // each strip is a third of the township: areas equal within a few per mille (latitude changes the width)
    const total = after.reduce((sum, c) => sum + c.m2, 0);
    for (const c of after) expect(c.m2 / total).toBeCloseTo(1 / 3, 2);
    const { rows: people } = await db.query<{ name: string }>(
      'SELECT name FROM grid_person WHERE grid_id = $1',
      [county.villageIds[0]],
    );
    expect(people.map((p) => p.name)).toEqual(['协管员1']);
    const topology = await fetch(`${server.url}/api/grids/${t1}/topology`).then((r) => r.json());
    expect(topology).toMatchObject({ coveragePct: 100, problems: [] });
  });

  it('retires a village the file no longer has: its subjects and people follow the new grid', async () => {
    const county = await makeCounty(db);
    const [t1] = county.townshipIds;
    const [, v2] = county.villageIds;
    const [w, s, , n] = county.bbox;
    const mid = Number(((w + county.bbox[2]) / 2).toFixed(6));
    const midLat = Number(((s + n) / 2).toFixed(6));
    const at = county.villagePoints[1] as [number, number];
    const { rows } = await db.query<{ id: number }>(
      `INSERT INTO production_subject (code, name, type, geom) VALUES ($1, '北坡家庭农场', 'family_farm', ST_SetSRID(ST_Point($2, $3), 4326)) RETURNING id::int AS id`,
      [`IMP-${county.countyCode}`, at[0], at[1]],
    );
    const subject = (rows[0] as { id: number }).id;
    const geojson = JSON.stringify({
      type: 'FeatureCollection',
      features: [
        feature({ name: '一村' }, box(w, s, mid, midLat)),
        feature({ name: '北村' }, box(w, midLat, mid, n)),
      ],
    });
    const response = await upload(`parentId=${t1}&dryRun=false`, 'v.geojson', geojson);
    expect(response.body.ok, JSON.stringify(response.body)).toBe(true);
    expect(response.body.result?.moveSummary).toEqual([{ from: '二村', to: '北村', count: 1 }]);
    const after = await children(t1);
    expect(after.map((c) => c.name)).toEqual(['一村', '北村']);
    const north = after.find((c) => c.name === '北村')?.id;
    const { rows: moved } = await db.query<{ grid: number }>(
      'SELECT grid_id::int AS grid FROM production_subject WHERE id = $1',
      [subject],
    );
    expect(moved[0]?.grid).toBe(north);
    const { rows: people } = await db.query<{ name: string }>(
      'SELECT name FROM grid_person WHERE grid_id = $1',
      [north],
    );
    expect(people.map((p) => p.name)).toEqual(['协管员2']);
    const { rows: gone } = await db.query('SELECT 1 FROM grid_unit WHERE id = $1', [v2]);
    expect(gone).toHaveLength(0);
  });

  it('reports every bad feature by row and writes none of them', async () => {
    const county = await makeCounty(db);
    const [t1] = county.townshipIds;
    const before = await children(t1);
    const { w, s, n, mid, a, rings } = strips(county);
    const geojson = JSON.stringify({
      type: 'FeatureCollection',
      features: [
        feature({ name: '一村' }, rings[0] as Ring),
        // a bow tie: self-intersecting
        feature({ name: '坏村' }, [
          [w, a],
          [mid, n],
          [mid, a],
          [w, n],
          [w, a],
        ]),
        // overlaps the first by half of it
        feature({ name: '叠村' }, box(w, s, mid, (s + a) / 2)),
        feature({ name: '' }, box(w, a, mid, n)),
        { type: 'Feature', properties: { name: '点村' }, geometry: { type: 'Point', coordinates: [w, s] } },
      ],
    });
    const preview = await upload(`parentId=${t1}`, 'bad.geojson', geojson);
    expect(preview.status).toBe(200);
    expect(preview.body.ok).toBe(false);
    const problems = preview.body.problems.map((p) => [p.row, p.code]);
    expect(problems).toEqual(
      expect.arrayContaining([
        [2, 'invalid'],
        [3, 'overlap'],
        [4, 'no_name'],
        [5, 'not_polygon'],
      ]),
    );
    expect(preview.body.problems.find((p) => p.row === 3)?.message.zh).toMatch(
      /^与第 1 个要素“一村”重叠 \d+ m²（[\d.]+ 亩）$/,
    );
    expect(preview.body.features.find((f) => f.row === 2)?.properties.problems).toBe(1);

    const commit = await upload(`parentId=${t1}&dryRun=false`, 'bad.geojson', geojson);
    expect(commit.status).toBe(422);
    expect(commit.body.error.code).toBe('IMPORT_REJECTED');
    expect(commit.body.error.message).toMatch(/^导入文件有 \d+ 处问题，未导入任何网格。/);
    expect(await children(t1)).toEqual(before);
  });

  it('refuses an import that leaves part of the township uncovered, saying where and how big', async () => {
    const county = await makeCounty(db);
    const [t1] = county.townshipIds;
    const { rings } = strips(county);
    const geojson = JSON.stringify({
      type: 'FeatureCollection',
      features: [feature({ name: '一村' }, rings[0] as Ring), feature({ name: '二村' }, rings[2] as Ring)],
    });
    const preview = await upload(`parentId=${t1}`, 'gap.geojson', geojson);
    expect(preview.body.ok).toBe(false);
    expect(preview.body.problems).toHaveLength(1);
    expect(preview.body.problems[0]).toMatchObject({ row: 0, code: 'gap' });
    expect(preview.body.problems[0]?.message.zh).toMatch(
      /^导入后“东镇”内有 \d+ m²（[\d.]+ 亩）不属于任何网格/,
    );
  });

  it('converts coordinates declared GCJ-02 back to WGS 84', async () => {
    const county = await makeCounty(db);
    const [t1] = county.townshipIds;
    const { rings } = strips(county);
    const mars = (ring: Ring): Ring =>
      ring.map((p) => gcoord.transform(p, gcoord.WGS84, gcoord.GCJ02) as [number, number]);
    const geojson = JSON.stringify({
      type: 'FeatureCollection',
      features: rings.map((r, k) => feature({ name: `村${k + 1}` }, mars(r))),
    });
    const asIs = await upload(`parentId=${t1}`, 'gcj.geojson', geojson);
    expect(asIs.body.ok).toBe(false); // shifted by hundreds of metres: out of the township
    const converted = await upload(`parentId=${t1}&datum=gcj02`, 'gcj.geojson', geojson);
    expect(converted.body.ok, JSON.stringify(converted.body.problems ?? converted.body)).toBe(true);
    const first = converted.body.features[0]?.geometry as { coordinates: number[][][] };
    const expected = rings[0] as Ring;
    first.coordinates[0]?.forEach((p, i) => {
      expect(p[0]).toBeCloseTo((expected[i] as [number, number])[0], 5);
      expect(p[1]).toBeCloseTo((expected[i] as [number, number])[1], 5);
    });
  });

  it('refuses a mapping to a column the file does not have', async () => {
    const county = await makeCounty(db);
    const geojson = JSON.stringify({
      type: 'FeatureCollection',
      features: [feature({ 名称: '一村' }, strips(county).rings[0] as Ring)],
    });
    const response = await upload(`parentId=${county.townshipIds[0]}&nameField=NAME`, 'a.geojson', geojson);
    expect(response.status).toBe(422);
    expect(response.body.error.message).toBe('文件中没有“NAME”列（可选：名称）');
  });
});

describe('importing a zipped Shapefile', () => {
  /** Writes the strips with ogr2ogr in the given EPSG and zips the parts (optionally leaving some out). */
  function shapefileZip(county: FixtureCounty, epsg: number, leaveOut: string[] = []): Buffer {
    const { rings } = strips(county);
    const src = path.join(dir, `${county.countyCode}-${epsg}.geojson`);
    fs.writeFileSync(
      src,
      JSON.stringify({
        type: 'FeatureCollection',
        features: rings.map((r, k) => feature({ NAME: ['一村', '新村', '二村'][k], CODE: null }, r)),
      }),
    );
    const out = path.join(dir, `${county.countyCode}-${epsg}`);
    fs.rmSync(out, { recursive: true, force: true });
    execFileSync('ogr2ogr', [
      '-f',
      'ESRI Shapefile',
      '-s_srs',
      'EPSG:4326',
      '-t_srs',
      `EPSG:${epsg}`,
      '-lco',
      'ENCODING=UTF-8',
      out,
      src,
    ]);
    const parts = fs.readdirSync(out).filter((f) => !leaveOut.some((ext) => f.endsWith(ext)));
    return makeZip(parts.map((f) => ({ name: `村界/${f}`, data: fs.readFileSync(path.join(out, f)) })));
  }

  it('unprojects CGCS2000 3° Gauss-Krüger coordinates (zone number in the easting)', async () => {
    const county = await makeCounty(db);
    const [t1] = county.townshipIds;
    const zone = Math.round((county.bbox[0] + 0.1) / 3);
    const epsg = 4513 + zone - 25;
    const response = await upload(`parentId=${t1}&dryRun=false`, '村界.zip', shapefileZip(county, epsg));
    expect(response.status).toBe(200);
    expect(response.body.file).toMatchObject({
      format: 'shapefile',
      sourceCrs: `EPSG:${epsg} (CGCS2000 / 3° Gauss-Krüger zone ${zone})`,
      mapping: { name: 'NAME' },
    });
    expect(response.body.ok, JSON.stringify(response.body)).toBe(true);
    const { rings } = strips(county);
    const first = response.body.features[0]?.geometry as { coordinates: number[][][] };
    for (const [x, y] of first.coordinates[0] ?? []) {
      expect(
        (rings[0] as Ring).some(
          ([ex, ey]) => Math.abs(ex - (x as number)) < 1e-6 && Math.abs(ey - (y as number)) < 1e-6,
        ),
      ).toBe(true);
    }
    expect((await children(t1)).map((c) => c.name)).toEqual(['一村', '二村', '新村']);
  });

  it('reads a 6° zone without zone number, and geographic CGCS2000', async () => {
    const county = await makeCounty(db);
    const [t1] = county.townshipIds;
    const cm6 = Math.floor(county.bbox[0] / 6) * 6 + 3;
    const epsg6 = 4502 + (cm6 + 3) / 6 - 13;
    const six = await upload(`parentId=${t1}`, 'a.zip', shapefileZip(county, epsg6));
    expect(six.body.file.sourceCrs).toBe(`EPSG:${epsg6} (CGCS2000 / 6° Gauss-Krüger CM ${cm6}E)`);
    expect(six.body.ok).toBe(true);
    const geo = await upload(`parentId=${t1}`, 'a.zip', shapefileZip(county, 4490));
    expect(geo.body.file.sourceCrs).toBe('EPSG:4490 (CGCS2000)');
    expect(geo.body.ok).toBe(true);
  });

  it('reads a Shapefile written by the app’s own writer (UTF-8 attributes)', async () => {
    const county = await makeCounty(db);
    const { rings } = strips(county);
    const files = polygonShapefile(
      'villages',
      [{ name: 'name', type: 'C', length: 60 }],
      rings.map((r, k) => ({ polygons: [[r]], attributes: { name: ['一村', '新村', '二村'][k] as string } })),
    );
    const response = await upload(`parentId=${county.townshipIds[0]}`, 'v.zip', zip(files));
    expect(response.body.ok, JSON.stringify(response.body)).toBe(true);
    expect(response.body.features.map((f) => f.properties.name)).toEqual(['一村', '新村', '二村']);
  });

  it('refuses a Shapefile without .prj, one in an unknown projection, and a zip that is not a Shapefile', async () => {
    const county = await makeCounty(db);
    const [t1] = county.townshipIds;
    const noPrj = await upload(`parentId=${t1}`, 'a.zip', shapefileZip(county, 4326, ['.prj']));
    expect(noPrj.status).toBe(422);
    expect(noPrj.body.error.message).toBe(
      'Shapefile 缺少 .prj 文件，无法确定坐标系：请连同 .prj 一起压缩上传',
    );
    const webMercator = await upload(`parentId=${t1}`, 'a.zip', shapefileZip(county, 3857));
    expect(webMercator.status).toBe(422);
    expect(webMercator.body.error.message).toMatch(
      /^无法识别 \.prj 中的坐标系“WGS_1984_Web_Mercator_Auxiliary_Sphere”/,
    );
    const notShp = await upload(
      `parentId=${t1}`,
      'a.zip',
      makeZip([{ name: 'readme.txt', data: Buffer.from('hello') }]),
    );
    expect(notShp.status).toBe(422);
    expect(notShp.body.error.message).toBe('压缩包中没有 Shapefile（.shp）：只有 readme.txt');
    expect((await children(t1)).map((c) => c.name)).toEqual(['一村', '二村']);
  });
});

describe('importing KML', () => {
  it('reads placemarks with their names', async () => {
    const county = await makeCounty(db);
    const { rings } = strips(county);
    const placemark = (name: string, ring: Ring) =>
      `<Placemark><name>${name}</name><Polygon><outerBoundaryIs><LinearRing><coordinates>${ring.map((p) => p.join(',')).join(' ')}</coordinates></LinearRing></outerBoundaryIs></Polygon></Placemark>`;
    const kml = `<?xml version="1.0" encoding="UTF-8"?><kml xmlns="http://www.opengis.net/kml/2.2"><Document>${['一村', '新村', '二村'].map((n, k) => placemark(n, rings[k] as Ring)).join('')}</Document></kml>`;
    const response = await upload(`parentId=${county.townshipIds[0]}&dryRun=false`, 'v.kml', kml);
    expect(response.body.file).toMatchObject({ format: 'kml', mapping: { name: 'name' } });
    expect(response.body.ok, JSON.stringify(response.body)).toBe(true);
    expect((await children(county.townshipIds[0])).map((c) => c.name)).toEqual(['一村', '二村', '新村']);
  });
});
