/**
 * The roster workbook (网格定人, issue 3 item 4) on both engines: exported laid out like the plan's roster table,
 * formula text neutralised, and imported back — per grid, all or nothing, with a row/column report in Chinese.
 */
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RosterImportResult, RosterProblem } from '../../server/contracts/grid-exchange';
import type { Db } from '../../server/src/db/engine';
import { makeCounty } from '../support/fixtures';
import { request, startServer, type TestServer } from '../support/http';
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

async function download(
  id: number,
): Promise<{ status: number; type: string | null; rows: string[][]; book: ExcelJS.Workbook }> {
  const response = await fetch(`${server.url}/api/grids/${id}/roster.xlsx`, {
    headers: { cookie: server.session?.cookie ?? '' },
  });
  const book = new ExcelJS.Workbook();
  await book.xlsx.load(Buffer.from(await response.arrayBuffer()) as unknown as ArrayBuffer);
  const sheet = book.worksheets[0] as ExcelJS.Worksheet;
  const rows: string[][] = [];
  sheet.eachRow({ includeEmpty: false }, (row) => {
    rows.push(Array.from({ length: 6 }, (_, c) => (row.getCell(c + 1).text ?? '').toString()));
  });
  return { status: response.status, type: response.headers.get('content-type'), rows, book };
}

async function toBase64(rows: (string | number | null)[][]): Promise<string> {
  const book = new ExcelJS.Workbook();
  const sheet = book.addWorksheet('人员名单');
  sheet.addRow(['农产品质量安全网格化管理人员名单']);
  sheet.mergeCells(1, 1, 1, 6);
  sheet.addRow(['序号', '网格', '岗位', '姓名', '职务', '联系电话']);
  for (const row of rows) sheet.addRow(row);
  return Buffer.from(await book.xlsx.writeBuffer()).toString('base64');
}

async function upload(id: number, rows: (string | number | null)[][], dryRun = false) {
  return request<
    RosterImportResult & { error?: { message: string; details: { problems: RosterProblem[] } } }
  >(server.url, `/api/grids/${id}/roster.xlsx`, {
    method: 'PUT',
    body: { filename: 'roster.xlsx', file: await toBase64(rows), dryRun },
  });
}

async function rosterOf(gridId: number) {
  const { rows } = await db.query<{ role: string; name: string; post: string; phone: string }>(
    'SELECT role, name, post, phone FROM grid_person WHERE grid_id = $1 ORDER BY sort_order, id',
    [gridId],
  );
  return rows;
}

describe('the roster workbook of a township', () => {
  it('lists the township first, then its villages, under the title of the plan’s roster table', async () => {
    const county = await makeCounty(db);
    const { status, type, rows } = await download(county.townshipIds[0]);
    expect(status).toBe(200);
    expect(type).toContain('spreadsheetml');
    expect(rows[0]?.[0]).toBe('农产品质量安全网格化管理人员名单');
    expect(rows[1]?.[0]).toContain('东镇');
    expect(rows[2]).toEqual(['序号', '网格', '岗位', '姓名', '职务', '联系电话']);
    expect(rows.slice(3)).toEqual([
      ['1', '东镇', '监管责任人（网格监管员）', '张伟', '监管站站长', '13900000002'],
      ['2', '东镇', '乡镇监管站检测员', '赵敏', '检测员', '13900000003'],
      ['3', '一村', '协管员', '协管员1', '村委委员', '13900000010'],
      ['4', '二村', '协管员', '协管员2', '村委委员', '13900000011'],
    ]);
  });

  it('writes a vacant required post as a row to fill in, and neutralises text that could run as a formula', async () => {
    const county = await makeCounty(db);
    const [village] = county.villageIds;
    await db.query('DELETE FROM grid_person WHERE grid_id = $1', [county.villageIds[1]]);
    await db.query(`UPDATE grid_person SET name = '=HYPERLINK("http://x","点我")' WHERE grid_id = $1`, [
      village,
    ]);
    const { rows, book } = await download(county.townshipIds[0]);
    expect(rows.find((r) => r[1] === '二村')).toEqual(['', '二村', '协管员', '', '', '']);
    const sheet = book.worksheets[0] as ExcelJS.Worksheet;
    let formulas = 0;
    sheet.eachRow((row) =>
      row.eachCell((cell) => {
        if (cell.type === ExcelJS.ValueType.Formula) formulas++;
      }),
    );
    expect(formulas).toBe(0);
    expect(rows.find((r) => r[1] === '一村')?.[3]).toBe(`'=HYPERLINK("http://x","点我")`);
  });
});

describe('importing a roster workbook', () => {
  it('replaces the roster of each listed grid and leaves grids not listed alone', async () => {
    const county = await makeCounty(db);
    const [t1] = county.townshipIds;
    const [v1, v2] = county.villageIds;
    const response = await upload(t1, [
      [1, '一村', '协管员', '孙丽', '妇女主任', '13812345678'],
      [2, '一村', '协管员', '周强', '村会计', 13812345679],
      [3, '东镇', '监管责任人', '张伟', '站长', '0994-2345678'],
      [4, '东镇', '乡镇监管站检测员', '吴刚', '检测员', '０９９４－２３４５６７９'],
    ]);
    expect(response.status).toBe(200);
    expect(response.body.people).toBe(4);
    expect(await rosterOf(v1)).toEqual([
      { role: 'village_coordinator', name: '孙丽', post: '妇女主任', phone: '13812345678' },
      { role: 'village_coordinator', name: '周强', post: '村会计', phone: '13812345679' },
    ]);
    expect(await rosterOf(t1)).toEqual([
      { role: 'township_supervisor', name: '张伟', post: '站长', phone: '0994-2345678' },
      { role: 'township_tester', name: '吴刚', post: '检测员', phone: '0994-2345679' },
    ]);
    expect((await rosterOf(v2)).map((p) => p.name)).toEqual(['协管员2']);
    const { rows: history } = await db.query<{ note: string }>(
      `SELECT DISTINCT note FROM grid_history WHERE entity = 'grid_person' AND grid_id = $1`,
      [v1],
    );
    expect(history.map((h) => h.note)).toContain('roster import');
  });

  it('refuses the whole file over one bad row, saying row, column and what is wrong in Chinese', async () => {
    const county = await makeCounty(db);
    const [t1] = county.townshipIds;
    const [v1] = county.villageIds;
    const before = await rosterOf(v1);
    const response = await upload(t1, [
      [1, '一村', '协管员', '孙丽', '妇女主任', '13812345678'],
      [2, '五村', '协管员', '钱七', '', '13812345670'],
      [3, '二村', '网格长', '周强', '', '13812345671'],
      [4, '二村', '协管员', '郑八', '', '139abc12345'],
    ]);
    expect(response.status).toBe(422);
    expect(response.body.error?.message).toMatch(
      /^人员名单有 3 处问题，未导入任何内容。第 4 行“网格”列：没有名为“五村”的网格/,
    );
    const problems = response.body.error?.details.problems ?? [];
    expect(problems.map((p) => [p.row, p.column])).toEqual([
      [4, '网格'],
      [5, '岗位'],
      [6, '联系电话'],
    ]);
    expect(problems[1]?.message.zh).toContain('不是村级网格的岗位（可填：协管员）');
    expect(problems[2]?.message.zh).toContain('电话号码格式不正确');
    expect(await rosterOf(v1)).toEqual(before);
  });

  it('checks without writing on a dry run', async () => {
    const county = await makeCounty(db);
    const [t1] = county.townshipIds;
    const [v1] = county.villageIds;
    const before = await rosterOf(v1);
    const response = await upload(t1, [[1, '一村', '协管员', '孙丽', '', '13812345678']], true);
    expect(response.status).toBe(200);
    expect(response.body).toMatchObject({ dryRun: true, people: 1 });
    expect(await rosterOf(v1)).toEqual(before);
  });

  it('takes back its own export unchanged', async () => {
    const county = await makeCounty(db);
    const [t1] = county.townshipIds;
    const response = await fetch(`${server.url}/api/grids/${t1}/roster.xlsx`, {
      headers: { cookie: server.session?.cookie ?? '' },
    });
    const file = Buffer.from(await response.arrayBuffer()).toString('base64');
    const before = await db.query(
      'SELECT id, version FROM grid_person WHERE grid_id = ANY($1::bigint[]) ORDER BY id',
      [[t1, county.villageIds[0], county.villageIds[1]]],
    );
    const back = await request<RosterImportResult>(server.url, `/api/grids/${t1}/roster.xlsx`, {
      method: 'PUT',
      body: { file },
    });
    expect(back.status).toBe(200);
    expect(back.body.grids.map((g) => g.name)).toEqual(['东镇', '一村', '二村']);
    const after = await db.query(
      'SELECT id, version FROM grid_person WHERE grid_id = ANY($1::bigint[]) ORDER BY id',
      [[t1, county.villageIds[0], county.villageIds[1]]],
    );
    expect(after.rows).toEqual(before.rows);
  });
});
