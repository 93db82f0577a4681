/**
 * The spreadsheet-import pipeline over HTTP on both engines, with the production-subject registry as target:
 * upload, automatic and remembered column mappings, a row-by-row report in the caller's language, all or nothing,
 * a file committed once, and refusals of what must not be opened.
 */
import * as XLSX from '@e965/xlsx';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ImportCommitResult, ImportFileSummary, ImportPreview } from '../../server/contracts/imports';
import type { ErrorBody } from '../../server/contracts/errors';
import type { Db } from '../../server/src/db/engine';
import { creditCodeCheckChar } from '../../server/src/domain/identifiers/credit-code';
import { type FixtureCounty, makeCounty, uniqueCode } from '../support/fixtures';
import { request, startServer, type TestServer } from '../support/http';
import { openTestDb, testEngine } from '../support/test-db';

let db: Db;
let server: TestServer;
let county: FixtureCounty;

beforeAll(async () => {
  db = await openTestDb();
  server = await startServer(db);
  county = await makeCounty(db);
});
afterAll(async () => {
  await server.close();
  await db.close();
});

// A column unique to this run: its header set has never been seen, so no mapping is remembered for it yet.
const RUN_COLUMN = `备注${process.pid}${Date.now().toString(36)}`;
const HEADERS = [
  '序号',
  '主体编码',
  '主体名称',
  '主体类型',
  '统一社会信用代码',
  '联系电话',
  '经度',
  '纬度',
  '主要产品',
  '信用等级',
  '追溯平台',
  RUN_COLUMN,
];
const validCredit = (body: string) => body + creditCodeCheckChar(body);

function workbook(rows: unknown[][], headers = HEADERS): Buffer {
  const sheet = XLSX.utils.aoa_to_sheet([['2025年生产主体名录'], headers, ...rows]);
  const book = XLSX.utils.book_new();
  XLSX.utils.book_append_sheet(book, sheet, '名录');
  return XLSX.write(book, { type: 'buffer', bookType: 'xlsx' }) as Buffer;
}

async function upload(bytes: Buffer, filename = '名录.xlsx') {
  const form = new FormData();
  form.append('file', new Blob([new Uint8Array(bytes)]), filename);
  const response = await fetch(`${server.url}/api/imports`, { method: 'POST', body: form });
  return { status: response.status, body: (await response.json()) as ImportFileSummary & ErrorBody };
}

const post = <T>(path: string, body: unknown, lang = 'zh-CN') =>
  request<T>(server.url, path, { method: 'POST', body, headers: { 'accept-language': lang } });

async function registryCount(): Promise<number> {
  const { rows } = await db.query<{ n: number }>(
    `SELECT count(*) AS n FROM production_subject s JOIN grid_unit v ON v.id = s.grid_id WHERE v.parent_id = ANY($1)`,
    [county.townshipIds],
  );
  return rows[0]?.n ?? 0;
}

function goodRows(codes: string[]) {
  const [lon, lat] = county.villagePoints[0]!;
  return codes.map((code, i) => [
    i + 1,
    code,
    `测试合作社${i}`,
    i === 0 ? '农民专业合作社' : '家庭农场',
    validCredit('93650100MA7' + String(100000 + i)),
    '１３９１２３４５６７８', // full-width digits, as typed on a Chinese keyboard
    String(lon + i * 0.001),
    String(lat),
    '蔬菜、水果',
    'A类',
    '是',
    '',
  ]);
}

describe(`spreadsheet imports (${testEngine()})`, () => {
  it('uploads a workbook and finds its table under the title row', async () => {
    const res = await upload(workbook(goodRows([uniqueCode()])));
    expect(res.status).toBe(201);
    expect(res.body.kind).toBe('xlsx');
    expect(res.body.sheets).toEqual([
      expect.objectContaining({ name: '名录', headerRow: 2, headers: HEADERS, rowCount: 1 }),
    ]);
  });

  it('reports every problem with its row and column and writes nothing, even for the good rows', async () => {
    const [good] = goodRows([uniqueCode()]);
    const swapped = goodRows([uniqueCode()])[0]!;
    [swapped[6], swapped[7]] = [swapped[7]!, swapped[6]!];
    const badCredit = goodRows([uniqueCode()])[0]!;
    badCredit[4] = '91350100M000100Y44'; // the textbook code with a wrong last character
    const outside = goodRows([uniqueCode()])[0]!;
    [outside[6], outside[7]] = ['116.4', '39.9'];
    const duplicate = [...good!];
    const unknownType = goodRows([uniqueCode()])[0]!;
    unknownType[3] = '养蜂场';
    const up = await upload(workbook([good!, swapped, badCredit, outside, duplicate, unknownType]));
    const before = await registryCount();
    const preview = await post<ImportPreview>(`/api/imports/${up.body.id}/preview`, { target: 'subjects' });
    expect(preview.status).toBe(200);
    expect(preview.body.mappingSource).toBe('proposed');
    expect(preview.body.mapping).toMatchObject({
      code: '主体编码',
      name: '主体名称',
      type: '主体类型',
      longitude: '经度',
      latitude: '纬度',
      creditClass: '信用等级',
    });
    expect(preview.body.problems.map((p) => [p.row, p.column, p.code])).toEqual([
      [4, '经度', 'SWAPPED_AXES'],
      [5, '统一社会信用代码', 'BAD_CHECK_CHARACTER'],
      [6, '经度', 'OUTSIDE_COUNTY'],
      [7, '主体编码', 'DUPLICATE_IN_FILE'],
      [8, '主体类型', 'UNKNOWN_VALUE'],
    ]);
    expect(preview.body.validRowCount).toBe(1);
    const commit = await post<ErrorBody>(`/api/imports/${up.body.id}/commit`, { target: 'subjects' }, 'en');
    expect(commit.status).toBe(422);
    expect(commit.body.error.code).toBe('IMPORT_REJECTED');
    expect(commit.body.error.message).toBe('Nothing was imported: the file has errors, no data was written');
    expect((commit.body.error.details as { problemCount: number }).problemCount).toBe(5);
    expect(await registryCount()).toBe(before);
  });

  it('commits a clean file all at once, each subject in the village grid that contains it', async () => {
    const codes = [uniqueCode(), uniqueCode(), uniqueCode()];
    const up = await upload(workbook(goodRows(codes)));
    const commit = await post<ImportCommitResult>(`/api/imports/${up.body.id}/commit`, {
      target: 'subjects',
    });
    expect(commit.status).toBe(200);
    expect(commit.body).toEqual({ target: 'subjects', rowCount: 3, inserted: 3, updated: 0 });
    const { rows } = await db.query<{
      code: string;
      grid_id: number;
      phone: string;
      main_products: string[];
      credit_class: string;
      traceability: boolean;
    }>(
      `SELECT code, grid_id, phone, main_products, credit_class, traceability FROM production_subject WHERE code = ANY($1) ORDER BY code`,
      [codes],
    );
    expect(rows).toHaveLength(3);
    expect(rows.every((r) => r.grid_id === county.villageIds[0])).toBe(true);
    expect(rows[0]).toMatchObject({
      phone: '13912345678',
      main_products: ['vegetable', 'fruit'],
      credit_class: 'A',
      traceability: true,
    });
  });

  it('refuses to commit the same file twice', async () => {
    const up = await upload(workbook(goodRows([uniqueCode()])));
    expect((await post(`/api/imports/${up.body.id}/commit`, { target: 'subjects' })).status).toBe(200);
    const again = await post<ErrorBody>(`/api/imports/${up.body.id}/commit`, { target: 'subjects' });
    expect(again.status).toBe(409);
    expect(again.body.error.code).toBe('ALREADY_COMMITTED');
  });

  it('remembers a confirmed mapping for the next file with the same headers, in any order', async () => {
    const odd = ['编号X', '名字', '种类', '东经度', '北纬度'];
    const [lon, lat] = county.villagePoints[1]!;
    const first = await upload(workbook([[uniqueCode(), '甲农场', '家庭农场', lon, lat]], odd));
    const mapping = { code: '编号X', name: '名字', type: '种类', longitude: '东经度', latitude: '北纬度' };
    expect((await post(`/api/imports/${first.body.id}/commit`, { target: 'subjects', mapping })).status).toBe(
      200,
    );
    const reordered = [odd[4], odd[3], odd[2], odd[1], odd[0]] as string[];
    const second = await upload(workbook([[lat, lon, '散户', '乙户', uniqueCode()]], reordered));
    const preview = await post<ImportPreview>(`/api/imports/${second.body.id}/preview`, {
      target: 'subjects',
    });
    expect(preview.body.mappingSource).toBe('remembered');
    expect(preview.body.mapping).toMatchObject(mapping);
    expect(preview.body.problemCount).toBe(0);
  });

  it('says which required fields a mapping leaves out, and refuses to commit it', async () => {
    const up = await upload(workbook(goodRows([uniqueCode()])));
    const mapping = { code: '主体编码', name: null, type: '主体类型' };
    const preview = await post<ImportPreview>(`/api/imports/${up.body.id}/preview`, {
      target: 'subjects',
      mapping,
    });
    expect(preview.body.mappingProblems.map((p) => p.field)).toEqual(['name']);
    const commit = await post<ErrorBody>(`/api/imports/${up.body.id}/commit`, {
      target: 'subjects',
      mapping,
    });
    expect(commit.status).toBe(422);
    expect(commit.body.error.code).toBe('MAPPING_INVALID');
  });

  it('converts coordinates picked on Amap (GCJ-02) to WGS84 when told so', async () => {
    const code = uniqueCode();
    const up = await upload(workbook(goodRows([code])));
    const preview = await post<ImportPreview>(`/api/imports/${up.body.id}/preview`, {
      target: 'subjects',
      datum: 'gcj02',
    });
    const [feature] = preview.body.preview.features;
    const [lon] = county.villagePoints[0]!;
    expect((feature?.geometry.coordinates as number[])[0]).not.toBeCloseTo(lon, 4);
  });

  it('refuses an upload that is not a spreadsheet, and one announced larger than the limit, storing nothing', async () => {
    const png = await upload(
      Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]),
      'photo.xlsx',
    );
    expect(png.status).toBe(415);
    expect(png.body.error.code).toBe('UNSUPPORTED_FILE');
    const huge = await fetch(`${server.url}/api/imports`, {
      method: 'POST',
      headers: { 'content-type': 'multipart/form-data; boundary=x', 'content-length': String(2 * 1024 ** 3) },
      body: '--x--',
    }).catch((error: Error) => error);
    if (!(huge instanceof Error)) expect(huge.status).toBe(413);
  });

  it('answers 404 for an unknown upload and 400 for a malformed id or an unknown target', async () => {
    expect(
      (await post(`/api/imports/00000000-0000-4000-8000-000000000000/preview`, { target: 'subjects' }))
        .status,
    ).toBe(404);
    expect((await post(`/api/imports/not-a-uuid/preview`, { target: 'subjects' })).status).toBe(400);
    const up = await upload(workbook(goodRows([uniqueCode()])));
    const unknown = await post<ErrorBody>(`/api/imports/${up.body.id}/preview`, { target: 'rockets' }, 'en');
    expect(unknown.status).toBe(400);
    expect(unknown.body.error.message).toContain('available: subjects');
  });
});
