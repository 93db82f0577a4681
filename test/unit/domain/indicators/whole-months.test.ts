import { describe, expect, it } from 'vitest';
import { monthsByYear, wholeMonths } from '../../../../server/src/domain/indicators/whole-months';

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

describe('monthsByYear: the whole months as columns of yearly rollup rows', () => {
  it('takes a year as one row, January to December', () => {
    expect(monthsByYear(wholeMonths('2025-01-01', '2025-12-31'))).toEqual([
      { year: 2025, first: 1, last: 12 },
    ]);
  });
  it('splits months that cross the new year into the two years', () => {
    expect(monthsByYear({ monthFrom: '2024-11-01', monthTo: '2025-03-01' })).toEqual([
      { year: 2024, first: 11, last: 12 },
      { year: 2025, first: 1, last: 2 },
    ]);
    expect(monthsByYear(wholeMonths('2024-12-15', '2025-07-15'))).toEqual([
      { year: 2025, first: 1, last: 6 },
    ]);
    expect(monthsByYear(wholeMonths('2023-12-01', '2026-01-31'))).toEqual([
      { year: 2023, first: 12, last: 12 },
      { year: 2024, first: 1, last: 12 },
      { year: 2025, first: 1, last: 12 },
      { year: 2026, first: 1, last: 1 },
    ]);
  });
  it('keeps a single month and a last month of December', () => {
    expect(monthsByYear(wholeMonths('2025-03-01', '2025-03-31'))).toEqual([
      { year: 2025, first: 3, last: 3 },
    ]);
    expect(monthsByYear(wholeMonths('2025-12-01', '2025-12-31'))).toEqual([
      { year: 2025, first: 12, last: 12 },
    ]);
  });
  it('has no row for a period without a whole month', () => {
    expect(monthsByYear(wholeMonths('2025-01-10', '2025-02-20'))).toEqual([]);
    expect(monthsByYear(wholeMonths('2025-12-02', '2025-12-31'))).toEqual([]);
  });
});
