import * as XLSX from '@e965/xlsx';
import { describe, expect, it } from 'vitest';
import { AppError } from '../../../server/src/http/app-error';
import {
  decodeCsv,
  detectHeaderRow,
  readWorkbook,
  sniffKind,
} from '../../../server/src/modules/imports/spreadsheet';
import { makeZip } from '../../support/zip';

function xlsx(rows: unknown[][], merges: XLSX.Range[] = [], name = '名录'): Buffer {
  const sheet = XLSX.utils.aoa_to_sheet(rows);
  sheet['!merges'] = merges;
  const book = XLSX.utils.book_new();
  XLSX.utils.book_append_sheet(book, sheet, name);
  return XLSX.write(book, { type: 'buffer', bookType: 'xlsx' }) as Buffer;
}

async function refusal(promise: Promise<unknown>): Promise<AppError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof AppError) return error;
    throw error;
  }
  throw new Error('expected the file to be refused');
}

describe('reading uploaded spreadsheets', () => {
  it('recognises xlsx, xls and csv by their content, whatever the file is called', () => {
    expect(sniffKind(xlsx([['a']]))).toBe('xlsx');
    expect(sniffKind(Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0, 0]))).toBe('xls');
    expect(sniffKind(Buffer.from('编码,名称\nA1,甲\n', 'utf8'))).toBe('csv');
    expect(sniffKind(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]))).toBeNull();
  });

  it('decodes a CSV saved by Excel on Chinese Windows (GBK) as well as UTF-8 with a BOM', () => {
    // "编码,名称" in GBK.
    const gbk = Buffer.from([0xb1, 0xe0, 0xc2, 0xeb, 0x2c, 0xc3, 0xfb, 0xb3, 0xc6]);
    expect(decodeCsv(gbk)).toBe('编码,名称');
    expect(
      decodeCsv(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from('编码,名称', 'utf8')])),
    ).toBe('编码,名称');
  });

  it('finds the header row under a title, and the lower row of a two-row header with merged cells', async () => {
    expect(
      detectHeaderRow([['2025年生产主体名录'], [], ['编码', '名称', '类型'], ['A1', '甲', '散户']]),
    ).toBe(2);
    const mergedTitle = [
      ['名录', '名录', '名录'],
      ['编码', '名称', '类型'],
      ['A1', '甲', '散户'],
    ];
    expect(detectHeaderRow(mergedTitle, [{ s: { r: 0, c: 0 }, e: { r: 0, c: 2 } }])).toBe(1);
    const rows = [
      ['网格', '网格', '人员', '人员'],
      ['乡镇', '村', '姓名', '电话'],
      ['石河镇', '古湖村', '李浩然', '18978109034'],
    ];
    const book = await readWorkbook(
      xlsx(rows, [
        { s: { r: 0, c: 0 }, e: { r: 0, c: 1 } },
        { s: { r: 0, c: 2 }, e: { r: 0, c: 3 } },
      ]),
    );
    const sheet = book.sheet();
    expect(sheet.headerRow).toBe(2);
    expect(sheet.headers).toEqual(['乡镇', '村', '姓名', '电话']);
    expect(sheet.rows).toEqual([
      { row: 3, cells: { 乡镇: '石河镇', 村: '古湖村', 姓名: '李浩然', 电话: '18978109034' } },
    ]);
  });

  it('names empty headers after their column and numbers repeated ones', async () => {
    const sheet = (
      await readWorkbook(
        xlsx([
          ['编码', '', '编码'],
          ['A', 'B', 'C'],
        ]),
      )
    ).sheet();
    expect(sheet.headers).toEqual(['编码', '列 B', '编码 (2)']);
  });

  it('refuses a file that is not a spreadsheet', async () => {
    const error = await refusal(
      readWorkbook(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13])),
    );
    expect(error.code).toBe('UNSUPPORTED_FILE');
  });

  it('refuses an .xlsx whose contents would expand past the limit (zip bomb) before inflating it', async () => {
    const bomb = makeZip([
      { name: 'xl/worksheets/sheet1.xml', data: Buffer.from('<x/>'), declaredSize: 250 * 1024 * 1024 },
    ]);
    const error = await refusal(readWorkbook(bomb));
    expect(error.code).toBe('PAYLOAD_TOO_LARGE');
    expect(error.messages?.zh).toContain('压缩炸弹');
  });

  it('refuses a damaged .xlsx with a clear message', async () => {
    const damaged = xlsx([['a']]).subarray(0, 200);
    expect((await refusal(readWorkbook(damaged))).code).toBe('FILE_UNREADABLE');
  });

  it('names the sheets a workbook has when asked for one it does not', async () => {
    const book = await readWorkbook(xlsx([['a'], [1]]));
    expect(() => book.sheet('Sheet9')).toThrow(AppError);
    try {
      book.sheet('Sheet9');
    } catch (error) {
      expect((error as AppError).messages?.zh).toContain('名录');
    }
  });
});
