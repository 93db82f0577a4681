/**
 * Ordinary kriging: the best linear unbiased predictor under a known variogram, with weights summing to one.
 *
 * For neighbours 1…k of a location x₀ the system, in covariances C(h) = sill − γ(h), is
 *   [ C  1 ] [ λ ]   [ c₀ ]
 *   [ 1ᵀ 0 ] [ μ ] = [ 1  ]
 * and ẑ(x₀) = λᵀz, σ²(x₀) = C(0) − λᵀc₀ − μ (the kriging variance). At a sample's location the sample is returned with
 * variance 0 (C(0) includes the nugget, as in gstat). Consecutive locations with the same neighbours reuse one LU
 * factorisation, so a global neighbourhood is factorised once.
 *
 * A singular system (two samples at one place without nugget, a degenerate model) is reported with the location and
 * the neighbours involved, never turned into NaN predictions.
 */
import type { Samples } from './idw';
import { type Lu, luFactor, luSolve } from './linear-solve';
import { type Neighbourhood, NeighbourIndex } from './neighbours';
import { GEOSTATS_REASONS, type Result, fail, ok } from './result';
import { type VariogramModel, covariance } from './variogram';

export interface KrigingOutput {
  /** Predictions (NaN where no sample is within reach). */
  value: Float64Array;
  /** Kriging variances (NaN where no sample is within reach). */
  variance: Float64Array;
}

/** Reusable work space and the last factorisation. */
class System {
  private a = new Float64Array(0);
  private b = new Float64Array(0);
  private sol = new Float64Array(0);
  private pivot = new Int32Array(0);
  private lu: Lu | null = null;
  private key: number[] = [];

  constructor(
    private readonly s: Samples,
    private readonly v: VariogramModel,
  ) {}

  private sameSet(sorted: number[]): boolean {
    if (!this.lu || sorted.length !== this.key.length) return false;
    for (let i = 0; i < sorted.length; i++) if (sorted[i] !== this.key[i]) return false;
    return true;
  }

  /** [prediction, variance] at (x, y) from the neighbours, or null when the system is singular. */
  solve(x: number, y: number, near: number[]): [number, number] | null {
    const { s, v } = this;
    const ids = [...near].sort((p, q) => p - q);
    const k = ids.length;
    const n = k + 1;
    if (!this.sameSet(ids)) {
      if (this.a.length < n * n) {
        this.a = new Float64Array(n * n);
        this.b = new Float64Array(n);
        this.sol = new Float64Array(n);
        this.pivot = new Int32Array(n);
      }
      const a = this.a;
      for (let i = 0; i < k; i++) {
        const [xi, yi] = [s.x[ids[i]!]!, s.y[ids[i]!]!];
        a[i * n + i] = covariance(v, 0);
        for (let j = i + 1; j < k; j++) {
          const dx = s.x[ids[j]!]! - xi;
          const dy = s.y[ids[j]!]! - yi;
          const c = covariance(v, Math.sqrt(dx * dx + dy * dy));
          a[i * n + j] = c;
          a[j * n + i] = c;
        }
        a[i * n + k] = 1;
        a[k * n + i] = 1;
      }
      a[k * n + k] = 0;
      this.lu = luFactor(a.subarray(0, n * n), n, this.pivot.subarray(0, n));
      this.key = ids;
      if (!this.lu) return null;
    }
    const b = this.b;
    for (let i = 0; i < k; i++) {
      const dx = s.x[ids[i]!]! - x;
      const dy = s.y[ids[i]!]! - y;
      b[i] = covariance(v, Math.sqrt(dx * dx + dy * dy));
    }
    b[k] = 1;
    const w = luSolve(this.lu!, b.subarray(0, n), this.sol.subarray(0, n));
    let pred = 0;
    let lc = 0;
    for (let i = 0; i < k; i++) {
      pred += w[i]! * s.z[ids[i]!]!;
      lc += w[i]! * b[i]!;
    }
    const variance = covariance(v, 0) - lc - w[k]!;
    return [pred, Math.max(0, variance)];
  }
}

function run(
  samples: Samples,
  variogram: VariogramModel,
  count: number,
  at: (t: number) => { x: number; y: number; near: number[] },
): Result<KrigingOutput> {
  const value = new Float64Array(count);
  const variance = new Float64Array(count);
  const system = new System(samples, variogram);
  for (let t = 0; t < count; t++) {
    const { x, y, near } = at(t);
    if (near.length === 0) {
      value[t] = NaN;
      variance[t] = NaN;
      continue;
    }
    const r = system.solve(x, y, near);
    if (!r)
      return fail(GEOSTATS_REASONS.SINGULAR_SYSTEM, {
        target: t,
        x,
        y,
        neighbours: [...near].sort((p, q) => p - q),
      });
    value[t] = r[0];
    variance[t] = r[1];
  }
  return ok({ value, variance });
}

export function krigePredict(
  samples: Samples,
  tx: ArrayLike<number>,
  ty: ArrayLike<number>,
  variogram: VariogramModel,
  neighbourhood: Neighbourhood,
  index = new NeighbourIndex(samples.x, samples.y),
): Result<KrigingOutput> {
  return run(samples, variogram, tx.length, (t) => {
    const [x, y] = [tx[t]!, ty[t]!];
    return { x, y, near: index.find(x, y, neighbourhood) };
  });
}

/** Leave-one-out: each sample kriged from the others (its `target` in a failure is the sample's index). */
export function krigeLeaveOneOut(
  samples: Samples,
  variogram: VariogramModel,
  neighbourhood: Neighbourhood,
  index = new NeighbourIndex(samples.x, samples.y),
): Result<KrigingOutput> {
  return run(samples, variogram, samples.x.length, (i) => {
    const [x, y] = [samples.x[i]!, samples.y[i]!];
    return { x, y, near: index.find(x, y, neighbourhood, i) };
  });
}
