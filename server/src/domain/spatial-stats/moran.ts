/**
 * Moran's I, global and local (Anselin 1995), computed as R spdep computes them.
 *
 * Glossary:
 * - z: values centred on their mean; lag: Σ_j w_ij z_j.
 * - global I = (n / S0) · Σ_i z_i lag_i / Σ_i z_i², with E[I] = −1/(n − 1) and its variance under normality or
 *   randomisation (Cliff & Ord 1981) — spdep moran.test(); islands are left out of n (spdep's adjust.n).
 * - local I_i = z_i · lag_i / m2, m2 = Σ z² / n; analytic inference under conditional randomisation (Sokal, Oden &
 *   Thomson 1998) — spdep localmoran(conditional = TRUE), its default since 1.1-x.
 * - permutation inference: for each i the other n − 1 values are drawn without replacement into i's neighbour
 *   slots (conditional permutation); the pseudo p-value is folded as in PySAL esda: (min(#≥, #<) + 1)/(R + 1).
 * - quadrant: HH (high value among high neighbours), LL, HL (high among low: an outlier), LH, by the signs of z_i and
 *   lag_i; it is reported as a cluster only when significant.
 */
import { benjaminiHochberg } from './fdr';
import { twoSidedP } from './normal';
import { SeededRandom } from './random';
import { type Weights, spatialLag } from './weights';

export interface GlobalMoran {
  I: number;
  expected: number;
  variance: number;
  z: number;
  p: number;
  /** The n used: features with at least one neighbour. */
  n: number;
}

export function globalMoran(
  x: readonly number[],
  w: Weights,
  assumption: 'randomisation' | 'normality' = 'randomisation',
): GlobalMoran | null {
  if (w.selfIncluded) throw new Error("Moran's I needs weights without self-neighbours");
  const all = x.length;
  const mean = x.reduce((a, b) => a + b, 0) / all;
  const z = x.map((v) => v - mean);
  const lag = spatialLag(w, z);
  const n = w.neighbours.filter((list) => list.length > 0).length;
  if (n < 4) return null;
  // Sums over the weights matrix: S0 = Σw, S1 = ½ Σ (w_ij + w_ji)², S2 = Σ_i (w_i. + w_.i)².
  const pair = new Map<number, number>();
  const rowSum = new Array<number>(all).fill(0);
  const colSum = new Array<number>(all).fill(0);
  let S0 = 0;
  w.neighbours.forEach((list, i) => {
    list.forEach((j, k) => {
      const v = (w.weights[i] as number[])[k] as number;
      S0 += v;
      rowSum[i]! += v;
      colSum[j]! += v;
      const key = i < j ? i * all + j : j * all + i;
      pair.set(key, (pair.get(key) ?? 0) + v);
    });
  });
  let S1 = 0;
  for (const v of pair.values()) S1 += v * v;
  S1 = S1 * 2 * 0.5; // each unordered pair (w_ij + w_ji)² counted once, for i→j and j→i: ½ · 2
  let S2 = 0;
  for (let i = 0; i < all; i++) S2 += (rowSum[i]! + colSum[i]!) ** 2;
  let zz = 0;
  let z4 = 0;
  let cross = 0;
  for (let i = 0; i < all; i++) {
    zz += z[i]! * z[i]!;
    z4 += z[i]! ** 4;
    cross += z[i]! * lag[i]!;
  }
  if (zz === 0 || S0 === 0) return null;
  const I = (n / S0) * (cross / zz);
  const E = -1 / (n - 1);
  let variance: number;
  if (assumption === 'normality') {
    variance = (n * n * S1 - n * S2 + 3 * S0 * S0) / (S0 * S0 * (n * n - 1)) - E * E;
  } else {
    const K = z4 / all / (zz / all) ** 2;
    variance =
      (n * ((n * n - 3 * n + 3) * S1 - n * S2 + 3 * S0 * S0) -
        K * (n * (n - 1) * S1 - 2 * n * S2 + 6 * S0 * S0)) /
        ((n - 1) * (n - 2) * (n - 3) * S0 * S0) -
      E * E;
  }
  const zScore = (I - E) / Math.sqrt(variance);
  return { I, expected: E, variance, z: zScore, p: twoSidedP(zScore), n };
}

export type Quadrant = 'HH' | 'LL' | 'HL' | 'LH';

export interface LocalMoranResult {
  I: number | null;
  expected: number | null;
  variance: number | null;
  z: number | null;
  p: number | null;
  /** BH-adjusted analytic p. */
  q: number | null;
  /** Folded permutation pseudo p-value, when permutations > 0. */
  pseudoP: number | null;
  /** BH-adjusted pseudo p-value. */
  pseudoQ: number | null;
  quadrant: Quadrant | null;
}

export interface LocalMoranOptions {
  permutations?: number;
  seed?: number;
  /** 'conditional' (spdep default) or 'total' randomisation for the analytic moments. */
  randomisation?: 'conditional' | 'total';
}

export function localMoran(
  x: readonly number[],
  w: Weights,
  options: LocalMoranOptions = {},
): LocalMoranResult[] {
  if (w.selfIncluded) throw new Error("Moran's I needs weights without self-neighbours");
  const n = x.length;
  const mean = x.reduce((a, b) => a + b, 0) / n;
  const z = x.map((v) => v - mean);
  const lag = spatialLag(w, z);
  const m2 = z.reduce((a, b) => a + b * b, 0) / n;
  const m4 = z.reduce((a, b) => a + b ** 4, 0) / n;
  const b2 = m4 / (m2 * m2);
  const conditional = (options.randomisation ?? 'conditional') === 'conditional';
  const rows = z.map((zi, i) => {
    const list = w.neighbours[i] as number[];
    if (list.length === 0 || m2 === 0) return null;
    const row = w.weights[i] as number[];
    const Wi = row.reduce((a, b) => a + b, 0);
    const Wi2 = row.reduce((a, b) => a + b * b, 0);
    const I = (zi / m2) * lag[i]!;
    let E: number;
    let V: number;
    if (conditional) {
      E = -(zi * zi * Wi) / ((n - 1) * m2);
      V = (zi / m2) ** 2 * (n / (n - 2)) * (Wi2 - (Wi * Wi) / (n - 1)) * (m2 - (zi * zi) / (n - 1));
    } else {
      E = -Wi / (n - 1);
      const A = (n - b2) / (n - 1);
      const B = (2 * b2 - n) / ((n - 1) * (n - 2));
      V = A * Wi2 + B * (Wi * Wi - Wi2) - E * E;
    }
    const zScore = V > 0 ? (I - E) / Math.sqrt(V) : null;
    return { I, E, V, z: zScore, p: zScore === null ? null : twoSidedP(zScore) };
  });
  const permutations = options.permutations ?? 0;
  const pseudo = permutations > 0 ? conditionalPermutation(z, w, m2, permutations, options.seed ?? 0) : null;
  const q = benjaminiHochberg(rows.map((r) => r?.p ?? null));
  const pq = pseudo ? benjaminiHochberg(pseudo) : null;
  return rows.map((r, i) => ({
    I: r?.I ?? null,
    expected: r?.E ?? null,
    variance: r?.V ?? null,
    z: r?.z ?? null,
    p: r?.p ?? null,
    q: q[i] ?? null,
    pseudoP: pseudo?.[i] ?? null,
    pseudoQ: pq?.[i] ?? null,
    quadrant: r ? quadrant(z[i]!, lag[i]!) : null,
  }));
}

function quadrant(zi: number, lag: number): Quadrant {
  if (zi > 0) return lag > 0 ? 'HH' : 'HL';
  return lag > 0 ? 'LH' : 'LL';
}

/** Folded pseudo p-values by conditional permutation (esda's crand). */
function conditionalPermutation(
  z: readonly number[],
  w: Weights,
  m2: number,
  permutations: number,
  seed: number,
): (number | null)[] {
  const n = z.length;
  const random = new SeededRandom(seed);
  const picked: number[] = [];
  return z.map((zi, i) => {
    const list = w.neighbours[i] as number[];
    const k = list.length;
    if (k === 0 || m2 === 0) return null;
    if (k > n - 1) return null;
    const row = w.weights[i] as number[];
    let observedLag = 0;
    for (let t = 0; t < k; t++) observedLag += row[t]! * z[list[t]!]!;
    const observed = (zi / m2) * observedLag;
    let above = 0;
    for (let r = 0; r < permutations; r++) {
      // k distinct indices among the other n − 1 (rejection of repeats: k is small next to n).
      picked.length = 0;
      let lag = 0;
      while (picked.length < k) {
        let j = random.below(n - 1);
        if (j >= i) j++;
        if (picked.includes(j)) continue;
        lag += row[picked.length]! * z[j]!;
        picked.push(j);
      }
      if ((zi / m2) * lag >= observed) above++;
    }
    const larger = Math.min(above, permutations - above);
    return (larger + 1) / (permutations + 1);
  });
}
