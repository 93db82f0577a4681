/**
 * Jurisdictions (issue 9), on both engines, over the demo county: two township supervisors of sibling townships
 * walk every route of the app. Anonymous requests are refused on every route but logging in, health and the
 * public boards; each supervisor reads and writes the records of its own township and gets nothing of the other
 * — not by id, not in lists, exports, OGC API features or vector tiles — and a write that would put a record in
 * the other township is refused with a message. A route added later with an id in its path fails this test until
 * it is listed below with the record of the other township it must refuse.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SubjectFeature } from '../../server/contracts/api';
import type { ErrorBody } from '../../server/contracts/errors';
import type { Db } from '../../server/src/db/engine';
import { openDemoTestDb } from '../support/demo-db';
import { uniqueCode } from '../support/fixtures';
import { request, sessionHeaders, startServer, type TestServer } from '../support/http';
import { testEngine } from '../support/test-db';
import { lonLatToTile } from '../../tiles/src/tile-coord';
import { decodeTile } from './tiles-support';
import { appRoutes, fillPath, type Route } from '../support/routes';

interface Township {
  id: number;
  villageId: number;
  subjectId: number;
  subjectCode: string;
  sampleId: number;
  soilSampleId: number;
  patrolId: number;
  point: [number, number];
}

let db: Db;
let admin: TestServer;
let serverA: TestServer;
let serverB: TestServer;
let A: Township;
let B: Township;
let soilRunB: number;
let soilZoneB: number;
let importOfB: number;
let planB: number;
let recordB: string;
let photoB: number;
let rosterBookB: string;
let viewB: number;
let caseB: number;

async function township(id: number): Promise<Township> {
  const one = async <R>(sql: string): Promise<R> => {
    const { rows } = await db.query<R>(sql, [id]);
    expect(rows[0], sql).toBeDefined();
    return rows[0] as R;
  };
  const inside = `grid_id IN (SELECT id FROM grid_unit WHERE parent_id = $1)`;
  const subject = await one<{ id: number; code: string; grid_id: number; lon: number; lat: number }>(
    `SELECT id::int, code, grid_id::int, ST_X(geom) AS lon, ST_Y(geom) AS lat FROM production_subject WHERE ${inside} AND retired_at IS NULL ORDER BY id LIMIT 1`,
  );
  return {
    id,
    villageId: subject.grid_id,
    subjectId: subject.id,
    subjectCode: subject.code,
    point: [subject.lon, subject.lat],
    sampleId: (await one<{ id: number }>(`SELECT id::int FROM sample WHERE ${inside} ORDER BY id LIMIT 1`))
      .id,
    soilSampleId: (
      await one<{ id: number }>(`SELECT id::int FROM soil_sample WHERE ${inside} ORDER BY id LIMIT 1`)
    ).id,
    patrolId: (await one<{ id: number }>(`SELECT id::int FROM patrol WHERE ${inside} ORDER BY id LIMIT 1`))
      .id,
  };
}

beforeAll(async () => {
  db = await openDemoTestDb();
  const { rows } = await db.query<{ id: number }>(
    `SELECT t.id::int FROM grid_unit t JOIN grid_unit c ON c.id = t.parent_id AND c.code = '652399000000'
     WHERE t.level = 'township' ORDER BY t.code LIMIT 2`,
  );
  A = await township(rows[0]!.id);
  B = await township(rows[1]!.id);
  admin = await startServer(db);
  const suffix = Date.now().toString(36);
  serverA = await startServer(
    db,
    {},
    {
      as: { username: `sup-a-${suffix}`, role: 'township_supervisor', jurisdictionId: A.id },
    },
  );
  serverB = await startServer(
    db,
    {},
    {
      as: { username: `sup-b-${suffix}`, role: 'township_supervisor', jurisdictionId: B.id },
    },
  );
  // A zoning run over township B (the administrator's), and an upload of B's supervisor.
  const run = await request<{ id: number; zones?: { id: number }[] }>(admin.url, '/api/soil/runs', {
    method: 'POST',
    body: {
      name: 'B 镉',
      metal: 'cd',
      gridId: B.id,
      cellSize: 500,
      interpolation: { method: 'idw', power: 2, maxNeighbors: 12 },
    },
  });
  expect(run.status, JSON.stringify(run.body)).toBe(201);
  soilRunB = run.body.id;
  soilZoneB = (
    await db.query<{ id: number }>('SELECT id::int FROM soil_zone WHERE run_id = $1 ORDER BY id LIMIT 1', [
      soilRunB,
    ])
  ).rows[0]!.id;
  const form = new FormData();
  form.append('file', new Blob(['名称,类型\n某农场,family_farm\n'], { type: 'text/csv' }), 'b.csv');
  const upload = await fetch(`${serverB.url}/api/imports`, {
    method: 'POST',
    headers: sessionHeaders(serverB.session!),
    body: form,
  });
  const uploaded = (await upload.json()) as { id?: number };
  expect(upload.status, JSON.stringify(uploaded)).toBe(201);
  importOfB = uploaded.id!;
  // A patrol plan for township B, and a patrol record with a photo by B's supervisor.
  const plan = await request<{ id: number }>(admin.url, '/api/patrols/plans', {
    method: 'POST',
    body: { gridId: B.id, days: 1, maxStopsPerDay: 5 },
  });
  expect(plan.status, JSON.stringify(plan.body)).toBe(201);
  planB = plan.body.id;
  // An enforcement case against a subject of township B.
  caseB = (
    await db.query<{ id: number }>(
      `INSERT INTO enforcement_case (case_number, subject_id, opened_on, cause)
       VALUES ($1, $2, '2025-05-01', 'other') RETURNING id::int`,
      [`JUR-${suffix}`, B.subjectId],
    )
  ).rows[0]!.id;
  recordB = randomUUID();
  const record = await request(serverB.url, `/api/patrols/records/${recordB}`, {
    method: 'PUT',
    body: patrolRecordOfB(),
  });
  expect(record.status, JSON.stringify(record.body)).toBe(201);
  const photo = new FormData();
  photo.append(
    'file',
    new Blob([new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, ...new Array(64).fill(7)])]),
    'photo.png',
  );
  const photoUpload = await fetch(
    `${serverB.url}/api/patrols/photos?record=${recordB}&photo=${randomUUID()}`,
    {
      method: 'POST',
      headers: sessionHeaders(serverB.session!),
      body: photo,
    },
  );
  const photoBody = (await photoUpload.json()) as { id: number };
  expect(photoUpload.status, JSON.stringify(photoBody)).toBe(201);
  photoB = photoBody.id;
  // A saved view of B's supervisor (issue 8 presentation decks).
  const view = await request<{ id: number }>(serverB.url, '/api/views', {
    method: 'POST',
    body: {
      name: '乙镇视图',
      deck: '例会',
      state: {
        workspace: 'dashboard',
        layers: ['township'],
        camera: { center: B.point, zoom: 10 },
        period: { from: '2024-01-01', to: '2024-12-31' },
        level: 'village',
        parentId: B.id,
        indicator: 'pass_rate',
        selectedGridId: null,
      },
    },
  });
  expect(view.status, JSON.stringify(view.body)).toBe(201);
  viewB = view.body.id;
  const book = await fetch(`${serverB.url}/api/grids/${B.villageId}/roster.xlsx`);
  expect(book.status).toBe(200);
  rosterBookB = Buffer.from(await book.arrayBuffer()).toString('base64');
}, 300_000);

afterAll(async () => {
  await Promise.all([admin, serverA, serverB].map((s) => s?.close()));
  await db?.close();
});

/** Routes anyone may call: logging in and out, the health probe, public information boards. */
const PUBLIC = [
  /^POST \/api\/auth\/(login|logout)$/,
  /^GET \/api\/health$/,
  /^GET \/board\//,
  /^GET \/\*/,
  /^GET \/$/,
];

const CHECKS = [
  'production_records',
  'input_purchase',
  'drug_use',
  'additives',
  'waste_disposal',
  'certificates',
  'other',
];

/** A patrol record of a subject of township B, as its supervisor's phone syncs it. */
function patrolRecordOfB() {
  return {
    gridId: B.id,
    subjectId: B.subjectId,
    inspectorName: '乙镇监管员',
    patrolledAt: new Date(Date.now() - 3600_000).toISOString(),
    checklist: Object.fromEntries(CHECKS.map((c) => [c, { status: c === 'other' ? 'na' : 'ok' }])),
    outcome: 'compliant',
  };
}

/** A valid body for each state-changing route with parameters, so that refusals come from the jurisdiction. */
function bodyFor(route: Route): unknown {
  if (/\/roster$/.test(route.path)) return { people: [], known: [] };
  if (/\/roster\.xlsx$/.test(route.path)) return { file: rosterBookB, dryRun: true };
  if (/^\/api\/patrols\/records\//.test(route.path)) return patrolRecordOfB();
  if (/\/(retire|restore)$/.test(route.path)) return { version: 1, reason: '核查' };
  if (/^\/api\/imports\/:id\/(preview|commit)$/.test(route.path)) return { target: 'subjects' };
  if (/^\/api\/cases\/from-patrol\//.test(route.path)) return { caseNumber: 'JUR-A-1' };
  if (/^\/api\/patrols\/plans\/:id\/cancel$/.test(route.path)) return { version: 1, reason: '核查' };
  if (route.method === 'PATCH' && /^\/api\/soil\/runs\/:id$/.test(route.path))
    return { version: 1, name: '核查' };
  if (/^\/api\/patrols\/plans\/:id$/.test(route.path))
    return { version: 1, routes: [{ day: 1, subjectIds: [] }] };
  return { version: 1 };
}

/** For each route with parameters: the values naming a record of township B (which A must not get). */
function paramsOfB(route: Route): Record<string, string> | 'not-jurisdictional' | null {
  const p = route.path;
  if (/^\/api\/admin\//.test(p)) return 'not-jurisdictional'; // administrators only (403 for supervisors)
  if (/^\/api\/soil\/standards\//.test(p)) return 'not-jurisdictional'; // the national standard, read by all
  if (/^\/api\/grids\/changes\//.test(p)) return 'not-jurisdictional'; // write: covered by the grid policies
  if (/^\/api\/grids\/:id/.test(p)) return { id: String(B.villageId) };
  if (/^\/api\/subjects\/:id/.test(p)) return { id: String(B.subjectId) };
  if (/^\/api\/samples\/:id/.test(p)) return { id: String(B.sampleId) };
  if (/^\/api\/soil-samples\/:id/.test(p)) return { id: String(B.soilSampleId) };
  if (/^\/api\/patrols\/:id/.test(p)) return { id: String(B.patrolId) };
  if (/^\/api\/soil\/runs\/:id/.test(p)) return { id: String(soilRunB), layer: 'prediction' };
  if (/^\/api\/soil\/zones\/:id/.test(p)) return { id: String(soilZoneB) };
  if (/^\/api\/imports\/:id/.test(p)) return { id: String(importOfB) };
  if (/^\/api\/patrols\/plans\/:id/.test(p)) return { id: String(planB) };
  if (/^\/api\/patrols\/records\/:clientId/.test(p)) return { clientId: recordB };
  if (/^\/api\/patrols\/photos\/:id/.test(p)) return { id: String(photoB) };
  if (/^\/api\/views\/:id/.test(p)) return { id: String(viewB) };
  if (/^\/api\/cases\/from-patrol\/:id/.test(p)) return { id: String(B.patrolId) };
  if (/^\/api\/cases\/:id/.test(p)) return { id: String(caseB) };
  // The indicator names a statistic, not a record; the grid it is asked for is checked below.
  if (/^\/api\/indicators\/:indicator\//.test(p)) return 'not-jurisdictional';
  if (/^\/ogc\/collections\/:id\/items\/:featureId$/.test(p))
    return { id: 'subjects', featureId: String(B.subjectId) };
  if (/^\/ogc\/collections\/:id/.test(p)) return 'not-jurisdictional'; // collection metadata; items are checked below
  if (/^\/tiles\//.test(p)) return 'not-jurisdictional'; // tiles are checked below, by content
  if (/^\/board\//.test(p)) return 'not-jurisdictional';
  return null;
}

const fill = (path: string, params: Record<string, string>) => fillPath(path, params);

describe(`jurisdictions: two sibling township supervisors walk every route (${testEngine()})`, () => {
  it('refuses every route but login, health and public boards to anonymous callers (401)', async () => {
    const routes = appRoutes(db);
    expect(routes.length).toBeGreaterThan(60);
    const open: string[] = [];
    for (const route of routes) {
      const key = `${route.method} ${route.path}`;
      if (PUBLIC.some((r) => r.test(key))) continue;
      const res = await fetch(
        `${admin.url}${fill(route.path, { layer: 'samples', z: '1', x: '1', file: '1.mvt' })}`,
        {
          method: route.method,
          headers: { cookie: 'anonymous=1', 'content-type': 'application/json' },
          ...(route.method === 'GET' || route.method === 'HEAD' ? {} : { body: '{}' }),
        },
      );
      if (res.status !== 401) open.push(`${key} → ${res.status}`);
    }
    expect(open).toEqual([]);
  });

  it('answers 403 or 404 to every route that names a record of the other township', async () => {
    const leaks: string[] = [];
    const unlisted: string[] = [];
    for (const route of appRoutes(db)) {
      if (!route.path.includes(':')) continue;
      const key = `${route.method} ${route.path}`;
      if (PUBLIC.some((r) => r.test(key))) continue;
      const params = paramsOfB(route);
      if (params === 'not-jurisdictional') continue;
      if (params === null) {
        unlisted.push(key);
        continue;
      }
      const res = await request(serverA.url, fill(route.path, params), {
        method: route.method,
        ...(route.method === 'GET' ? {} : { body: bodyFor(route) }),
      });
      // A body that names a grid of the other township may also be refused as invalid, saying why (400).
      const refusedAsOutside = res.status === 400 && JSON.stringify(res.body).includes('辖区');
      if (![403, 404].includes(res.status) && !refusedAsOutside)
        leaks.push(`${key} → ${res.status} ${JSON.stringify(res.body).slice(0, 300)}`);
      // The same route as B's own supervisor is not refused for jurisdiction (reads of B's records succeed).
      if (route.method === 'GET') {
        const own = await request(serverB.url, fill(route.path, params));
        if (own.status === 403 || own.status === 404)
          leaks.push(`${key} refused to its own township: ${own.status}`);
      }
    }
    expect(unlisted, 'routes with parameters must be listed in paramsOfB').toEqual([]);
    expect(leaks).toEqual([]);
  });

  it('lists, exports and serves as features only the own township’s records', async () => {
    const registry = await request<{ items: { id: number }[]; total: number }>(
      serverA.url,
      '/api/registry/subjects?limit=500',
    );
    expect(registry.status).toBe(200);
    const listed = registry.body.items.map((s) => s.id);
    expect(listed).toContain(A.subjectId);
    expect(listed).not.toContain(B.subjectId);

    const samples = await request<{ features: { id: number }[] }>(serverA.url, '/api/samples');
    expect(samples.status).toBe(200);
    expect(samples.body.features.map((f) => f.id)).not.toContain(B.sampleId);

    const ogc = await request<{ features: { id: number }[] }>(
      serverA.url,
      '/ogc/collections/subjects/items?limit=10000',
    );
    expect(ogc.status).toBe(200);
    const ogcIds = ogc.body.features.map((f) => Number(f.id));
    expect(ogcIds).toContain(A.subjectId);
    expect(ogcIds).not.toContain(B.subjectId);
    // The file exports (GeoJSON here; Shapefile and GeoPackage read the same rows, see ogc-export.test.ts).
    const exported = await request<{ features: { id: number }[] }>(
      serverA.url,
      '/ogc/collections/subjects/export?f=geojson',
    );
    expect(exported.status).toBe(200);
    const exportedIds = exported.body.features.map((f) => Number(f.id));
    expect(exportedIds).toContain(A.subjectId);
    expect(exportedIds).not.toContain(B.subjectId);

    // Grids: the own township, its villages and the county above it — not the sibling township.
    const grids = await request<{ id: number }[]>(serverA.url, '/api/grids?level=township');
    expect(grids.status).toBe(200);
    expect(grids.body.map((g) => Number(g.id))).toEqual([A.id]);
    const county = await request<{ id: number }[]>(serverA.url, '/api/grids?level=county');
    expect(county.body).toHaveLength(1);

    const behind = await request(
      serverA.url,
      `/api/indicators/pass_rate/records?gridId=${B.villageId}&from=2024-01-01&to=2024-12-31`,
    );
    expect(behind.status).toBe(404);
    const indicators = await request(
      serverA.url,
      `/api/indicators?level=village&parentId=${B.id}&from=2024-01-01&to=2024-12-31`,
    );
    expect([403, 404]).toContain(indicators.status);

    const xlsx = await fetch(`${serverA.url}/api/registry/subjects.xlsx`);
    expect(xlsx.status).toBe(200);
    const text = Buffer.from(await xlsx.arrayBuffer());
    expect(text.length).toBeGreaterThan(0);
  });

  it('builds vector tiles with the own township’s subjects only, and never serves one account’s tile to another', async () => {
    const tile = lonLatToTile(B.point[0], B.point[1], 14);
    const path = `/tiles/subjects/${tile.z}/${tile.x}/${tile.y}.mvt`;
    const asB = await fetch(`${serverB.url}${path}`);
    expect(asB.status).toBe(200);
    const idsB = decodeTile(new Uint8Array(await asB.arrayBuffer())).map((f) => f.id);
    expect(idsB).toContain(B.subjectId);
    const asA = await fetch(`${serverA.url}${path}`, {
      headers: { 'if-none-match': asB.headers.get('etag')! },
    });
    expect(asA.status === 204 || asA.status === 200).toBe(true);
    const idsA =
      asA.status === 204 ? [] : decodeTile(new Uint8Array(await asA.arrayBuffer())).map((f) => f.id);
    expect(idsA).not.toContain(B.subjectId);
    expect(asA.headers.get('etag')).not.toBe(asB.headers.get('etag'));
    expect(asA.headers.get('cache-control')).toContain('private');
  });

  it('lets a supervisor edit its own subject but not the other township’s, and refuses to register one there', async () => {
    const own = await request<SubjectFeature>(serverA.url, `/api/subjects/${A.subjectId}`);
    expect(own.status).toBe(200);
    const other = await request<ErrorBody>(serverA.url, `/api/subjects/${B.subjectId}`, {
      method: 'PATCH',
      body: { version: 1, properties: { phone: '13900000000' } },
    });
    expect(other.status).toBe(404);

    const placedThere = await request<ErrorBody>(serverA.url, '/api/subjects', {
      method: 'POST',
      headers: { 'accept-language': 'zh-CN' },
      body: {
        type: 'Feature',
        geometry: { type: 'Point', coordinates: B.point },
        properties: { code: uniqueCode('J'), name: '越界农场', type: 'family_farm' },
      },
    });
    expect(placedThere.status).toBe(403);
    expect(placedThere.body.error.code).toBe('OUTSIDE_JURISDICTION');
    expect(placedThere.body.error.message).toContain('管辖范围');
    const { rows } = await db.query(`SELECT 1 FROM production_subject WHERE name = '越界农场'`);
    expect(rows).toEqual([]);

    const placedHere = await request<SubjectFeature>(serverA.url, '/api/subjects', {
      method: 'POST',
      body: {
        type: 'Feature',
        geometry: { type: 'Point', coordinates: A.point },
        properties: { code: uniqueCode('J'), name: '辖区内农场', type: 'family_farm' },
      },
    });
    expect(placedHere.status, JSON.stringify(placedHere.body)).toBe(201);
    // Audited with the account as actor.
    const audit = await db.query<{ actor: string }>(
      `SELECT actor FROM audit_log WHERE table_name = 'production_subject' AND row_key = $1 AND action = 'insert'`,
      [String(placedHere.body.id)],
    );
    expect(audit.rows.map((r) => r.actor)).toEqual([serverA.session!.account.username]);
  });

  it('refuses a roster change of the other township and hides its audit log from supervisors', async () => {
    const roster = await request(serverA.url, `/api/grids/${B.villageId}/roster`, {
      method: 'PUT',
      body: { people: [], known: [] },
    });
    expect([403, 404]).toContain(roster.status);
    const audit = await request(serverA.url, '/api/audit');
    expect(audit.status).toBe(403);
    const asAdmin = await request<{ entries: unknown[] }>(
      admin.url,
      '/api/audit?table=production_subject&limit=5',
    );
    expect(asAdmin.status).toBe(200);
    expect(asAdmin.body.entries.length).toBeGreaterThan(0);
  });
});
