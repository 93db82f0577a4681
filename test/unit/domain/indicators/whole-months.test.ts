import { describe, expect, it } from 'vitest';
import { wholeMonths } from '../../../../server/src/domain/indicators/whole-months';

describe('wholeMonths: the calendar months a period reads from the rollup', () => {
  it('takes a year as twelve whole months and leaves no edge', () => {
    expect(wholeMonths('2025-01-01', '2025-12-31')).toEqual({
      monthFrom: '2025-01-01',
      monthTo: '2026-01-01',
    });
  });
  it('leaves partial months at both edges to the records', () => {
    expect(wholeMonths('2025-01-15', '2025-04-10')).toEqual({
      monthFrom: '2025-02-01',
      monthTo: '2025-04-01',
    });
    expect(wholeMonths('2025-03-01', '2025-05-30')).toEqual({
      monthFrom: '2025-03-01',
      monthTo: '2025-05-01',
    });
  });
  it('knows the last day of February, also in a leap year', () => {
    expect(wholeMonths('2024-02-01', '2024-02-29')).toEqual({
      monthFrom: '2024-02-01',
      monthTo: '2024-03-01',
    });
    expect(wholeMonths('2025-02-01', '2025-02-28')).toEqual({
      monthFrom: '2025-02-01',
      monthTo: '2025-03-01',
    });
    expect(wholeMonths('2024-02-01', '2024-02-28')).toEqual({
      monthFrom: '2024-02-29',
      monthTo: '2024-02-29',
    });
  });
  it('reads a period without a whole month from the records only', () => {
    expect(wholeMonths('2025-01-10', '2025-02-20')).toEqual({
      monthFrom: '2025-02-21',
      monthTo: '2025-02-21',
    });
    expect(wholeMonths('2025-06-03', '2025-06-03')).toEqual({
      monthFrom: '2025-06-04',
      monthTo: '2025-06-04',
    });
    expect(wholeMonths('2025-12-02', '2025-12-31')).toEqual({
      monthFrom: '2026-01-01',
      monthTo: '2026-01-01',
    });
  });
});
