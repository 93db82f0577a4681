/**
 * The demo's fixed calendar: data runs from 2024-01-01 to 2026-10-31, in China Standard Time (UTC+8).
 * Nothing here reads the clock; dates are computed from constants with Date.UTC.
 *
 * Glossary:
 * - day: 'YYYY-MM-DD'. timestamp: ISO-8601 in UTC ('2024-05-01T02:30:00.000Z' is 10:30 in Xinjiang offices,
 *   which keep Beijing time).
 * - season weights: relative activity per calendar month — more sampling and patrols in the pesticide-use peak
 *   (May–August) and the harvest and market season (July–October), little in winter.
 */
import { WeightedPicker, type Rng } from './prng';

export const PERIOD_START = '2024-01-01';
export const PERIOD_END = '2026-10-31';
/** First day of the last twelve months of the data (the blind-spot window). */
export const LAST_YEAR_START = '2025-11-01';

export interface Month {
  year: number;
  /** 1–12. */
  month: number;
  days: number;
}

/** The months of the period, in order. */
export const MONTHS: readonly Month[] = (() => {
  const months: Month[] = [];
  for (let year = 2024; year <= 2026; year++) {
    for (let month = 1; month <= 12; month++) {
      if (year === 2026 && month > 10) break;
      months.push({ year, month, days: new Date(Date.UTC(year, month, 0)).getUTCDate() });
    }
  }
  return months;
})();

/** Activity per calendar month, January first. */
export const SEASON = [0.35, 0.35, 0.6, 0.9, 1.25, 1.45, 1.6, 1.6, 1.5, 1.2, 0.6, 0.4] as const;

export function day(year: number, month: number, dayOfMonth: number): string {
  return new Date(Date.UTC(year, month - 1, dayOfMonth)).toISOString().slice(0, 10);
}

export function addDays(date: string, days: number): string {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(y, m - 1, d + days)).toISOString().slice(0, 10);
}

/** A local (UTC+8) time on a day, as an ISO timestamp in UTC. */
export function cstTimestamp(date: string, hour: number, minute: number): string {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(y, m - 1, d, hour - 8, minute)).toISOString();
}

/** A random office-hours time (09:30–18:30 local) on the day. */
export function workingTime(rng: Rng, date: string): string {
  const minutes = rng.int(9 * 60 + 30, 18 * 60 + 30);
  return cstTimestamp(date, Math.floor(minutes / 60), minutes % 60);
}

const BY_SEASON = new WeightedPicker(MONTHS.map((m) => [m, SEASON[m.month - 1] as number] as const));

/** A month of the period chosen by season weight, then a uniform day of it. */
export function seasonalDay(rng: Rng): string {
  const month = BY_SEASON.pick(rng);
  return day(month.year, month.month, rng.int(1, month.days));
}

/** The months of one year of the period. */
export function monthsOf(year: number): readonly Month[] {
  return MONTHS_BY_YEAR.get(year) ?? [];
}

const MONTHS_BY_YEAR = new Map(
  [2024, 2025, 2026].map((year) => [year, MONTHS.filter((m) => m.year === year)]),
);

/** The year of a day or timestamp. */
export function yearOf(date: string): number {
  return Number(date.slice(0, 4));
}
