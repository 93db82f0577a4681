/**
 * Reading the cells of spreadsheets as townships actually keep them: full-width digits and spaces (全角), numbers
 * typed as text with thousands separators, dates as Excel serial numbers or as text in several Chinese forms,
 * yes/no in Chinese. Pure functions; every failure is a result, not an exception.
 */

export type Cell = string | number | boolean | null;

export type Parsed<T> = { ok: true; value: T } | { ok: false; reason: CellReason };

export const CELL_REASONS = {
  notANumber: { zh: '不是数字', en: 'not a number' },
  notAnInteger: { zh: '不是整数', en: 'not a whole number' },
  notADate: {
    zh: '不是可识别的日期（如 2024-05-01、2024/5/1、2024年5月1日）',
    en: 'not a recognisable date (e.g. 2024-05-01, 2024/5/1, 2024年5月1日)',
  },
  impossibleDate: { zh: '日期不存在', en: 'no such date' },
  notABoolean: { zh: '应为 是/否', en: 'should be yes/no (是/否)' },
} as const;
export type CellReason = (typeof CELL_REASONS)[keyof typeof CELL_REASONS];

/** NFKC folds full-width letters, digits, punctuation and spaces to their ASCII forms; then trim. */
export function normaliseText(value: Cell): string {
  if (value === null) return '';
  return String(value).normalize('NFKC').replace(/\s+/g, ' ').trim();
}

export function isBlank(value: Cell): boolean {
  return normaliseText(value) === '';
}

/** '1,234.5', '１２３', ' 0.02 ' → numbers; '' and null are handled by the caller (blank). */
export function parseNumber(value: Cell): Parsed<number> {
  if (typeof value === 'number')
    return Number.isFinite(value) ? { ok: true, value } : { ok: false, reason: CELL_REASONS.notANumber };
  const text = normaliseText(value).replace(/,(?=\d{3}(\D|$))/g, '');
  if (!/^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$/.test(text))
    return { ok: false, reason: CELL_REASONS.notANumber };
  return { ok: true, value: Number(text) };
}

export function parseInteger(value: Cell): Parsed<number> {
  const number = parseNumber(value);
  if (!number.ok) return number;
  return Number.isSafeInteger(number.value) ? number : { ok: false, reason: CELL_REASONS.notAnInteger };
}

const pad = (n: number, width = 2) => String(n).padStart(width, '0');

function isoDate(year: number, month: number, day: number): Parsed<string> {
  const date = new Date(Date.UTC(year, month - 1, day));
  if (year < 1900 || year > 2100 || date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day) {
    return { ok: false, reason: CELL_REASONS.impossibleDate };
  }
  return { ok: true, value: `${pad(year, 4)}-${pad(month)}-${pad(day)}` };
}

/** Excel's serial day number (1900 date system, with its fictitious 1900-02-29) → 'YYYY-MM-DD'. */
export function excelSerialToDate(serial: number): Parsed<string> {
  if (!Number.isFinite(serial) || serial < 1 || serial > 73050)
    return { ok: false, reason: CELL_REASONS.notADate };
  const days = Math.floor(serial) - (serial >= 61 ? 2 : 1); // day 60 is the fictitious 1900-02-29
  const date = new Date(Date.UTC(1900, 0, 1) + days * 86_400_000);
  return isoDate(date.getUTCFullYear(), date.getUTCMonth() + 1, date.getUTCDate());
}

/**
 * A calendar date from a cell: an Excel serial number, or text such as 2024-05-01, 2024/5/1, 2024.5.1,
 * 2024年5月1日, 20240501 (a time after the date is ignored).
 */
export function parseDate(value: Cell): Parsed<string> {
  if (typeof value === 'number') {
    if (value >= 19000101 && value <= 21001231 && Number.isInteger(value)) return parseDate(String(value));
    return excelSerialToDate(value);
  }
  const text = normaliseText(value);
  const match =
    /^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?(?:[ T].*)?$/.exec(text) ??
    /^(\d{4})(\d{2})(\d{2})$/.exec(text);
  if (!match) return { ok: false, reason: CELL_REASONS.notADate };
  return isoDate(Number(match[1]), Number(match[2]), Number(match[3]));
}

const TRUE_WORDS = new Set([
  '是',
  '有',
  '已',
  '√',
  '✓',
  'y',
  'yes',
  'true',
  't',
  '1',
  '已入驻',
  '已开具',
  '列入',
]);
const FALSE_WORDS = new Set([
  '否',
  '无',
  '未',
  '×',
  '✗',
  'n',
  'no',
  'false',
  'f',
  '0',
  '未入驻',
  '未开具',
  '未列入',
]);

export function parseBoolean(value: Cell): Parsed<boolean> {
  if (typeof value === 'boolean') return { ok: true, value };
  const text = normaliseText(value).toLowerCase();
  if (TRUE_WORDS.has(text)) return { ok: true, value: true };
  if (FALSE_WORDS.has(text)) return { ok: true, value: false };
  return { ok: false, reason: CELL_REASONS.notABoolean };
}

/** Header text compared loosely: width-folded, case-folded, without spaces, punctuation, units in brackets. */
export function headerKey(header: string): string {
  return header
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[(（[【][^)）\]】]*[)）\]】]/g, '')
    .replace(/[\s_\-:：.,，。/\\*]+/g, '');
}
