/**
 * Enforcement cases (执法办案) on both engines: open, list and edit with the version; bad input refused in both
 * languages with nothing changed; a patrol that referred its subject to law enforcement opens a case linked to it
 * (once), and the case then counts on the dashboard.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CaseList, EnforcementCase, Referral } from '../../server/contracts/cases';
import type { ErrorBody } from '../../server/contracts/errors';
import type { IndicatorsResponse } from '../../server/contracts/indicators';
import type { Db } from '../../server/src/db/engine';
import { type FixtureCounty, makeCounty, uniqueCode } from '../support/fixtures';
import { request, startServer, type TestServer } from '../support/http';
import { openTestDb, testEngine } from '../support/test-db';

let db: Db;
let server: TestServer;
let county: FixtureCounty;
let subjectId: number;
let referralId: number;
let compliantId: number;

async function patrol(outcome: string): Promise<number> {
  const { rows } = await db.query<{ id: number }>(
    `INSERT INTO patrol (subject_id, inspector_name, patrolled_at, outcome, notes)
     VALUES ($1, '张伟', '2025-05-05T09:00:00+08', $2, '发现疑似使用禁用农药') RETURNING id::int`,
    [subjectId, outcome],
  );
  return rows[0]!.id;
}

beforeAll(async () => {
  db = await openTestDb();
  server = await startServer(db);
  county = await makeCounty(db);
  const [lon, lat] = county.villagePoints[0]!;
  const { rows } = await db.query<{ id: number }>(
    `INSERT INTO production_subject (code, name, type, geom)
     VALUES ($1, '立案合作社', 'cooperative', ST_SetSRID(ST_MakePoint($2, $3), 4326)) RETURNING id::int`,
    [uniqueCode('CASE'), lon, lat],
  );
  subjectId = rows[0]!.id;
  referralId = await patrol('refer');
  compliantId = await patrol('compliant');
}, 120_000);

afterAll(async () => {
  await server?.close();
  await db?.close();
});

describe(`enforcement cases (${testEngine()})`, () => {
  let created: EnforcementCase;

  it('opens a case against a subject, filed on the subject’s village', async () => {
    const res = await request<EnforcementCase>(server.url, '/api/cases', {
      method: 'POST',
      body: { caseNumber: uniqueCode('AJ'), subjectId, openedOn: '2025-06-01', cause: 'over_limit' },
    });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    created = res.body;
    expect(created).toMatchObject({
      grid: { id: county.villageIds[0], level: 'village' },
      subject: { id: subjectId },
      status: 'open',
      closedOn: null,
      version: 1,
    });
  });

  it('lists the cases of a township and below, filtered by period', async () => {
    const base = `/api/cases?gridId=${county.townshipIds[0]}`;
    const all = await request<CaseList>(server.url, base);
    expect(all.body.items.map((c) => c.id)).toContain(created.id);
    const before = await request<CaseList>(server.url, `${base}&to=2025-05-31`);
    expect(before.body.items.map((c) => c.id)).not.toContain(created.id);
    const west = await request<CaseList>(server.url, `/api/cases?gridId=${county.townshipIds[1]}`);
    expect(west.body.total).toBe(0);
  });

  it('closes a case with the version it read, and refuses a stale version (409)', async () => {
    const res = await request<EnforcementCase>(server.url, `/api/cases/${created.id}`, {
      method: 'PATCH',
      body: { version: 1, status: 'closed', closedOn: '2025-08-01' },
    });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body).toMatchObject({ status: 'closed', closedOn: '2025-08-01', version: 2 });
    const stale = await request<ErrorBody>(server.url, `/api/cases/${created.id}`, {
      method: 'PATCH',
      body: { version: 1, summary: '补充案情' },
    });
    expect(stale.status).toBe(409);
    expect(stale.body.error.code).toBe('VERSION_CONFLICT');
  });

  it('refuses a closing date before the opening date, in Chinese and English, changing nothing', async () => {
    for (const lang of ['zh-CN', 'en']) {
      const res = await request<ErrorBody>(server.url, '/api/cases', {
        method: 'POST',
        headers: { 'accept-language': lang },
        body: {
          caseNumber: uniqueCode('AJ'),
          subjectId,
          openedOn: '2025-06-01',
          closedOn: '2025-05-01',
          status: 'closed',
          cause: 'other',
        },
      });
      expect(res.status).toBe(400);
      expect(JSON.stringify(res.body)).toMatch(lang === 'en' ? /closing date/ : /结案日期/);
    }
    const dup = await request<ErrorBody>(server.url, '/api/cases', {
      method: 'POST',
      body: { caseNumber: created.caseNumber, subjectId, openedOn: '2025-06-01', cause: 'other' },
    });
    expect(dup.status).toBe(409);
    const { rows } = await db.query<{ n: number }>(
      'SELECT count(*)::int AS n FROM enforcement_case WHERE subject_id = $1',
      [subjectId],
    );
    expect(rows[0]!.n).toBe(1);
  });

  it('opens a case from a referral once, linked to the patrol, and not from a compliant patrol', async () => {
    const number = uniqueCode('AJ');
    const res = await request<EnforcementCase>(server.url, `/api/cases/from-patrol/${referralId}`, {
      method: 'POST',
      body: { caseNumber: number, openedOn: '2025-05-10', cause: 'banned_pesticide' },
    });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    expect(res.body).toMatchObject({
      sourcePatrolId: referralId,
      subject: { id: subjectId },
      grid: { id: county.villageIds[0] },
    });
    const again = await request<ErrorBody>(server.url, `/api/cases/from-patrol/${referralId}`, {
      method: 'POST',
      body: { caseNumber: uniqueCode('AJ') },
    });
    expect(again.status).toBe(409);
    const compliant = await request<ErrorBody>(server.url, `/api/cases/from-patrol/${compliantId}`, {
      method: 'POST',
      body: { caseNumber: uniqueCode('AJ') },
    });
    expect(compliant.status).toBe(422);
    const referrals = await request<Referral[]>(
      server.url,
      `/api/cases/referrals?gridId=${county.townshipIds[0]}`,
    );
    expect(referrals.body).toEqual([expect.objectContaining({ patrolId: referralId, caseId: res.body.id })]);
  });

  it('counts both cases of 2025 on the dashboard for the east town', async () => {
    const res = await request<IndicatorsResponse>(
      server.url,
      `/api/indicators?level=township&parentId=${county.countyId}&from=2025-01-01&to=2025-12-31`,
    );
    const east = res.body.units.find((u) => u.grid.id === county.townshipIds[0])!;
    expect(east.values.enforcement_cases).toMatchObject({ value: 2, met: true });
    const west = res.body.units.find((u) => u.grid.id === county.townshipIds[1])!;
    expect(west.values.enforcement_cases.flag).toBe('zero_cases');
  });
});
