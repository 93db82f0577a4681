/**
 * Semivariograms: the models, the empirical (sample) variogram with its lag table, and fitting a model to it.
 *
 * Glossary (the conventions of R gstat, which the tests compare against):
 * - nugget c0: the jump at the origin (measurement error and variation below the sample spacing).
 * - partial sill c (psill): the rise above the nugget; sill = c0 + c.
 * - range a, in metres: spherical — γ reaches the sill at h = a; exponential γ = c0 + c(1 − e^(−h/a)) (practical range
 *   3a); gaussian γ = c0 + c(1 − e^(−(h/a)²)) (practical range √3·a). γ(0) = 0 in every model.
 * - lag table: pairs of samples binned by distance; bin j holds the pairs with (j − 1)·width < d ≤ j·width up to the
 *   cutoff; each row gives the number of pairs, their mean distance and the semivariance ½·mean((zᵢ − zⱼ)²).
 * - defaults: cutoff = diagonal of the samples' bounding box / 3, width = cutoff / 15 (gstat's).
 * - weighted least squares: minimises Σⱼ wⱼ (γ̂ⱼ − γ(hⱼ))² with wⱼ = Nⱼ / hⱼ² (gstat's fit.method = 7, after Cressie):
 *   well-populated short lags, which matter most to kriging, count most.
 */
import { GEOSTATS_REASONS, type Result, fail, ok } from './result';

export const VARIOGRAM_MODELS = ['spherical', 'exponential', 'gaussian'] as const;
export type VariogramModelName = (typeof VARIOGRAM_MODELS)[number];

export interface VariogramModel {
  model: VariogramModelName;
  nugget: number;
  psill: number;
  range: number;
}

/** The model's shape without nugget and sill: 0 at h = 0, rising to 1. */
export function unitShape(model: VariogramModelName, h: number, range: number): number {
  if (h <= 0) return 0;
  const r = h / range;
  switch (model) {
    case 'spherical':
      return r >= 1 ? 1 : 1.5 * r - 0.5 * r * r * r;
    case 'exponential':
      return 1 - Math.exp(-r);
    case 'gaussian':
      return 1 - Math.exp(-r * r);
  }
}

/** γ(h). */
export function semivariance(v: VariogramModel, h: number): number {
  return h <= 0 ? 0 : v.nugget + v.psill * unitShape(v.model, h, v.range);
}

/** Covariance C(h) = sill − γ(h); C(0) = sill (nugget included). */
export function covariance(v: VariogramModel, h: number): number {
  return v.nugget + v.psill - semivariance(v, h);
}

export function checkVariogram(v: VariogramModel): Result<VariogramModel> {
  const bad = (parameter: string) =>
    fail(GEOSTATS_REASONS.INVALID_PARAMETER, { parameter, value: v[parameter as keyof VariogramModel] });
  if (!VARIOGRAM_MODELS.includes(v.model)) return bad('model');
  if (!(Number.isFinite(v.nugget) && v.nugget >= 0)) return bad('nugget');
  if (!(Number.isFinite(v.psill) && v.psill >= 0)) return bad('psill');
  if (!(Number.isFinite(v.range) && v.range > 0)) return bad('range');
  if (!(v.nugget + v.psill > 0)) return bad('psill');
  return ok(v);
}

export interface LagRow {
  /** Number of pairs in the bin. */
  np: number;
  /** Mean distance of the pairs, metres. */
  dist: number;
  gamma: number;
}

export interface EmpiricalVariogram {
  cutoff: number;
  width: number;
  lags: LagRow[];
}

export function defaultCutoff(xs: ArrayLike<number>, ys: ArrayLike<number>): number {
  let [x0, x1, y0, y1] = [Infinity, -Infinity, Infinity, -Infinity];
  for (let i = 0; i < xs.length; i++) {
    x0 = Math.min(x0, xs[i]!);
    x1 = Math.max(x1, xs[i]!);
    y0 = Math.min(y0, ys[i]!);
    y1 = Math.max(y1, ys[i]!);
  }
  return Math.hypot(x1 - x0, y1 - y0) / 3;
}

/** The lag table of the samples (x, y in metres). Bins without pairs are left out. */
export function empiricalVariogram(
  xs: ArrayLike<number>,
  ys: ArrayLike<number>,
  zs: ArrayLike<number>,
  options: { cutoff?: number; width?: number } = {},
): EmpiricalVariogram {
  const cutoff = options.cutoff ?? defaultCutoff(xs, ys);
  const width = options.width ?? cutoff / 15;
  const bins = Math.max(1, Math.ceil(cutoff / width - 1e-9));
  const np = new Float64Array(bins);
  const sumD = new Float64Array(bins);
  const sumG = new Float64Array(bins);
  const n = xs.length;
  for (let i = 0; i < n; i++) {
    const [xi, yi, zi] = [xs[i]!, ys[i]!, zs[i]!];
    for (let j = i + 1; j < n; j++) {
      const dx = xs[j]! - xi;
      const dy = ys[j]! - yi;
      const d = Math.sqrt(dx * dx + dy * dy);
      if (d > cutoff || d === 0) continue;
      const b = Math.min(bins - 1, Math.ceil(d / width) - 1);
      const dz = zs[j]! - zi;
      np[b]! += 1;
      sumD[b]! += d;
      sumG[b]! += dz * dz;
    }
  }
  const lags: LagRow[] = [];
  for (let b = 0; b < bins; b++) {
    if (np[b]! > 0) lags.push({ np: np[b]!, dist: sumD[b]! / np[b]!, gamma: sumG[b]! / (2 * np[b]!) });
  }
  return { cutoff, width, lags };
}

export interface FittedVariogram {
  variogram: VariogramModel;
  /** The weighted sum of squared errors minimised (gstat's SSErr). */
  sse: number;
}

/** For a fixed range, the nugget and partial sill (both ≥ 0) minimising the weighted squared error. */
function linearPart(
  lags: LagRow[],
  w: Float64Array,
  f: Float64Array,
): { nugget: number; psill: number; sse: number } {
  let [sw, sf, sff, sg, sfg] = [0, 0, 0, 0, 0];
  lags.forEach((lag, j) => {
    sw += w[j]!;
    sf += w[j]! * f[j]!;
    sff += w[j]! * f[j]! * f[j]!;
    sg += w[j]! * lag.gamma;
    sfg += w[j]! * f[j]! * lag.gamma;
  });
  const sse = (c0: number, c: number) =>
    lags.reduce((s, lag, j) => s + w[j]! * (lag.gamma - c0 - c * f[j]!) ** 2, 0);
  const candidates: [number, number][] = [];
  const det = sw * sff - sf * sf;
  if (Math.abs(det) > 1e-300) {
    const c0 = (sg * sff - sf * sfg) / det;
    const c = (sw * sfg - sf * sg) / det;
    if (c0 >= 0 && c >= 0) candidates.push([c0, c]);
  }
  candidates.push([0, sff > 0 ? Math.max(0, sfg / sff) : 0]);
  candidates.push([Math.max(0, sg / sw), 0]);
  let best = { nugget: 0, psill: 0, sse: Infinity };
  for (const [c0, c] of candidates) {
    const e = sse(c0, c);
    if (e < best.sse) best = { nugget: c0, psill: c, sse: e };
  }
  return best;
}

/**
 * Fits a model by weighted least squares (weights Nⱼ/hⱼ²). Nugget and partial sill are linear given the range, so
 * they are solved exactly for each range tried and the range is searched on a log scale (a coarse scan, then golden
 * section), which finds the global minimum along the range instead of a local one.
 */
export function fitVariogram(
  empirical: EmpiricalVariogram,
  model: VariogramModelName,
): Result<FittedVariogram> {
  const lags = empirical.lags.filter((l) => l.dist > 0);
  if (lags.length < 3) return fail(GEOSTATS_REASONS.VARIOGRAM_FIT_FAILED, { model, lags: lags.length });
  const w = Float64Array.from(lags, (l) => l.np / (l.dist * l.dist));
  const f = new Float64Array(lags.length);
  const atRange = (range: number) => {
    lags.forEach((lag, j) => (f[j] = unitShape(model, lag.dist, range)));
    return linearPart(lags, w, f);
  };
  const maxDist = Math.max(...lags.map((l) => l.dist));
  const minDist = Math.min(...lags.map((l) => l.dist));
  const lo = Math.log(minDist / 4);
  const hi = Math.log(maxDist * 4);
  const steps = 120;
  let bestK = 0;
  let bestE = Infinity;
  for (let k = 0; k <= steps; k++) {
    const e = atRange(Math.exp(lo + ((hi - lo) * k) / steps)).sse;
    if (e < bestE) [bestE, bestK] = [e, k];
  }
  let a = lo + ((hi - lo) * Math.max(0, bestK - 1)) / steps;
  let b = lo + ((hi - lo) * Math.min(steps, bestK + 1)) / steps;
  const g = (Math.sqrt(5) - 1) / 2;
  let c = b - g * (b - a);
  let d = a + g * (b - a);
  let fc = atRange(Math.exp(c)).sse;
  let fd = atRange(Math.exp(d)).sse;
  for (let it = 0; it < 200 && b - a > 1e-12; it++) {
    if (fc <= fd) {
      [b, d, fd] = [d, c, fc];
      c = b - g * (b - a);
      fc = atRange(Math.exp(c)).sse;
    } else {
      [a, c, fc] = [c, d, fd];
      d = a + g * (b - a);
      fd = atRange(Math.exp(d)).sse;
    }
  }
  const range = Math.exp((a + b) / 2);
  const best = atRange(range);
  if (!(best.nugget + best.psill > 0) || !Number.isFinite(best.sse))
    return fail(GEOSTATS_REASONS.VARIOGRAM_FIT_FAILED, { model });
  return ok({ variogram: { model, nugget: best.nugget, psill: best.psill, range }, sse: best.sse });
}

/** Fits every model and returns them all, best (lowest weighted error) first. */
export function fitBestVariogram(empirical: EmpiricalVariogram): Result<FittedVariogram[]> {
  const fits = VARIOGRAM_MODELS.map((m) => fitVariogram(empirical, m)).flatMap((r) =>
    r.ok ? [r.value] : [],
  );
  if (fits.length === 0) return fail(GEOSTATS_REASONS.VARIOGRAM_FIT_FAILED, { lags: empirical.lags.length });
  return ok(fits.sort((x, y) => x.sse - y.sse));
}

/** The model evaluated at `count` distances from 0 to `maxDistance`, for plotting the curve over the lag table. */
export function variogramCurve(
  v: VariogramModel,
  maxDistance: number,
  count = 100,
): { dist: number; gamma: number }[] {
  return Array.from({ length: count + 1 }, (_, i) => {
    const dist = (maxDistance * i) / count;
    return { dist, gamma: semivariance(v, dist) };
  });
}
