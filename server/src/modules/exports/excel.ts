/**
 * Excel (.xlsx) exports of list views: a header row in the user's language, typed cells, every text neutralised
 * against formula injection, and a download file name that survives Chinese characters (RFC 6266/5987).
 */
import ExcelJS from 'exceljs';
import type { Response } from 'express';
import { neutraliseFormula } from '../../domain/exports/formula';

export interface ExcelColumn<T> {
  header: string;
  width: number;
  value: (row: T) => string | number | boolean | null;
}

export async function xlsxBuffer<T>(
  sheetName: string,
  columns: ExcelColumn<T>[],
  rows: readonly T[],
): Promise<Buffer> {
  const book = new ExcelJS.Workbook();
  book.creator = '农安一张图';
  const sheet = book.addWorksheet(sheetName.slice(0, 31), { views: [{ state: 'frozen', ySplit: 1 }] });
  sheet.columns = columns.map((c) => ({ header: neutraliseFormula(c.header), width: c.width }));
  sheet.getRow(1).font = { bold: true };
  for (const row of rows) {
    sheet.addRow(
      columns.map((c) => {
        const value = c.value(row);
        return typeof value === 'string' ? neutraliseFormula(value) : value;
      }),
    );
  }
  return Buffer.from(await book.xlsx.writeBuffer());
}

export function sendXlsx(res: Response, filename: string, bytes: Buffer): void {
  const ascii = filename.replace(/[^\x20-\x7e]/g, '_').replace(/"/g, '');
  res
    .status(200)
    .type('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
    .setHeader(
      'Content-Disposition',
      `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(filename)}`,
    )
    .send(bytes);
}
