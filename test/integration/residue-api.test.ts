import gcoord from 'gcoord';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../../server/src/db/engine';
import type { EnteredSample, ReferenceResponse, RejudgeResponse } from '../../server/contracts/residue';
import { type FixtureCounty, makeCounty, uniqueCode } from '../support/fixtures';
import { type TestServer, request, startServer } from '../support/http';
import { openTestDb } from '../support/test-db';

let db: Db;
let server: TestServer;
let county: FixtureCounty;

beforeAll(async () => {
  db = await openTestDb();
  county = await makeCounty(db);
  server = await startServer(db);
});
afterAll(async () => {
  await server?.close();
  await db?.close();
});

const sample = (code: string, point: [number, number], extra: Record<string, unknown> = {}) => ({
  type: 'Feature',
  geometry: { type: 'Point', coordinates: point },
  properties: {
    code,
    kind: 'routine',
    sampledAt: '2024-06-15T10:30:00+08:00',
    commodity: '菠菜',
    results: [
      { analyte: '克百威', value: 0.03, lod: 0.005 },
      { analyte: '镉', value: 0.05, lod: 0.005 },
    ],
    ...extra,
  },
});

describe('residue reference data over HTTP', () => {
  it('lists editions with dates, limits and bans with their sources', async () => {
    const res = await request<ReferenceResponse>(server.url, '/api/residue/reference');
    expect(res.status).toBe(200);
    const e2026 = res.body.editions.find((e) => e.code === 'GB 2763-2026');
    expect(e2026).toMatchObject({ effectiveFrom: '2026-03-01' });
    expect(res.body.limits.length).toBeGreaterThan(10);
    expect(res.body.limits.every((l) => l.sources.length > 0)).toBe(true);
    const keys = new Set(res.body.sources.map((s) => s.key));
    expect(res.body.bans.every((b) => b.sources.every((s) => keys.has(s)))).toBe(true);
    expect(res.body.commodities.find((c) => c.nameZh === '菠菜')?.parentId).toBeTypeOf('number');
  });
});

describe('entering a sample', () => {
  it('converts a GCJ-02 point, judges every result and stores the sample as failing', async () => {
    const code = uniqueCode('S');
    const wgs = county.villagePoints[0]!;
    const gcj = gcoord.transform(wgs, gcoord.WGS84, gcoord.GCJ02) as [number, number];
    const res = await request<EnteredSample>(server.url, '/api/residue/samples', {
      method: 'POST',
      body: sample(code, gcj, { datum: 'gcj02' }),
    });
    expect(res.status).toBe(201);
    expect(res.body.verdict).toBe('fail');
    expect(res.body.gridId).toBe(county.villageIds[0]);
    expect(Math.abs(res.body.position[0] - wgs[0])).toBeLessThan(1e-5);
    expect(Math.abs(res.body.position[1] - wgs[1])).toBeLessThan(1e-5);
    const carbofuran = res.body.results.find((r) => r.analyte === '克百威');
    expect(carbofuran).toMatchObject({ verdict: 'fail', rule: 'banned_detected', limitValue: 0.005 });
    const cadmium = res.body.results.find((r) => r.analyte === '镉');
    expect(cadmium).toMatchObject({
      verdict: 'pass',
      rule: 'within_limit',
      limitValue: 0.2,
      standard: 'GB 2762-2012',
    });
    expect(cadmium?.standardInForce).toBe('GB 2762-2022');
  });

  it('refuses a duplicate code, an unknown commodity and unknown analytes, writing nothing', async () => {
    const code = uniqueCode('S');
    const point = county.villagePoints[1]!;
    expect(
      (await request(server.url, '/api/residue/samples', { method: 'POST', body: sample(code, point) }))
        .status,
    ).toBe(201);
    const dup = await request<{ error: { code: string } }>(server.url, '/api/residue/samples', {
      method: 'POST',
      body: sample(code, point),
    });
    expect(dup.status).toBe(409);
    const other = uniqueCode('S');
    const unknown = await request<{ error: { code: string; message: string } }>(
      server.url,
      '/api/residue/samples',
      {
        method: 'POST',
        body: sample(other, point, { commodity: '火龙果干' }),
        headers: { 'accept-language': 'en' },
      },
    );
    expect(unknown.status).toBe(422);
    expect(unknown.body.error.message).toContain('火龙果干');
    const analyte = await request<{ error: { message: string } }>(server.url, '/api/residue/samples', {
      method: 'POST',
      body: sample(other, point, { results: [{ analyte: '不存在的农药', value: 1 }] }),
    });
    expect(analyte.status).toBe(422);
    expect(analyte.body.error.message).toContain('不存在的农药');
    const { rows } = await db.query('SELECT 1 FROM sample WHERE code = $1', [other]);
    expect(rows).toHaveLength(0);
  });

  it('answers 400 with the field for a bad datum or a missing result list', async () => {
    const res = await request<{ error: { details: { path: string }[] } }>(
      server.url,
      '/api/residue/samples',
      {
        method: 'POST',
        body: sample(uniqueCode('S'), county.villagePoints[0]!, { datum: 'utm', results: [] }),
      },
    );
    expect(res.status).toBe(400);
    const paths = res.body.error.details.map((d) => d.path);
    expect(paths).toContain('body.properties.datum');
    expect(paths).toContain('body.properties.results');
  });
});

describe('re-judging', () => {
  it('reports what a re-judging would change, applies it only when asked, and then finds nothing left', async () => {
    const code = uniqueCode('S');
    const entered = await request<EnteredSample>(server.url, '/api/residue/samples', {
      method: 'POST',
      body: sample(code, county.villagePoints[2]!),
    });
    // History judged by an older rule: the carbofuran result stored as a pass against a made-up limit.
    await db.query(
      "UPDATE sample_result SET verdict = 'pass', limit_value = 0.05, standard = 'old' WHERE sample_id = $1 AND analyte = '克百威'",
      [entered.body.id],
    );
    const filter = { gridId: county.villageIds[2] };
    const dry = await request<RejudgeResponse>(server.url, '/api/residue/rejudge', {
      method: 'POST',
      body: { filter },
    });
    expect(dry.status).toBe(200);
    expect(dry.body).toMatchObject({ applied: false, examined: 2, changed: 1, samplesChanged: 1 });
    expect(dry.body.changes[0]).toMatchObject({
      code,
      analyte: '克百威',
      before: { verdict: 'pass', standard: 'old' },
      after: { verdict: 'fail', rule: 'banned_detected' },
    });
    const still = await db.query<{ verdict: string }>('SELECT verdict FROM sample WHERE id = $1', [
      entered.body.id,
    ]);
    expect(still.rows[0]?.verdict).toBe('pass');
    const applied = await request<RejudgeResponse>(server.url, '/api/residue/rejudge', {
      method: 'POST',
      body: { filter, dryRun: false },
    });
    expect(applied.body).toMatchObject({ applied: true, changed: 1 });
    const after = await db.query<{ verdict: string }>('SELECT verdict FROM sample WHERE id = $1', [
      entered.body.id,
    ]);
    expect(after.rows[0]?.verdict).toBe('fail');
    const again = await request<RejudgeResponse>(server.url, '/api/residue/rejudge', {
      method: 'POST',
      body: { filter },
    });
    expect(again.body.changed).toBe(0);
    const log = await db.query<{ applied: boolean; changed: number }>(
      'SELECT applied, changed FROM residue_rejudge WHERE id = $1',
      [applied.body.runId],
    );
    expect(log.rows[0]).toEqual({ applied: true, changed: 1 });
  });
});
