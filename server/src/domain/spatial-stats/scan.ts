/**
 * Kulldorff's spatial scan statistic for pass/fail data, Bernoulli model (Kulldorff 1997), for high rates.
 *
 * Glossary:
 * - location: a place with n_i samples of which c_i failed (cases); passing samples are the controls.
 * - window: a circle centred on a location, grown through its nearest locations (distances in metres) until it
 *   would hold more than `maxShare` of all samples (and, optionally, until `maxRadiusM`). Because windows are
 *   measured in samples, not in area, a densely sampled place does not look like a hot spot by having many samples.
 * - log-likelihood ratio of a window with c cases among n samples, C among N overall, when c/n > (C−c)/(N−n):
 *   LLR = c ln(c/n) + (n−c) ln(1−c/n) + (C−c) ln((C−c)/(N−n)) + (N−n−C+c) ln(1−(C−c)/(N−n))
 *         − C ln(C/N) − (N−C) ln(1−C/N)        (0·ln 0 = 0).
 * - Monte Carlo inference: the C cases are redistributed at random over the N samples (seeded), the largest LLR of
 *   each replicate is kept, and a window's p-value is (1 + #replicates with max LLR ≥ its LLR) / (R + 1).
 * - most likely cluster: the window with the largest LLR; secondary clusters: the next best windows that share no
 *   location with a cluster already reported (SaTScan's "no geographical overlap").
 * - relative risk: (c/n) / ((C−c)/(N−n)).
 */
import { SeededRandom } from './random';
import type { Point } from './weights';

export interface ScanLocation {
  point: Point;
  samples: number;
  cases: number;
}

export interface ScanOptions {
  maxShare?: number;
  maxRadiusM?: number;
  replications?: number;
  seed?: number;
  /** Most clusters to report (the most likely one included). */
  maxClusters?: number;
}

export interface ScanCluster {
  centre: number;
  /** Indices of the locations inside, nearest first. */
  members: number[];
  radiusM: number;
  samples: number;
  cases: number;
  expected: number;
  relativeRisk: number;
  llr: number;
  p: number;
}

export interface ScanResult {
  clusters: ScanCluster[];
  totalSamples: number;
  totalCases: number;
  replications: number;
  windows: number;
}

const xlogx = (a: number, b: number) => (a <= 0 ? 0 : a * Math.log(a / b));

export function bernoulliLlr(c: number, n: number, C: number, N: number): number {
  if (n <= 0 || n >= N) return 0;
  const outsideN = N - n;
  const outsideC = C - c;
  if (c / n <= outsideC / outsideN) return 0;
  const ll = xlogx(c, n) + xlogx(n - c, n) + xlogx(outsideC, outsideN) + xlogx(outsideN - outsideC, outsideN);
  const ll0 = xlogx(C, N) + xlogx(N - C, N);
  return ll - ll0;
}

interface Window {
  centre: number;
  /** Locations of the window in the order they enter (nearest first). */
  order: number[];
  /** Number of locations of each nested window (the window of size k holds order[0..k)). */
  sizes: number[];
  radii: number[];
}

/** For each centre, its nearest locations in order while the window holds at most maxShare of the samples. */
function buildWindows(locations: readonly ScanLocation[], maxShare: number, maxRadius: number): Window[] {
  const N = locations.reduce((s, l) => s + l.samples, 0);
  const limit = maxShare * N;
  return locations.map((centre, ci) => {
    const byDistance = locations
      .map((l, i) => ({ i, d: Math.hypot(l.point[0] - centre.point[0], l.point[1] - centre.point[1]) }))
      .filter((e) => e.d <= maxRadius)
      .sort((a, b) => a.d - b.d || a.i - b.i);
    const order: number[] = [];
    const sizes: number[] = [];
    const radii: number[] = [];
    let n = 0;
    for (let k = 0; k < byDistance.length; k++) {
      const e = byDistance[k]!;
      if (n + locations[e.i]!.samples > limit) break;
      n += locations[e.i]!.samples;
      order.push(e.i);
      // Locations at the same distance enter together: a circle cannot hold one and not the other.
      const next = byDistance[k + 1];
      if (next && next.d === e.d) continue;
      sizes.push(order.length);
      radii.push(e.d);
    }
    return { centre: ci, order, sizes, radii };
  });
}

function bestOfWindows(
  windows: readonly Window[],
  samples: readonly number[],
  cases: ArrayLike<number>,
  C: number,
  N: number,
): number {
  let best = 0;
  for (const w of windows) {
    let n = 0;
    let c = 0;
    let k = 0;
    for (const size of w.sizes) {
      for (; k < size; k++) {
        n += samples[w.order[k]!]!;
        c += cases[w.order[k]!]!;
      }
      const llr = bernoulliLlr(c, n, C, N);
      if (llr > best) best = llr;
    }
  }
  return best;
}

export function bernoulliScan(locations: readonly ScanLocation[], options: ScanOptions = {}): ScanResult {
  const maxShare = options.maxShare ?? 0.5;
  if (!(maxShare > 0 && maxShare <= 0.5)) throw new RangeError('maxShare must be in (0, 0.5]');
  const replications = options.replications ?? 999;
  const maxClusters = options.maxClusters ?? 10;
  const samples = locations.map((l) => l.samples);
  const cases = locations.map((l) => l.cases);
  const N = samples.reduce((a, b) => a + b, 0);
  const C = cases.reduce((a, b) => a + b, 0);
  const windows = buildWindows(locations, maxShare, options.maxRadiusM ?? Infinity);
  const windowCount = windows.reduce((s, w) => s + w.sizes.length, 0);
  if (N === 0 || C === 0 || C === N)
    return { clusters: [], totalSamples: N, totalCases: C, replications, windows: windowCount };

  // Every window with its LLR, best first.
  const candidates: { w: Window; size: number; radius: number; n: number; c: number; llr: number }[] = [];
  for (const w of windows) {
    let n = 0;
    let c = 0;
    let k = 0;
    w.sizes.forEach((size, s) => {
      for (; k < size; k++) {
        n += samples[w.order[k]!]!;
        c += cases[w.order[k]!]!;
      }
      const llr = bernoulliLlr(c, n, C, N);
      if (llr > 0) candidates.push({ w, size, radius: w.radii[s]!, n, c, llr });
    });
  }
  candidates.sort((a, b) => b.llr - a.llr || a.w.centre - b.w.centre || a.size - b.size);
  const chosen: typeof candidates = [];
  const used = new Set<number>();
  for (const cand of candidates) {
    if (chosen.length >= maxClusters) break;
    const members = cand.w.order.slice(0, cand.size);
    if (members.some((m) => used.has(m))) continue;
    chosen.push(cand);
    for (const m of members) used.add(m);
  }

  // Monte Carlo: each replicate assigns the C cases to C of the N samples at random.
  const owner = new Int32Array(N);
  for (let i = 0, t = 0; i < samples.length; i++) for (let s = 0; s < samples[i]!; s++) owner[t++] = i;
  const random = new SeededRandom(options.seed ?? 0);
  const simulated = new Float64Array(replications);
  const simCases = new Float64Array(locations.length);
  const order = Int32Array.from({ length: N }, (_, i) => i);
  for (let r = 0; r < replications; r++) {
    simCases.fill(0);
    for (let t = 0; t < C; t++) {
      const pick = t + random.below(N - t);
      const chosenSample = order[pick]!;
      order[pick] = order[t]!;
      order[t] = chosenSample;
      simCases[owner[chosenSample]!]! += 1;
    }
    simulated[r] = bestOfWindows(windows, samples, simCases, C, N);
  }
  const clusters = chosen.map((cand) => {
    let beaten = 0;
    for (let r = 0; r < replications; r++) if (simulated[r]! >= cand.llr) beaten++;
    const outsideRate = (C - cand.c) / (N - cand.n);
    return {
      centre: cand.w.centre,
      members: cand.w.order.slice(0, cand.size),
      radiusM: cand.radius,
      samples: cand.n,
      cases: cand.c,
      expected: (cand.n * C) / N,
      relativeRisk: outsideRate === 0 ? Infinity : cand.c / cand.n / outsideRate,
      llr: cand.llr,
      p: (beaten + 1) / (replications + 1),
    };
  });
  return { clusters, totalSamples: N, totalCases: C, replications, windows: windowCount };
}
