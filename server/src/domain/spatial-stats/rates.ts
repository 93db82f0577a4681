/**
 * Rates of small areas: failure rate per grid, its empirical-Bayes smoothed value and Wilson intervals.
 *
 * Glossary:
 * - raw rate r_i = failures_i / samples_i.
 * - global empirical Bayes (Marshall 1991, method of moments; R spdep EBest(), GeoDa "Empirical Bayes"):
 *   b = Σ failures / Σ samples (prior mean), s² = Σ n_i (r_i − b)² / Σ n_i, a = s² − b / n̄ (n̄ = mean samples per
 *   area; a = 0 when negative), smoothed_i = b + C_i (r_i − b) with C_i = a / (a + b / n_i). Areas with few samples
 *   are pulled towards the county rate, so one failure in two samples no longer looks like a 50 % hot spot.
 * - Wilson score interval (Wilson 1927) for a proportion at confidence 1 − α, without continuity correction
 *   (R prop.test(correct = FALSE)). It stays inside [0, 1] and is honest for 0 or n failures, unlike the Wald interval.
 * - insufficient: fewer samples than the configured minimum; such areas are shown as "insufficient data" and left
 *   out of hotspot statistics unless the caller asks otherwise.
 */
import { erfc as erfcLocal } from './normal';

export interface AreaCount {
  samples: number;
  failures: number;
}

export interface EbResult {
  prior: number;
  /** Between-area variance of the true rates (a). */
  variance: number;
  smoothed: (number | null)[];
}

export function empiricalBayes(areas: readonly AreaCount[]): EbResult {
  const used = areas.filter((a) => a.samples > 0);
  const N = used.reduce((s, a) => s + a.samples, 0);
  const F = used.reduce((s, a) => s + a.failures, 0);
  if (N === 0) return { prior: Number.NaN, variance: 0, smoothed: areas.map(() => null) };
  const b = F / N;
  const nBar = N / used.length;
  const s2 = used.reduce((s, a) => s + a.samples * (a.failures / a.samples - b) ** 2, 0) / N;
  const variance = Math.max(0, s2 - b / nBar);
  const smoothed = areas.map((a) => {
    if (a.samples <= 0) return null;
    const r = a.failures / a.samples;
    const c = variance === 0 && b === 0 ? 0 : variance / (variance + b / a.samples);
    return b + c * (r - b);
  });
  return { prior: b, variance, smoothed };
}

/** Upper quantile of the standard normal for a two-sided confidence level (0.95 → 1.959964…). */
export function normalQuantile(confidence: number): number {
  // Acklam's rational approximation refined by one Halley step (|error| < 1e-15 in double precision).
  const p = 1 - (1 - confidence) / 2;
  return inverseNormal(p);
}

function inverseNormal(p: number): number {
  const a = [
    -3.969683028665376e1, 2.209460984245205e2, -2.759285104469687e2, 1.38357751867269e2, -3.066479806614716e1,
    2.506628277459239,
  ];
  const b = [
    -5.447609879822406e1, 1.615858368580409e2, -1.556989798598866e2, 6.680131188771972e1,
    -1.328068155288572e1,
  ];
  const c = [
    -7.784894002430293e-3, -3.223964580411365e-1, -2.400758277161838, -2.549732539343734, 4.374664141464968,
    2.938163982698783,
  ];
  const d = [7.784695709041462e-3, 3.224671290700398e-1, 2.445134137142996, 3.754408661907416];
  const low = 0.02425;
  let x: number;
  if (p < low) {
    const q = Math.sqrt(-2 * Math.log(p));
    x =
      (((((c[0]! * q + c[1]!) * q + c[2]!) * q + c[3]!) * q + c[4]!) * q + c[5]!) /
      ((((d[0]! * q + d[1]!) * q + d[2]!) * q + d[3]!) * q + 1);
  } else if (p <= 1 - low) {
    const q = p - 0.5;
    const r = q * q;
    x =
      ((((((a[0]! * r + a[1]!) * r + a[2]!) * r + a[3]!) * r + a[4]!) * r + a[5]!) * q) /
      (((((b[0]! * r + b[1]!) * r + b[2]!) * r + b[3]!) * r + b[4]!) * r + 1);
  } else {
    const q = Math.sqrt(-2 * Math.log(1 - p));
    x =
      -(((((c[0]! * q + c[1]!) * q + c[2]!) * q + c[3]!) * q + c[4]!) * q + c[5]!) /
      ((((d[0]! * q + d[1]!) * q + d[2]!) * q + d[3]!) * q + 1);
  }
  // One Halley refinement step on Φ(x) − p.
  const e = 0.5 * erfcLocal(-x / Math.SQRT2) - p;
  const u = e * Math.sqrt(2 * Math.PI) * Math.exp((x * x) / 2);
  return x - u / (1 + (x * u) / 2);
}

/** Wilson score interval of successes/n at the given confidence (default 95 %); null when n = 0. */
export function wilson(successes: number, n: number, confidence = 0.95): [number, number] | null {
  if (n <= 0) return null;
  const z = normalQuantile(confidence);
  const p = successes / n;
  const z2 = z * z;
  const centre = (p + z2 / (2 * n)) / (1 + z2 / n);
  const half = (z / (1 + z2 / n)) * Math.sqrt((p * (1 - p)) / n + z2 / (4 * n * n));
  // Exact ends for 0 and n successes (the formula gives them up to rounding).
  const lower = successes === 0 ? 0 : Math.min(p, Math.max(0, centre - half));
  const upper = successes === n ? 1 : Math.max(p, Math.min(1, centre + half));
  return [lower, upper];
}
