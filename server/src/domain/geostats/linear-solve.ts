/**
 * Dense LU decomposition with partial pivoting on a flat Float64Array (row-major), for the small kriging systems
 * (k + 1 unknowns for k neighbours) solved once per prediction location. Written out by hand instead of ml-matrix
 * because a 250 m grid over a county means ~50,000 systems, and allocation per system would dominate; the unit
 * tests check it against ml-matrix.
 *
 * A pivot smaller than `SINGULAR_TOLERANCE` × the largest absolute entry of the matrix makes the factorisation fail:
 * the system is singular or so ill-conditioned that its solution would be noise (e.g. two samples at one place with
 * no nugget, or a Gaussian model without nugget over dense samples).
 */

export const SINGULAR_TOLERANCE = 1e-12;

export interface Lu {
  n: number;
  /** L (unit diagonal, below) and U (on and above the diagonal), in place of the matrix. */
  lu: Float64Array;
  pivot: Int32Array;
}

/** Factorises the n × n matrix `a` (overwritten). Returns null when it is singular to working precision. */
export function luFactor(a: Float64Array, n: number, pivot = new Int32Array(n)): Lu | null {
  let scale = 0;
  for (let i = 0; i < n * n; i++) scale = Math.max(scale, Math.abs(a[i]!));
  if (!(scale > 0) || !Number.isFinite(scale)) return null;
  const tiny = scale * SINGULAR_TOLERANCE;
  for (let i = 0; i < n; i++) pivot[i] = i;
  for (let k = 0; k < n; k++) {
    let p = k;
    let max = Math.abs(a[k * n + k]!);
    for (let i = k + 1; i < n; i++) {
      const v = Math.abs(a[i * n + k]!);
      if (v > max) {
        max = v;
        p = i;
      }
    }
    if (!(max > tiny)) return null;
    if (p !== k) {
      for (let j = 0; j < n; j++) {
        const t = a[k * n + j]!;
        a[k * n + j] = a[p * n + j]!;
        a[p * n + j] = t;
      }
      const t = pivot[k]!;
      pivot[k] = pivot[p]!;
      pivot[p] = t;
    }
    const diag = a[k * n + k]!;
    for (let i = k + 1; i < n; i++) {
      const f = (a[i * n + k]! /= diag);
      if (f === 0) continue;
      for (let j = k + 1; j < n; j++) a[i * n + j]! -= f * a[k * n + j]!;
    }
  }
  return { n, lu: a, pivot };
}

/** Solves LU x = b; writes x into `out` (which may not alias b). */
export function luSolve({ n, lu, pivot }: Lu, b: Float64Array, out: Float64Array): Float64Array {
  for (let i = 0; i < n; i++) {
    let s = b[pivot[i]!]!;
    for (let j = 0; j < i; j++) s -= lu[i * n + j]! * out[j]!;
    out[i] = s;
  }
  for (let i = n - 1; i >= 0; i--) {
    let s = out[i]!;
    for (let j = i + 1; j < n; j++) s -= lu[i * n + j]! * out[j]!;
    out[i] = s / lu[i * n + i]!;
  }
  return out;
}
