/**
 * Assessment indicators (考核指标) of a grid for a period, from additive counts (so a parent's value is computed
 * from the sum of its children's counts, never from an average of their rates).
 *
 * Glossary:
 * - state indicators (staffing, registry freshness, traceability, certificates) describe the registry and roster
 *   as they are now: they have no previous-period value ("no_history") until history is kept for them.
 * - period indicators (sampling quota, pass rates, patrol coverage) count records dated inside [from, to] and, for
 *   the trend, inside the previous period of the same length (previousPeriod()).
 * - quota: population × perThousandPerYear / 1000 × days / 365 quantitative batches (seed 003: 1.5 per 1,000 a year).
 * - small sample: fewer judged samples than the indicator's `minSamples` (default 30); the value is shown with its
 *   Wilson 95 % interval and a warning, never as a bare "100 %".
 */
import type { IndicatorId, IndicatorValue, NoDataReason } from '../../../contracts/indicators';
import { wilson } from '../spatial-stats/rates';

export interface StateCounts {
  grids: number;
  staffedGrids: number;
  subjects: number;
  freshSubjects: number;
  mustTrace: number;
  traced: number;
  mustCertify: number;
  certifying: number;
}

export interface PeriodCounts {
  /** Subjects that must be patrolled, and those patrolled at least once in the period. */
  patrolBase: number;
  patrolled: number;
  /** Quantitative (lab) batches sampled in the period. */
  labSamples: number;
  judged: number;
  passed: number;
  certJudged: number;
  certPassed: number;
  bannedJudged: number;
  bannedPassed: number;
}

export interface UnitCounts {
  /** Residents; null when unknown for the grid or any grid below it. */
  population: number | null;
  state: StateCounts;
  current: PeriodCounts;
  previous: PeriodCounts;
}

export interface TargetConfig {
  target: number;
  params: Record<string, unknown>;
}

export const EMPTY_STATE: StateCounts = {
  grids: 0,
  staffedGrids: 0,
  subjects: 0,
  freshSubjects: 0,
  mustTrace: 0,
  traced: 0,
  mustCertify: 0,
  certifying: 0,
};

export const EMPTY_PERIOD: PeriodCounts = {
  patrolBase: 0,
  patrolled: 0,
  labSamples: 0,
  judged: 0,
  passed: 0,
  certJudged: 0,
  certPassed: 0,
  bannedJudged: 0,
  bannedPassed: 0,
};

function addRecords<T extends object>(a: T, b: T): T {
  const out = { ...a } as Record<string, number>;
  for (const [k, v] of Object.entries(b)) out[k] = (out[k] ?? 0) + (v as number);
  return out as T;
}

/** The counts of a parent made of these units (population known only when known for all). */
export function sumCounts(units: readonly UnitCounts[]): UnitCounts {
  return units.reduce<UnitCounts>(
    (acc, u) => ({
      population: acc.population === null || u.population === null ? null : acc.population + u.population,
      state: addRecords(acc.state, u.state),
      current: addRecords(acc.current, u.current),
      previous: addRecords(acc.previous, u.previous),
    }),
    { population: 0, state: EMPTY_STATE, current: EMPTY_PERIOD, previous: EMPTY_PERIOD },
  );
}

const DAY = 86_400_000;
const iso = (ms: number) => new Date(ms).toISOString().slice(0, 10);
const ms = (date: string) => Date.parse(`${date}T00:00:00Z`);

/** Days in [from, to], both included. */
export function periodDays(from: string, to: string): number {
  return Math.round((ms(to) - ms(from)) / DAY) + 1;
}

/**
 * The period of the same length just before [from, to]: whole calendar months shift by their number of months
 * (2024 → 2023, Q2 → Q1), any other period by its number of days.
 */
export function previousPeriod(from: string, to: string): { from: string; to: string } {
  const f = new Date(ms(from));
  const t = new Date(ms(to) + DAY);
  if (f.getUTCDate() === 1 && t.getUTCDate() === 1) {
    const months = (t.getUTCFullYear() - f.getUTCFullYear()) * 12 + t.getUTCMonth() - f.getUTCMonth();
    const start = Date.UTC(f.getUTCFullYear(), f.getUTCMonth() - months, 1);
    return { from: iso(start), to: iso(ms(from) - DAY) };
  }
  const days = periodDays(from, to);
  return { from: iso(ms(from) - days * DAY), to: iso(ms(from) - DAY) };
}

interface Raw {
  value: number | null;
  numerator: number;
  denominator: number;
  noData: NoDataReason | null;
  /** Set for rates of samples (Wilson interval, small-sample flag). */
  sampled?: boolean;
}

const share = (n: number, d: number, reason: NoDataReason): Raw =>
  d > 0
    ? { value: n / d, numerator: n, denominator: d, noData: null }
    : { value: null, numerator: n, denominator: 0, noData: reason };

function stateRaw(id: IndicatorId, s: StateCounts): Raw | null {
  switch (id) {
    case 'staffing':
      return share(s.staffedGrids, s.grids, 'no_grids');
    case 'registry_freshness':
      return share(s.freshSubjects, s.subjects, 'no_subjects');
    case 'traceability':
      return share(s.traced, s.mustTrace, 'no_subjects');
    case 'certificates':
      return share(s.certifying, s.mustCertify, 'no_subjects');
    default:
      return null;
  }
}

function periodRaw(
  id: IndicatorId,
  c: PeriodCounts,
  population: number | null,
  days: number,
  params: Record<string, unknown>,
): Raw {
  switch (id) {
    case 'sampling_quota': {
      const perThousand = Number(params.perThousandPerYear ?? 1.5);
      if (!population)
        return { value: null, numerator: c.labSamples, denominator: 0, noData: 'no_population' };
      const quota = (((population * perThousand) / 1000) * days) / 365;
      return {
        value: c.labSamples / quota,
        numerator: c.labSamples,
        denominator: Math.round(quota * 10) / 10,
        noData: null,
      };
    }
    case 'pass_rate':
      return { ...share(c.passed, c.judged, 'no_samples'), sampled: true };
    case 'pass_rate_certified':
      return { ...share(c.certPassed, c.certJudged, 'no_samples'), sampled: true };
    case 'banned_pass_rate':
      return { ...share(c.bannedPassed, c.bannedJudged, 'no_samples'), sampled: true };
    default:
      return share(c.patrolled, c.patrolBase, 'no_subjects');
  }
}

/** Changes smaller than half a percentage point are "flat". */
const FLAT = 0.005;

/** One indicator of one unit. */
export function indicatorValue(
  id: IndicatorId,
  counts: UnitCounts,
  period: { from: string; to: string },
  config: TargetConfig,
): IndicatorValue {
  const days = periodDays(period.from, period.to);
  const state = stateRaw(id, counts.state);
  const now = state ?? periodRaw(id, counts.current, counts.population, days, config.params);
  const before = state
    ? { value: null, noData: 'no_history' as const }
    : periodRaw(id, counts.previous, counts.population, days, config.params);
  const minSamples = Number(config.params.minSamples ?? 30);
  const distance = now.value === null ? null : now.value - config.target;
  let trend: IndicatorValue['trend'] = null;
  if (now.value !== null && before.value !== null) {
    const d = now.value - before.value;
    trend = Math.abs(d) < FLAT ? 'flat' : d > 0 ? 'up' : 'down';
  }
  return {
    indicator: id,
    value: now.value,
    numerator: now.numerator,
    denominator: now.denominator,
    interval: now.sampled ? wilson(now.numerator, now.denominator) : null,
    smallSample: Boolean(now.sampled) && now.denominator > 0 && now.denominator < minSamples,
    noData: now.noData,
    target: config.target,
    distance,
    // A tiny tolerance so that 0.96 computed as 24/25 meets a 0.96 target despite floating point.
    met: distance === null ? null : distance >= -1e-9,
    previous: before.value,
    previousNoData: before.noData,
    trend,
  };
}

/** Every indicator of one unit. */
export function indicatorValues(
  ids: readonly IndicatorId[],
  counts: UnitCounts,
  period: { from: string; to: string },
  targets: ReadonlyMap<IndicatorId, TargetConfig>,
): Record<IndicatorId, IndicatorValue> {
  const out = {} as Record<IndicatorId, IndicatorValue>;
  for (const id of ids)
    out[id] = indicatorValue(id, counts, period, targets.get(id) ?? { target: 1, params: {} });
  return out;
}
