/**
 * Test results of one sample: a rapid enzyme test gives one inhibition rate; a lab test gives one row per analyte of
 * the commodity's panel, judged against the demo limits (limits.ts).
 *
 * Glossary:
 * - outcome: what the sample is meant to show, decided before the values are drawn — 'pass', or a failing analyte.
 *   Values are then drawn to match: the failing analyte clearly above its limit, banned substances otherwise not
 *   detected, permitted ones sometimes detected below their limit.
 * - verdict of a result: fail when value > limit (or a banned substance is detected), suspected for a positive rapid
 *   test, else pass. The sample's verdict is the worst of its results, as the database trigger computes it.
 */
import type { Commodity } from './commodities';
import { PANELS, RAPID_TEST, type AnalyteLimit } from './limits';
import type { Rng } from './prng';
import type { ResultRecord } from './types';

const significant = (value: number) => Number(value.toPrecision(3));

/** A rapid test: positive (≥ 50 % inhibition) or a background reading, mostly low. */
export function rapidResult(rng: Rng, positive: boolean): ResultRecord {
  const inhibition = positive ? rng.range(50, 92) : 48 * rng.next() ** 2.2;
  const pct = Math.round(inhibition * 10) / 10;
  return {
    analyte: RAPID_TEST.analyte,
    value: pct,
    unit: '%',
    lod: null,
    inhibitionPct: pct,
    limitValue: RAPID_TEST.limit,
    standard: RAPID_TEST.standard,
    verdict: pct >= RAPID_TEST.limit ? 'suspected' : 'pass',
  };
}

function judge(limit: AnalyteLimit, value: number | null): ResultRecord['verdict'] {
  if (value === null) return 'pass';
  return value > limit.limit || limit.banned ? 'fail' : 'pass';
}

function analyteValue(rng: Rng, limit: AnalyteLimit, failing: boolean): number | null {
  if (failing) return significant(Math.max(limit.limit * 1.15, limit.limit * rng.logNormal(3, 2.2)));
  if (limit.banned || !rng.chance(limit.detectRate)) return null;
  return significant(Math.min(limit.limit * 0.9, Math.max(limit.lod, rng.logNormal(limit.typical, 1.8))));
}

/** Lab results for a commodity; `failing` names the analyte that exceeds its limit, or is null for a pass. */
export function labResults(rng: Rng, commodity: Commodity, failing: string | null): ResultRecord[] {
  return PANELS[commodity.panel].map((limit) => {
    const value = analyteValue(rng, limit, limit.analyte === failing);
    return {
      analyte: limit.analyte,
      value,
      unit: 'mg/kg',
      lod: limit.lod,
      inhibitionPct: null,
      limitValue: limit.limit,
      standard: limit.standard,
      verdict: judge(limit, value),
    };
  });
}

/** The worst verdict of some results: fail > suspected > pass. */
export function worstVerdict(results: readonly ResultRecord[]): ResultRecord['verdict'] {
  if (results.some((r) => r.verdict === 'fail')) return 'fail';
  if (results.some((r) => r.verdict === 'suspected')) return 'suspected';
  return 'pass';
}
