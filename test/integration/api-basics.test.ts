/**
 * The API's common behaviour on both engines: health, client configuration, and one error shape for every
 * client mistake — in the caller's language, 4xx, never a stack trace or SQL.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ClientConfig, HealthResponse } from '../../server/contracts/api';
import type { ErrorBody } from '../../server/contracts/errors';
import type { Db } from '../../server/src/db/engine';
import { loadMigrations } from '../../server/src/db/migrate';
import { makeCounty } from '../support/fixtures';
import { request, startServer, type TestServer } from '../support/http';
import { openTestDb, testEngine } from '../support/test-db';

let db: Db;
let server: TestServer;

beforeAll(async () => {
  db = await openTestDb();
  server = await startServer(db);
});
afterAll(async () => {
  await server.close();
  await db.close();
});

describe(`API basics (${testEngine()})`, () => {
  it('reports the engine, PostgreSQL and PostGIS versions and the migration state', async () => {
    const res = await request<HealthResponse>(server.url, '/api/health');
    expect(res.status).toBe(200);
    expect(res.body.engine).toBe(testEngine());
    expect(res.body.postgres).toMatch(/^\d+\.\d+/);
    expect(res.body.postgis).toMatch(/^3\.\d+/);
    expect(res.body.migrations).toEqual({
      applied: loadMigrations().length,
      pending: 0,
      latest: loadMigrations().length,
    });
  });

  it('gives the client a county to frame and an offline basemap by default', async () => {
    await makeCounty(db);
    const res = await request<ClientConfig>(server.url, '/api/config');
    expect(res.status).toBe(200);
    expect(res.body.basemap).toEqual({ kind: 'none' });
    expect(res.body.county?.code).toMatch(/^\d{12}$/);
    const [w, s, e, n] = res.body.county!.bbox;
    expect(w).toBeLessThan(e);
    expect(s).toBeLessThan(n);
  });

  it('answers an unknown endpoint with 404 in the error shape, in Chinese by default and English on request', async () => {
    const zh = await request<ErrorBody>(server.url, '/api/nothing-here');
    expect(zh.status).toBe(404);
    expect(zh.body.error).toMatchObject({ code: 'ROUTE_NOT_FOUND', message: '没有这个接口' });
    expect(zh.body.error.requestId).toBe(zh.headers.get('x-request-id'));
    const en = await request<ErrorBody>(server.url, '/api/nothing-here', {
      headers: { 'accept-language': 'en-US,en;q=0.9' },
    });
    expect(en.body.error.message).toBe('No such endpoint');
  });

  it('refuses malformed JSON with 400 INVALID_JSON', async () => {
    const res = await request<ErrorBody>(server.url, '/api/subjects', {
      method: 'POST',
      rawBody: '{"type": "Feature",',
      headers: { 'content-type': 'application/json' },
    });
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe('INVALID_JSON');
    expect(JSON.stringify(res.body)).not.toMatch(/at .*\.ts|node_modules/);
  });

  it('refuses a body that is not JSON with 415', async () => {
    const res = await request<ErrorBody>(server.url, '/api/subjects', {
      method: 'POST',
      rawBody: 'name=x',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
    });
    expect(res.status).toBe(415);
    expect(res.body.error.code).toBe('UNSUPPORTED_MEDIA_TYPE');
  });

  it('refuses an oversized body with 413 before reading it all', async () => {
    const res = await request<ErrorBody>(server.url, '/api/subjects', {
      method: 'POST',
      rawBody: JSON.stringify({ padding: 'x'.repeat(3 * 1024 * 1024) }),
      headers: { 'content-type': 'application/json' },
    });
    expect(res.status).toBe(413);
    expect(res.body.error.code).toBe('PAYLOAD_TOO_LARGE');
  });

  it('refuses ids that are not positive integers with 400 and says which parameter', async () => {
    for (const bad of ['abc', '-1', '1.5', '99999999999999999999']) {
      const res = await request<ErrorBody>(server.url, `/api/grids/${bad}`);
      expect(res.status, bad).toBe(400);
      expect(res.body.error.code).toBe('VALIDATION_FAILED');
      const details = res.body.error.details as { path: string }[];
      expect(details.length).toBeGreaterThan(0);
      expect(details.every((d) => d.path === 'params.id')).toBe(true);
    }
  });

  it('answers 404 NOT_FOUND for a record that does not exist', async () => {
    for (const path of [
      '/api/grids/987654321',
      '/api/subjects/987654321',
      '/api/samples/987654321',
      '/api/soil-samples/987654321',
      '/api/patrols/987654321',
    ]) {
      const res = await request<ErrorBody>(server.url, path);
      expect(res.status, path).toBe(404);
      expect(res.body.error.code).toBe('NOT_FOUND');
    }
  });

  it('serves a clear page when the client has not been built, instead of failing', async () => {
    const bare = await startServer(db, { CLIENT_DIR: '/nonexistent-client-dir' });
    try {
      const res = await request<string>(bare.url, '/');
      expect(res.status).toBe(503);
      expect(res.body).toContain('npm run build');
    } finally {
      await bare.close();
    }
  });
});
