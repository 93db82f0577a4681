/**
 * Result-value parsing shared by both engines, so that a row reads the same whichever engine produced it:
 * int8 and numeric → number, date → 'YYYY-MM-DD', timestamp(tz) → ISO-8601 string in UTC, json(b) → parsed value.
 * Sessions run with TimeZone UTC and DateStyle ISO (SESSION_SETTINGS).
 */

export const OID = {
  INT8: 20,
  NUMERIC: 1700,
  DATE: 1082,
  TIMESTAMP: 1114,
  TIMESTAMPTZ: 1184,
} as const;

/** int8 → number; ids and counts stay far below 2^53, so refuse silently losing precision. */
export function parseInt8(text: string): number {
  const n = Number(text);
  if (!Number.isSafeInteger(n)) throw new RangeError(`int8 value ${text} exceeds the safe integer range`);
  return n;
}

export function parseNumeric(text: string): number {
  return Number(text);
}

/** 'YYYY-MM-DD' stays a string: a calendar date has no time zone and must not shift. */
export function parseDate(text: string): string {
  return text;
}

/** '2024-05-01 08:30:00.123+00' (ISO DateStyle, UTC session) → '2024-05-01T08:30:00.123Z'. */
export function parseTimestamp(text: string): string {
  if (text === 'infinity' || text === '-infinity') return text;
  const normalised = text
    .replace(' ', 'T')
    .replace(/([+-]\d\d)$/, '$1:00')
    .replace(/([+-]\d\d)(\d\d)$/, '$1:$2');
  const hasZone = /(Z|[+-]\d\d:\d\d)$/.test(normalised);
  const date = new Date(hasZone ? normalised : `${normalised}Z`);
  if (Number.isNaN(date.getTime())) throw new RangeError(`unparseable timestamp ${text}`);
  return date.toISOString();
}

export const VALUE_PARSERS: Record<number, (text: string) => unknown> = {
  [OID.INT8]: parseInt8,
  [OID.NUMERIC]: parseNumeric,
  [OID.DATE]: parseDate,
  [OID.TIMESTAMP]: parseTimestamp,
  [OID.TIMESTAMPTZ]: parseTimestamp,
};
