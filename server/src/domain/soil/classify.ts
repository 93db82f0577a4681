/**
 * Classification of farmland soil samples by GB 15618-2018 (and the farmland classification built on it):
 * per metal the exceedance ratio (value ÷ screening value) and class, and the sample's overall class = the worst.
 *
 * - 优先保护类 priority_protection: value ≤ screening value.
 * - 安全利用类 safe_utilisation: screening value < value ≤ intervention value — or, for Cu, Ni, Zn (no intervention
 *   value), any exceedance of the screening value, flagged `screeningOnly` (the standard asks for closer monitoring;
 *   these metals never make a sample strictly controlled).
 * - 严格管控类 strict_control: value > intervention value.
 * Unmeasured metals (null) are skipped; a sample with no measured metal has no class.
 */
import type { LandUse, SoilMetal } from '../../../contracts/enums';
import { SOIL_METALS } from '../../../contracts/enums';
import { type StandardTable, findValue, hasIntervention } from './standards';

export const SOIL_CLASSES = ['priority_protection', 'safe_utilisation', 'strict_control'] as const;
export type SoilClass = (typeof SOIL_CLASSES)[number];

export const SOIL_REASONS = {
  PH_OUT_OF_RANGE: 'PH_OUT_OF_RANGE',
  NEGATIVE_CONCENTRATION: 'NEGATIVE_CONCENTRATION',
  NO_STANDARD_VALUE: 'NO_STANDARD_VALUE',
} as const;
export type SoilReason = (typeof SOIL_REASONS)[keyof typeof SOIL_REASONS];
export type SoilFailure = { ok: false; reason: SoilReason; detail: Record<string, unknown> };

export interface MetalAssessment {
  metal: SoilMetal;
  valueMgkg: number;
  screeningMgkg: number;
  interventionMgkg: number | null;
  /** value ÷ screening value. */
  ratio: number;
  class: SoilClass;
  /** The class rests on the screening value alone (Cu, Ni, Zn). */
  screeningOnly: boolean;
}

export interface SampleClassification {
  metals: MetalAssessment[];
  overall: SoilClass | null;
  /** The metal that decided the overall class (the highest class, then the highest ratio). */
  worstMetal: SoilMetal | null;
}

export interface SoilSampleInput {
  ph: number;
  landUse: LandUse;
  metals: Partial<Record<SoilMetal, number | null>>;
}

const RANK: Record<SoilClass, number> = { priority_protection: 0, safe_utilisation: 1, strict_control: 2 };

export function worseClass(a: SoilClass, b: SoilClass): SoilClass {
  return RANK[a] >= RANK[b] ? a : b;
}

export function checkPh(ph: number): SoilFailure | null {
  return Number.isFinite(ph) && ph >= 0 && ph <= 14
    ? null
    : { ok: false, reason: SOIL_REASONS.PH_OUT_OF_RANGE, detail: { ph } };
}

/** One metal's assessment, or a failure when the value is negative or the table has no screening value. */
export function assessMetal(
  table: StandardTable,
  metal: SoilMetal,
  valueMgkg: number,
  landUse: LandUse,
  ph: number,
): { ok: true; value: MetalAssessment } | SoilFailure {
  const phProblem = checkPh(ph);
  if (phProblem) return phProblem;
  if (!(valueMgkg >= 0) || !Number.isFinite(valueMgkg))
    return { ok: false, reason: SOIL_REASONS.NEGATIVE_CONCENTRATION, detail: { metal, value: valueMgkg } };
  const screening = findValue(table, metal, 'screening', landUse, ph);
  if (!screening)
    return {
      ok: false,
      reason: SOIL_REASONS.NO_STANDARD_VALUE,
      detail: { metal, landUse, ph, standard: table.code },
    };
  const intervention = findValue(table, metal, 'intervention', landUse, ph);
  if (!intervention && hasIntervention(table, metal))
    return {
      ok: false,
      reason: SOIL_REASONS.NO_STANDARD_VALUE,
      detail: { metal, landUse, ph, standard: table.code, kind: 'intervention' },
    };
  const s = screening.valueMgkg;
  const i = intervention?.valueMgkg ?? null;
  const cls: SoilClass =
    valueMgkg <= s
      ? 'priority_protection'
      : i !== null && valueMgkg > i
        ? 'strict_control'
        : 'safe_utilisation';
  return {
    ok: true,
    value: {
      metal,
      valueMgkg,
      screeningMgkg: s,
      interventionMgkg: i,
      ratio: valueMgkg / s,
      class: cls,
      screeningOnly: i === null,
    },
  };
}

export function classifySample(
  table: StandardTable,
  sample: SoilSampleInput,
): { ok: true; value: SampleClassification } | SoilFailure {
  const phProblem = checkPh(sample.ph);
  if (phProblem) return phProblem;
  const metals: MetalAssessment[] = [];
  for (const metal of SOIL_METALS) {
    const v = sample.metals[metal];
    if (v === null || v === undefined) continue;
    const a = assessMetal(table, metal, v, sample.landUse, sample.ph);
    if (!a.ok) return a;
    metals.push(a.value);
  }
  let worst: MetalAssessment | null = null;
  for (const m of metals) {
    if (
      !worst ||
      RANK[m.class] > RANK[worst.class] ||
      (RANK[m.class] === RANK[worst.class] && m.ratio > worst.ratio)
    )
      worst = m;
  }
  return { ok: true, value: { metals, overall: worst?.class ?? null, worstMetal: worst?.metal ?? null } };
}
