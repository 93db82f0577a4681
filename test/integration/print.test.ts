/**
 * Print-ready maps over the demo county on both engines: the dashboard view as an A3 PDF (parsed with pdf-lib: one
 * page of A3 size, the title as real text) and as a PNG whose pixels match the dpi; an atlas with one page per
 * village; the annual report pack; the indicator workbook; bounded input with bilingual errors; and a township
 * supervisor who can print only their own township.
 */
import { execFileSync } from 'node:child_process';
import * as XLSX from '@e965/xlsx';
import { PDFDocument } from 'pdf-lib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ErrorBody } from '../../server/contracts/errors';
import type { Db } from '../../server/src/db/engine';
import { openDemoTestDb } from '../support/demo-db';
import { startServer, type TestServer } from '../support/http';

let db: Db;
let server: TestServer;
let supervisor: TestServer;
let countyId: number;
let township: { id: number; name: string; villages: number };
let other: { id: number };

beforeAll(async () => {
  db = await openDemoTestDb();
  server = await startServer(db);
  const { rows } = await db.query<{ id: number }>(
    `SELECT id::int FROM grid_unit WHERE code = '652399000000'`,
  );
  countyId = rows[0]!.id;
  const towns = await db.query<{ id: number; name: string; villages: number }>(
    `SELECT t.id::int, t.name, (SELECT count(*)::int FROM grid_unit v WHERE v.parent_id = t.id) AS villages
     FROM grid_unit t WHERE t.parent_id = $1 ORDER BY t.code LIMIT 2`,
    [countyId],
  );
  township = towns.rows[0]!;
  other = towns.rows[1]!;
  supervisor = await startServer(
    db,
    {},
    {
      as: { username: 'print-supervisor', role: 'township_supervisor', jurisdictionId: township.id },
    },
  );
}, 600_000);

afterAll(async () => {
  await Promise.all([server?.close(), supervisor?.close()]);
  await db?.close();
});

async function post(base: string, path: string, body: unknown, lang = 'zh-CN') {
  const res = await fetch(`${base}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'accept-language': lang },
    body: JSON.stringify(body),
  });
  return {
    status: res.status,
    type: res.headers.get('content-type') ?? '',
    bytes: Buffer.from(await res.arrayBuffer()),
  };
}

/** The text of a PDF as poppler's pdftotext extracts it (Chinese must be real text, not outlines). */
function pdfText(bytes: Buffer): string {
  return execFileSync('pdftotext', ['-enc', 'UTF-8', '-', '-'], { input: bytes }).toString('utf8');
}
const pdfHasText = (bytes: Buffer, text: string) => pdfText(bytes).replace(/\s+/g, '').includes(text);

const VIEW = { from: '2025-01-01', to: '2025-12-31', indicator: 'patrol_coverage' };

describe('print: the dashboard view', () => {
  it('renders an A3 landscape PDF of the townships with the title as real text', async () => {
    const title = '青榆县巡查覆盖率分布图';
    const res = await post(server.url, '/api/print/map', {
      ...VIEW,
      level: 'township',
      parentId: countyId,
      size: 'A3',
      orientation: 'landscape',
      title,
    });
    expect(res.status, res.bytes.toString().slice(0, 300)).toBe(200);
    expect(res.type).toContain('application/pdf');
    const pdf = await PDFDocument.load(res.bytes);
    expect(pdf.getPageCount()).toBe(1);
    const { width, height } = pdf.getPage(0).getSize();
    expect(width).toBeCloseTo((420 / 25.4) * 72, 1);
    expect(height).toBeCloseTo((297 / 25.4) * 72, 1);
    expect(pdf.getTitle()).toBe(title);
    expect(pdfHasText(res.bytes, title)).toBe(true);
    expect(pdfHasText(res.bytes, '数据来源')).toBe(true);
  });

  it('renders an A4 portrait PNG whose pixels match the dpi', async () => {
    const res = await post(server.url, '/api/print/map', {
      ...VIEW,
      level: 'village',
      parentId: township.id,
      size: 'A4',
      orientation: 'portrait',
      format: 'png',
      dpi: 150,
      layers: ['labels', 'subjects'],
    });
    expect(res.status).toBe(200);
    expect(res.type).toContain('image/png');
    expect(res.bytes.subarray(1, 4).toString()).toBe('PNG');
    // IHDR: width and height, big-endian, at bytes 16–23.
    expect(res.bytes.readUInt32BE(16)).toBe(Math.round((210 / 25.4) * 150));
    expect(res.bytes.readUInt32BE(20)).toBe(Math.round((297 / 25.4) * 150));
  });

  it('refuses a PNG over the pixel limit and a reversed period, saying where, changing nothing', async () => {
    const big = await post(server.url, '/api/print/map', {
      ...VIEW,
      level: 'township',
      parentId: countyId,
      format: 'png',
      dpi: 600,
    });
    expect(big.status).toBe(400);
    const body = JSON.parse(big.bytes.toString()) as ErrorBody;
    expect(JSON.stringify(body)).toContain('body.dpi');
    expect(body.error.message).toMatch(/dpi/);
    const reversed = await post(server.url, '/api/print/map', {
      ...VIEW,
      from: '2025-12-31',
      to: '2025-01-01',
      level: 'township',
      parentId: countyId,
    });
    expect(reversed.status).toBe(400);
    const unknown = await post(server.url, '/api/print/map', {
      ...VIEW,
      level: 'township',
      parentId: countyId,
      paper: 'A0',
    });
    expect(unknown.status).toBe(400);
  });
});

describe('print: atlas, annual report and workbook', () => {
  it('makes an atlas with one page per village of a township', async () => {
    const res = await post(server.url, '/api/print/atlas', {
      ...VIEW,
      level: 'village',
      parentId: township.id,
      size: 'A4',
      orientation: 'landscape',
    });
    expect(res.status).toBe(200);
    const pdf = await PDFDocument.load(res.bytes);
    expect(township.villages).toBeGreaterThan(1);
    expect(pdf.getPageCount()).toBe(township.villages);
  });

  it('refuses an atlas of more pages than the limit before drawing anything, naming the limit', async () => {
    const small = await startServer(db, { PRINT_MAX_PAGES: '3' });
    try {
      const res = await post(small.url, '/api/print/atlas', {
        ...VIEW,
        level: 'village',
        parentId: township.id,
      });
      expect(res.status).toBe(400);
      const body = JSON.parse(res.bytes.toString()) as ErrorBody;
      expect(body.error.message).toContain(`${township.villages}`);
      expect(body.error.message).toContain('3');
      expect(JSON.stringify(body)).toContain('body.parentId');
    } finally {
      await small.close();
    }
  });

  it('makes the annual report pack with the county map, every indicator, hotspots, soil and patrols', async () => {
    const res = await post(server.url, '/api/print/annual-report', { countyId, year: 2025 });
    expect(res.status).toBe(200);
    const pdf = await PDFDocument.load(res.bytes);
    const { INDICATORS } = await import('../../server/contracts/indicators');
    // overview + one page per indicator + hotspots + soil + patrol coverage + the appendix's pages
    const text = pdfText(res.bytes).replace(/\s+/g, '');
    const appendix = /附表·各村未达目标的指标（1\/(\d+)）/.exec(text);
    expect(appendix).not.toBeNull();
    expect(pdf.getPageCount()).toBe(1 + INDICATORS.length + 3 + Number(appendix![1]));
    expect(pdfHasText(res.bytes, '年度农产品质量安全监管报告')).toBe(true);
    expect(pdfHasText(res.bytes, '土壤')).toBe(true);
    const village = await post(server.url, '/api/print/annual-report', { countyId: township.id, year: 2025 });
    expect(village.status).toBe(400);
  });

  it('exports the indicator table with counts, intervals and no-data reasons (one row per grid and indicator)', async () => {
    const res = await post(server.url, '/api/print/indicators.xlsx', {
      level: 'township',
      parentId: countyId,
      from: '2025-01-01',
      to: '2025-12-31',
    });
    expect(res.status).toBe(200);
    const book = XLSX.read(res.bytes, { type: 'buffer' });
    const rows = XLSX.utils.sheet_to_json<Record<string, unknown>>(book.Sheets[book.SheetNames[0]!]!);
    const { INDICATORS } = await import('../../server/contracts/indicators');
    expect(rows).toHaveLength(11 * INDICATORS.length);
    const pass = rows.find((r) => r['网格'] === '青榆县' && r['指标'] === '抽检合格率')!;
    expect(pass).toBeDefined();
    expect(typeof pass['分子']).toBe('number');
    expect(pass).toHaveProperty('95% 区间下限');
    for (const r of rows) if (r['数值'] === undefined) expect(String(r['无数据原因'] ?? '')).not.toBe('');
    // The class reads as the map's legend does, not as a code (met, near …).
    expect(new Set(rows.map((r) => r['分级']))).toContain('达到目标');
    for (const r of rows) expect(String(r['分级'])).not.toMatch(/^[a-z]+$/);
    // In English the reasons read as words, not as the API's codes (no_samples, not_township …).
    const english = await post(
      server.url,
      '/api/print/indicators.xlsx',
      { level: 'township', parentId: countyId, from: '2025-01-01', to: '2025-12-31' },
      'en',
    );
    const enBook = XLSX.read(english.bytes, { type: 'buffer' });
    const enRows = XLSX.utils.sheet_to_json<Record<string, unknown>>(enBook.Sheets[enBook.SheetNames[0]!]!);
    const reasons = enRows.map((r) => String(r['No data because'] ?? '')).filter(Boolean);
    expect(reasons.length).toBeGreaterThan(0);
    for (const reason of reasons) expect(reason).not.toMatch(/^[a-z]+(_[a-z]+)+$/);
  });
});

describe('print: jurisdiction', () => {
  it('lets a township supervisor print their own township and nothing of a sibling', async () => {
    const own = await post(supervisor.url, '/api/print/map', {
      ...VIEW,
      level: 'village',
      parentId: township.id,
    });
    expect(own.status).toBe(200);
    const sibling = await post(supervisor.url, '/api/print/map', {
      ...VIEW,
      level: 'village',
      parentId: other.id,
    });
    expect([403, 404]).toContain(sibling.status);
    const atlas = await post(supervisor.url, '/api/print/atlas', {
      ...VIEW,
      level: 'village',
      parentId: other.id,
    });
    expect([403, 404]).toContain(atlas.status);
    // Over the county, the supervisor's printout holds their own township only.
    const county = await post(supervisor.url, '/api/print/indicators.xlsx', {
      level: 'township',
      parentId: countyId,
      from: '2025-01-01',
      to: '2025-12-31',
    });
    expect(county.status).toBe(200);
    const book = XLSX.read(county.bytes, { type: 'buffer' });
    const rows = XLSX.utils.sheet_to_json<Record<string, unknown>>(book.Sheets[book.SheetNames[0]!]!);
    const names = new Set(rows.map((r) => r['网格']));
    expect(names.has(township.name)).toBe(true);
    expect([...names].filter((n) => n !== township.name && n !== '青榆县')).toEqual([]);
  });
});
