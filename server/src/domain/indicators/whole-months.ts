/**
 * How a period of China calendar dates splits between a monthly rollup and the records themselves: the whole
 * calendar months inside [from, to] are read from the rollup, the partial months at either edge from the records.
 *
 * Glossary: whole months [monthFrom, monthTo) — first days of months, monthTo exclusive; edges [from, monthFrom)
 * and [monthTo, to + 1 day). Without a whole month inside the period both bounds are the day after `to`, so the
 * first edge is the whole period and the second is empty.
 */
const DAY = 86_400_000;
const ms = (date: string) => Date.parse(`${date}T00:00:00Z`);
const iso = (t: number) => new Date(t).toISOString().slice(0, 10);

export interface WholeMonths {
  /** First day of the first whole month (inclusive). */
  monthFrom: string;
  /** First day of the month after the last whole month (exclusive). */
  monthTo: string;
}

export function wholeMonths(from: string, to: string): WholeMonths {
  const f = new Date(ms(from));
  const after = new Date(ms(to) + DAY);
  const start = f.getUTCDate() === 1 ? ms(from) : Date.UTC(f.getUTCFullYear(), f.getUTCMonth() + 1, 1);
  const end = Date.UTC(after.getUTCFullYear(), after.getUTCMonth(), 1);
  if (start >= end) return { monthFrom: iso(after.getTime()), monthTo: iso(after.getTime()) };
  return { monthFrom: iso(start), monthTo: iso(end) };
}

/** Whole months of one calendar year: months `first`…`last` (1–12, inclusive) of `year`. */
export interface YearMonths {
  year: number;
  first: number;
  last: number;
}

/**
 * The whole months [monthFrom, monthTo) split by calendar year, for a rollup with a row per year and a column per
 * month: 2024-11-01…2025-03-01 is November–December 2024 and January–February 2025. Empty when monthFrom ≥ monthTo.
 */
export function monthsByYear({ monthFrom, monthTo }: WholeMonths): YearMonths[] {
  const out: YearMonths[] = [];
  let year = Number(monthFrom.slice(0, 4));
  let month = Number(monthFrom.slice(5, 7));
  const endYear = Number(monthTo.slice(0, 4));
  const endMonth = Number(monthTo.slice(5, 7));
  while (year < endYear || (year === endYear && month < endMonth)) {
    const last = year < endYear ? 12 : endMonth - 1;
    out.push({ year, first: month, last });
    year++;
    month = 1;
  }
  return out;
}
