/** Grids through the API: lists by level and parent, and one grid with its parent, roster and unstaffed roles. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { GridFeature, GridSummary } from '../../server/contracts/api';
import type { Db } from '../../server/src/db/engine';
import { type FixtureCounty, makeCounty } from '../support/fixtures';
import { request, startServer, type TestServer } from '../support/http';
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

describe(`grids API (${testEngine()})`, () => {
  it('lists the villages of a township ordered by code', async () => {
    const res = await request<GridSummary[]>(server.url, `/api/grids?parentId=${county.townshipIds[0]}`);
    expect(res.status).toBe(200);
    expect(res.body.map((g) => g.name)).toEqual(['一村', '二村']);
    expect(res.body.every((g) => g.level === 'village' && g.parentId === county.townshipIds[0])).toBe(true);
  });

  it('refuses an unknown level filter', async () => {
    const res = await request(server.url, '/api/grids?level=province');
    expect(res.status).toBe(400);
  });

  it('returns a village as a GeoJSON Feature with its parent, area, population and roster', async () => {
    const res = await request<GridFeature>(server.url, `/api/grids/${county.villageIds[0]}`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('application/geo+json');
    const grid = res.body;
    expect(grid.type).toBe('Feature');
    expect(grid.geometry?.type).toBe('MultiPolygon');
    expect(grid.properties).toMatchObject({
      name: '一村',
      level: 'village',
      population: 1000,
      parent: { id: county.townshipIds[0], name: '东镇', level: 'township' },
      childCount: 0,
      missingRoles: [],
    });
    expect(grid.properties.roster).toEqual([
      expect.objectContaining({
        role: 'village_coordinator',
        roleNameZh: '协管员',
        name: '协管员1',
        post: '村委委员',
        phone: '13900000010',
      }),
    ]);
    // A 0.2° × 0.2° cell: 0.2° of latitude ≈ 22.15 km; of longitude ≈ 22.26 km × cos(latitude at its centre).
    const centreLat = county.bbox[1] + 0.1;
    const expected = 22.15 * 22.26 * Math.cos((centreLat * Math.PI) / 180);
    expect(grid.properties.areaKm2).toBeGreaterThan(expected * 0.99);
    expect(grid.properties.areaKm2).toBeLessThan(expected * 1.01);
  });

  it('lists the county roster in the roster table’s order: first responsible person, then responsible person', async () => {
    const res = await request<GridFeature>(server.url, `/api/grids/${county.countyId}`);
    expect(res.body.properties.roster.map((p) => [p.roleNameZh, p.name])).toEqual([
      ['监管第一责任人', '王建国'],
      ['监管责任人', '李红'],
    ]);
    expect(res.body.properties.childCount).toBe(2);
  });

  it('names the required roles an unstaffed grid lacks', async () => {
    const bare = await makeCounty(db, { staffed: false });
    const res = await request<GridFeature>(server.url, `/api/grids/${bare.townshipIds[1]}`);
    expect(res.body.properties.roster).toEqual([]);
    expect(res.body.properties.missingRoles.map((r) => r.role)).toEqual([
      'township_supervisor',
      'township_tester',
    ]);
  });
});
