/**
 * Residue judging: the filter every analysis view shares, entering one sample with its results, re-judging, and
 * the reference data (analytes, commodity tree, limits by edition, bans) — request schemas and response types.
 */
import { z } from 'zod';
import { SampleKind, SubjectType } from './enums';
import { bilingual } from './messages';
import { PointGeometry } from './geojson';

const day = z.iso.date();

/**
 * The one filter of every residue view: sampling dates (China calendar, inclusive), sample kinds, a commodity at any
 * level of the tree (蔬菜, 叶菜类蔬菜 or 菠菜), an analyte, subject types and a grid at any level (its villages).
 * With an analyte, only samples tested for it count, and a failure means a failing result for that analyte.
 */
export const ResidueFilter = z
  .object({
    from: day.optional(),
    to: day.optional(),
    kinds: z.array(SampleKind).max(4).optional(),
    commodity: z.string().trim().min(1).max(60).optional(),
    analyte: z.string().trim().min(1).max(80).optional(),
    subjectTypes: z.array(SubjectType).max(7).optional(),
    gridId: z.number().int().positive().optional(),
    /** What counts as a failure: failing results only (default), or also suspected rapid positives. */
    outcome: z.enum(['fail', 'fail_or_suspected']).default('fail'),
  })
  .strict()
  .refine((f) => !f.from || !f.to || f.from <= f.to, {
    ...bilingual('开始日期不能晚于结束日期', 'from must not be after to'),
    path: ['to'],
  });
export type ResidueFilter = z.infer<typeof ResidueFilter>;

export const DATUMS = ['wgs84', 'cgcs2000', 'gcj02', 'bd09'] as const;
export const Datum = z.enum(DATUMS);
export type Datum = z.infer<typeof Datum>;

export const ResultEntry = z
  .object({
    analyte: z.string().trim().min(1).max(80),
    /** mg/kg; null or absent when not detected. */
    value: z.number().min(0).max(1e6).nullable().optional(),
    lod: z.number().min(0).max(1e6).nullable().optional(),
    /** Rapid tests: enzyme inhibition in %. */
    inhibitionPct: z.number().min(0).max(100).nullable().optional(),
  })
  .strict();
export type ResultEntry = z.infer<typeof ResultEntry>;

/** POST /api/residue/samples: one sample and its results as a GeoJSON Feature (a Point in the given datum). */
export const SampleEntry = z
  .object({
    type: z.literal('Feature'),
    geometry: PointGeometry,
    properties: z
      .object({
        code: z.string().trim().min(1).max(40),
        kind: SampleKind,
        sampledAt: z.iso.datetime({ offset: true }).or(day),
        commodity: z.string().trim().min(1).max(60),
        subjectCode: z.string().trim().min(3).max(32).nullable().optional(),
        lab: z.string().trim().max(100).nullable().optional(),
        datum: Datum.default('wgs84'),
        results: z.array(ResultEntry).min(1).max(200),
      })
      .strict()
      .refine((p) => new Set(p.results.map((r) => r.analyte)).size === p.results.length, {
        ...bilingual('同一检测项目不能出现两次', 'an analyte may appear only once per sample'),
        path: ['results'],
      }),
  })
  .strict();
export type SampleEntry = z.infer<typeof SampleEntry>;

export const JUDGE_RULES = [
  'not_detected',
  'within_limit',
  'over_limit',
  'banned_detected',
  'rapid_negative',
  'rapid_positive',
  'no_limit',
  'unknown_analyte',
  'unknown_commodity',
] as const;
export type JudgeRule = (typeof JUDGE_RULES)[number];

export interface JudgedResult {
  analyte: string;
  value: number | null;
  lod: number | null;
  inhibitionPct: number | null;
  unit: 'mg/kg' | '%';
  verdict: 'pass' | 'fail' | 'suspected';
  rule: JudgeRule;
  limitValue: number | null;
  standard: string | null;
  standardInForce: string | null;
}

export interface EnteredSample {
  id: number;
  code: string;
  verdict: 'pass' | 'fail' | 'suspected' | 'pending';
  sampledOn: string;
  gridId: number | null;
  /** WGS84 position stored (after datum conversion). */
  position: [number, number];
  results: JudgedResult[];
}

/** POST /api/residue/rejudge: judge stored results again with today's reference data. */
export const RejudgeRequest = z
  .object({
    filter: ResidueFilter.default({ outcome: 'fail' }),
    /** true: report what would change and write nothing. */
    dryRun: z.boolean().default(true),
  })
  .strict();
export type RejudgeRequest = z.infer<typeof RejudgeRequest>;

export interface RejudgeChange {
  sampleId: number;
  code: string;
  analyte: string;
  before: { verdict: string; limitValue: number | null; standard: string | null };
  after: { verdict: string; limitValue: number | null; standard: string | null; rule: JudgeRule };
}

export interface RejudgeResponse {
  runId: number;
  applied: boolean;
  examined: number;
  changed: number;
  /** Samples whose overall verdict changes. */
  samplesChanged: number;
  /** The first 1,000 changes. */
  changes: RejudgeChange[];
}

export interface ReferenceResponse {
  version: string;
  sources: { key: string; name: string; url: string | null }[];
  editions: {
    code: string;
    family: string;
    title: string;
    issuedOn: string | null;
    effectiveFrom: string;
    fallbackCode: string | null;
    note: string | null;
    sources: string[];
  }[];
  analytes: {
    id: number;
    nameZh: string;
    nameEn: string;
    cas: string | null;
    class: string;
    kind: string;
    status: string;
    aliases: string[];
  }[];
  commodities: { id: number; nameZh: string; nameEn: string; parentId: number | null; category: string }[];
  limits: {
    id: number;
    standard: string;
    analyte: string;
    commodity: string;
    limitMgKg: number;
    confidence: string;
    sources: string[];
    note: string | null;
  }[];
  bans: {
    id: number;
    analyte: string;
    commodities: string[] | null;
    effectiveFrom: string | null;
    datePrecision: string;
    act: string;
    measure: string;
    confidence: string;
    sources: string[];
    note: string | null;
  }[];
}
