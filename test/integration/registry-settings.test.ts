/**
 * The registry rules are configuration (issue 7: "key-list membership rules … configurable"): GET and PUT
 * /api/registry/settings on both engines — versioned (a stale version is 409 and changes nothing), validated with a
 * located message, and reserved to accounts that may change settings. The change made here is small (a window of
 * 13 instead of 12 months) and undone at the end, as the PostgreSQL database is shared with other test files.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RegistrySettingsView } from '../../server/contracts/registry';
import type { ErrorBody } from '../../server/contracts/errors';
import type { Db } from '../../server/src/db/engine';
import { makeCounty } from '../support/fixtures';
import { request, startServer, type TestServer } from '../support/http';
import { openTestDb, testEngine } from '../support/test-db';

let db: Db;
let admin: TestServer;
let supervisor: TestServer;

beforeAll(async () => {
  db = await openTestDb();
  const county = await makeCounty(db, { staffed: false });
  admin = await startServer(db);
  supervisor = await startServer(
    db,
    {},
    {
      as: {
        username: `sup-settings-${Date.now().toString(36)}`,
        role: 'township_supervisor',
        jurisdictionId: county.townshipIds[0],
      },
    },
  );
});

afterAll(async () => {
  await Promise.all([admin, supervisor].map((s) => s?.close()));
  await db?.close();
});

const read = async () => (await request<RegistrySettingsView>(admin.url, '/api/registry/settings')).body;

describe(`registry settings (${testEngine()})`, () => {
  it('changes the key-list rule with the versions read, refuses a stale version, and is audited', async () => {
    const before = await read();
    expect(before.keyListRule.creditClasses).toContain('C');
    const put = (body: unknown) =>
      request<RegistrySettingsView & ErrorBody>(admin.url, '/api/registry/settings', {
        method: 'PUT',
        body,
        headers: { 'accept-language': 'zh-CN' },
      });
    const changed = await put({
      keyListRule: { ...before.keyListRule, withinMonths: before.keyListRule.withinMonths + 1 },
      duplicateDistanceM: before.duplicateDistanceM,
      versions: before.versions,
    });
    try {
      expect(changed.status, JSON.stringify(changed.body)).toBe(200);
      expect(changed.body.keyListRule.withinMonths).toBe(before.keyListRule.withinMonths + 1);
      expect(changed.body.versions.keyListRule).toBe(before.versions.keyListRule + 1);
      expect((await read()).keyListRule.withinMonths).toBe(before.keyListRule.withinMonths + 1);

      // The versions read before are stale now: 409, nothing changes.
      const stale = await put({
        keyListRule: { ...before.keyListRule, creditClasses: ['A', 'B', 'C'] },
        duplicateDistanceM: before.duplicateDistanceM,
        versions: before.versions,
      });
      expect(stale.status).toBe(409);
      expect(stale.body.error.code).toBe('VERSION_CONFLICT');
      expect((await read()).keyListRule.creditClasses).toEqual(before.keyListRule.creditClasses);

      const audit = await db.query<{ n: number }>(
        `SELECT count(*)::int AS n FROM audit_log WHERE table_name = 'registry_setting' AND row_key = 'key_list_rule'`,
      );
      expect(audit.rows[0]!.n).toBeGreaterThan(0);
    } finally {
      const now = await read();
      const restored = await put({
        keyListRule: before.keyListRule,
        duplicateDistanceM: before.duplicateDistanceM,
        versions: now.versions,
      });
      expect(restored.status).toBe(200);
    }
  });

  it('refuses bad values with a located bilingual message, and supervisors with 403', async () => {
    const current = await read();
    const bad = await request<ErrorBody>(admin.url, '/api/registry/settings', {
      method: 'PUT',
      body: {
        keyListRule: { creditClasses: ['D'], failedSamples: -1, withinMonths: 12 },
        duplicateDistanceM: 200,
        versions: current.versions,
      },
      headers: { 'accept-language': 'zh-CN' },
    });
    expect(bad.status).toBe(400);
    expect(JSON.stringify(bad.body.error.details)).toContain('body.keyListRule.creditClasses.0');
    expect(JSON.stringify(bad.body.error.details)).toContain('body.keyListRule.failedSamples');
    expect((await read()).versions).toEqual(current.versions);

    const forbidden = await request<ErrorBody>(supervisor.url, '/api/registry/settings', {
      method: 'PUT',
      body: { keyListRule: current.keyListRule, duplicateDistanceM: 200, versions: current.versions },
    });
    expect(forbidden.status).toBe(403);
    const readable = await request<RegistrySettingsView>(supervisor.url, '/api/registry/settings');
    expect(readable.status).toBe(200);
  });
});
