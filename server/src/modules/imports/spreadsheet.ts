/**
 * Reads an uploaded spreadsheet — .xlsx, .xls or .csv (UTF-8 or the GBK that Excel on Chinese Windows writes) —
 * into sheets of rows keyed by header, refusing what must not be opened: a file that is none of these, an .xlsx
 * whose content would expand past the limit (zip bomb), too many rows or columns.
 *
 * Headers: merged cells are filled across their range; the header row is found by detectHeaderRow unless the user
 * names it; empty headers are named after their column letter and repeated ones get a number.
 */
import * as XLSX from '@e965/xlsx';
import yauzl from 'yauzl';
import type { Cell } from '../../domain/imports/cells';
import { AppError } from '../../http/app-error';

export const LIMITS = {
  /** Uploaded file. */
  fileBytes: 25 * 1024 * 1024,
  /** Everything inside an .xlsx once decompressed. */
  unzippedBytes: 200 * 1024 * 1024,
  zipEntries: 2_000,
  rows: 200_000,
  columns: 200,
  headerSearchRows: 20,
} as const;

export type FileKind = 'xlsx' | 'xls' | 'csv';

export interface SheetRow {
  /** 1-based row number as shown in the spreadsheet. */
  row: number;
  cells: Record<string, Cell>;
}

export interface Sheet {
  name: string;
  headerRow: number;
  headers: string[];
  rows: SheetRow[];
}

const unreadable = (zh: string, en: string, details?: unknown) =>
  new AppError('FILE_UNREADABLE', details, { zh, en });

/** Recognises the file by its content, not its name (a renamed file is still what it is). */
export function sniffKind(bytes: Buffer): FileKind | null {
  if (bytes.length >= 4 && bytes.readUInt32BE(0) === 0x504b0304) return 'xlsx';
  if (bytes.length >= 8 && bytes.readUInt32BE(0) === 0xd0cf11e0 && bytes.readUInt32BE(4) === 0xa1b11ae1)
    return 'xls';
  const head = bytes.subarray(0, 4096);
  // Text: no NUL bytes in the first 4 kB.
  return head.includes(0) ? null : 'csv';
}

/** Sums the declared sizes in the zip directory before anything is inflated. */
export function checkZip(bytes: Buffer): Promise<void> {
  return new Promise((resolve, reject) => {
    yauzl.fromBuffer(bytes, { lazyEntries: true, validateEntrySizes: true }, (error, zip) => {
      if (error || !zip)
        return reject(
          unreadable('Excel 文件已损坏，无法打开', 'The Excel file is damaged and cannot be opened'),
        );
      let total = 0;
      let entries = 0;
      zip.on('entry', (entry: yauzl.Entry) => {
        total += entry.uncompressedSize;
        entries += 1;
        if (total > LIMITS.unzippedBytes || entries > LIMITS.zipEntries) {
          zip.close();
          reject(
            new AppError(
              'PAYLOAD_TOO_LARGE',
              { unzippedLimitBytes: LIMITS.unzippedBytes },
              {
                zh: `Excel 文件解压后超过 ${LIMITS.unzippedBytes / 1024 / 1024} MB，已拒绝（可能是压缩炸弹）`,
                en: `The Excel file expands past ${LIMITS.unzippedBytes / 1024 / 1024} MB and was refused (possibly a zip bomb)`,
              },
            ),
          );
          return;
        }
        zip.readEntry();
      });
      zip.on('end', () => resolve());
      zip.on('error', () =>
        reject(unreadable('Excel 文件已损坏，无法打开', 'The Excel file is damaged and cannot be opened')),
      );
      zip.readEntry();
    });
  });
}

/** UTF-8 (with or without BOM) when it decodes cleanly, else GBK — what Excel on Chinese Windows writes. */
export function decodeCsv(bytes: Buffer): string {
  const body = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? bytes.subarray(3) : bytes;
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(body);
  } catch {
    return new TextDecoder('gbk').decode(body);
  }
}

function fillMerges(sheet: XLSX.WorkSheet): void {
  for (const range of sheet['!merges'] ?? []) {
    const origin = sheet[XLSX.utils.encode_cell(range.s)] as XLSX.CellObject | undefined;
    if (!origin) continue;
    for (let r = range.s.r; r <= range.e.r; r++) {
      for (let c = range.s.c; c <= range.e.c; c++) sheet[XLSX.utils.encode_cell({ r, c })] ??= { ...origin };
    }
  }
}

const text = (cell: Cell | undefined) =>
  cell === null || cell === undefined ? '' : String(cell).normalize('NFKC').trim();

/**
 * The header row (0-based): the first of the first rows that is at least 60 % as full as the fullest of them (a
 * title above the table is not), moved down past rows of horizontally merged cells — a merged title or a group
 * heading over the real column headers.
 */
export function detectHeaderRow(grid: Cell[][], merges: readonly XLSX.Range[] = []): number {
  const counts = grid
    .slice(0, LIMITS.headerSearchRows)
    .map((row) => row.filter((cell) => text(cell) !== '').length);
  const fullest = Math.max(0, ...counts);
  let header = Math.max(
    0,
    counts.findIndex((count) => count > 0 && count >= 0.6 * fullest),
  );
  const mergedAcross = (r: number) => merges.some((m) => m.s.r <= r && r <= m.e.r && m.s.c < m.e.c);
  while (mergedAcross(header) && header + 1 < grid.length && (counts[header + 1] ?? 0) > 0) header += 1;
  return header;
}

function headersOf(row: Cell[], width: number): string[] {
  const seen = new Map<string, number>();
  return Array.from({ length: width }, (_, c) => {
    const base = text(row[c]) || `列 ${XLSX.utils.encode_col(c)}`;
    const count = (seen.get(base) ?? 0) + 1;
    seen.set(base, count);
    return count === 1 ? base : `${base} (${count})`;
  });
}

function toSheet(name: string, worksheet: XLSX.WorkSheet, headerRow?: number): Sheet {
  fillMerges(worksheet);
  const grid = XLSX.utils.sheet_to_json<Cell[]>(worksheet, {
    header: 1,
    raw: true,
    defval: null,
    blankrows: true,
  });
  const width = Math.max(0, ...grid.slice(0, LIMITS.headerSearchRows + 1).map((r) => r.length));
  if (width > LIMITS.columns) {
    throw unreadable(
      `工作表「${name}」超过 ${LIMITS.columns} 列`,
      `sheet "${name}" has more than ${LIMITS.columns} columns`,
    );
  }
  const headerIndex = headerRow !== undefined ? headerRow - 1 : detectHeaderRow(grid, worksheet['!merges']);
  const headers = headersOf(grid[headerIndex] ?? [], width);
  const rows: SheetRow[] = [];
  for (let r = headerIndex + 1; r < grid.length; r++) {
    const values = grid[r] ?? [];
    if (values.every((v) => text(v) === '')) continue;
    rows.push({ row: r + 1, cells: Object.fromEntries(headers.map((h, c) => [h, values[c] ?? null])) });
  }
  if (rows.length > LIMITS.rows) {
    throw unreadable(
      `工作表「${name}」超过 ${LIMITS.rows} 行，请分批导入`,
      `sheet "${name}" has more than ${LIMITS.rows} rows; import it in parts`,
    );
  }
  return { name, headerRow: headerIndex + 1, headers, rows };
}

export interface Workbook {
  kind: FileKind;
  sheetNames: string[];
  sheet(name?: string, headerRow?: number): Sheet;
}

/** Opens a workbook; sheets are read on demand (the user picks one). */
export async function readWorkbook(bytes: Buffer): Promise<Workbook> {
  const kind = sniffKind(bytes);
  if (kind === null) throw new AppError('UNSUPPORTED_FILE');
  if (kind === 'xlsx') await checkZip(bytes);
  let book: XLSX.WorkBook;
  try {
    const options: XLSX.ParsingOptions = {
      raw: true,
      cellDates: false,
      cellNF: false,
      cellHTML: false,
      sheetRows: LIMITS.rows + LIMITS.headerSearchRows + 1,
    };
    book =
      kind === 'csv'
        ? XLSX.read(decodeCsv(bytes), { ...options, type: 'string' })
        : XLSX.read(bytes, { ...options, type: 'buffer' });
  } catch (error) {
    throw unreadable('文件无法解析为表格', 'The file cannot be read as a spreadsheet', {
      reason: (error as Error).message,
    });
  }
  return {
    kind,
    sheetNames: book.SheetNames,
    sheet(name, headerRow) {
      const sheetName = name ?? book.SheetNames[0];
      const worksheet = sheetName === undefined ? undefined : book.Sheets[sheetName];
      if (!worksheet || sheetName === undefined) {
        throw new AppError('VALIDATION_FAILED', [{ path: 'body.sheet', message: `no sheet "${name}"` }], {
          zh: `没有名为「${name}」的工作表，可选：${book.SheetNames.join('、')}`,
          en: `There is no sheet "${name}"; the workbook has: ${book.SheetNames.join(', ')}`,
        });
      }
      return toSheet(sheetName, worksheet, headerRow);
    },
  };
}
