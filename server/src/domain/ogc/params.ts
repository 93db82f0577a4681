/**
 * The query parameters of OGC API – Features Part 1 (Core): limit, bbox (CRS84, 4 or 6 numbers), datetime (an
 * RFC 3339 instant or date, or an interval with '..' for an open end) and property filters — parsed into values or
 * a located refusal. The offset parameter pages the way the links say (limit/offset).
 */

export const LIMIT = { default: 100, max: 10_000 } as const;

export type Parsed<T> =
  { ok: true; value: T } | { ok: false; parameter: string; message: { zh: string; en: string } };

const bad = (parameter: string, zh: string, en: string): Parsed<never> => ({
  ok: false,
  parameter,
  message: { zh, en },
});

export function parseLimit(value: string | undefined): Parsed<number> {
  if (value === undefined) return { ok: true, value: LIMIT.default };
  const n = Number(value);
  if (!/^\d+$/.test(value) || n < 1)
    return bad('limit', 'limit 应为正整数', 'limit must be a positive integer');
  // Part 1: a limit above the maximum is not an error; the server returns at most its maximum.
  return { ok: true, value: Math.min(n, LIMIT.max) };
}

export function parseOffset(value: string | undefined): Parsed<number> {
  if (value === undefined) return { ok: true, value: 0 };
  return /^\d+$/.test(value) && Number(value) <= 1e9
    ? { ok: true, value: Number(value) }
    : bad('offset', 'offset 应为非负整数', 'offset must be a non-negative integer');
}

export type Bbox = [number, number, number, number];

export function parseBbox(value: string | undefined, crs: string | undefined): Parsed<Bbox | null> {
  if (value === undefined) return { ok: true, value: null };
  if (crs !== undefined && crs !== 'http://www.opengis.net/def/crs/OGC/1.3/CRS84') {
    return bad('bbox-crs', '只支持 CRS84 坐标的 bbox', 'only CRS84 bounding boxes are supported');
  }
  const numbers = value.split(',').map((part) => Number(part.trim()));
  if ((numbers.length !== 4 && numbers.length !== 6) || numbers.some((n) => !Number.isFinite(n))) {
    return bad('bbox', 'bbox 应为 4 个数（西,南,东,北）', 'bbox must be four numbers: west,south,east,north');
  }
  const [w, s, e, n] = numbers.length === 4 ? numbers : [numbers[0], numbers[1], numbers[3], numbers[4]];
  if (
    (w as number) < -180 ||
    (e as number) > 180 ||
    (s as number) < -90 ||
    (n as number) > 90 ||
    (s as number) > (n as number)
  ) {
    return bad('bbox', 'bbox 超出范围或南边大于北边', 'bbox is out of range or its south is above its north');
  }
  return { ok: true, value: [w, s, e, n] as Bbox };
}

export interface Interval {
  start: string | null;
  end: string | null;
}

const INSTANT = /^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2}))?$/;

function instant(text: string, end: boolean): string | null | undefined {
  if (text === '..' || text === '') return null;
  if (!INSTANT.test(text) || Number.isNaN(Date.parse(text))) return undefined;
  // A date alone covers the whole day (in UTC, as RFC 3339 dates have no zone).
  if (text.length === 10) return end ? `${text}T23:59:59.999Z` : `${text}T00:00:00Z`;
  return new Date(text).toISOString();
}

export function parseDatetime(value: string | undefined): Parsed<Interval | null> {
  if (value === undefined) return { ok: true, value: null };
  const parts = value.split('/');
  const message = [
    'datetime',
    'datetime 应为 RFC 3339 时间、日期或区间（如 2024-01-01/2024-12-31，开放端用 ..）',
    'datetime must be an RFC 3339 instant or date, or an interval such as 2024-01-01/2024-12-31 (.. for an open end)',
  ] as const;
  if (parts.length === 1) {
    const start = instant(parts[0] as string, false);
    const end = instant(parts[0] as string, true);
    if (!start || !end) return bad(...message);
    return { ok: true, value: { start, end } };
  }
  if (parts.length !== 2) return bad(...message);
  const start = instant(parts[0] as string, false);
  const end = instant(parts[1] as string, true);
  if (start === undefined || end === undefined || (start === null && end === null)) return bad(...message);
  if (start && end && start > end)
    return bad('datetime', '开始时间晚于结束时间', 'the interval starts after it ends');
  return { ok: true, value: { start, end } };
}

export type PropertyType = 'string' | 'integer' | 'number' | 'boolean' | 'date' | 'datetime';

/** A property filter's value, typed as its property. */
export function parseFilterValue(
  name: string,
  type: PropertyType,
  value: string,
): Parsed<string | number | boolean> {
  switch (type) {
    case 'integer':
      return /^-?\d+$/.test(value)
        ? { ok: true, value: Number(value) }
        : bad(name, `${name} 应为整数`, `${name} must be an integer`);
    case 'number':
      return Number.isFinite(Number(value)) && value.trim() !== ''
        ? { ok: true, value: Number(value) }
        : bad(name, `${name} 应为数字`, `${name} must be a number`);
    case 'boolean':
      return value === 'true' || value === 'false'
        ? { ok: true, value: value === 'true' }
        : bad(name, `${name} 应为 true 或 false`, `${name} must be true or false`);
    default:
      return { ok: true, value };
  }
}
