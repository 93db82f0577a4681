/**
 * From spreadsheet rows to the typed raw rows a target parses: applies the column mapping, types every mapped cell
 * by its field (numbers, dates, yes/no, enumerations by value or label), converts coordinates from the chosen
 * datum and recognises swapped longitude/latitude. Every problem says which row and which column, in both
 * languages; a row with a problem here is not handed to the target.
 */
import type { ImportField, RawRow, RowProblem } from './types';
import {
  type Cell,
  headerKey,
  isBlank,
  normaliseText,
  parseBoolean,
  parseDate,
  parseInteger,
  parseNumber,
} from './cells';
import { type Datum, inChina, looksSwapped, parseDegrees, toWgs84 } from './coordinates';

export interface RowOptions {
  datum: Datum;
  /** The user confirmed that longitude and latitude are in each other's columns throughout the file. */
  swapAxes: boolean;
}

export type Mapping = Record<string, string | null>;

interface Located {
  row: number;
  column: string | null;
}

const problem = (at: Located, code: string, zh: string, en: string): RowProblem => ({
  row: at.row,
  column: at.column,
  code,
  message: { zh, en },
});

function typed(
  field: ImportField,
  cell: Cell,
  at: Located,
): { value: RawRow[string] } | { problem: RowProblem } {
  const label = field.label;
  const fail = (reason: { zh: string; en: string }) => ({
    problem: problem(
      at,
      'BAD_VALUE',
      `「${label.zh}」${reason.zh}：${normaliseText(cell)}`,
      `${label.en}: ${reason.en}: ${normaliseText(cell)}`,
    ),
  });
  switch (field.type) {
    case 'number':
    case 'longitude':
    case 'latitude': {
      const parsed =
        field.type === 'number' ? parseNumber(cell) : { ok: true as const, value: parseDegrees(cell) };
      if (!parsed.ok || parsed.value === null)
        return fail({ zh: '不是数字或度分秒', en: 'not a number or degrees-minutes-seconds' });
      return { value: parsed.value };
    }
    case 'integer': {
      const parsed = parseInteger(cell);
      return parsed.ok ? { value: parsed.value } : fail(parsed.reason);
    }
    case 'date':
    case 'datetime': {
      const parsed = parseDate(cell);
      return parsed.ok ? { value: parsed.value } : fail(parsed.reason);
    }
    case 'boolean': {
      const parsed = parseBoolean(cell);
      return parsed.ok ? { value: parsed.value } : fail(parsed.reason);
    }
    case 'string':
      return enumerated(field, normaliseText(cell), at);
  }
}

function enumerated(
  field: ImportField,
  text: string,
  at: Located,
): { value: string } | { problem: RowProblem } {
  if (!field.values) return { value: text };
  const key = headerKey(text);
  const match = field.values.find((v) =>
    [v.value, v.zh, v.en, ...(v.aliases ?? [])].some((name) => headerKey(name) === key),
  );
  if (match) return { value: match.value };
  const allowed = field.values.map((v) => v.zh).join('、');
  return {
    problem: problem(
      at,
      'UNKNOWN_VALUE',
      `「${field.label.zh}」不是可选值「${text}」，可选：${allowed}`,
      `${field.label.en}: "${text}" is not one of ${field.values.map((v) => v.en).join(', ')}`,
    ),
  };
}

/** Reads the mapped cells of one spreadsheet row; coordinates are converted and checked afterwards. */
function readCells(fields: ImportField[], cells: Record<string, Cell>, mapping: Mapping, row: number) {
  const raw: RawRow = {};
  const problems: RowProblem[] = [];
  for (const field of fields) {
    const column = mapping[field.key] ?? null;
    const cell = column === null ? null : (cells[column] ?? null);
    if (cell === null || isBlank(cell)) {
      if (field.required) {
        problems.push(
          problem({ row, column }, 'REQUIRED', `缺少「${field.label.zh}」`, `${field.label.en} is missing`),
        );
      }
      raw[field.key] = null;
      continue;
    }
    const result = typed(field, cell, { row, column });
    if ('problem' in result) problems.push(result.problem);
    else raw[field.key] = result.value;
  }
  return { raw, problems };
}

function placeCoordinates(
  fields: ImportField[],
  raw: RawRow,
  mapping: Mapping,
  row: number,
  options: RowOptions,
): RowProblem[] {
  const lonField = fields.find((f) => f.type === 'longitude');
  const latField = fields.find((f) => f.type === 'latitude');
  if (!lonField || !latField) return [];
  let lon = raw[lonField.key];
  let lat = raw[latField.key];
  if (typeof lon !== 'number' || typeof lat !== 'number') return [];
  const at = { row, column: mapping[lonField.key] ?? null };
  if (options.swapAxes) [lon, lat] = [lat, lon];
  else if (looksSwapped(lon, lat)) {
    return [
      problem(
        at,
        'SWAPPED_AXES',
        `经纬度似乎写反了（${lon}, ${lat}）：经度应在前、约 73–136，纬度约 3–54；如整个文件都写反，请勾选“经纬度互换”`,
        `longitude and latitude look swapped (${lon}, ${lat}); if the whole file has them swapped, tick "swap longitude/latitude"`,
      ),
    ];
  }
  if (lon < -180 || lon > 180 || lat < -85.05 || lat > 85.05) {
    return [
      problem(
        at,
        'OUT_OF_RANGE',
        `坐标超出范围（${lon}, ${lat}）`,
        `coordinates out of range (${lon}, ${lat})`,
      ),
    ];
  }
  if (!inChina(lon, lat)) {
    return [
      problem(
        at,
        'OUTSIDE_CHINA',
        `坐标不在中国境内（${lon}, ${lat}）`,
        `coordinates are outside China (${lon}, ${lat})`,
      ),
    ];
  }
  [raw[lonField.key], raw[latField.key]] = toWgs84(lon, lat, options.datum);
  return [];
}

/** One spreadsheet row (cells keyed by header) → the target's raw row, or the problems that stop it. */
export function readRow(
  fields: ImportField[],
  cells: Record<string, Cell>,
  mapping: Mapping,
  row: number,
  options: RowOptions,
): { ok: true; raw: RawRow } | { ok: false; problems: RowProblem[] } {
  const { raw, problems } = readCells(fields, cells, mapping, row);
  if (problems.length > 0) return { ok: false, problems };
  const placement = placeCoordinates(fields, raw, mapping, row, options);
  return placement.length > 0 ? { ok: false, problems: placement } : { ok: true, raw };
}
