/**
 * The officials' dashboard (监管考核, issue 8): assessment indicators per grid of a level for a period, each with
 * its target (table indicator_target), distance to target and the previous period's value, and the records behind
 * every number.
 */
import { z } from 'zod';

export const INDICATORS = [
  'staffing',
  'registry_freshness',
  'traceability',
  'certificates',
  'sampling_quota',
  'pass_rate',
  'pass_rate_certified',
  'banned_pass_rate',
  'patrol_coverage',
  'rapid_tests',
  'enforcement_cases',
  'open_rectifications',
  'soil_risk',
] as const;
export type IndicatorId = (typeof INDICATORS)[number];

export const INDICATOR_LEVELS = ['county', 'township', 'village'] as const;
export type IndicatorLevel = (typeof INDICATOR_LEVELS)[number];

/**
 * What a value is: a share 0–1 (shown as a percentage), a ratio to a norm (sampling quota, rapid tests per township
 * per week — shown as a number), or a count of records (cases, overdue rectifications). `lowerIsBetter` marks
 * indicators whose target is a maximum.
 */
export const INDICATOR_KIND: Record<IndicatorId, 'share' | 'ratio' | 'count'> = {
  staffing: 'share',
  registry_freshness: 'share',
  traceability: 'share',
  certificates: 'share',
  sampling_quota: 'share',
  pass_rate: 'share',
  pass_rate_certified: 'share',
  banned_pass_rate: 'share',
  patrol_coverage: 'share',
  rapid_tests: 'ratio',
  enforcement_cases: 'count',
  open_rectifications: 'count',
  soil_risk: 'count',
};
export const LOWER_IS_BETTER: readonly IndicatorId[] = ['open_rectifications', 'soil_risk'];

export type RecordKind = 'grids' | 'subjects' | 'samples' | 'cases' | 'patrols';

/** What the records behind an indicator are. */
export const INDICATOR_RECORDS: Record<IndicatorId, RecordKind> = {
  staffing: 'grids',
  registry_freshness: 'subjects',
  traceability: 'subjects',
  certificates: 'subjects',
  sampling_quota: 'samples',
  pass_rate: 'samples',
  pass_rate_certified: 'samples',
  banned_pass_rate: 'samples',
  patrol_coverage: 'subjects',
  rapid_tests: 'samples',
  enforcement_cases: 'cases',
  open_rectifications: 'patrols',
  soil_risk: 'subjects',
};

/** Why a value is missing: never shown as 0 % or 100 %. */
export const NO_DATA_REASONS = [
  'no_grids',
  'no_subjects',
  'no_samples',
  'no_population',
  'no_history',
  /** Nothing of the kind has been recorded anywhere yet (e.g. no rapid test collected at all). */
  'not_collected',
  /** Rapid tests are a township duty: a village has no value of its own. */
  'not_township',
  /** No patrol recorded in the grid up to the end of the period. */
  'no_patrols',
  /** No soil zoning run covers the grid (its own area or a grid above it). */
  'no_soil_run',
] as const;
export type NoDataReason = (typeof NO_DATA_REASONS)[number];

/** Why a value is missing, in words (the dashboard, its Excel, the printed tables and notes). */
export const NO_DATA_REASON_TEXT: Record<NoDataReason, { zh: string; en: string }> = {
  no_grids: { zh: '无网格', en: 'no grids' },
  no_subjects: { zh: '无应统计的生产主体', en: 'no subjects to count' },
  no_samples: { zh: '本期无检测样品', en: 'no samples tested in the period' },
  no_population: { zh: '缺少常住人口数据', en: 'population unknown' },
  no_history: { zh: '暂无历史数据', en: 'no history yet' },
  not_collected: { zh: '尚未采集此类数据', en: 'not collected yet' },
  not_township: {
    zh: '快检按乡镇统计，村级不单列',
    en: 'rapid tests are counted per township, not per village',
  },
  no_patrols: { zh: '截至期末无巡查记录', en: 'no patrol recorded by the end of the period' },
  no_soil_run: { zh: '尚无覆盖该网格的土壤分区结果', en: 'no soil zoning run covers this grid yet' },
};

/** The reason texts of one language, keyed by reason (for the client's message bundles). */
export const noDataReasonTexts = (lang: 'zh' | 'en'): Record<NoDataReason, string> =>
  Object.fromEntries(NO_DATA_REASONS.map((r) => [r, NO_DATA_REASON_TEXT[r][lang]])) as Record<
    NoDataReason,
    string
  >;

const period = {
  from: z.iso.date(),
  to: z.iso.date(),
};

export const IndicatorsQuery = z
  .object({
    level: z.enum(INDICATOR_LEVELS),
    /** The grid whose children of `level` are compared (defaults to every grid of the level). */
    parentId: z.coerce.number().int().positive().optional(),
    ...period,
  })
  .strict()
  .refine((q) => q.from <= q.to, { path: ['to'], message: 'to must not be before from' })
  .refine((q) => q.level !== 'county' || q.parentId === undefined, {
    path: ['parentId'],
    message: 'counties have no parent grid',
  });
export type IndicatorsQuery = z.infer<typeof IndicatorsQuery>;

export const IndicatorRecordsQuery = z
  .object({
    gridId: z.coerce.number().int().positive(),
    ...period,
    /** Only the records that count against the indicator (not staffed, not patrolled, failed …). */
    failing: z.enum(['true', 'false']).default('false'),
    limit: z.coerce.number().int().min(1).max(500).default(50),
    offset: z.coerce.number().int().min(0).max(10_000_000).default(0),
  })
  .strict()
  .refine((q) => q.from <= q.to, { path: ['to'], message: 'to must not be before from' });
export type IndicatorRecordsQuery = z.infer<typeof IndicatorRecordsQuery>;

export const IndicatorParam = z.object({ indicator: z.enum(INDICATORS) }).strict();

export interface IndicatorTarget {
  indicator: IndicatorId;
  target: number;
  params: Record<string, unknown>;
  description: string;
  source: string;
  version: number;
  updatedAt: string;
  updatedBy: string;
}

export const TargetUpdate = z
  .object({
    targets: z
      .array(
        z
          .object({
            indicator: z.enum(INDICATORS),
            target: z.number().min(0).max(1000),
            version: z.number().int().positive(),
          })
          .strict(),
      )
      .min(1)
      .max(INDICATORS.length),
  })
  .strict();
export type TargetUpdate = z.infer<typeof TargetUpdate>;

export interface IndicatorValue {
  indicator: IndicatorId;
  /**
   * A share 0–1 (sampling_quota: done ÷ quota, may exceed 1), a ratio (rapid_tests: test days per township per
   * week) or a count (enforcement_cases, open_rectifications: the overdue ones) — see INDICATOR_KIND; null with
   * `noData` when it cannot be computed.
   */
  value: number | null;
  numerator: number;
  /**
   * Denominator count (for sampling_quota the quota in batches, rounded to 0.1; rapid_tests township-weeks, rounded
   * to 0.1; enforcement_cases the minimum for the period; open_rectifications the open ones, overdue or not).
   */
  denominator: number;
  /** Wilson 95 % interval of rates from samples. */
  interval: [number, number] | null;
  /** Fewer samples than the indicator's minSamples: read the value with care. */
  smallSample: boolean;
  noData: NoDataReason | null;
  /** The target (enforcement_cases: the minimum of the unit's level prorated to the period). */
  target: number;
  /**
   * value − target (negative: short of the target; for lower-is-better indicators target − value); null without a
   * value or when the unit's level has no minimum.
   */
  distance: number | null;
  /** zero_cases: no enforcement case in the period; overdue: overdue rectifications. */
  flag: 'zero_cases' | 'overdue' | null;
  met: boolean | null;
  /** The same indicator over the previous period of the same length; null with `previousNoData` when unknown. */
  previous: number | null;
  previousNoData: NoDataReason | null;
  /**
   * State indicators whose value or previous value is `no_history`: the first day (China date) the audit log answers
   * for — the end of the period (or of the previous period) lies before it (null: nothing recorded yet). Absent
   * otherwise.
   */
  historyStart?: string | null;
  trend: 'up' | 'down' | 'flat' | null;
  /**
   * soil_risk only: farmland of the latest zoning run covering each unit that lies in the unit, in 亩 (rounded to
   * 0.01), by class, and the shares of the classified area (excluding 'no_data'); null for other indicators or
   * without a run.
   */
  soil?: {
    strictControlMu: number;
    safeUtilisationMu: number;
    classifiedMu: number;
    strictControlShare: number | null;
    safeUtilisationShare: number | null;
  } | null;
}

export interface IndicatorUnit {
  grid: { id: number; code: string; name: string; level: string; population: number | null };
  values: Record<IndicatorId, IndicatorValue>;
}

export interface IndicatorsResponse {
  level: IndicatorLevel;
  period: { from: string; to: string };
  previousPeriod: { from: string; to: string };
  /**
   * The day at whose end the state indicators (staffing, registry_freshness, traceability, certificates) are
   * computed: the period's last day when it ended before today (China date), rebuilt from the audit log; else today
   * (the live tables).
   */
  stateAsOf: string;
  parent: IndicatorUnit | null;
  units: IndicatorUnit[];
  targets: IndicatorTarget[];
}

export interface IndicatorRecord {
  id: number;
  code: string;
  name: string;
  /** Township and village names (subjects, samples, cases, patrols), the level for grids. */
  township: string | null;
  village: string | null;
  /** Whether this record counts for the indicator (staffed, updated, enrolled, patrolled, passed …). */
  counts: boolean;
  /**
   * A short description: the subject type, the sample kind + commodity + verdict, the missing roles, the case cause +
   * status, the rectification deadline.
   */
  detail: string;
  date: string | null;
}

export interface IndicatorRecords {
  indicator: IndicatorId;
  kind: RecordKind;
  total: number;
  items: IndicatorRecord[];
  /**
   * State indicators (staffing, registry_freshness, traceability, certificates): the day at whose end the records
   * are listed — the period's last day when it ended before today, rebuilt from the audit log like the number;
   * today otherwise. Absent for other indicators.
   */
  asOf?: string;
  /** `no_history` when the audit log does not reach back to the end of `asOf`: nothing can be listed. */
  noData?: 'no_history' | null;
  /** With `noData`: the first day the audit log answers for. */
  historyStart?: string | null;
}
