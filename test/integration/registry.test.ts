/**
 * The production-subject registry on both engines: list with search, filters, sorting and paging; Excel export
 * with formula injection neutralised; decisions (credit class, key list, retirement) with reasons; the key-list
 * rule; ID numbers checked and masked; possible duplicates flagged; freshness per grid.
 */
import * as XLSX from '@e965/xlsx';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SubjectFeature } from '../../server/contracts/api';
import type { ErrorBody } from '../../server/contracts/errors';
import type { GridFreshness, SubjectList } from '../../server/contracts/registry';
import type { Db } from '../../server/src/db/engine';
import { creditCodeCheckChar } from '../../server/src/domain/identifiers/credit-code';
import { type FixtureCounty, makeCounty, uniqueCode } from '../support/fixtures';
import { request, startServer, type TestServer } from '../support/http';
import { openTestDb, testEngine } from '../support/test-db';

let db: Db;
let server: TestServer;
let county: FixtureCounty;
const ids: Record<string, number> = {};
/** A name no other test uses, to find the household that has no location (and so no grid). */
const HOUSE = `张三${Date.now().toString(36)}`;

async function register(key: string, properties: Record<string, unknown>, point: [number, number] | null) {
  const res = await request<SubjectFeature>(server.url, '/api/subjects', {
    method: 'POST',
    body: {
      type: 'Feature',
      geometry: point && { type: 'Point', coordinates: point },
      properties: { code: uniqueCode('R'), ...properties },
    },
  });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  ids[key] = Number(res.body.id);
  return res.body;
}

beforeAll(async () => {
  db = await openTestDb();
  server = await startServer(db);
  county = await makeCounty(db);
  const [p0, p1, , p3] = county.villagePoints as [number, number][];
  const credit = '93650100MA7' + '654321';
  await register(
    'coop',
    {
      name: '丰收蔬菜专业合作社',
      type: 'cooperative',
      creditClass: 'A',
      certifications: ['green_food'],
      traceability: true,
      creditCode: credit + creditCodeCheckChar(credit),
    },
    p0!,
  );
  await register(
    'farm',
    { name: '=HYPERLINK("http://x","青禾家庭农场")', type: 'family_farm', creditClass: 'B' },
    p1!,
  );
  await register('house', { name: HOUSE, type: 'small_household', address: '西乡四村二组' }, null);
  await register('twin', { name: '丰收蔬菜专业合作社', type: 'cooperative' }, [p0![0] + 0.001, p0![1]]);
  await register('far', { name: '李四', type: 'large_grower' }, p3!);
});
afterAll(async () => {
  await server.close();
  await db.close();
});

const list = (query: string) =>
  request<SubjectList>(server.url, `/api/registry/subjects?gridId=${county.countyId}&${query}`);

describe(`production-subject registry (${testEngine()})`, () => {
  it('lists the subjects of a grid with search, filters, sorting and paging', async () => {
    // The household has no location yet, hence no grid: a grid's list leaves it out until it is placed.
    const all = await list('sort=name&order=asc');
    expect(all.status).toBe(200);
    expect(all.body.total).toBe(4);
    expect((await list('q=丰收')).body.items.map((i) => i.id).sort()).toEqual([ids.coop, ids.twin].sort());
    expect((await list('type=family_farm,large_grower')).body.total).toBe(2);
    expect((await list('creditClass=none')).body.total).toBe(2);
    expect((await list('certification=green_food&traceability=true')).body.items.map((i) => i.id)).toEqual([
      ids.coop,
    ]);
    const unplaced = await request<SubjectList>(
      server.url,
      `/api/registry/subjects?q=${encodeURIComponent(HOUSE)}&location=without`,
    );
    expect(unplaced.body.items.map((i) => i.id)).toEqual([ids.house]);
    const page = await list('sort=code&limit=3&offset=2');
    expect(page.body).toMatchObject({ total: 4, limit: 3, offset: 2 });
    expect(page.body.items).toHaveLength(2);
    const township = await request<SubjectList>(
      server.url,
      `/api/registry/subjects?gridId=${county.townshipIds[1]}`,
    );
    expect(township.body.items.map((i) => i.id)).toEqual([ids.far]);
  });

  it('refuses unknown filter values, naming the parameter', async () => {
    const res = await request<ErrorBody>(server.url, '/api/registry/subjects?type=spaceship', {
      headers: { 'accept-language': 'en' },
    });
    expect(res.status).toBe(400);
    expect((res.body.error.details as { path: string }[])[0]?.path).toBe('query.type.0');
  });

  it('flags the same name within 200 m as a possible duplicate, in the list and on the card', async () => {
    const flagged = await list('duplicates=true');
    expect(flagged.body.items.map((i) => i.id).sort()).toEqual([ids.coop, ids.twin].sort());
    const card = await request<SubjectFeature>(server.url, `/api/subjects/${ids.twin}`);
    expect(card.body.properties.possibleDuplicates).toEqual([
      expect.objectContaining({ id: ids.coop, why: 'name_nearby' }),
    ]);
  });

  it('exports the filtered list to Excel with headers in the caller’s language and formulas neutralised', async () => {
    const response = await fetch(
      `${server.url}/api/registry/subjects.xlsx?gridId=${county.countyId}&sort=code`,
      { headers: { 'accept-language': 'zh-CN' } },
    );
    expect(response.status).toBe(200);
    expect(response.headers.get('content-disposition')).toContain("filename*=UTF-8''%E7%94%9F%E4%BA%A7");
    const book = XLSX.read(Buffer.from(await response.arrayBuffer()), { type: 'buffer' });
    const rows = XLSX.utils.sheet_to_json<Record<string, unknown>>(book.Sheets[book.SheetNames[0]!]!);
    expect(rows).toHaveLength(4);
    expect(Object.keys(rows[0]!)).toContain('主体名称');
    const farm = rows.find((r) => String(r['主体名称']).includes('HYPERLINK'));
    expect(farm?.['主体名称']).toBe(`'=HYPERLINK("http://x","青禾家庭农场")`);
    expect(farm?.['信用等级']).toBe('B 重点监控名单');
  });

  it('refuses a credit-class change without a reason, and records it with its reason and date', async () => {
    const card = await request<SubjectFeature>(server.url, `/api/subjects/${ids.farm}`);
    const withoutReason = await request<ErrorBody>(server.url, `/api/subjects/${ids.farm}`, {
      method: 'PATCH',
      body: { version: card.body.properties.version, properties: { creditClass: 'A' } },
    });
    expect(withoutReason.status).toBe(400);
    expect(withoutReason.body.error.message).toBe('修改信用等级须填写原因');
    const changed = await request<SubjectFeature>(server.url, `/api/subjects/${ids.farm}`, {
      method: 'PATCH',
      body: {
        version: card.body.properties.version,
        reason: '整改完成，复查合格',
        effectiveOn: '2026-11-01',
        properties: { creditClass: 'A' },
      },
    });
    expect(changed.status).toBe(200);
    const events = await request<
      { kind: string; fromValue: string; toValue: string; reason: string; effectiveOn: string }[]
    >(server.url, `/api/subjects/${ids.farm}/events`);
    expect(events.body[0]).toMatchObject({
      kind: 'credit_class',
      fromValue: 'B',
      toValue: 'A',
      reason: '整改完成，复查合格',
      effectiveOn: '2026-11-01',
    });
  });

  it('keeps a blacklisted subject on the key list whatever the editor asks, and says why', async () => {
    const card = await request<SubjectFeature>(server.url, `/api/subjects/${ids.far}`);
    const demoted = await request<SubjectFeature>(server.url, `/api/subjects/${ids.far}`, {
      method: 'PATCH',
      body: {
        version: card.body.properties.version,
        reason: '使用禁用农药',
        properties: { creditClass: 'C' },
      },
    });
    expect(demoted.body.properties).toMatchObject({ creditClass: 'C', keyList: true });
    expect(demoted.body.properties.keyListReasons).toEqual([{ zh: '信用等级为 C 类', en: 'credit class C' }]);
    const off = await request<ErrorBody>(server.url, `/api/subjects/${ids.far}`, {
      method: 'PATCH',
      body: { version: demoted.body.properties.version, reason: '试图移出', properties: { keyList: false } },
    });
    expect(off.status).toBe(422);
    expect(off.body.error.message).toContain('须列入重点监管名录');
  });

  it('checks the legal representative’s ID number and never returns it unmasked', async () => {
    const card = await request<SubjectFeature>(server.url, `/api/subjects/${ids.coop}`);
    const wrong = await request<ErrorBody>(server.url, `/api/subjects/${ids.coop}`, {
      method: 'PATCH',
      body: { version: card.body.properties.version, properties: { legalRepIdNumber: '110105194912310021' } },
    });
    expect(wrong.status).toBe(400);
    expect(wrong.body.error.message).toContain('校验位');
    const right = await request<SubjectFeature>(server.url, `/api/subjects/${ids.coop}`, {
      method: 'PATCH',
      body: { version: card.body.properties.version, properties: { legalRepIdNumber: '11010519491231002x' } },
    });
    expect(right.body.properties.legalRepIdNumberMasked).toBe('110105********002X');
    expect(JSON.stringify(right.body)).not.toContain('11010519491231002X');
  });

  it('retires a subject with a reason instead of deleting it, and can restore it', async () => {
    const card = await request<SubjectFeature>(server.url, `/api/subjects/${ids.house}`);
    const retired = await request<SubjectFeature>(server.url, `/api/subjects/${ids.house}/retire`, {
      method: 'POST',
      body: { version: card.body.properties.version, reason: '户主外出务工，已停止种植' },
    });
    expect(retired.body.properties).toMatchObject({
      status: 'retired',
      retiredReason: '户主外出务工，已停止种植',
    });
    const byName = (status: string) =>
      request<SubjectList>(
        server.url,
        `/api/registry/subjects?q=${encodeURIComponent(HOUSE)}&status=${status}`,
      );
    expect((await byName('active')).body.items).toEqual([]);
    expect((await byName('retired')).body.items.map((i) => i.id)).toEqual([ids.house]);
    const edit = await request<ErrorBody>(server.url, `/api/subjects/${ids.house}`, {
      method: 'PATCH',
      body: { version: retired.body.properties.version, properties: { phone: '13912345678' } },
    });
    expect(edit.status).toBe(422);
    const restored = await request<SubjectFeature>(server.url, `/api/subjects/${ids.house}/restore`, {
      method: 'POST',
      body: { version: retired.body.properties.version, reason: '恢复种植' },
    });
    expect(restored.body.properties).toMatchObject({ status: 'active', retiredAt: null });
  });

  it('reports per village how many active subjects were updated this year', async () => {
    const year = Number(
      new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai', year: 'numeric' }).format(new Date()),
    );
    await db.query(`UPDATE production_subject SET name = name WHERE id = $1`, [ids.far]); // touched: updated now
    await db.query(`ALTER TABLE production_subject DISABLE TRIGGER production_subject_touch`);
    try {
      await db.query(`UPDATE production_subject SET updated_at = $2 WHERE id = $1`, [
        ids.coop,
        `${year - 1}-06-01T00:00:00Z`,
      ]);
    } finally {
      await db.query(`ALTER TABLE production_subject ENABLE TRIGGER production_subject_touch`);
    }
    const res = await request<GridFreshness[]>(
      server.url,
      `/api/registry/freshness?year=${year}&gridId=${county.townshipIds[0]}`,
    );
    const first = res.body.find((g) => g.grid.id === county.villageIds[0]);
    expect(first).toMatchObject({ active: 2, updatedThisYear: 1, stale: 1, share: 0.5 });
    const empty = res.body.find((g) => g.grid.id === county.villageIds[1]);
    expect(empty).toMatchObject({ active: 1, share: 1 });
  });
});
