/**
 * Grid planning on both engines: every topology rule, snapping and slivers, subjects following their grid, the 409,
 * split, merge, delete, history "as of" and revert. Each test makes its own county (fixtures.ts).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EditResult, ParentTopology } from '../../server/contracts/grids';
import type { Db } from '../../server/src/db/engine';
import { type FixtureCounty, makeCounty, uniqueCode } from '../support/fixtures';
import { request, startServer, type TestServer, TEST_ADMIN } from '../support/http';
import { openTestDb } from '../support/test-db';

let db: Db;
let server: TestServer;

beforeAll(async () => {
  db = await openTestDb();
  server = await startServer(db);
}, 120_000);

afterAll(async () => {
  await server?.close();
  await db?.close();
});

type Ring = [number, number][];
const polygon = (ring: Ring) => ({
  type: 'Polygon' as const,
  coordinates: [[...ring, ring[0] as [number, number]]],
});
const box = (w: number, s: number, e: number, n: number) =>
  polygon([
    [w, s],
    [e, s],
    [e, n],
    [w, n],
  ]);

/** Geometry of the fixture: township 1 is the west half, its village 一村 the south and 二村 the north quarter. */
function layout(county: FixtureCounty) {
  const [w, s, e, n] = county.bbox;
  const mid = Number(((w + e) / 2).toFixed(6));
  const midLat = Number(((s + n) / 2).toFixed(6));
  return { w, s, e, n, mid, midLat };
}

async function addSubject(county: FixtureCounty, at: [number, number]): Promise<number> {
  const { rows } = await db.query<{ id: number }>(
    `INSERT INTO production_subject (code, name, type, geom) VALUES ($1, $2, 'family_farm', ST_SetSRID(ST_Point($3, $4), 4326)) RETURNING id`,
    [uniqueCode('G'), `家庭农场${at.join(',')}`, at[0], at[1]],
  );
  return (rows[0] as { id: number }).id;
}

async function gridOf(subjectId: number): Promise<number | null> {
  const { rows } = await db.query<{ grid: number | null }>(
    'SELECT grid_id AS grid FROM production_subject WHERE id = $1',
    [subjectId],
  );
  return rows[0]?.grid ?? null;
}

async function version(id: number): Promise<number> {
  const { rows } = await db.query<{ version: number }>('SELECT version FROM grid_unit WHERE id = $1', [id]);
  return rows[0]?.version ?? 0;
}

async function topology(parentId: number): Promise<ParentTopology> {
  return (await request<ParentTopology>(server.url, `/api/grids/${parentId}/topology`)).body;
}

describe('the topology check of a level', () => {
  it('reports a parent tiled exactly by its children as 100 % covered with no problem', async () => {
    const county = await makeCounty(db);
    const result = await topology(county.townshipIds[0]);
    expect(result.coveragePct).toBe(100);
    expect(result.problems).toEqual([]);
    expect(result.childCount).toBe(2);
  });

  it('finds a gap, an overlap and a part outside the parent with their areas in m² and mu', async () => {
    const county = await makeCounty(db);
    const { w, s, mid, midLat, n } = layout(county);
    // Written past the service: 一村 shrinks (a gap along the west edge), 二村 reaches into 一村 and past the township.
    await db.query(
      `UPDATE grid_unit SET geom = ST_Multi(ST_MakeEnvelope($2, $3, $4, $5, 4326)) WHERE id = $1`,
      [county.villageIds[0], w + 0.01, s, mid, midLat],
    );
    await db.query(
      `UPDATE grid_unit SET geom = ST_Multi(ST_MakeEnvelope($2, $3, $4, $5, 4326)) WHERE id = $1`,
      [county.villageIds[1], w, midLat - 0.01, mid + 0.01, n],
    );
    const result = await topology(county.townshipIds[0]);
    const kinds = result.problems.map((p) => p.kind).sort();
    expect(kinds).toEqual(['gap', 'outside', 'overlap']);
    const overlap = result.problems.find((p) => p.kind === 'overlap');
    // 0.01° × (mid − w − 0.01)° at latitude ≈ s + 0.19: compare with PostGIS's own geodesic area of the same box.
    const { rows } = await db.query<{ m2: number }>(
      `SELECT ST_Area(ST_MakeEnvelope($1, $2, $3, $4, 4326)::geography) AS m2`,
      [w + 0.01, midLat - 0.01, mid, midLat],
    );
    expect(overlap?.area.m2).toBeCloseTo(rows[0]?.m2 ?? 0, 0);
    expect(overlap?.area.mu).toBeCloseTo((rows[0]?.m2 ?? 0) / (10000 / 15), 1);
    expect(overlap?.gridIds.sort()).toEqual([...county.villageIds.slice(0, 2)].sort());
    expect(result.coveragePct).toBeLessThan(100);
    expect(result.gapArea.m2).toBeGreaterThan(0);
  });
});

describe('drawing a new grid', () => {
  it('refuses a grid overlapping a sibling, says by how much, and writes nothing', async () => {
    const county = await makeCounty(db);
    const { w, s, mid, midLat } = layout(county);
    const before = await db.query('SELECT count(*)::int AS n FROM grid_unit WHERE parent_id = $1', [
      county.townshipIds[0],
    ]);
    const response = await request<{
      error: {
        code: string;
        message: string;
        details: { problems: { kind: string; area: { m2: number; mu: number } }[] };
      };
    }>(server.url, '/api/grids', {
      method: 'POST',
      body: { parentId: county.townshipIds[0], name: '新村', geometry: box(w, s, (w + mid) / 2, midLat) },
    });
    expect(response.status).toBe(422);
    expect(response.body.error.code).toBe('TOPOLOGY_CONFLICT');
    expect(response.body.error.message).toMatch(/重叠 .* m²（.* 亩）/);
    expect(response.body.error.details.problems[0]?.kind).toBe('overlap');
    expect(response.body.error.details.problems[0]?.area.mu).toBeGreaterThan(0);
    const after = await db.query('SELECT count(*)::int AS n FROM grid_unit WHERE parent_id = $1', [
      county.townshipIds[0],
    ]);
    expect(after.rows).toEqual(before.rows);
  });

  it('carves the area out of the neighbour when asked, keeping the township tiled, and moves the subjects inside', async () => {
    const county = await makeCounty(db);
    const { w, s, mid, midLat } = layout(county);
    const inside = await addSubject(county, [w + 0.05, s + 0.05]);
    const outsideIt = await addSubject(county, [mid - 0.02, s + 0.02]);
    const body = {
      parentId: county.townshipIds[0],
      name: '新村',
      overlap: 'carve',
      geometry: box(w, s, (w + mid) / 2, midLat),
    };
    const preview = await request<EditResult>(server.url, '/api/grids/preview', {
      method: 'POST',
      body: { op: 'create', ...body },
    });
    expect(preview.status).toBe(200);
    expect(preview.body.moves.map((m) => m.id)).toEqual([inside]);
    expect(preview.body.moveSummary).toEqual([{ from: '一村', to: '新村', count: 1 }]);
    expect(await gridOf(inside)).toBe(county.villageIds[0]); // a preview writes nothing

    const saved = await request<EditResult>(server.url, '/api/grids', { method: 'POST', body });
    expect(saved.status).toBe(201);
    const newId = saved.body.created[0] as number;
    expect(await gridOf(inside)).toBe(newId);
    expect(await gridOf(outsideIt)).toBe(county.villageIds[0]);
    expect(saved.body.adjusted).toContainEqual({ id: county.villageIds[0], name: '一村', reason: 'carved' });
    expect(saved.body.topology.coveragePct).toBe(100);
    expect(saved.body.topology.problems).toEqual([]);
    const { rows } = await db.query<{ code: string }>('SELECT code FROM grid_unit WHERE id = $1', [newId]);
    expect(rows[0]?.code.slice(0, 9)).toBe(`${county.countyCode.slice(0, 6)}100`);
    expect(Number(rows[0]?.code.slice(9))).toBeGreaterThanOrEqual(203); // after 201, 202 (村委会 range)
  });

  it('refuses a self-intersecting boundary with where it crosses and a repaired version', async () => {
    const county = await makeCounty(db);
    const { w, s, mid, midLat } = layout(county);
    const bowtie = polygon([
      [w, s],
      [mid, midLat],
      [mid, s],
      [w, midLat],
    ]);
    const response = await request<{
      error: {
        code: string;
        message: string;
        details: { location: [number, number]; repaired: { type: string } }[];
      };
    }>(server.url, '/api/grids', {
      method: 'POST',
      body: { parentId: county.townshipIds[0], name: '坏村', geometry: bowtie },
    });
    expect(response.status).toBe(422);
    expect(response.body.error.code).toBe('INVALID_GEOMETRY');
    expect(response.body.error.message).toContain('自相交');
    const [x, y] = response.body.error.details[0]?.location ?? [0, 0];
    expect(x).toBeCloseTo((w + mid) / 2, 5);
    expect(y).toBeCloseTo((s + midLat) / 2, 5);
    expect(response.body.error.details[0]?.repaired.type).toBe('MultiPolygon');
  });

  it('refuses a grid reaching far outside its parent and clips one that sticks out by a sliver', async () => {
    const county = await makeCounty(db);
    const { w, s, mid, midLat } = layout(county);
    await db.query('DELETE FROM grid_person WHERE grid_id = $1', [county.villageIds[0]]);
    await db.query('DELETE FROM grid_unit WHERE id = $1', [county.villageIds[0]]); // leaves the south quarter open
    const far = await request<{ error: { code: string; message: string } }>(server.url, '/api/grids', {
      method: 'POST',
      body: { parentId: county.townshipIds[0], name: '越界村', geometry: box(w - 0.05, s, mid, midLat) },
    });
    expect(far.status).toBe(422);
    expect(far.body.error.message).toContain('超出上级网格');
    // 2e-6° ≈ 0.2 m beyond the west edge over 22 km: ≈ 4,400 m² — allowed with a larger sliver setting, then clipped.
    const near = await request<EditResult>(server.url, '/api/grids', {
      method: 'POST',
      body: {
        parentId: county.townshipIds[0],
        name: '贴边村',
        sliverM2: 10_000,
        geometry: box(w - 2e-6, s, mid, midLat),
      },
    });
    expect(near.status).toBe(201);
    expect(near.body.topology.problems).toEqual([]);
    expect(near.body.topology.coveragePct).toBe(100);
  });

  it('snaps a boundary drawn within a metre of the neighbour so the shared border is identical', async () => {
    const county = await makeCounty(db);
    const { w, s, mid, midLat } = layout(county);
    await db.query('DELETE FROM grid_person WHERE grid_id = $1', [county.villageIds[0]]);
    await db.query('DELETE FROM grid_unit WHERE id = $1', [county.villageIds[0]]);
    // Its north edge stops 0.5 m (4.5e-6°) short of 二村: without snapping a 0.5 m × 22 km gap would remain.
    const saved = await request<EditResult>(server.url, '/api/grids', {
      method: 'POST',
      body: { parentId: county.townshipIds[0], name: '吸附村', geometry: box(w, s, mid, midLat - 4.5e-6) },
    });
    expect(saved.status).toBe(201);
    expect(saved.body.topology.problems).toEqual([]);
    const { rows } = await db.query<{ shared: number }>(
      `SELECT ST_Length(ST_Intersection(ST_Boundary(a.geom), ST_Boundary(b.geom))::geography) AS shared
       FROM grid_unit a, grid_unit b WHERE a.id = $1 AND b.id = $2`,
      [saved.body.created[0], county.villageIds[1]],
    );
    expect(rows[0]?.shared).toBeGreaterThan(15_000); // the whole 0.2° edge is one shared line
  });

  it('absorbs a sliver gap next to the new grid instead of leaving it', async () => {
    const county = await makeCounty(db);
    const { w, s, mid, midLat } = layout(county);
    await db.query('DELETE FROM grid_person WHERE grid_id = $1', [county.villageIds[0]]);
    await db.query('DELETE FROM grid_unit WHERE id = $1', [county.villageIds[0]]);
    // 3e-5° (≈ 2.9 m at 29°N) short of the east edge: beyond the snap tolerance, a 2.9 m × 22 km sliver of ≈ 65,000 m².
    const saved = await request<EditResult>(server.url, '/api/grids', {
      method: 'POST',
      body: {
        parentId: county.townshipIds[0],
        name: '补缝村',
        sliverM2: 100_000,
        geometry: box(w, s, mid - 3e-5, midLat),
      },
    });
    expect(saved.status).toBe(201);
    expect(saved.body.topology.coveragePct).toBe(100);
  });
});

describe('redrawing a boundary', () => {
  it('gives the area a grid releases to the neighbour and moves the subjects there, in the same save', async () => {
    const county = await makeCounty(db);
    const { w, s, mid, midLat } = layout(county);
    const subject = await addSubject(county, [w + 0.1, midLat - 0.02]);
    expect(await gridOf(subject)).toBe(county.villageIds[0]);
    const saved = await request<EditResult>(server.url, `/api/grids/${county.villageIds[0]}`, {
      method: 'PATCH',
      body: { version: await version(county.villageIds[0]), geometry: box(w, s, mid, midLat - 0.05) },
    });
    expect(saved.status).toBe(200);
    expect(saved.body.adjusted).toContainEqual({
      id: county.villageIds[1],
      name: '二村',
      reason: 'absorbed',
    });
    expect(saved.body.moveSummary).toEqual([{ from: '一村', to: '二村', count: 1 }]);
    expect(await gridOf(subject)).toBe(county.villageIds[1]);
    expect(saved.body.topology.coveragePct).toBe(100);
    expect(saved.body.topology.problems).toEqual([]);
  });

  it('answers 409 naming who changed the grid and when, and overwrites nothing', async () => {
    const county = await makeCounty(db);
    const id = county.villageIds[0];
    const loaded = await version(id);
    const first = await request(server.url, `/api/grids/${id}`, {
      method: 'PATCH',
      body: { version: loaded, name: '一村（改）' },
    });
    expect(first.status).toBe(200);
    const second = await request<{
      error: { code: string; message: string; details: { updatedBy: string; updatedAt: string } };
    }>(server.url, `/api/grids/${id}`, { method: 'PATCH', body: { version: loaded, name: '一村（再改）' } });
    expect(second.status).toBe(409);
    expect(second.body.error.code).toBe('VERSION_CONFLICT');
    expect(second.body.error.details.updatedBy).toBe(TEST_ADMIN.username);
    expect(second.body.error.message).toContain(TEST_ADMIN.username);
    expect(second.body.error.message).toContain(second.body.error.details.updatedAt);
    const { rows } = await db.query<{ name: string }>('SELECT name FROM grid_unit WHERE id = $1', [id]);
    expect(rows[0]?.name).toBe('一村（改）');
  });

  it('carries a new township code into its villages’ codes', async () => {
    const county = await makeCounty(db);
    const prefix = county.countyCode.slice(0, 6);
    const response = await request(server.url, `/api/grids/${county.townshipIds[0]}`, {
      method: 'PATCH',
      body: { version: await version(county.townshipIds[0]), code: `${prefix}101000` },
    });
    expect(response.status).toBe(200);
    const { rows } = await db.query<{ code: string }>(
      'SELECT code FROM grid_unit WHERE parent_id = $1 ORDER BY code',
      [county.townshipIds[0]],
    );
    expect(rows.map((r) => r.code)).toEqual([`${prefix}101201`, `${prefix}101202`]);
  });

  it('refuses a code outside the ranges of its level with the ranges in the message', async () => {
    const county = await makeCounty(db);
    const response = await request<{ error: { message: string } }>(
      server.url,
      `/api/grids/${county.villageIds[0]}`,
      {
        method: 'PATCH',
        body: {
          version: await version(county.villageIds[0]),
          code: `${county.countyCode.slice(0, 6)}100450`,
        },
      },
    );
    expect(response.status).toBe(400);
    expect(response.body.error.message).toContain('村委会 200–399');
  });
});

describe('split, merge and delete', () => {
  it('splits a village with a line into two grids and moves the subjects of the new part', async () => {
    const county = await makeCounty(db);
    const { w, s, mid, midLat } = layout(county);
    const west = await addSubject(county, [w + 0.02, s + 0.1]);
    const east = await addSubject(county, [mid - 0.02, s + 0.1]);
    const x = (w + mid) / 2 + 0.03; // the east piece is the smaller one and becomes the new grid
    const response = await request<EditResult>(server.url, `/api/grids/${county.villageIds[0]}/split`, {
      method: 'POST',
      body: {
        version: await version(county.villageIds[0]),
        line: {
          type: 'LineString',
          coordinates: [
            [x, s - 0.01],
            [x, midLat + 0.001],
          ],
        },
      },
    });
    expect(response.status).toBe(200);
    const created = response.body.created[0] as number;
    expect(created).toBeDefined();
    expect(await gridOf(west)).toBe(county.villageIds[0]);
    expect(await gridOf(east)).toBe(created);
    expect(response.body.topology.coveragePct).toBe(100);
    expect(response.body.topology.problems).toEqual([]);
  });

  it('refuses a line that does not cut the grid in two', async () => {
    const county = await makeCounty(db);
    const { w, s } = layout(county);
    const response = await request<{ error: { code: string } }>(
      server.url,
      `/api/grids/${county.villageIds[0]}/split`,
      {
        method: 'POST',
        body: {
          version: await version(county.villageIds[0]),
          line: {
            type: 'LineString',
            coordinates: [
              [w + 0.01, s + 0.01],
              [w + 0.02, s + 0.02],
            ],
          },
        },
      },
    );
    expect(response.status).toBe(422);
    expect(response.body.error.code).toBe('EDIT_REFUSED');
  });

  it('merges two adjacent villages, keeping the first one’s roster and moving the subjects and people', async () => {
    const county = await makeCounty(db);
    const [a, b] = county.villageIds;
    const subject = await addSubject(county, county.villagePoints[1] as [number, number]);
    const response = await request<EditResult>(server.url, '/api/grids/merge', {
      method: 'POST',
      body: {
        grids: [
          { id: a, version: await version(a) },
          { id: b, version: await version(b) },
        ],
      },
    });
    expect(response.status).toBe(200);
    expect(response.body.deleted).toEqual([b]);
    expect(await gridOf(subject)).toBe(a);
    const people = await db.query<{ n: number }>(
      'SELECT count(*)::int AS n FROM grid_person WHERE grid_id = $1',
      [a],
    );
    expect(people.rows[0]?.n).toBe(2);
    expect(response.body.topology.coveragePct).toBe(100);
  });

  it('refuses to merge villages that do not touch', async () => {
    const county = await makeCounty(db);
    const [a, , c] = county.villageIds;
    const response = await request<{ error: { message: string } }>(server.url, '/api/grids/merge', {
      method: 'POST',
      body: {
        grids: [
          { id: a, version: await version(a) },
          { id: c, version: await version(c) },
        ],
      },
    });
    expect(response.status).toBe(422);
  });

  it('refuses a delete that would leave a gap and hands the area to the neighbour chosen', async () => {
    const county = await makeCounty(db);
    const [a, b] = county.villageIds;
    const subject = await addSubject(county, county.villagePoints[0] as [number, number]);
    const refusedDelete = await request<{ error: { code: string } }>(
      server.url,
      `/api/grids/${a}?version=${await version(a)}`,
      { method: 'DELETE' },
    );
    expect(refusedDelete.status).toBe(422);
    const ok = await request<EditResult>(
      server.url,
      `/api/grids/${a}?version=${await version(a)}&absorbInto=${b}`,
      { method: 'DELETE' },
    );
    expect(ok.status).toBe(200);
    expect(ok.body.deleted).toEqual([a]);
    expect(await gridOf(subject)).toBe(b);
  });

  it('refuses a delete that would leave a subject outside every village even when gaps are allowed', async () => {
    const county = await makeCounty(db);
    const [a] = county.villageIds;
    await addSubject(county, county.villagePoints[0] as [number, number]);
    const response = await request<{ error: { code: string; message: string } }>(
      server.url,
      `/api/grids/${a}?version=${await version(a)}&allowGap=true`,
      { method: 'DELETE' },
    );
    expect(response.status).toBe(422);
    expect(response.body.error.message).toContain('生产主体');
  });
});

describe('history', () => {
  it('shows the township as it was before a split and reverts the split as a new change', async () => {
    const county = await makeCounty(db);
    const { w, s, mid, midLat } = layout(county);
    const subject = await addSubject(county, [mid - 0.02, s + 0.1]);
    const before = new Date().toISOString();
    await new Promise((resolve) => setTimeout(resolve, 20));
    const x = (w + mid) / 2 + 0.03;
    const split = await request<EditResult>(server.url, `/api/grids/${county.villageIds[0]}/split`, {
      method: 'POST',
      body: {
        version: await version(county.villageIds[0]),
        line: {
          type: 'LineString',
          coordinates: [
            [x, s - 0.01],
            [x, midLat + 0.001],
          ],
        },
      },
    });
    expect(split.status).toBe(200);
    const past = await request<{ features: { id: number }[] }>(
      server.url,
      `/api/grids/${county.townshipIds[0]}/children?asOf=${encodeURIComponent(before)}`,
    );
    expect(past.body.features.map((f) => f.id).sort()).toEqual([...county.villageIds.slice(0, 2)].sort());
    const now = await request<{ features: { id: number }[] }>(
      server.url,
      `/api/grids/${county.townshipIds[0]}/children`,
    );
    expect(now.body.features).toHaveLength(3);

    const history = await request<{ changeId: number; note: string; by: string; op: string }[]>(
      server.url,
      `/api/grids/${county.townshipIds[0]}/history`,
    );
    expect(history.body[0]).toMatchObject({
      changeId: split.body.changeId,
      note: 'split',
      by: TEST_ADMIN.username,
    });

    const revert = await request<EditResult>(server.url, `/api/grids/changes/${split.body.changeId}/revert`, {
      method: 'POST',
    });
    expect(revert.status).toBe(200);
    expect(revert.body.deleted).toEqual(split.body.created);
    expect(await gridOf(subject)).toBe(county.villageIds[0]);
    expect(revert.body.topology.coveragePct).toBe(100);
    const again = await request<{ error: { code: string } }>(
      server.url,
      `/api/grids/changes/${split.body.changeId}/revert`,
      { method: 'POST' },
    );
    expect(again.status).toBe(409);
  });
});

describe('the roster', () => {
  it('refuses a phone number with letters, saying which person, and writes nothing', async () => {
    const county = await makeCounty(db);
    const response = await request<{ error: { code: string; details: { path: string; message: string }[] } }>(
      server.url,
      `/api/grids/${county.villageIds[0]}/roster`,
      {
        method: 'PUT',
        body: {
          people: [{ role: 'village_coordinator', name: '张三', post: '村委委员', phone: '1390000abcd' }],
          known: [],
        },
      },
    );
    expect(response.status).toBe(400);
    expect(response.body.error.details[0]?.path).toBe('body.people.0.phone');
    expect(response.body.error.details[0]?.message).toContain('电话号码格式不正确');
  });

  it('replaces the roster, keeps the change in the history, and answers 409 to an editor with an old list', async () => {
    const county = await makeCounty(db);
    const id = county.villageIds[0];
    const loaded = await request<{
      people: { id: number; version: number; role: string; name: string; post: string; phone: string }[];
    }>(server.url, `/api/grids/${id}/roster`);
    const known = loaded.body.people.map((p) => ({ id: p.id, version: p.version }));
    const people = [
      ...loaded.body.people.map(({ id: pid, version: v, role, name, post, phone }) => ({
        id: pid,
        version: v,
        role,
        name,
        post,
        phone,
      })),
      { role: 'village_coordinator', name: '李四', post: '技术骨干', phone: '０９９４－２３４５６７８' },
    ];
    const saved = await request<{ people: { name: string; phone: string }[] }>(
      server.url,
      `/api/grids/${id}/roster`,
      {
        method: 'PUT',
        body: { people, known },
      },
    );
    expect(saved.status).toBe(200);
    expect(saved.body.people.map((p) => p.phone)).toContain('0994-2345678');
    const stale = await request<{ error: { code: string; message: string } }>(
      server.url,
      `/api/grids/${id}/roster`,
      {
        method: 'PUT',
        body: { people: people.slice(0, 1), known },
      },
    );
    expect(stale.status).toBe(409);
    expect(stale.body.error.message).toContain(TEST_ADMIN.username);
    const history = await db.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM grid_history WHERE entity = 'grid_person' AND grid_id = $1 AND note = 'roster'`,
      [id],
    );
    expect(history.rows[0]?.n).toBe(1);
  });
});
