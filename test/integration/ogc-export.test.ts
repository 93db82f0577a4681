/**
 * Exports of the OGC collections as files (GET /ogc/collections/{id}/export?f=geojson|shp|gpkg) on both engines:
 * GDAL (ogrinfo, as QGIS and ArcGIS would) opens every layer in every format with its layer name, feature count,
 * geometry type, WGS 84 and Chinese attribute text intact; the filters of the items endpoint apply; a township
 * supervisor's export holds only that township's rows; an export over the configured maximum is refused, saying why.
 */
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ErrorBody } from '../../server/contracts/errors';
import type { Db } from '../../server/src/db/engine';
import { type FixtureCounty, makeCounty, uniqueCode } from '../support/fixtures';
import { request, startServer, type TestServer } from '../support/http';
import { openTestDb, testEngine } from '../support/test-db';

const run = promisify(execFile);

let db: Db;
let admin: TestServer;
let supervisor: TestServer;
let small: TestServer;
let county: FixtureCounty;
let bbox: string;
let runId: number;
let dir: string;

const EAST = ['东镇家庭农场甲', '东镇合作社乙', '东镇种植大户丙'];
const WEST = ['西乡蔬菜合作社', '西乡家庭农场'];

beforeAll(async () => {
  db = await openTestDb();
  county = await makeCounty(db);
  bbox = county.bbox.join(',');
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ogc-export-'));
  admin = await startServer(db);
  supervisor = await startServer(
    db,
    {},
    {
      as: {
        username: `sup-west-${Date.now().toString(36)}`,
        role: 'township_supervisor',
        jurisdictionId: county.townshipIds[1],
      },
    },
  );
  small = await startServer(db, { EXPORT_MAX_FEATURES: '3' });
  const subject = async (name: string, village: number, i: number, type: string) => {
    const [lon, lat] = county.villagePoints[village]!;
    const { rows } = await db.query<{ id: number }>(
      `INSERT INTO production_subject (code, name, type, credit_class, key_list, geom)
       VALUES ($1, $2, $3, 'A', false, ST_SetSRID(ST_MakePoint($4, $5), 4326)) RETURNING id::int`,
      [uniqueCode('X'), name, type, lon + i * 0.002, lat],
    );
    return rows[0]!.id;
  };
  const east = [];
  for (const [i, name] of EAST.entries())
    east.push(await subject(name, 0, i, i === 1 ? 'cooperative' : 'family_farm'));
  for (const [i, name] of WEST.entries()) await subject(name, 2, i, i === 0 ? 'cooperative' : 'family_farm');
  const [lon, lat] = county.villagePoints[0]!;
  for (const [day, verdict] of [
    ['2024-03-10', 'pass'],
    ['2025-06-01', 'fail'],
  ] as const) {
    await db.query(
      `INSERT INTO sample (code, kind, verdict, sampled_at, commodity, commodity_category, subject_id, geom)
       VALUES ($1, 'routine', $2, $3, '菠菜', 'vegetable', $4, ST_SetSRID(ST_MakePoint($5, $6), 4326))`,
      [uniqueCode('S'), verdict, `${day}T02:00:00Z`, east[0], lon, lat],
    );
  }
  await db.query(
    `INSERT INTO patrol (subject_id, inspector_name, patrolled_at, checklist, outcome, geom)
     VALUES ($1, '张伟', '2025-05-20T03:00:00Z', '{}', 'compliant',
             ST_SetSRID(ST_MakeLine(ST_MakePoint($2, $3), ST_MakePoint($2 + 0.001, $3 + 0.001)), 4326))`,
    [east[0], lon, lat],
  );
  // Soil samples over the east township, and a zoning run of it.
  const [w, s] = county.bbox;
  for (let k = 0; k < 8; k++) {
    await db.query(
      `INSERT INTO soil_sample (code, sampled_on, land_use, ph, cd_mgkg, geom)
       VALUES ($1, '2025-04-12', 'dry', 7.2, $2, ST_SetSRID(ST_MakePoint($3, $4), 4326))`,
      [uniqueCode('T'), 0.1 + k * 0.12, w + 0.02 + (k % 4) * 0.045, s + 0.05 + Math.floor(k / 4) * 0.25],
    );
  }
  const zoning = await request<{ id: number }>(admin.url, '/api/soil/runs', {
    method: 'POST',
    body: {
      name: '东镇 镉 分区',
      metal: 'cd',
      gridId: county.townshipIds[0],
      cellSize: 1000,
      interpolation: { method: 'idw', power: 2, maxNeighbors: 8 },
    },
  });
  expect(zoning.status, JSON.stringify(zoning.body)).toBe(201);
  runId = zoning.body.id;
}, 240_000);

afterAll(async () => {
  await Promise.all([admin, supervisor, small].map((s) => s?.close()));
  await db?.close();
  if (dir) fs.rmSync(dir, { recursive: true, force: true });
});

/** Downloads an export into the temporary directory; returns the response and the file's path. */
async function download(server: TestServer, query: string, file: string) {
  const res = await fetch(`${server.url}${query}`);
  const body = Buffer.from(await res.arrayBuffer());
  const target = path.join(dir, file);
  fs.writeFileSync(target, body);
  return { res, body, target };
}

/** ogrinfo's summary and features of the one layer of a file (a zipped shapefile through /vsizip/). */
async function ogrinfo(target: string, summaryOnly = false) {
  const source = target.endsWith('.zip') ? `/vsizip/${target}` : target;
  const { stdout, stderr } = await run('ogrinfo', ['-ro', '-al', ...(summaryOnly ? ['-so'] : []), source], {
    timeout: 60_000,
  });
  return { stdout, stderr };
}

const GDAL_GEOMETRY = {
  Point: 'Point',
  LineString: 'Line String',
  Polygon: 'Polygon',
  MultiPolygon: 'Multi Polygon',
} as const;

describe(`exports of the OGC collections as GeoJSON, Shapefile and GeoPackage (${testEngine()})`, () => {
  it('exports subjects as a GeoPackage that GDAL opens: layer, count, points, EPSG:4326 and Chinese text', async () => {
    const { res, target } = await download(
      admin,
      `/ogc/collections/subjects/export?f=gpkg&bbox=${bbox}`,
      'subjects.gpkg',
    );
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('application/geopackage+sqlite3');
    expect(res.headers.get('content-disposition')).toBe('attachment; filename="subjects.gpkg"');
    const { stdout, stderr } = await ogrinfo(target);
    expect(stderr).not.toMatch(/warning|error/i);
    expect(stdout).toContain('INFO: Open of');
    expect(stdout).toContain("using driver `GPKG' successful");
    expect(stdout).toContain('Layer name: subjects');
    expect(stdout).toContain('Geometry: Point');
    expect(stdout).toContain('Feature Count: 5');
    expect(stdout).toMatch(/GEOGCRS\["WGS 84"[\s\S]*ID\["EPSG",4326\]/);
    expect(stdout).toContain(`name (String) = ${EAST[0]}`);
    expect(stdout).toContain('village (String) = 一村');
    expect(stdout).toMatch(/key_list \(Integer\(Boolean\)\) = 0/);
  });

  it('exports subjects as a zipped Shapefile with a UTF-8 .cpg, read by GDAL with the Chinese names intact', async () => {
    const { res, target } = await download(
      admin,
      `/ogc/collections/subjects/export?f=shp&bbox=${bbox}`,
      'subjects.zip',
    );
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('application/zip');
    const list = await run('unzip', ['-l', target]);
    for (const ext of ['shp', 'shx', 'dbf', 'prj', 'cpg']) expect(list.stdout).toContain(`subjects.${ext}`);
    const { stdout } = await ogrinfo(target);
    expect(stdout).toContain('Layer name: subjects');
    expect(stdout).toContain('Geometry: Point');
    expect(stdout).toContain('Feature Count: 5');
    expect(stdout).toMatch(/GEOGCRS\["WGS 84"/);
    for (const name of [...EAST, ...WEST]) expect(stdout).toContain(`name (String) = ${name}`);
    // Long property names are cut to dBase's ten characters, keeping them apart.
    expect(stdout).toContain('issues_cer (String) = F'); // a dBase logical field, read by GDAL as text
    expect(stdout).toContain('township_c (String)');
  });

  it('streams GeoJSON with the same features and properties as the items endpoint', async () => {
    const { res, body, target } = await download(
      admin,
      `/ogc/collections/subjects/export?bbox=${bbox}`,
      'subjects.geojson',
    );
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('application/geo+json');
    const file = JSON.parse(body.toString('utf8')) as {
      features: { id: number; properties: Record<string, unknown> }[];
    };
    const items = await request<{ features: { id: number; properties: Record<string, unknown> }[] }>(
      admin.url,
      `/ogc/collections/subjects/items?bbox=${bbox}`,
    );
    expect(file.features).toHaveLength(5);
    expect(file.features.map((f) => f.id)).toEqual(items.body.features.map((f) => Number(f.id)));
    expect(file.features[0]!.properties).toEqual(items.body.features[0]!.properties);
    const { stdout } = await ogrinfo(target, true);
    expect(stdout).toContain('Feature Count: 5');
  });

  it('writes every collection in every format with its geometry type and feature count', async () => {
    const collections = await request<{ collections: { id: string }[] }>(admin.url, '/ogc/collections');
    const ids = collections.body.collections.map((c) => c.id);
    expect(ids).toEqual(expect.arrayContaining(['soil-zones', 'patrols', 'soil-samples', 'grids-township']));
    const expected: Record<string, { type: keyof typeof GDAL_GEOMETRY; query: string }> = {
      'grids-county': { type: 'MultiPolygon', query: `bbox=${bbox}` },
      'grids-township': { type: 'MultiPolygon', query: `bbox=${bbox}` },
      'grids-village': { type: 'MultiPolygon', query: `bbox=${bbox}` },
      subjects: { type: 'Point', query: `bbox=${bbox}` },
      samples: { type: 'Point', query: `bbox=${bbox}` },
      'soil-samples': { type: 'Point', query: `bbox=${bbox}` },
      'soil-zones': { type: 'Polygon', query: `run_id=${runId}` },
      patrols: { type: 'LineString', query: `bbox=${bbox}` },
    };
    expect(Object.keys(expected).sort()).toEqual([...ids].sort());
    for (const [id, { type, query }] of Object.entries(expected)) {
      const json = await request<{ features: unknown[] }>(
        admin.url,
        `/ogc/collections/${id}/export?${query}`,
      );
      expect(json.status, id).toBe(200);
      const count = json.body.features.length;
      expect(count, id).toBeGreaterThan(0);
      const layer = id.replaceAll('-', '_');
      for (const [f, ext] of [
        ['gpkg', 'gpkg'],
        ['shp', 'zip'],
      ] as const) {
        const { res, target } = await download(
          admin,
          `/ogc/collections/${id}/export?f=${f}&${query}`,
          `${layer}.${ext}`,
        );
        expect(res.status, `${id} ${f}`).toBe(200);
        const { stdout } = await ogrinfo(target, true);
        expect(stdout, `${id} ${f}`).toContain(`Layer name: ${layer}`);
        expect(stdout, `${id} ${f}`).toContain(`Feature Count: ${count}`);
        // A shapefile has one polygon type for polygons and multipolygons alike.
        const gdalType = f === 'shp' && type === 'MultiPolygon' ? 'Polygon' : GDAL_GEOMETRY[type];
        expect(stdout, `${id} ${f}`).toContain(`Geometry: ${gdalType}`);
        expect(stdout, `${id} ${f}`).toMatch(/GEOGCRS\["WGS 84"/);
      }
    }
    // The zones keep their Chinese class names and the run's name.
    const { target } = await download(
      admin,
      `/ogc/collections/soil-zones/export?f=gpkg&run_id=${runId}`,
      'zones.gpkg',
    );
    const { stdout } = await ogrinfo(target);
    expect(stdout).toContain('run_name (String) = 东镇 镉 分区');
    expect(stdout).toMatch(/class_zh \(String\) = (优先保护类|安全利用类|严格管控类|无数据)/);
  });

  it('applies the filters of the items endpoint: property, datetime and bbox', async () => {
    const cooperatives = await download(
      admin,
      `/ogc/collections/subjects/export?f=gpkg&bbox=${bbox}&type=cooperative`,
      'cooperatives.gpkg',
    );
    const { stdout } = await ogrinfo(cooperatives.target);
    expect(stdout).toContain('Feature Count: 2');
    expect(stdout).toContain(`name (String) = ${EAST[1]}`);
    expect(stdout).toContain(`name (String) = ${WEST[0]}`);
    const in2025 = await download(
      admin,
      `/ogc/collections/samples/export?f=shp&bbox=${bbox}&datetime=2025-01-01/..`,
      'samples.zip',
    );
    const samples = await ogrinfo(in2025.target);
    expect(samples.stdout).toContain('Feature Count: 1');
    expect(samples.stdout).toContain('verdict (String) = fail');
    expect(samples.stdout).toContain('commodity (String) = 菠菜');
    const [w, s, , n] = county.bbox;
    const westHalf = await request<{ features: { properties: { name: string } }[] }>(
      admin.url,
      `/ogc/collections/subjects/export?bbox=${w},${s},${w + 0.2},${n}`,
    );
    expect(westHalf.body.features.map((f) => f.properties.name).sort()).toEqual([...EAST].sort());
  });

  it('gives a township supervisor only the rows of that township, in every format', async () => {
    const json = await request<{ features: { properties: { name: string; township: string } }[] }>(
      supervisor.url,
      `/ogc/collections/subjects/export?bbox=${bbox}`,
    );
    expect(json.status).toBe(200);
    expect(json.body.features.map((f) => f.properties.name).sort()).toEqual([...WEST].sort());
    const gpkg = await download(supervisor, `/ogc/collections/subjects/export?f=gpkg`, 'west.gpkg');
    const shp = await download(supervisor, `/ogc/collections/subjects/export?f=shp`, 'west.zip');
    for (const target of [gpkg.target, shp.target]) {
      const { stdout } = await ogrinfo(target);
      expect(stdout, target).toContain('Feature Count: 2');
      for (const name of EAST) expect(stdout, target).not.toContain(name);
      expect(stdout, target).toContain(`township (String) = 西乡`);
    }
    // The other township's zoning run is not exported to this supervisor.
    const zones = await request<{ features: unknown[] }>(
      supervisor.url,
      `/ogc/collections/soil-zones/export?run_id=${runId}`,
    );
    expect(zones.body.features).toEqual([]);
  });

  it('refuses an export over the maximum with a bilingual message, and bad formats and parameters with 400', async () => {
    const tooMany = await request<ErrorBody>(
      small.url,
      `/ogc/collections/subjects/export?f=gpkg&bbox=${bbox}`,
      {
        headers: { 'accept-language': 'zh-CN' },
      },
    );
    expect(tooMany.status).toBe(413);
    expect(tooMany.body.error.code).toBe('EXPORT_TOO_LARGE');
    expect(tooMany.body.error.message).toContain('超过上限 3 个');
    const narrowed = await fetch(
      `${small.url}/ogc/collections/subjects/export?f=gpkg&bbox=${bbox}&type=cooperative`,
    );
    expect(narrowed.status).toBe(200);
    for (const query of ['f=kml', 'colour=red', 'limit=10', 'datetime=tomorrow', `bbox=1,2,3`]) {
      const res = await request<ErrorBody>(admin.url, `/ogc/collections/subjects/export?${query}`, {
        headers: { 'accept-language': 'en' },
      });
      expect(res.status, query).toBe(400);
      expect(res.body.error.code, query).toBe('VALIDATION_FAILED');
    }
    expect((await request(admin.url, '/ogc/collections/rockets/export')).status).toBe(404);
  });
});
