/**
 * Judging one result of one sample against the reference data — pure: everything comes in as arguments.
 *
 * Rules, in order:
 * 1. rapid enzyme-inhibition test: inhibition ≥ threshold (50 %) → suspected (positive, to be confirmed by a
 *    quantitative test), else pass.
 * 2. a substance banned on the sample's commodity (or on everything) on its sampling date, detected at or above
 *    its limit of detection → fail, whatever the value ("banned_detected"); the limit recorded is the LOD.
 * 3. otherwise the limit of the edition in force on the sampling date, for the commodity or its nearest ancestor
 *    that has one (walking up the GB 2763 tree); where the edition has none loaded, its fallback edition's:
 *    value > limit → fail, else pass.
 * 4. not detected (no value, or below the LOD) → pass ("not_detected").
 * 5. detected, no limit loaded → pass with rule "no_limit": reported, never silently counted as compliant.
 * Unknown analytes or commodities are judged by what is known (rapid/LOD) and flagged.
 */
import {
  type BanRef,
  type Edition,
  type LimitRef,
  type ReferenceData,
  commodityPath,
  editionInForce,
  familyOf,
} from './reference';

export type ResultVerdict = 'pass' | 'fail' | 'suspected';
export type JudgeRule =
  | 'not_detected'
  | 'within_limit'
  | 'over_limit'
  | 'banned_detected'
  | 'rapid_negative'
  | 'rapid_positive'
  | 'no_limit'
  | 'unknown_analyte'
  | 'unknown_commodity';

export interface ResultInput {
  analyte: string;
  /** mg/kg, or null when not detected. */
  value: number | null;
  lod: number | null;
  inhibitionPct: number | null;
}

export interface Judgement {
  verdict: ResultVerdict;
  rule: JudgeRule;
  /** The limit applied (mg/kg; % for the rapid test; the LOD for a banned substance), or null. */
  limitValue: number | null;
  /** Where the limit came from: an edition code, a ban's act, or the rapid-test method. */
  standard: string | null;
  /** Edition of the family in force on the sampling date (may differ from standard when a fallback was used). */
  standardInForce: string | null;
  ban: BanRef | null;
  limit: LimitRef | null;
}

/** Precomputed lookups of the reference data (build once per request, judge many results). */
export interface ReferenceIndex {
  data: ReferenceData;
  analyteByName: Map<string, ReferenceData['analytes'][number]>;
  commodityNames: Set<string>;
  limits: Map<string, LimitRef>;
  bansByAnalyte: Map<string, BanRef[]>;
  editions: Map<string, Edition>;
}

export function indexReference(data: ReferenceData): ReferenceIndex {
  const analyteByName = new Map<string, ReferenceData['analytes'][number]>();
  for (const a of data.analytes) {
    analyteByName.set(a.zh, a);
    for (const alias of a.aliases) if (!analyteByName.has(alias)) analyteByName.set(alias, a);
  }
  const limits = new Map(data.limits.map((l) => [`${l.standard}|${l.analyte}|${l.commodity}`, l]));
  const bansByAnalyte = new Map<string, BanRef[]>();
  for (const b of data.bans) bansByAnalyte.set(b.analyte, [...(bansByAnalyte.get(b.analyte) ?? []), b]);
  return {
    data,
    analyteByName,
    commodityNames: new Set(data.commodities.map((c) => c.zh)),
    limits,
    bansByAnalyte,
    editions: new Map(data.editions.map((e) => [e.code, e])),
  };
}

/** Whether a ban applies to a commodity path on a date. */
export function banApplies(ban: BanRef, path: readonly string[], date: string): boolean {
  if (ban.precision === 'unknown') return false;
  if (ban.effective !== null && date < ban.effective) return false;
  return ban.commodities === null || ban.commodities.some((c) => path.includes(c));
}

/** The limit for an analyte on a commodity path under an edition, following fallbacks. */
export function findLimit(
  index: ReferenceIndex,
  edition: Edition,
  analyte: string,
  path: readonly string[],
): LimitRef | null {
  const seen = new Set<string>();
  for (
    let e: Edition | undefined = edition;
    e && !seen.has(e.code);
    e = e.fallback ? index.editions.get(e.fallback) : undefined
  ) {
    seen.add(e.code);
    for (const node of path) {
      const limit = index.limits.get(`${e.code}|${analyte}|${node}`);
      if (limit) return limit;
    }
  }
  return null;
}

export function judgeResult(
  index: ReferenceIndex,
  commodity: string,
  sampledOn: string,
  result: ResultInput,
): Judgement {
  const rapid = index.data.rapid_test;
  const none = { ban: null, limit: null, standardInForce: null };
  const analyte = index.analyteByName.get(result.analyte);
  if (
    analyte?.kind === 'rapid_test' ||
    (result.inhibitionPct !== null && result.value === null && !analyte)
  ) {
    const positive = (result.inhibitionPct ?? 0) >= rapid.threshold_pct;
    return {
      ...none,
      verdict: positive ? 'suspected' : 'pass',
      rule: positive ? 'rapid_positive' : 'rapid_negative',
      limitValue: rapid.threshold_pct,
      standard: rapid.method,
    };
  }
  const detected = result.value !== null && (result.lod === null || result.value >= result.lod);
  if (!analyte) {
    return {
      ...none,
      verdict: 'pass',
      rule: detected ? 'unknown_analyte' : 'not_detected',
      limitValue: null,
      standard: null,
    };
  }
  const path = commodityPath(index.data.commodities, commodity);
  const family = familyOf(analyte.kind);
  const edition = family ? editionInForce(index.data.editions, family, sampledOn) : null;
  const standardInForce = edition?.code ?? null;
  const ban = detected
    ? (index.bansByAnalyte.get(analyte.zh) ?? []).find((b) => banApplies(b, path, sampledOn))
    : undefined;
  if (ban) {
    return {
      verdict: 'fail',
      rule: 'banned_detected',
      limitValue: result.lod,
      standard: ban.act,
      standardInForce,
      ban,
      limit: null,
    };
  }
  const limit = edition ? findLimit(index, edition, analyte.zh, path) : null;
  if (!detected) {
    return {
      verdict: 'pass',
      rule: 'not_detected',
      limitValue: limit?.mgkg ?? null,
      standard: limit?.standard ?? null,
      standardInForce,
      ban: null,
      limit,
    };
  }
  if (path.length === 0) {
    return {
      verdict: 'pass',
      rule: 'unknown_commodity',
      limitValue: null,
      standard: null,
      standardInForce,
      ban: null,
      limit: null,
    };
  }
  if (!limit)
    return {
      verdict: 'pass',
      rule: 'no_limit',
      limitValue: null,
      standard: null,
      standardInForce,
      ban: null,
      limit: null,
    };
  const over = (result.value as number) > limit.mgkg;
  return {
    verdict: over ? 'fail' : 'pass',
    rule: over ? 'over_limit' : 'within_limit',
    limitValue: limit.mgkg,
    standard: limit.standard,
    standardInForce,
    ban: null,
    limit,
  };
}

/** The worst verdict of a sample's results: fail > suspected > pass (pending without results). */
export function sampleVerdict(verdicts: readonly ResultVerdict[]): ResultVerdict | 'pending' {
  if (verdicts.length === 0) return 'pending';
  if (verdicts.includes('fail')) return 'fail';
  if (verdicts.includes('suspected')) return 'suspected';
  return 'pass';
}
