/**
 * Space-time trends: the Mann–Kendall trend test of a series and the classification of each area's sequence of
 * per-period Gi* results into emerging-hot-spot categories.
 *
 * Glossary:
 * - Mann–Kendall S = Σ_{i<j} sign(x_j − x_i); Var(S) = [n(n−1)(2n+5) − Σ_t t(t−1)(2t+5)] / 18 over groups of ties t;
 *   z = (S − sign(S)) / sqrt(Var S) (continuity correction), two-sided p from the normal (Kendall 1975; R Kendall::MannKendall).
 * - hot period: the area is a hot spot (Gi* z > 0 with FDR-adjusted p ≤ α) in that period.
 * - classes (after ESRI's emerging hot spot analysis, reduced to what supervisors act on):
 *   new — hot in the last period and in no earlier one;
 *   intensifying — hot in ≥ 90 % of periods including the last, z rising (Mann–Kendall p ≤ α);
 *   persistent — hot in ≥ 90 % of periods including the last, no significant trend;
 *   diminishing — hot in ≥ 90 % of periods including the last, z falling significantly;
 *   sporadic — hot in the last period and in some but < 90 % of the earlier ones;
 *   historical — hot in ≥ 1 earlier period but not in the last;
 *   none — never hot.
 */
import { twoSidedP } from './normal';

export interface MannKendall {
  S: number;
  variance: number;
  z: number;
  p: number;
  /** Kendall's tau-a = S / (n(n−1)/2). */
  tau: number;
}

export function mannKendall(series: readonly number[]): MannKendall | null {
  const x = series.filter((v) => Number.isFinite(v));
  const n = x.length;
  if (n < 3) return null;
  let S = 0;
  for (let i = 0; i < n - 1; i++) for (let j = i + 1; j < n; j++) S += Math.sign(x[j]! - x[i]!);
  const ties = new Map<number, number>();
  for (const v of x) ties.set(v, (ties.get(v) ?? 0) + 1);
  let tieTerm = 0;
  for (const t of ties.values()) tieTerm += t * (t - 1) * (2 * t + 5);
  const variance = (n * (n - 1) * (2 * n + 5) - tieTerm) / 18;
  const z = variance > 0 ? (S - Math.sign(S)) / Math.sqrt(variance) : 0;
  return { S, variance, z, p: variance > 0 ? twoSidedP(z) : 1, tau: S / ((n * (n - 1)) / 2) };
}

export type TrendClass =
  'new' | 'intensifying' | 'persistent' | 'diminishing' | 'sporadic' | 'historical' | 'none';

export interface PeriodSpot {
  z: number | null;
  /** FDR-adjusted p of the period's Gi*. */
  q: number | null;
}

export function classifyTrend(
  periods: readonly PeriodSpot[],
  alpha = 0.05,
): { class: TrendClass; trend: MannKendall | null; hotPeriods: number } {
  const hot = periods.map((p) => p.z !== null && p.z > 0 && p.q !== null && p.q <= alpha);
  const trend = mannKendall(periods.map((p) => p.z ?? Number.NaN));
  const hotPeriods = hot.filter(Boolean).length;
  const last = hot[hot.length - 1] ?? false;
  const earlier = hot.slice(0, -1).filter(Boolean).length;
  let cls: TrendClass;
  if (hotPeriods === 0) cls = 'none';
  else if (!last) cls = 'historical';
  else if (earlier === 0) cls = 'new';
  else if (hotPeriods >= 0.9 * periods.length) {
    if (trend && trend.p <= alpha && trend.S > 0) cls = 'intensifying';
    else if (trend && trend.p <= alpha && trend.S < 0) cls = 'diminishing';
    else cls = 'persistent';
  } else cls = 'sporadic';
  return { class: cls, trend, hotPeriods };
}
