/**
 * The standard normal distribution and the probability that a log-normally distributed quantity exceeds a
 * threshold, from ordinary kriging of its logarithm (the multi-Gaussian approach; see docs/soil.md for why this and
 * not indicator kriging).
 */

/** erfc(x) with fractional error below 1.2e-7 everywhere (Numerical Recipes' Chebyshev fit, W. H. Press et al.). */
export function erfc(x: number): number {
  const z = Math.abs(x);
  const t = 1 / (1 + 0.5 * z);
  const r =
    t *
    Math.exp(
      -z * z -
        1.26551223 +
        t *
          (1.00002368 +
            t *
              (0.37409196 +
                t *
                  (0.09678418 +
                    t *
                      (-0.18628806 +
                        t *
                          (0.27886807 +
                            t * (-1.13520398 + t * (1.48851587 + t * (-0.82215223 + t * 0.17087277)))))))),
    );
  return x >= 0 ? r : 2 - r;
}

/** Φ(x), the standard normal cumulative distribution function. */
export function normalCdf(x: number): number {
  return 0.5 * erfc(-x / Math.SQRT2);
}

/**
 * P(Z > threshold) when ln Z has kriged mean `logMean` and kriging variance `logVariance` at the location.
 * With zero variance (at a sample) the answer is 0 or 1. NaN inputs give NaN (no prediction there).
 */
export function exceedanceProbability(logMean: number, logVariance: number, threshold: number): number {
  if (!Number.isFinite(logMean) || !Number.isFinite(logVariance)) return NaN;
  const lt = Math.log(threshold);
  if (logVariance <= 0) return logMean > lt ? 1 : 0;
  return 1 - normalCdf((lt - logMean) / Math.sqrt(logVariance));
}
