/**
 * Leave-one-out cross-validation figures, to compare methods and parameters:
 * - ME: mean error (observed − predicted); near 0 for an unbiased method.
 * - RMSE: root mean squared error, in the variable's unit.
 * - MSSE (kriging): mean of ((observed − predicted) / σ)², near 1 when the kriging variance is right
 *   (above 1: the variogram understates the uncertainty; below 1: overstates it).
 * - coverage90 (kriging): the share of samples inside predicted ± 1.645 σ (a 90 % interval under normal errors).
 * Samples without a prediction (no neighbour within the search radius) are counted in `unpredicted`, not averaged.
 */

export const Z90 = 1.6448536269514722;

export interface CrossValidation {
  n: number;
  unpredicted: number;
  me: number | null;
  rmse: number | null;
  msse: number | null;
  coverage90: number | null;
}

export function crossValidationFigures(
  observed: ArrayLike<number>,
  predicted: ArrayLike<number>,
  variance?: ArrayLike<number>,
): CrossValidation {
  let [n, se, e, ssz, inside, withVar] = [0, 0, 0, 0, 0, 0];
  for (let i = 0; i < observed.length; i++) {
    const p = predicted[i]!;
    if (!Number.isFinite(p)) continue;
    const r = observed[i]! - p;
    n++;
    e += r;
    se += r * r;
    if (variance) {
      const s = Math.sqrt(variance[i]!);
      if (s > 0) {
        ssz += (r / s) ** 2;
        withVar++;
      }
      if (Math.abs(r) <= Z90 * s) inside++;
    }
  }
  return {
    n: observed.length,
    unpredicted: observed.length - n,
    me: n ? e / n : null,
    rmse: n ? Math.sqrt(se / n) : null,
    msse: variance && withVar ? ssz / withVar : null,
    coverage90: variance && n ? inside / n : null,
  };
}
