/**
 * The standard normal distribution's upper tail, accurate in relative terms far into the tail (p-values of
 * z = 10 are ~1.5e-23, not 0), so that false-discovery-rate ranks stay meaningful.
 *
 * erfc is the Chebyshev expansion of Numerical Recipes, 3rd ed., §6.2.2 (Erf::erfccheb), relative error < 1.2e-16.
 */
const COF = [
  -1.3026537197817094, 0.6419697923564902, 1.9476473204185836e-2, -9.561514786808631e-3, -9.46595344482036e-4,
  3.66839497852761e-4, 4.2523324806907e-5, -2.0278578112534e-5, -1.624290004647e-6, 1.30365583558e-6,
  1.5626441722e-8, -8.5238095915e-8, 6.529054439e-9, 5.059343495e-9, -9.91364156e-10, -2.27365122e-10,
  9.6467911e-11, 2.394038e-12, -6.886027e-12, 8.94487e-13, 3.13092e-13, -1.12708e-13, 3.81e-16, 7.106e-15,
  -1.523e-15, -9.4e-17, 1.21e-16, -2.8e-17,
];

/** erfc(x) for x ≥ 0. */
function erfcPositive(x: number): number {
  const t = 2 / (2 + x);
  const ty = 4 * t - 2;
  let d = 0;
  let dd = 0;
  for (let j = COF.length - 1; j > 0; j--) {
    const tmp = d;
    d = ty * d - dd + (COF[j] as number);
    dd = tmp;
  }
  return t * Math.exp(-x * x + 0.5 * ((COF[0] as number) + ty * d) - dd);
}

export function erfc(x: number): number {
  return x >= 0 ? erfcPositive(x) : 2 - erfcPositive(-x);
}

/** P(Z > z) for a standard normal Z. */
export function normalUpper(z: number): number {
  return 0.5 * erfc(z / Math.SQRT2);
}

/** Two-sided p-value of a z-score: P(|Z| ≥ |z|). */
export function twoSidedP(z: number): number {
  if (!Number.isFinite(z)) return Number.isNaN(z) ? Number.NaN : 0;
  return erfc(Math.abs(z) / Math.SQRT2);
}
