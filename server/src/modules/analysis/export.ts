/**
 * Excel exports with exceljs. Text that a spreadsheet would run as a formula (starting with = + - @, tab or
 * carriage return — OWASP "CSV injection") gets a leading single quote, so Excel shows it as text and never
 * evaluates it.
 */
import ExcelJS from 'exceljs';

export function neutralise(value: unknown): string | number | boolean | null {
  if (value === null || value === undefined) return null;
  if (typeof value === 'number') return Number.isFinite(value) ? value : null;
  if (typeof value === 'boolean') return value;
  const text = typeof value === 'string' ? value : JSON.stringify(value);
  return /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
}

export async function workbook(
  sheets: { title: string; columns: { key: string; label: string }[]; rows: Record<string, unknown>[] }[],
): Promise<Buffer> {
  const book = new ExcelJS.Workbook();
  book.creator = '农安一张图 Nong’an One Map';
  for (const sheet of sheets) {
    const ws = book.addWorksheet(sheet.title.replace(/[\\/?*[\]:]/g, ' ').slice(0, 31));
    ws.columns = sheet.columns.map((c) => ({
      header: c.label,
      key: c.key,
      width: Math.min(40, Math.max(10, c.label.length * 2)),
    }));
    ws.getRow(1).font = { bold: true };
    for (const row of sheet.rows) {
      const values: Record<string, unknown> = {};
      for (const c of sheet.columns) values[c.key] = neutralise(row[c.key]);
      ws.addRow(values);
    }
    ws.views = [{ state: 'frozen', ySplit: 1 }];
  }
  return Buffer.from(await book.xlsx.writeBuffer());
}
