/**
 * Risk ranking of production subjects for patrol planning: a score that is the sum of named factor contributions,
 * so the list can show why a subject comes first. Pure; the weights are parameters (docs/patrols.md, "Risk").
 */

export interface RiskInput {
  subjectId: number;
  overdueDays: number;
  creditClass: string | null;
  keyList: boolean;
  /** Failing samples of the subject in the look-back window. */
  failingSamples: number;
  /** Patrols with outcome rectify in the look-back window. */
  rectifyFindings: number;
  /** Patrols with outcome refer (移交执法) in the look-back window. */
  referFindings: number;
  /** The subject's location lies in a soil zone of class strict_control (严格管控类). */
  strictControlZone: boolean;
}

export const RISK_FACTORS = [
  'overdue',
  'credit_class',
  'key_list',
  'failing_samples',
  'patrol_findings',
  'soil_strict_control',
] as const;
export type RiskFactor = (typeof RISK_FACTORS)[number];

export interface RiskWeights {
  perOverdueDay: number;
  overdueCap: number;
  creditClass: Record<string, number>;
  keyList: number;
  perFailingSample: number;
  failingSamplesCap: number;
  perRectify: number;
  perRefer: number;
  findingsCap: number;
  strictControlZone: number;
}

export const DEFAULT_RISK_WEIGHTS: RiskWeights = {
  perOverdueDay: 0.2,
  overdueCap: 30,
  creditClass: { A: 0, B: 5, C: 15, D: 25 },
  keyList: 20,
  perFailingSample: 15,
  failingSamplesCap: 45,
  perRectify: 10,
  perRefer: 20,
  findingsCap: 40,
  strictControlZone: 15,
};

export interface RiskScore {
  subjectId: number;
  score: number;
  factors: Record<RiskFactor, number>;
}

const round1 = (x: number) => Math.round(x * 10) / 10;

export function riskScore(input: RiskInput, w: RiskWeights = DEFAULT_RISK_WEIGHTS): RiskScore {
  const factors: Record<RiskFactor, number> = {
    overdue: round1(Math.min(w.overdueCap, Math.max(0, input.overdueDays) * w.perOverdueDay)),
    credit_class: input.creditClass ? (w.creditClass[input.creditClass] ?? 0) : 0,
    key_list: input.keyList ? w.keyList : 0,
    failing_samples: Math.min(w.failingSamplesCap, input.failingSamples * w.perFailingSample),
    patrol_findings: Math.min(
      w.findingsCap,
      input.rectifyFindings * w.perRectify + input.referFindings * w.perRefer,
    ),
    soil_strict_control: input.strictControlZone ? w.strictControlZone : 0,
  };
  const score = round1(RISK_FACTORS.reduce((sum, f) => sum + factors[f], 0));
  return { subjectId: input.subjectId, score, factors };
}

/** Highest score first; ties by id so the order is stable. */
export function rankByRisk(inputs: readonly RiskInput[], w: RiskWeights = DEFAULT_RISK_WEIGHTS): RiskScore[] {
  return inputs.map((i) => riskScore(i, w)).sort((a, b) => b.score - a.score || a.subjectId - b.subjectId);
}
