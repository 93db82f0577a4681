/**
 * Export of the grids (issue 3 item 9) on both engines: GeoJSON, and a zipped Shapefile read back with GDAL's
 * ogrinfo (required: `npm test` installs gdal-bin) — geographic CRS, UTF-8 names, codes, levels, parent code and
 * roster summary.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ExportedGridProperties } from '../../server/contracts/grid-exchange';
import type { Db } from '../../server/src/db/engine';
import { makeCounty } from '../support/fixtures';
import { request, startServer, type TestServer } from '../support/http';
import { openTestDb } from '../support/test-db';

let db: Db;
let server: TestServer;
let dir: string;

beforeAll(async () => {
  db = await openTestDb();
  server = await startServer(db);
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'grids-export-'));
}, 120_000);

afterAll(async () => {
  await server?.close();
  await db?.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

interface Collection {
  type: 'FeatureCollection';
  features: { geometry: { type: string; coordinates: number[][][][] }; properties: ExportedGridProperties }[];
}

describe('GeoJSON export', () => {
  it('gives the villages of a township with code, level, parent code and roster summary', async () => {
    const county = await makeCounty(db);
    const [w, s, , n] = county.bbox;
    const response = await request<Collection>(
      server.url,
      `/api/grids/export.geojson?parentId=${county.townshipIds[0]}`,
    );
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toContain('application/geo+json');
    const props = response.body.features.map((f) => f.properties);
    const prefix = county.countyCode.slice(0, 6);
    expect(props.map((p) => [p.code, p.name, p.level, p.parentCode])).toEqual([
      [`${prefix}100201`, '一村', 'village', `${prefix}100000`],
      [`${prefix}100202`, '二村', 'village', `${prefix}100000`],
    ]);
    expect(props[0]?.rosterSummary).toBe('协管员：协管员1 13900000010');
    expect(props[0]?.staffed).toBe(true);
    const ring = response.body.features[0]?.geometry.coordinates[0]?.[0] ?? [];
    const lons = ring.map((p) => p[0] as number);
    const lats = ring.map((p) => p[1] as number);
    expect(Math.min(...lons)).toBeCloseTo(w, 6);
    expect(Math.min(...lats)).toBeCloseTo(s, 6);
    expect(Math.max(...lats)).toBeCloseTo((s + n) / 2, 6);
  });

  it('gives every village of the county with level and parent together', async () => {
    const county = await makeCounty(db);
    const response = await request<Collection>(
      server.url,
      `/api/grids/export.geojson?parentId=${county.countyId}&level=village`,
    );
    expect(response.body.features.map((f) => f.properties.name)).toEqual(['一村', '二村', '三村', '四村']);
  });

  it('refuses a request without level or parent, in Chinese', async () => {
    const response = await request<{ error: { message: string } }>(server.url, '/api/grids/export.geojson');
    expect(response.status).toBe(400);
    expect(JSON.stringify(response.body)).toContain('请指定层级');
  });
});

describe('Shapefile export', () => {
  it('is a zip that GDAL reads as a geographic polygon layer with the attributes in UTF-8', async () => {
    const county = await makeCounty(db);
    const response = await fetch(`${server.url}/api/grids/export.zip?parentId=${county.countyId}`, {
      headers: { cookie: server.session?.cookie ?? '' },
    });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toContain('application/zip');
    const file = path.join(dir, `${county.countyCode}.zip`);
    fs.writeFileSync(file, Buffer.from(await response.arrayBuffer()));
    const info = execFileSync('ogrinfo', ['-ro', '-al', `/vsizip/${file}`], { encoding: 'utf8' });
    expect(info).toContain('Geometry: Polygon');
    expect(info).toContain('Feature Count: 2');
    expect(info).toMatch(/GEOGCRS\["(WGS 84|GCS_WGS_1984)"/);
    expect(info).toMatch(/code \(String\) = \d{6}100000/);
    expect(info).toContain('name (String) = 东镇');
    expect(info).toContain('name (String) = 西乡');
    expect(info).toContain('level (String) = township');
    expect(info).toContain(`parent (String) = ${county.countyCode}`);
    expect(info).toContain(
      'roster (String) = 监管责任人（网格监管员）：张伟 13900000002；乡镇监管站检测员：赵敏 13900000003',
    );
    const [w, s, e, n] = county.bbox;
    const mid = (w + e) / 2;
    const extent = info.match(/Extent: \(([-\d.]+), ([-\d.]+)\) - \(([-\d.]+), ([-\d.]+)\)/);
    expect(extent?.slice(1).map(Number)).toEqual([w, s, e, n].map((v) => expect.closeTo(v, 6)));
    // The first township is the west half: GDAL computes its area from the geometry it read.
    const sql = execFileSync(
      'ogrinfo',
      [
        '-ro',
        '-q',
        '-dialect',
        'SQLite',
        '-sql',
        `SELECT MbrMinX(geometry) AS w, MbrMaxX(geometry) AS e FROM "${county.countyCode}-township-grids" WHERE name = '东镇'`,
        `/vsizip/${file}`,
      ],
      { encoding: 'utf8' },
    );
    expect(Number(sql.match(/w \(Real\) = ([-\d.]+)/)?.[1])).toBeCloseTo(w, 6);
    expect(Number(sql.match(/e \(Real\) = ([-\d.]+)/)?.[1])).toBeCloseTo(mid, 6);
  });
});
