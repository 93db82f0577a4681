/**
 * Assessment indicators (考核指标) of a grid for a period, from additive counts (so a parent's value is computed
 * from the sum of its children's counts, never from an average of their rates).
 *
 * Glossary:
 * - state indicators (staffing, registry freshness, traceability, certificates) describe the registry and roster
 *   at the end of the period — as they are now while the period includes today, rebuilt from the audit log for a
 *   period that ended before today; their previous value is the state at the end of the previous period, rebuilt
 *   from the audit log (previousState). Either is "no_history" (with historyStart) when the log does not reach back
 *   that far (currentNoHistory for the value).
 * - period indicators (sampling quota, pass rates, patrol coverage) count records dated inside [from, to] and, for
 *   the trend, inside the previous period of the same length (previousPeriod()).
 * - quota: population × perThousandPerYear / 1000 × days / 365 quantitative batches (seed 003: 1.5 per 1,000 a year).
 * - small sample: fewer judged samples than the indicator's `minSamples` (default 30); the value is shown with its
 *   Wilson 95 % interval and a warning, never as a bare "100 %".
 * - rapid tests: days with at least one rapid test (快检) in a village of the township, per township and week
 *   (township-weeks = townships × days ÷ 7); "not_collected" while no rapid test has been recorded at all.
 * - enforcement cases: cases opened in the period (withdrawn ones left out) against the minimum of the unit's level
 *   (county: the target, 3 a year; township/village: params.perYear) prorated to the period; a minimum of 0 means
 *   no rule at that level. Zero-case units are flagged. "not_collected" while no case has been recorded at all.
 * - open rectifications: patrol rectifications (限期整改) still open at the end of the period (or today, if
 *   earlier); the value is the overdue ones (deadline passed), a maximum (target 0); "no_patrols" when the unit has
 *   no patrol up to then.
 * - soil risk (土壤风险): from the latest soil zoning run whose area covers each unit (the unit's own grid or a grid
 *   above it), the active subjects whose point or base lies in a 严格管控类 zone — a maximum, target 0 (strict-control
 *   farmland is above the GB 15618 intervention value: no edible produce should come from it) — against the
 *   subjects in 安全利用类 or 严格管控类 zones, with the farmland of each class inside the unit in 亩. A state
 *   indicator (no history). "no_soil_run" when no run covers the unit: never shown as 0.
 */
import {
  type IndicatorId,
  type IndicatorLevel,
  type IndicatorValue,
  LOWER_IS_BETTER,
  type NoDataReason,
} from '../../../contracts/indicators';
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
  /** Township grids in the unit (itself if a township). */
  townships: number;
  /** Units covered by a soil zoning run (1 or 0 per unit; summed for a parent). */
  soilRuns: number;
  /** Subjects in 安全利用类 or 严格管控类 zones, those in 严格管控类 zones. */
  soilSubjects: number;
  soilStrictSubjects: number;
  /** Farmland in the unit by class of the run, m² (classified: every class but no_data). */
  soilStrictM2: number;
  soilSafeM2: number;
  soilClassifiedM2: number;
}

export interface PeriodCounts {
  /** Subjects of the patrol types active on asOf, and those patrolled as often as the patrol rules require (coverageCounts). */
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
  /** Distinct (township, day) pairs with a rapid test. */
  rapidDays: number;
  /** Cases opened in the period (not withdrawn). */
  cases: number;
  /** Patrols recorded up to the end of the period; rectifications open then and the overdue ones among them. */
  patrolsToDate: number;
  openRectifications: number;
  overdueRectifications: number;
}

/** Whether a kind of record exists at all (for "not collected yet"). */
export interface Collected {
  rapidTests: boolean;
  cases: boolean;
}

export interface UnitCounts {
  level: IndicatorLevel;
  /** Residents; null when unknown for the grid or any grid below it. */
  population: number | null;
  state: StateCounts;
  current: PeriodCounts;
  previous: PeriodCounts;
  /**
   * The state counts as at the end of the previous period, rebuilt from the audit log (staffing, freshness,
   * traceability, certificates); null or absent when the audit log does not reach back that far.
   */
  previousState?: StateCounts | null;
  /** First day the audit log answers for (shown with `no_history`). */
  historyStart?: string | null;
  /**
   * The period ended before the audit log's first entry: the state indicators' value (not only the previous one)
   * is `no_history` — `state` holds today's counts, which must not be passed off as the past.
   */
  currentNoHistory?: boolean;
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
  townships: 0,
  soilRuns: 0,
  soilSubjects: 0,
  soilStrictSubjects: 0,
  soilStrictM2: 0,
  soilSafeM2: 0,
  soilClassifiedM2: 0,
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
  rapidDays: 0,
  cases: 0,
  patrolsToDate: 0,
  openRectifications: 0,
  overdueRectifications: 0,
};

function addRecords<T extends object>(a: T, b: T): T {
  const out = { ...a } as Record<string, number>;
  for (const [k, v] of Object.entries(b)) out[k] = (out[k] ?? 0) + (v as number);
  return out as T;
}

/** The counts of a parent of `level` made of these units (population known only when known for all). */
export function sumCounts(units: readonly UnitCounts[], level: IndicatorLevel = 'county'): UnitCounts {
  return units.reduce<UnitCounts>(
    (acc, u) => ({
      level,
      population: acc.population === null || u.population === null ? null : acc.population + u.population,
      state: addRecords(acc.state, u.state),
      current: addRecords(acc.current, u.current),
      previous: addRecords(acc.previous, u.previous),
      previousState:
        acc.previousState && u.previousState ? addRecords(acc.previousState, u.previousState) : null,
      historyStart: acc.historyStart ?? u.historyStart ?? null,
      currentNoHistory: Boolean(acc.currentNoHistory || u.currentNoHistory),
    }),
    {
      level,
      population: 0,
      state: EMPTY_STATE,
      current: EMPTY_PERIOD,
      previous: EMPTY_PERIOD,
      previousState: units.length > 0 ? EMPTY_STATE : null,
      historyStart: null,
      currentNoHistory: false,
    },
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
  /** A per-unit target (enforcement cases: the prorated minimum of the level; null: no minimum there). */
  target?: number | null;
  flag?: IndicatorValue['flag'];
  soil?: IndicatorValue['soil'];
}

/** 1 亩 = 666.67 m² (as the soil overlay). */
const M2_PER_MU = 666.67;
const mu = (m2: number) => Math.round((m2 / M2_PER_MU) * 100) / 100;

function soilAreas(s: StateCounts): NonNullable<IndicatorValue['soil']> {
  const ratio = (m2: number) => (s.soilClassifiedM2 > 0 ? m2 / s.soilClassifiedM2 : null);
  return {
    strictControlMu: mu(s.soilStrictM2),
    safeUtilisationMu: mu(s.soilSafeM2),
    classifiedMu: mu(s.soilClassifiedM2),
    strictControlShare: ratio(s.soilStrictM2),
    safeUtilisationShare: ratio(s.soilSafeM2),
  };
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
    case 'soil_risk':
      if (s.soilRuns === 0) return { value: null, numerator: 0, denominator: 0, noData: 'no_soil_run' };
      return {
        value: s.soilStrictSubjects,
        numerator: s.soilStrictSubjects,
        denominator: s.soilSubjects,
        noData: null,
        soil: soilAreas(s),
      };
    default:
      return null;
  }
}

/** The minimum number of enforcement cases a year at a level: the target for counties, params.perYear below. */
export function casesPerYear(level: IndicatorLevel, config: TargetConfig): number {
  if (level === 'county') return config.target;
  const perYear = config.params.perYear as Record<string, unknown> | undefined;
  const n = Number(perYear?.[level] ?? 0);
  return Number.isFinite(n) && n > 0 ? n : 0;
}

interface PeriodContext {
  level: IndicatorLevel;
  population: number | null;
  townships: number;
  days: number;
  config: TargetConfig;
  collected: Collected;
}

function periodRaw(id: IndicatorId, c: PeriodCounts, x: PeriodContext): Raw {
  const params = x.config.params;
  switch (id) {
    case 'sampling_quota': {
      const perThousand = Number(params.perThousandPerYear ?? 1.5);
      if (!x.population)
        return { value: null, numerator: c.labSamples, denominator: 0, noData: 'no_population' };
      const quota = (((x.population * perThousand) / 1000) * x.days) / 365;
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
    case 'rapid_tests': {
      if (!x.collected.rapidTests)
        return { value: null, numerator: c.rapidDays, denominator: 0, noData: 'not_collected' };
      if (x.townships === 0)
        return { value: null, numerator: c.rapidDays, denominator: 0, noData: 'not_township' };
      const weeks = (x.townships * x.days) / 7;
      return {
        value: c.rapidDays / weeks,
        numerator: c.rapidDays,
        denominator: Math.round(weeks * 10) / 10,
        noData: null,
      };
    }
    case 'enforcement_cases': {
      const minimum = (casesPerYear(x.level, x.config) * x.days) / 365;
      const rounded = Math.round(minimum * 100) / 100;
      if (!x.collected.cases)
        return { value: null, numerator: 0, denominator: rounded, noData: 'not_collected' };
      return {
        value: c.cases,
        numerator: c.cases,
        denominator: rounded,
        noData: null,
        target: minimum > 0 ? minimum : null,
        flag: c.cases === 0 ? 'zero_cases' : null,
      };
    }
    case 'open_rectifications':
      if (c.patrolsToDate === 0) return { value: null, numerator: 0, denominator: 0, noData: 'no_patrols' };
      return {
        value: c.overdueRectifications,
        numerator: c.overdueRectifications,
        denominator: c.openRectifications,
        noData: null,
        flag: c.overdueRectifications > 0 ? 'overdue' : null,
      };
    default:
      return share(c.patrolled, c.patrolBase, 'no_subjects');
  }
}

/**
 * State indicators rebuilt from the audit log — their previous value, and their value for a period that ended
 * before today (soil_risk keeps today's zoning and has no history).
 */
export const STATE_HISTORY_INDICATORS: readonly IndicatorId[] = [
  'staffing',
  'registry_freshness',
  'traceability',
  'certificates',
];

/** Without word of what has been recorded: everything has. */
const COLLECTED: Collected = { rapidTests: true, cases: true };

/** Changes smaller than half a percentage point are "flat". */
const FLAT = 0.005;

/** One indicator of one unit. */
export function indicatorValue(
  id: IndicatorId,
  counts: UnitCounts,
  period: { from: string; to: string },
  config: TargetConfig,
  collected: Collected = COLLECTED,
): IndicatorValue {
  return valueOf(id, counts, periodDays(period.from, period.to), config, collected);
}

/** indicatorValue for a period of `days` days. */
function valueOf(
  id: IndicatorId,
  counts: UnitCounts,
  days: number,
  config: TargetConfig,
  collected: Collected,
): IndicatorValue {
  const context: PeriodContext = {
    level: counts.level,
    population: counts.population,
    townships: counts.state.townships,
    days,
    config,
    collected,
  };
  const withHistory = STATE_HISTORY_INDICATORS.includes(id);
  const state: Raw | null =
    withHistory && counts.currentNoHistory
      ? { value: null, numerator: 0, denominator: 0, noData: 'no_history' as const }
      : stateRaw(id, counts.state);
  const now = state ?? periodRaw(id, counts.current, context);
  const before = state
    ? ((withHistory && counts.previousState ? stateRaw(id, counts.previousState) : null) ?? {
        value: null,
        noData: 'no_history' as const,
      })
    : periodRaw(id, counts.previous, context);
  const minSamples = Number(config.params.minSamples ?? 30);
  const target = now.target === undefined ? config.target : now.target;
  const lower = LOWER_IS_BETTER.includes(id);
  const distance =
    now.value === null || target === null ? null : lower ? target - now.value : now.value - target;
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
    target: target ?? 0,
    distance,
    // A tiny tolerance so that 0.96 computed as 24/25 meets a 0.96 target despite floating point.
    met: distance === null ? null : distance >= -1e-9,
    flag: now.flag ?? null,
    previous: before.value,
    previousNoData: before.noData,
    ...(withHistory && (before.noData === 'no_history' || now.noData === 'no_history')
      ? { historyStart: counts.historyStart ?? null }
      : {}),
    trend,
    ...(id === 'soil_risk' ? { soil: now.soil ?? null } : {}),
  };
}

/** Every indicator of one unit. */
export function indicatorValues(
  ids: readonly IndicatorId[],
  counts: UnitCounts,
  period: { from: string; to: string },
  targets: ReadonlyMap<IndicatorId, TargetConfig>,
  collected: Collected = COLLECTED,
): Record<IndicatorId, IndicatorValue> {
  const out = {} as Record<IndicatorId, IndicatorValue>;
  const days = periodDays(period.from, period.to);
  for (const id of ids)
    out[id] = valueOf(id, counts, days, targets.get(id) ?? { target: 1, params: {} }, collected);
  return out;
}
