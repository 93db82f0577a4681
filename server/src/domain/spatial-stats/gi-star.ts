/**
 * Getis–Ord local G*_i as a z-score (Ord & Getis 1995, eq. for G*_i including the feature itself), computed exactly
 * as R spdep's localG() with include.self():
 *
 *   z_i = (Σ_j w_ij x_j − W_i x̄) / ( s · sqrt((n S1_i − W_i²) / (n − 1)) ),
 *   x̄ = mean of all x, s² = Σ (x − x̄)² / n, W_i = Σ_j w_ij, S1_i = Σ_j w_ij²  (j runs over i's neighbours and i).
 *
 * A feature whose only neighbour is itself (an island) has no statistic (null): with binary weights its variance
 * is not zero, but a "hot spot" of one feature says nothing about its surroundings.
 */
import { type Weights, spatialLag } from './weights';
import { benjaminiHochberg, spotClass, type SpotClass } from './fdr';
import { binomialLower, binomialUpper } from './binomial';
import { normalUpper, twoSidedP } from './normal';

export interface LocalResult {
  statistic: number | null;
  z: number | null;
  p: number | null;
  /** Benjamini–Hochberg adjusted p-value over all features with a statistic. */
  q: number | null;
  class: SpotClass | null;
}

export function giStar(x: readonly number[], w: Weights): { results: LocalResult[]; constant: boolean } {
  if (!w.selfIncluded) throw new Error('Gi* needs weights that include each feature itself');
  const n = x.length;
  if (n !== w.n) throw new Error('values and weights differ in length');
  const mean = x.reduce((a, b) => a + b, 0) / n;
  const s2 = x.reduce((a, b) => a + (b - mean) ** 2, 0) / n;
  const lag = spatialLag(w, x);
  const sumX = x.reduce((a, b) => a + b, 0);
  const raw = w.neighbours.map((list, i) => {
    if (list.length <= 1 || s2 === 0) return { statistic: null, z: null, p: null };
    const row = w.weights[i] as number[];
    const Wi = row.reduce((a, b) => a + b, 0);
    const S1i = row.reduce((a, b) => a + b * b, 0);
    const variance = s2 * ((n * S1i - Wi * Wi) / (n - 1));
    if (!(variance > 0)) return { statistic: null, z: null, p: null };
    const z = ((lag[i] as number) - Wi * mean) / Math.sqrt(variance);
    return { statistic: sumX === 0 ? null : (lag[i] as number) / sumX, z, p: twoSidedP(z) };
  });
  const q = benjaminiHochberg(raw.map((r) => r.p));
  return {
    constant: s2 === 0,
    results: raw.map((r, i) => ({ ...r, q: q[i] ?? null, class: spotClass(r.z, q[i] ?? null) })),
  };
}

/**
 * Gi* for pass/fail data, from counts per unit: G*_i computed over the individual samples (value 1 = failed, 0 =
 * passed) with binary weights joining every sample of unit i's neighbourhood N*(i) (i itself and its neighbours).
 * With n_i samples and O_i failures in N*(i), N samples and F failures overall, p̂ = F/N, that Gi* is
 *
 *   z_i = (O_i − n_i p̂) / sqrt( p̂(1 − p̂) · n_i (N − n_i) / (N − 1) ),
 *
 * identical to giStar() on the expanded 0/1 values (a unit test checks this). Because counts of failures are small
 * (a county's failure rate is a few per cent), the normal approximation would overstate significance; p-values are
 * therefore exact binomial tails of O_i under Binomial(n_i, p̂), two-sided (twice the smaller tail), and FDR-adjusted.
 * Units whose neighbourhood has fewer than `minSamples` samples get no statistic. Row standardisation does not
 * change this statistic (the weights of one neighbourhood are equal), so only the neighbour lists matter.
 */
export function giStarCounts(
  samples: readonly number[],
  failures: readonly number[],
  w: Weights,
  minSamples = 1,
): { results: (LocalResult & { observed: number | null; expected: number | null; rate: number | null })[] } {
  const N = samples.reduce((a, b) => a + b, 0);
  const F = failures.reduce((a, b) => a + b, 0);
  const p = N > 0 ? F / N : 0;
  const raw = w.neighbours.map((list) => {
    let n = 0;
    let o = 0;
    for (const j of list) {
      n += samples[j] as number;
      o += failures[j] as number;
    }
    if (list.length <= 1 || n < minSamples || n === 0 || n >= N || p === 0 || p === 1)
      return { statistic: null, z: null, p: null, observed: null, expected: null, rate: null };
    const z = (o - n * p) / Math.sqrt((p * (1 - p) * n * (N - n)) / (N - 1));
    const tail = Math.min(binomialUpper(o, n, p), binomialLower(o, n, p));
    const pValue = Math.min(1, 2 * tail);
    // Report the z of the exact p (keeps the classes and z consistent); the moment z is available as statistic.
    const zExact = pValue >= 1 ? 0 : Math.sign(z) * Math.abs(inverseUpper(pValue / 2));
    return { statistic: z, z: zExact, p: pValue, observed: o, expected: n * p, rate: o / n };
  });
  const q = benjaminiHochberg(raw.map((r) => r.p));
  return { results: raw.map((r, i) => ({ ...r, q: q[i] ?? null, class: spotClass(r.z, q[i] ?? null) })) };
}

/** z with P(Z > z) = p, by bisection on normalUpper (only used for reporting). */
function inverseUpper(p: number): number {
  if (p <= 0) return 40;
  let lo = -40;
  let hi = 40;
  for (let i = 0; i < 64; i++) {
    const mid = (lo + hi) / 2;
    if (normalUpper(mid) > p) lo = mid;
    else hi = mid;
  }
  return (lo + hi) / 2;
}
