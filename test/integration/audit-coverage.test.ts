/**
 * Every write is audited and every record of a place is behind row-level security (issue 9), checked on the
 * schema itself on both engines, so a table added by a later migration cannot slip through: each table of the
 * schema either carries the three audit triggers and (when its rows belong to a grid) a policy, or is listed here
 * with the reason it needs none. And an audited write records who, what, before and after.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../../server/src/db/engine';
import { makeCounty, uniqueCode } from '../support/fixtures';
import { request, startServer, TEST_ADMIN, type TestServer } from '../support/http';
import { openTestDb, testEngine } from '../support/test-db';

/** Tables that are not records of the domain, and why they are not audited. */
const NOT_AUDITED: Record<string, string> = {
  audit_log: 'the log itself (append-only)',
  schema_migration: 'the migration ledger, written only at start-up',
  layer_version: 'bookkeeping of tile freshness, derived from the audited writes',
  app_session: 'sessions (logins are recorded on app_user)',
  patrol_subject_year: 'rollup of patrol counts kept by triggers on patrol, derived from its audited writes',
  patrol_rectification:
    'rectifications with their first compliant patrol, kept by triggers on patrol, derived from its audited writes',
  sample_rollup:
    'rollup of sample counts kept by triggers on sample, sample_result, production_subject and analyte, derived from their audited writes',
  spatial_ref_sys: 'PostGIS reference table',
};

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

describe(`audit and row-level security cover the schema (${testEngine()})`, () => {
  it('attaches the insert, update and delete audit triggers to every domain table', async () => {
    const { rows } = await db.query<{ table: string; triggers: string[] }>(
      `SELECT c.relname AS table,
              coalesce(array_agg(t.tgname ORDER BY t.tgname) FILTER (WHERE t.tgname LIKE '%\\_audit\\_%'), '{}') AS triggers
       FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
       LEFT JOIN pg_trigger t ON t.tgrelid = c.oid AND NOT t.tgisinternal
       WHERE n.nspname = 'public' AND c.relkind = 'r'
       GROUP BY c.relname ORDER BY c.relname`,
    );
    expect(rows.length).toBeGreaterThan(25);
    const missing = rows
      .filter((r) => !(r.table in NOT_AUDITED))
      .filter(
        (r) => !['insert', 'update', 'delete'].every((a) => r.triggers.includes(`${r.table}_audit_${a}`)),
      )
      .map((r) => r.table);
    expect(missing, 'tables without audit triggers: call audit_enable() in their migration').toEqual([]);
  });

  it('puts every table whose rows belong to a grid behind row-level security', async () => {
    const { rows } = await db.query<{ table: string; rls: boolean; policies: number }>(
      `SELECT c.relname AS table, c.relrowsecurity AS rls,
              (SELECT count(*)::int FROM pg_policy p WHERE p.polrelid = c.oid) AS policies
       FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
       WHERE n.nspname = 'public' AND c.relkind = 'r'
         AND EXISTS (SELECT 1 FROM pg_attribute a WHERE a.attrelid = c.oid AND NOT a.attisdropped
                     AND a.attname IN ('grid_id', 'area_grid_id', 'subject_id', 'sample_id', 'run_id', 'patrol_id', 'plan_id'))
       ORDER BY c.relname`,
    );
    // Reference tables keyed by grid only for reporting, and the grid history (read-protected, written by trigger).
    const unprotected = rows.filter((r) => !r.rls || r.policies === 0).map((r) => r.table);
    expect(unprotected, 'tables of a place without row-level security: app_protect_by_grid()').toEqual([]);
  });

  it('records who changed which row, with the row before and after', async () => {
    const county = await makeCounty(db);
    const [lon, lat] = county.villagePoints[0]!;
    const created = await request<{ id: number }>(server.url, '/api/subjects', {
      method: 'POST',
      body: {
        type: 'Feature',
        geometry: { type: 'Point', coordinates: [lon, lat] },
        properties: { code: uniqueCode('AU'), name: '审计农场', type: 'family_farm' },
      },
    });
    expect(created.status).toBe(201);
    const id = String(created.body.id);
    const patched = await request(server.url, `/api/subjects/${id}`, {
      method: 'PATCH',
      body: { version: 1, properties: { name: '审计农场（更名）' } },
    });
    expect(patched.status, JSON.stringify(patched.body)).toBe(200);
    const log = await request<{
      entries: {
        actor: string;
        action: string;
        before: { name?: string } | null;
        after: { name?: string };
        changed: string[];
      }[];
    }>(server.url, `/api/audit?table=production_subject&rowKey=${id}`);
    expect(log.status).toBe(200);
    expect(log.body.entries.map((e) => [e.action, e.actor])).toEqual([
      ['update', TEST_ADMIN.username],
      ['insert', TEST_ADMIN.username],
    ]);
    const update = log.body.entries[0]!;
    expect(update.before?.name).toBe('审计农场');
    expect(update.after.name).toBe('审计农场（更名）');
    expect(update.changed).toContain('name');
    // Append-only: the database refuses to rewrite history, even for the tables' owner.
    await expect(db.query(`UPDATE audit_log SET actor = 'someone' WHERE row_key = $1`, [id])).rejects.toThrow(
      /append-only/,
    );
  });
});
