/**
 * The state indicators (staffing, registry freshness, traceability, certificates) as of the end of the previous
 * period, rebuilt from the audit log, against a hand-computed fixture (both engines).
 *
 * The query is this year (China time) against last year, so T = 1 January of this year, 00:00 China time. The
 * changes after T are made through the real API now. The API cannot write at a chosen time (audit_log.at is the
 * transaction's now()), so the history before T — when the roster and the subjects were recorded last year — is
 * written here directly as audit rows with a controlled `at`, copying the row images of the real insert rows.
 */
import * as XLSX from '@e965/xlsx';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { IndicatorRecords, IndicatorsResponse, IndicatorValue } from '../../server/contracts/indicators';
import type { Db } from '../../server/src/db/engine';
import { chinaDate } from '../../server/src/lib/china-date';
import { type FixtureCounty, makeCounty, uniqueCode } from '../support/fixtures';
import { openTestSession, request, sessionHeaders, startServer, type TestServer } from '../support/http';
import { openTestDb } from '../support/test-db';

let db: Db;
let server: TestServer;
let county: FixtureCounty;
let body: IndicatorsResponse;
const Y = Number(chinaDate().slice(0, 4));
/** Instants before T (last year and the year before) and after it (this year, before now). */
const LAST_MARCH = `${Y - 1}-03-01T02:00:00Z`;
const LAST_SEPTEMBER = `${Y - 1}-09-01T02:00:00Z`;
const TWO_YEARS_AGO = `${Y - 2}-05-01T02:00:00Z`;
const ids: Record<string, number> = {};

async function createSubject(key: string, village: number, type: string, flags: Record<string, boolean>) {
  const res = await request<{ id: number }>(server.url, '/api/subjects', {
    method: 'POST',
    body: {
      type: 'Feature',
      geometry: { type: 'Point', coordinates: county.villagePoints[village] },
      properties: { code: uniqueCode('SH'), name: `${key}历史主体`, type, ...flags },
    },
  });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  ids[key] = res.body.id;
}

/** The row image of a row's real insert audit row. */
async function insertedImage(table: string, key: number): Promise<Record<string, unknown>> {
  const { rows } = await db.query<{ after: Record<string, unknown> }>(
    `SELECT after FROM audit_log WHERE table_name = $1 AND row_key = $2 AND action = 'insert' ORDER BY id LIMIT 1`,
    [table, String(key)],
  );
  return rows[0]!.after;
}

/** A backdated audit row (see the file comment: the API cannot choose the time of a write). */
async function backdate(
  at: string,
  table: string,
  key: number | string,
  action: string,
  before: object | null,
  after: object | null,
) {
  await db.query(
    `INSERT INTO audit_log (at, table_name, row_key, action, before, after) VALUES ($1, $2, $3, $4, $5, $6)`,
    [at, table, String(key), action, before, after],
  );
}

async function indicators(query: string) {
  const res = await request<IndicatorsResponse>(server.url, `/api/indicators?${query}`);
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return res.body;
}

const value = (unit: { values: Record<string, IndicatorValue> }, id: string) => unit.values[id]!;
const unitOf = (id: number) => body.units.find((u) => u.grid.id === id)!;

beforeAll(async () => {
  db = await openTestDb();
  server = await startServer(db);
  county = await makeCounty(db);
  const [t1, t2] = county.townshipIds;
  const [, v2, , v4] = county.villageIds;

  // The roster was recorded last March — except 二村's coordinator, appointed this year (no row before T).
  const grids = [county.countyId, t1, t2, ...county.villageIds];
  const { rows: people } = await db.query<{ id: number; gridId: number }>(
    `SELECT id::int, grid_id::int AS "gridId" FROM grid_person WHERE grid_id = ANY ($1::bigint[])`,
    [grids],
  );
  for (const g of grids)
    await backdate(LAST_MARCH, 'grid_unit', g, 'insert', null, await insertedImage('grid_unit', g));
  for (const p of people.filter((x) => x.gridId !== v2))
    await backdate(LAST_MARCH, 'grid_person', p.id, 'insert', null, await insertedImage('grid_person', p.id));

  // Through the API, now (after T): 四村 loses its coordinator.
  const roster = await request<{ people: { id: number; version: number }[] }>(
    server.url,
    `/api/grids/${v4}/roster`,
  );
  const known = roster.body.people.map((p) => ({ id: p.id, version: p.version }));
  const cleared = await request(server.url, `/api/grids/${v4}/roster`, {
    method: 'PUT',
    body: { people: [], known },
  });
  expect(cleared.status, JSON.stringify(cleared.body)).toBe(200);

  // Subjects: S1–S3 registered before T (backdated below), S4 registered this year.
  await createSubject('S1', 0, 'cooperative', { traceability: true, issuesCertificate: true });
  await createSubject('S2', 0, 'large_grower', { traceability: false });
  await createSubject('S3', 2, 'family_farm', { traceability: true });
  await createSubject('S4', 2, 'enterprise', { traceability: true, issuesCertificate: true });

  const s1 = await insertedImage('production_subject', ids.S1!);
  const s1March = { ...s1, issues_certificate: false, updated_at: LAST_MARCH };
  const s1September = { ...s1, updated_at: LAST_SEPTEMBER };
  await backdate(LAST_MARCH, 'production_subject', ids.S1!, 'insert', null, s1March);
  // Last September S1 started issuing certificates: the latest row before T wins over the insert.
  await backdate(LAST_SEPTEMBER, 'production_subject', ids.S1!, 'update', s1March, s1September);
  const s2 = await insertedImage('production_subject', ids.S2!);
  await backdate(TWO_YEARS_AGO, 'production_subject', ids.S2!, 'insert', null, {
    ...s2,
    updated_at: TWO_YEARS_AGO,
  });
  const s3 = await insertedImage('production_subject', ids.S3!);
  await backdate(LAST_MARCH, 'production_subject', ids.S3!, 'insert', null, {
    ...s3,
    updated_at: LAST_MARCH,
  });

  // Through the API, now: S2 enrols in traceability, S3 is retired.
  const patched = await request(server.url, `/api/subjects/${ids.S2}`, {
    method: 'PATCH',
    body: { version: 1, properties: { traceability: true } },
  });
  expect(patched.status, JSON.stringify(patched.body)).toBe(200);
  const retired = await request(server.url, `/api/subjects/${ids.S3}/retire`, {
    method: 'POST',
    body: { version: 1, reason: '停产' },
  });
  expect(retired.status, JSON.stringify(retired.body)).toBe(200);

  body = await indicators(`level=township&parentId=${county.countyId}&from=${Y}-01-01&to=${Y}-12-31`);
});

afterAll(async () => {
  await server?.close();
  await db?.close();
});

describe('state indicators at the end of the previous period', () => {
  it('staffing: grids and people as they were at T, against today', () => {
    // T1 = 东镇, 一村, 二村: 二村 had no coordinator at T (2 of 3), all staffed now.
    expect(value(unitOf(county.townshipIds[0]), 'staffing')).toMatchObject({
      value: 1,
      previous: 2 / 3,
      previousNoData: null,
      trend: 'up',
    });
    // T2 = 西乡, 三村, 四村: all staffed at T, 四村 lost its coordinator since (2 of 3).
    expect(value(unitOf(county.townshipIds[1]), 'staffing')).toMatchObject({
      value: 2 / 3,
      previous: 1,
      trend: 'down',
    });
    // The county: its own grid and the six below, one unstaffed then and one now.
    expect(value(body.parent!, 'staffing')).toMatchObject({
      numerator: 6,
      denominator: 7,
      previous: 6 / 7,
      trend: 'flat',
    });
  });

  it('exports the previous values to Excel', async () => {
    const response = await fetch(
      `${server.url}/api/indicators.xlsx?level=township&parentId=${county.countyId}&from=${Y}-01-01&to=${Y}-12-31`,
      { headers: { 'accept-language': 'zh-CN' } },
    );
    expect(response.status).toBe(200);
    const book = XLSX.read(Buffer.from(await response.arrayBuffer()), { type: 'buffer' });
    const rows = XLSX.utils.sheet_to_json<Record<string, unknown>>(book.Sheets[book.SheetNames[0]!]!);
    const previous = Object.fromEntries(rows.map((r) => [r['网格'], r['网格配齐率 上期 %']]));
    expect(previous).toMatchObject({ 东镇: 66.67, 西乡: 100 });
  });

  it('registry freshness: active subjects at T updated in the previous period’s year', () => {
    // At T: S1 (updated last September) and S2 (two years ago) in 东镇; S3 (last March) in 西乡.
    expect(value(unitOf(county.townshipIds[0]), 'registry_freshness')).toMatchObject({
      value: 1,
      previous: 0.5,
      trend: 'up',
    });
    expect(value(unitOf(county.townshipIds[1]), 'registry_freshness')).toMatchObject({
      value: 1,
      previous: 1,
      trend: 'flat',
    });
    expect(value(body.parent!, 'registry_freshness')).toMatchObject({ previous: 2 / 3, trend: 'up' });
  });

  it('traceability and certificates: the flags as they were at T', () => {
    const east = unitOf(county.townshipIds[0]);
    const west = unitOf(county.townshipIds[1]);
    // S2 enrolled after T.
    expect(value(east, 'traceability')).toMatchObject({ value: 1, previous: 0.5, trend: 'up' });
    // S1 issued certificates since last September (before T), S2 never: flat.
    expect(value(east, 'certificates')).toMatchObject({ value: 0.5, previous: 0.5, trend: 'flat' });
    // 西乡: S3 (retired since, no certificates) at T; S4 (registered this year, certificates) now.
    expect(value(west, 'traceability')).toMatchObject({ value: 1, previous: 1, trend: 'flat' });
    expect(value(west, 'certificates')).toMatchObject({ value: 1, previous: 0, trend: 'up' });
    expect(value(body.parent!, 'traceability')).toMatchObject({ previous: 2 / 3, trend: 'up' });
    expect(value(body.parent!, 'certificates')).toMatchObject({
      numerator: 2,
      denominator: 3,
      previous: 1 / 3,
      trend: 'up',
    });
  });

  it('keeps no_history with the first recorded day when the audit log does not reach back to T', async () => {
    const old = await indicators(`level=township&parentId=${county.countyId}&from=2000-01-01&to=2000-12-31`);
    for (const id of ['staffing', 'registry_freshness', 'traceability', 'certificates']) {
      const v = value(old.parent!, id);
      expect(v).toMatchObject({ previous: null, previousNoData: 'no_history', trend: null });
      // History starts with the earliest audit row: at the latest this fixture's, two years ago.
      expect(v.historyStart! > '2000-01-01' && v.historyStart! <= TWO_YEARS_AGO.slice(0, 10)).toBe(true);
    }
  });

  it('gives a township account the same previous values for its villages, and no images outside its grids', async () => {
    const [t1] = county.townshipIds;
    const query = `/api/indicators?level=village&parentId=${t1}&from=${Y}-01-01&to=${Y}-12-31`;
    const admin = await request<IndicatorsResponse>(server.url, query);
    const session = await openTestSession(db, {
      username: `sh-${uniqueCode('u')
        .toLowerCase()
        .replace(/[^a-z0-9]/g, '')}`.slice(0, 30),
      role: 'township_supervisor',
      jurisdictionId: t1,
    });
    const own = await request<IndicatorsResponse>(server.url, query, { headers: sessionHeaders(session) });
    expect(own.status, JSON.stringify(own.body)).toBe(200);
    const previous = (r: IndicatorsResponse) =>
      r.units.map((u) => [u.grid.code, value(u, 'staffing').previous, value(u, 'traceability').previous]);
    expect(previous(own.body)).toEqual(previous(admin.body));
    // 一村 at T: S1 enrolled, S2 not.
    expect(
      value(
        own.body.units.find((u) => u.grid.id === county.villageIds[0])!,
        'traceability',
      ).previous,
    ).toBe(0.5);
    // The function itself, as the application role scoped to 东镇: S3 (西乡) is listed without its image.
    const images = await db.transaction(
      (tx) =>
        tx.query<{ key: string; image: unknown }>(
          `SELECT row_key AS key, image FROM audit_rows_at('production_subject', $1, ARRAY['grid_id'])
           WHERE row_key = ANY ($2::text[]) ORDER BY row_key::bigint`,
          [`${Y}-01-01T00:00:00+08:00`, [String(ids.S1), String(ids.S3)]],
        ),
      {
        role: 'nongan_app',
        user: session.account.username,
        settings: {
          'app.all_grids': 'off',
          'app.read_all_grids': 'off',
          'app.read_grid_ids': [county.countyId, t1, ...county.villageIds.slice(0, 2)].join(','),
        },
      },
    );
    expect(images.rows).toEqual([
      { key: String(ids.S1), image: { grid_id: county.villageIds[0] } },
      { key: String(ids.S3), image: null },
    ]);
  });

  it('rebuilds each row from its audit rows around T', async () => {
    const k = uniqueCode('hist');
    const T = `${Y}-01-01T00:00:00+08:00`;
    // k1: existed before the log began, changed after T → its before image; k2: inserted after T → absent;
    // k3: deleted before T, inserted again after → absent; k4: unchanged since before T → not listed.
    await backdate(
      `${Y}-01-15T00:00:00Z`,
      'production_subject',
      `${k}-1`,
      'update',
      { status: 'active' },
      {
        status: 'inactive',
      },
    );
    await backdate(`${Y}-01-15T00:00:00Z`, 'production_subject', `${k}-2`, 'insert', null, {
      status: 'active',
    });
    await backdate(LAST_MARCH, 'production_subject', `${k}-3`, 'insert', null, { status: 'active' });
    await backdate(LAST_SEPTEMBER, 'production_subject', `${k}-3`, 'delete', { status: 'active' }, null);
    await backdate(`${Y}-01-15T00:00:00Z`, 'production_subject', `${k}-3`, 'insert', null, {
      status: 'active',
    });
    await backdate(LAST_MARCH, 'production_subject', `${k}-4`, 'insert', null, { status: 'active' });
    const { rows } = await db.query<{ key: string; image: { status: string } | null }>(
      `SELECT row_key AS key, image FROM audit_rows_at('production_subject', $1, ARRAY['status'])
       WHERE row_key LIKE $2 ORDER BY row_key`,
      [T, `${k}-%`],
    );
    expect(rows).toEqual([
      { key: `${k}-1`, image: { status: 'active' } },
      { key: `${k}-2`, image: null },
      { key: `${k}-3`, image: null },
    ]);
  });
});

describe('state indicators of a period that ended before today, as at its end', () => {
  // Last year: its end is T (1 January of this year), the previous T is 1 January of last year, before the roster
  // was recorded (last March) and when only S2 (registered two years ago) existed.
  let past: IndicatorsResponse;
  const query = () => `from=${Y - 1}-01-01&to=${Y - 1}-12-31`;
  const records = async (indicator: string, gridId: number, extra = '') => {
    const res = await request<IndicatorRecords>(
      server.url,
      `/api/indicators/${indicator}/records?gridId=${gridId}&${query()}${extra}`,
    );
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    return res.body;
  };
  beforeAll(async () => {
    past = await indicators(`level=township&parentId=${county.countyId}&${query()}`);
  });
  const pastOf = (id: number) => past.units.find((u) => u.grid.id === id)!;

  it('says the state indicators are as at the end of the period', () => {
    expect(past.stateAsOf).toBe(`${Y - 1}-12-31`);
    expect(body.stateAsOf).toBe(chinaDate());
  });

  it('staffing: the roster as it was at the end of the period, not today’s', () => {
    // 东镇: 二村 had no coordinator then (2 of 3; all 3 today). 西乡: all staffed then (四村 lost its coordinator since).
    expect(value(pastOf(county.townshipIds[0]), 'staffing')).toMatchObject({
      value: 2 / 3,
      numerator: 2,
      denominator: 3,
      noData: null,
    });
    expect(value(pastOf(county.townshipIds[1]), 'staffing')).toMatchObject({ value: 1, numerator: 3 });
    // The county's own grid counts as it was then too; a year earlier no grid had been recorded yet.
    expect(value(past.parent!, 'staffing')).toMatchObject({
      numerator: 6,
      denominator: 7,
      previous: null,
      previousNoData: 'no_grids',
    });
  });

  it('subjects: flags, status and updates as they were at the end of the period', () => {
    const east = pastOf(county.townshipIds[0]);
    const west = pastOf(county.townshipIds[1]);
    // 东镇 then: S1 (updated last September, enrolled, certificates) and S2 (updated two years ago, not enrolled).
    // A year earlier only S2: updated in that year, not enrolled, no certificates.
    expect(value(east, 'registry_freshness')).toMatchObject({ value: 0.5, previous: 1, trend: 'down' });
    expect(value(east, 'traceability')).toMatchObject({ value: 0.5, previous: 0, trend: 'up' });
    expect(value(east, 'certificates')).toMatchObject({ value: 0.5, previous: 0, trend: 'up' });
    // 西乡 then: S3 (retired since) without certificates; S4 (certificates) did not exist yet.
    expect(value(west, 'certificates')).toMatchObject({
      value: 0,
      numerator: 0,
      denominator: 1,
      previous: null,
      previousNoData: 'no_subjects',
    });
    expect(value(past.parent!, 'traceability')).toMatchObject({ numerator: 2, denominator: 3 });
    expect(value(past.parent!, 'certificates')).toMatchObject({ numerator: 1, denominator: 3 });
    // Not today's values.
    expect(value(unitOf(county.townshipIds[0]), 'traceability').value).toBe(1);
    expect(value(unitOf(county.townshipIds[1]), 'certificates').value).toBe(1);
  });

  it('lists the records behind the number as they were at the end of the period', async () => {
    const [t1, t2] = county.townshipIds;
    const staffing = await records('staffing', t1, '&failing=true');
    expect(staffing).toMatchObject({ asOf: `${Y - 1}-12-31`, noData: null, total: 1 });
    expect(staffing.items.map((r) => r.id)).toEqual([county.villageIds[1]]);
    // 四村 misses its coordinator today, not then.
    expect((await records('staffing', t2, '&failing=true')).total).toBe(0);
    const live = await request<IndicatorRecords>(
      server.url,
      `/api/indicators/staffing/records?gridId=${t2}&from=${Y}-01-01&to=${Y}-12-31&failing=true`,
    );
    expect(live.body).toMatchObject({ asOf: chinaDate(), total: 1 });

    const traced = await records('traceability', t1);
    expect(Object.fromEntries(traced.items.map((r) => [r.id, r.counts]))).toEqual({
      [ids.S1!]: true,
      [ids.S2!]: false,
    });
    // S3 was active then (retired since); S4 did not exist yet; S1's last update then was last September.
    const fresh = await records('registry_freshness', county.countyId);
    const listed = Object.fromEntries(fresh.items.map((r) => [r.id, [r.counts, r.date]]));
    expect(listed).toEqual({
      [ids.S1!]: [true, LAST_SEPTEMBER.slice(0, 10)],
      [ids.S2!]: [false, TWO_YEARS_AGO.slice(0, 10)],
      [ids.S3!]: [true, LAST_MARCH.slice(0, 10)],
    });
    expect(fresh.total).toBe(value(past.parent!, 'registry_freshness').denominator);
  });

  it('gives no_history with the history start for a period that ended before the audit log began', async () => {
    const old = await indicators(`level=township&parentId=${county.countyId}&from=2000-01-01&to=2000-12-31`);
    for (const unit of [old.parent!, ...old.units])
      for (const id of ['staffing', 'registry_freshness', 'traceability', 'certificates']) {
        const v = value(unit, id);
        expect(v).toMatchObject({
          value: null,
          noData: 'no_history',
          previousNoData: 'no_history',
          met: null,
        });
        expect(v.historyStart! > '2000-12-31').toBe(true);
      }
    const listed = await request<IndicatorRecords>(
      server.url,
      `/api/indicators/traceability/records?gridId=${county.countyId}&from=2000-01-01&to=2000-12-31`,
    );
    expect(listed.body).toMatchObject({ asOf: '2000-12-31', noData: 'no_history', total: 0, items: [] });
    expect(listed.body.historyStart).toBe(value(old.parent!, 'traceability').historyStart);

    // The Excel table shows the first recorded day where the grid card does, not a bare "no data".
    const response = await fetch(
      `${server.url}/api/indicators.xlsx?level=township&parentId=${county.countyId}&from=2000-01-01&to=2000-12-31`,
      { headers: { 'accept-language': 'zh-CN' } },
    );
    const book = XLSX.read(Buffer.from(await response.arrayBuffer()), { type: 'buffer' });
    const rows = XLSX.utils.sheet_to_json<Record<string, unknown>>(book.Sheets[book.SheetNames[0]!]!);
    const start = value(old.parent!, 'staffing').historyStart;
    expect(rows[0]!['网格配齐率 %']).toBe(`历史记录始于 ${start}`);
    expect(rows[0]!['网格配齐率 上期 %']).toBe(`历史记录始于 ${start}`);
    // So does the print dialog's table (one row per grid and indicator).
    const printed = await fetch(`${server.url}/api/print/indicators.xlsx`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'accept-language': 'zh-CN' },
      body: JSON.stringify({
        level: 'township',
        parentId: county.countyId,
        from: '2000-01-01',
        to: '2000-12-31',
      }),
    });
    expect(printed.status).toBe(200);
    const sheet = XLSX.read(Buffer.from(await printed.arrayBuffer()), { type: 'buffer' });
    const lines = XLSX.utils.sheet_to_json<Record<string, unknown>>(sheet.Sheets[sheet.SheetNames[0]!]!);
    const staffing = lines.find((r) => r['指标'] === '网格配齐率')!;
    expect(staffing).toMatchObject({ 上期: `历史记录始于 ${start}`, 无数据原因: `历史记录始于 ${start}` });
  });
});
