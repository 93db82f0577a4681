import { describe, expect, it } from 'vitest';
import { parseDate, parseInt8, parseTimestamp } from '../../../server/src/db/type-parsers';

describe('database value parsing shared by both engines', () => {
  it('turns PostgreSQL ISO timestamps in UTC into ISO-8601 strings', () => {
    expect(parseTimestamp('2024-05-01 08:30:00+00')).toBe('2024-05-01T08:30:00.000Z');
    expect(parseTimestamp('2024-05-01 08:30:00.123456+00')).toBe('2024-05-01T08:30:00.123Z');
  });

  it('honours other offsets, so a timestamp written in China Standard Time keeps its instant', () => {
    expect(parseTimestamp('2024-05-01 08:30:00+08')).toBe('2024-05-01T00:30:00.000Z');
    expect(parseTimestamp('2024-05-01 08:30:00+05:30')).toBe('2024-05-01T03:00:00.000Z');
  });

  it('reads timestamps without zone as UTC', () => {
    expect(parseTimestamp('2024-12-31 23:59:59')).toBe('2024-12-31T23:59:59.000Z');
  });

  it('keeps calendar dates as dates, without shifting them through a time zone', () => {
    expect(parseDate('2024-02-29')).toBe('2024-02-29');
  });

  it('reads int8 as numbers and refuses values that would lose precision', () => {
    expect(parseInt8('9007199254740991')).toBe(9007199254740991);
    expect(() => parseInt8('9007199254740993')).toThrow(RangeError);
  });
});
