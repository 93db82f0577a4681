/**
 * Saved views and presentation decks (issue 8, item 3) on both engines: an account saves views into a deck,
 * lists, renames, reorders and deletes them with optimistic versions (409 on a stale one), bad states are refused
 * with a located bilingual message and change nothing, and views stay their owner's: another account — even one
 * with the same jurisdiction — does not see them, and a view cannot be scoped to a grid outside the jurisdiction.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ErrorBody } from '../../server/contracts/errors';
import type { SavedView, ViewStateInput } from '../../server/contracts/views';
import type { Db } from '../../server/src/db/engine';
import { openDemoTestDb } from '../support/demo-db';
import { request, startServer, type TestServer } from '../support/http';
import { testEngine } from '../support/test-db';

let db: Db;
let leaderA: TestServer;
let colleagueA: TestServer;
let leaderB: TestServer;
let townA: number;
let townB: number;
let villageA: number;
const suffix = Date.now().toString(36);
const DECK = `例会-${suffix}`;

function state(overrides: Partial<ViewStateInput> = {}): ViewStateInput {
  return {
    workspace: 'dashboard',
    layers: ['county', 'township'],
    camera: { center: [125.1, 44.4], zoom: 9.5, bearing: 0 },
    period: { from: '2024-01-01', to: '2024-12-31' },
    level: 'village',
    parentId: townA,
    indicator: 'pass_rate',
    selectedGridId: null,
    ...overrides,
  };
}

const save = (server: TestServer, body: unknown, lang = 'zh-CN') =>
  request<SavedView & ErrorBody>(server.url, '/api/views', {
    method: 'POST',
    body,
    headers: { 'accept-language': lang },
  });

const list = async (server: TestServer, deck = DECK) => {
  const res = await request<SavedView[]>(server.url, `/api/views?deck=${encodeURIComponent(deck)}`);
  expect(res.status).toBe(200);
  return res.body;
};

beforeAll(async () => {
  db = await openDemoTestDb();
  const { rows } = await db.query<{ id: number; village: number }>(
    `SELECT t.id::int, (SELECT min(v.id)::int FROM grid_unit v WHERE v.parent_id = t.id) AS village
     FROM grid_unit t JOIN grid_unit c ON c.id = t.parent_id AND c.code = '652399000000'
     WHERE t.level = 'township' ORDER BY t.code LIMIT 2`,
  );
  townA = rows[0]!.id;
  villageA = rows[0]!.village;
  townB = rows[1]!.id;
  const as = (name: string, jurisdictionId: number) => ({
    as: { username: `${name}-${suffix}`, role: 'township_supervisor' as const, jurisdictionId },
  });
  leaderA = await startServer(db, {}, as('view-a', townA));
  colleagueA = await startServer(db, {}, as('view-a2', townA));
  leaderB = await startServer(db, {}, as('view-b', townB));
}, 300_000);

afterAll(async () => {
  await Promise.all([leaderA, colleagueA, leaderB].map((s) => s?.close()));
  await db?.close();
});

describe(`saved views and decks (${testEngine()})`, () => {
  it('saves views at the end of a deck, scoped to the jurisdiction, and lists them in order', async () => {
    const first = await save(leaderA, { name: '合格率', deck: DECK, state: state() });
    expect(first.status, JSON.stringify(first.body)).toBe(201);
    expect(first.headers.get('location')).toBe(`/api/views/${first.body.id}`);
    expect(first.body).toMatchObject({
      deck: DECK,
      position: 1,
      gridId: townA,
      version: 1,
      owner: `view-a-${suffix}`,
    });
    // Defaults filled in by the schema.
    expect(first.body.state.compare).toBeNull();
    expect(first.body.state.patrolDay).toBeNull();
    const second = await save(leaderA, {
      name: '  巡查覆盖率  ',
      deck: DECK,
      state: state({
        indicator: 'patrol_coverage',
        selectedGridId: villageA,
        compare: { period: { from: '2023-01-01', to: '2023-12-31' }, mode: 'swipe' },
        patrolDay: '2024-06-12',
      }),
    });
    expect(second.status, JSON.stringify(second.body)).toBe(201);
    expect(second.body.position).toBe(2);
    expect(second.body.name).toBe('巡查覆盖率');
    const views = await list(leaderA);
    expect(views.map((v) => v.name)).toEqual(['合格率', '巡查覆盖率']);
    expect(views[1]!.state.compare).toEqual({
      period: { from: '2023-01-01', to: '2023-12-31' },
      mode: 'swipe',
    });
    const one = await request<SavedView>(leaderA.url, `/api/views/${second.body.id}`);
    expect(one.status).toBe(200);
    expect(one.body.state.indicator).toBe('patrol_coverage');
    // Audited with the account as actor.
    const audit = await db.query<{ actor: string }>(
      `SELECT actor FROM audit_log WHERE table_name = 'saved_view' AND row_key = $1 AND action = 'insert'`,
      [String(first.body.id)],
    );
    expect(audit.rows.map((r) => r.actor)).toEqual([`view-a-${suffix}`]);
  });

  it('refuses bad states with a located message in the request language and writes nothing', async () => {
    const before = (await db.query<{ n: number }>('SELECT count(*)::int AS n FROM saved_view')).rows[0]!.n;
    const bad = await save(leaderA, {
      name: '坏视图',
      deck: DECK,
      state: state({ period: { from: '2024-12-31', to: '2024-01-01' } }),
    });
    expect(bad.status).toBe(400);
    expect(bad.body.error.code).toBe('VALIDATION_FAILED');
    const details = bad.body.error.details as { path: string; message: string }[];
    expect(details.map((d) => d.path)).toContain('body.state.period.to');
    expect(details.find((d) => d.path === 'body.state.period.to')!.message).toContain('结束日期');

    const english = await save(
      leaderA,
      { name: '', deck: DECK, state: { ...state(), camera: { center: [500, 44], zoom: 9 } } },
      'en',
    );
    expect(english.status).toBe(400);
    const paths = (english.body.error.details as { path: string; message: string }[]).map((d) => d.path);
    expect(paths).toEqual(expect.arrayContaining(['body.name', 'body.state.camera.center.0']));
    expect(JSON.stringify(english.body)).toContain('The view name must have 1–80 characters');

    for (const wrong of [
      { ...state(), indicator: 'made_up' },
      { ...state(), workspace: 'kitchen' },
      { ...state(), extra: true },
      { ...state(), layers: ['Robert"); DROP TABLE saved_view;--'] },
    ]) {
      const res = await save(leaderA, { name: 'x', deck: DECK, state: wrong });
      expect(res.status, JSON.stringify(wrong)).toBe(400);
    }
    const after = (await db.query<{ n: number }>('SELECT count(*)::int AS n FROM saved_view')).rows[0]!.n;
    expect(after).toBe(before);
  });

  it('renames and replaces a view with its version, and answers a stale version with 409', async () => {
    const [first] = await list(leaderA);
    const renamed = await request<SavedView>(leaderA.url, `/api/views/${first!.id}`, {
      method: 'PATCH',
      body: { version: first!.version, name: '2024 合格率', state: state({ indicator: 'banned_pass_rate' }) },
    });
    expect(renamed.status, JSON.stringify(renamed.body)).toBe(200);
    expect(renamed.body).toMatchObject({ name: '2024 合格率', version: first!.version + 1 });
    expect(renamed.body.state.indicator).toBe('banned_pass_rate');

    const stale = await request<ErrorBody>(leaderA.url, `/api/views/${first!.id}`, {
      method: 'PATCH',
      body: { version: first!.version, name: '旧的改名' },
    });
    expect(stale.status).toBe(409);
    expect(stale.body.error.code).toBe('VERSION_CONFLICT');
    expect(stale.body.error.message).toContain('刷新');
    expect((await list(leaderA))[0]!.name).toBe('2024 合格率');

    const staleDelete = await request<ErrorBody>(
      leaderA.url,
      `/api/views/${first!.id}?version=${first!.version}`,
      { method: 'DELETE' },
    );
    expect(staleDelete.status).toBe(409);
    const noVersion = await request<ErrorBody>(leaderA.url, `/api/views/${first!.id}`, { method: 'DELETE' });
    expect(noVersion.status).toBe(400);
    expect(JSON.stringify(noVersion.body)).toContain('query.version');
  });

  it('reorders a whole deck, refusing stale versions and partial lists', async () => {
    const views = await list(leaderA);
    expect(views).toHaveLength(2);
    const reversed = [...views].reverse().map((v) => ({ id: v.id, version: v.version }));

    const partial = await request<ErrorBody>(leaderA.url, '/api/views/reorder', {
      method: 'POST',
      body: { deck: DECK, views: reversed.slice(0, 1) },
    });
    expect(partial.status).toBe(409);
    const stale = await request<ErrorBody>(leaderA.url, '/api/views/reorder', {
      method: 'POST',
      body: { deck: DECK, views: reversed.map((v) => ({ ...v, version: v.version + 5 })) },
    });
    expect(stale.status).toBe(409);
    const twice = await request<ErrorBody>(leaderA.url, '/api/views/reorder', {
      method: 'POST',
      body: { deck: DECK, views: [reversed[0], reversed[0]] },
    });
    expect(twice.status).toBe(400);
    expect((await list(leaderA)).map((v) => v.id)).toEqual(views.map((v) => v.id));

    const done = await request<SavedView[]>(leaderA.url, '/api/views/reorder', {
      method: 'POST',
      body: { deck: DECK, views: reversed },
    });
    expect(done.status, JSON.stringify(done.body)).toBe(200);
    expect(done.body.map((v) => v.id)).toEqual(reversed.map((v) => v.id));
    expect(done.body.map((v) => v.position)).toEqual([1, 2]);
    expect((await list(leaderA)).map((v) => v.id)).toEqual(reversed.map((v) => v.id));
  });

  it('keeps views to their owner and inside the jurisdiction', async () => {
    const views = await list(leaderA);
    const target = views[0]!;
    // A colleague of the same township, and the supervisor of the neighbouring one, see none of them.
    expect(await list(colleagueA)).toEqual([]);
    expect(await list(leaderB)).toEqual([]);
    for (const other of [colleagueA, leaderB]) {
      expect((await request(other.url, `/api/views/${target.id}`)).status).toBe(404);
      const patch = await request(other.url, `/api/views/${target.id}`, {
        method: 'PATCH',
        body: { version: target.version, name: '别人的' },
      });
      expect(patch.status).toBe(404);
      const del = await request(other.url, `/api/views/${target.id}?version=${target.version}`, {
        method: 'DELETE',
      });
      expect(del.status).toBe(404);
      const reorder = await request(other.url, '/api/views/reorder', {
        method: 'POST',
        body: { deck: DECK, views: [{ id: target.id, version: target.version }] },
      });
      expect(reorder.status).toBe(404);
    }
    // A view scoped to, or naming, the other township is refused.
    const scoped = await save(leaderA, { name: '越界', deck: DECK, gridId: townB, state: state() });
    expect(scoped.status).toBe(403);
    expect(scoped.body.error.code).toBe('OUTSIDE_JURISDICTION');
    const naming = await save(leaderA, { name: '越界', deck: DECK, state: state({ parentId: townB }) });
    expect(naming.status).toBe(400);
    expect(naming.body.error.message).toContain('辖区');
    expect((await list(leaderA)).map((v) => v.id)).toEqual(views.map((v) => v.id));
    const { rows } = await db.query(`SELECT 1 FROM saved_view WHERE name = '越界'`);
    expect(rows).toEqual([]);
  });

  it('moves a view to another deck and deletes it with its version', async () => {
    const [first, second] = await list(leaderA);
    const other = `${DECK}-备用`;
    const moved = await request<SavedView>(leaderA.url, `/api/views/${first!.id}`, {
      method: 'PATCH',
      body: { version: first!.version, deck: other },
    });
    expect(moved.status, JSON.stringify(moved.body)).toBe(200);
    expect(moved.body).toMatchObject({ deck: other, position: 1 });
    expect((await list(leaderA)).map((v) => v.id)).toEqual([second!.id]);
    const gone = await request(leaderA.url, `/api/views/${moved.body.id}?version=${moved.body.version}`, {
      method: 'DELETE',
    });
    expect(gone.status).toBe(204);
    expect(await list(leaderA, other)).toEqual([]);
    expect((await request(leaderA.url, `/api/views/${moved.body.id}`)).status).toBe(404);
  });
});
