/**
 * One local or global statistic over features: build the weights the caller asked for, run the statistic, and
 * return one row per input feature in input order — what POST /api/analysis/hotspots and the grid/hexagon hotspot
 * maps share. Pure: geometry arrives as planar (projected, metres) rings or points.
 *
 * Handling of awkward input (documented in docs/residue.md):
 * - a missing or non-numeric value: the feature is left out of the analysis (it neither counts nor is a neighbour)
 *   and reported as excluded with the reason;
 * - fewer than 3 usable features: not analysable (a clear error, not a crash);
 * - islands (no neighbour under the chosen weights): reported, no local statistic;
 * - queen/rook need polygons; points take k nearest neighbours or a distance band.
 */
import { giStar } from './gi-star';
import { globalMoran, localMoran, type GlobalMoran, type Quadrant } from './moran';
import { spotClass, type SpotClass } from './fdr';
import {
  type Point,
  type PolygonRings,
  contiguityNeighbours,
  distanceBandNeighbours,
  islands,
  knnNeighbours,
  makeWeights,
} from './weights';

export type WeightsSpec =
  { type: 'queen' | 'rook' } | { type: 'knn'; k: number } | { type: 'distance_band'; distanceM: number };

export interface AnalyseInput {
  method: 'gi_star' | 'local_moran' | 'global_moran';
  values: readonly (number | null)[];
  /** Planar polygons (for contiguity) — or null for point data. */
  polygons: readonly PolygonRings[][] | null;
  /** Planar representative points (centroids for polygons), used for knn and distance bands. */
  points: readonly Point[];
  weights: WeightsSpec;
  style: 'binary' | 'row';
  permutations: number;
  seed: number;
  /** Contiguity snap tolerance in the polygons' units. */
  snap?: number;
}

export interface FeatureOutcome {
  statistic: number | null;
  z: number | null;
  p: number | null;
  /** BH-adjusted p across the features analysed. */
  pAdjusted: number | null;
  pseudoP: number | null;
  class: SpotClass | Quadrant | 'not_significant' | null;
  /** local Moran's quadrant whether or not significant. */
  quadrant: Quadrant | null;
  neighbours: number;
  excluded: 'missing_value' | 'island' | null;
}

export interface AnalyseOutput {
  features: FeatureOutcome[];
  global: GlobalMoran | null;
  islands: number[];
  analysed: number;
  /** Every value was the same: no statistic, nothing significant. */
  constant: boolean;
}

export class NotAnalysable extends Error {
  constructor(
    readonly reason: 'too_few_features' | 'needs_polygons' | 'constant_values' | 'bad_parameter',
    message: string,
  ) {
    super(message);
  }
}

export function analyse(input: AnalyseInput): AnalyseOutput {
  const usable = input.values.flatMap((v, i) => (v !== null && Number.isFinite(v) ? [i] : []));
  if (usable.length < 3)
    throw new NotAnalysable('too_few_features', `only ${usable.length} features have a value`);
  const x = usable.map((i) => input.values[i] as number);
  const spec = input.weights;
  let neighbours: number[][];
  if (spec.type === 'queen' || spec.type === 'rook') {
    if (!input.polygons) throw new NotAnalysable('needs_polygons', 'contiguity weights need polygons');
    neighbours = contiguityNeighbours(
      usable.map((i) => input.polygons![i] as PolygonRings[]),
      spec.type,
      input.snap,
    );
  } else if (spec.type === 'knn') {
    if (spec.k >= usable.length)
      throw new NotAnalysable('bad_parameter', `k must be below the ${usable.length} features`);
    neighbours = knnNeighbours(
      usable.map((i) => input.points[i] as Point),
      spec.k,
    );
  } else {
    neighbours = distanceBandNeighbours(
      usable.map((i) => input.points[i] as Point),
      (spec as { distanceM: number }).distanceM,
    );
  }
  const isolated = islands(neighbours);
  const features: FeatureOutcome[] = input.values.map(() => ({
    statistic: null,
    z: null,
    p: null,
    pAdjusted: null,
    pseudoP: null,
    class: null,
    quadrant: null,
    neighbours: 0,
    excluded: 'missing_value',
  }));
  usable.forEach((i, k) => {
    const f = features[i] as FeatureOutcome;
    f.neighbours = (neighbours[k] as number[]).length;
    f.excluded = isolated.includes(k) ? 'island' : null;
  });
  let global: GlobalMoran | null = null;
  if (x.every((v) => v === x[0])) {
    // No variation at all (e.g. empirical Bayes shrank every rate to the county rate): nothing is a hot spot.
    for (const i of usable) {
      const f = features[i] as FeatureOutcome;
      if (f.excluded === null) f.class = 'not_significant';
    }
    return {
      features,
      global: null,
      islands: isolated.map((k) => usable[k] as number),
      analysed: usable.length,
      constant: true,
    };
  }
  if (input.method === 'gi_star') {
    const { results } = giStar(x, makeWeights(neighbours, input.style, true));
    const perm =
      input.permutations > 0
        ? giStarPseudo(x, neighbours, input.style, input.permutations, input.seed)
        : null;
    results.forEach((r, k) => {
      const f = features[usable[k] as number] as FeatureOutcome;
      Object.assign(f, {
        statistic: r.statistic,
        z: r.z,
        p: r.p,
        pAdjusted: r.q,
        class: r.class,
        pseudoP: perm?.[k] ?? null,
      });
    });
  } else if (input.method === 'local_moran') {
    const results = localMoran(x, makeWeights(neighbours, input.style), {
      permutations: input.permutations,
      seed: input.seed,
    });
    results.forEach((r, k) => {
      const f = features[usable[k] as number] as FeatureOutcome;
      // Significance by permutation when asked for, else analytic; both FDR-adjusted.
      const q = input.permutations > 0 ? r.pseudoQ : r.q;
      const significant = q !== null && q <= 0.05;
      Object.assign(f, {
        statistic: r.I,
        z: r.z,
        p: r.p,
        pAdjusted: q,
        pseudoP: r.pseudoP,
        quadrant: r.quadrant,
        class: r.I === null ? null : significant ? r.quadrant : 'not_significant',
      });
    });
  }
  global = globalMoran(x, makeWeights(neighbours, input.style));
  return {
    features,
    global,
    islands: isolated.map((k) => usable[k] as number),
    analysed: usable.length,
    constant: false,
  };
}

/** Folded permutation pseudo p-values for Gi* (conditional permutation of the neighbours' values). */
function giStarPseudo(
  x: readonly number[],
  neighbours: readonly (readonly number[])[],
  style: 'binary' | 'row',
  permutations: number,
  seed: number,
): (number | null)[] {
  // The observed G*_i is a monotone function of Σ_{j∈N(i)} x_j (its own value and weights are fixed), so ranks of the
  // neighbour sum under permutation give the pseudo p-value; reuse local Moran's sampler by centring.
  const n = x.length;
  const mean = x.reduce((a, b) => a + b, 0) / n;
  const z = x.map((v) => v - mean);
  const sums = localMoran(
    z.map((v) => v),
    makeWeights(neighbours, style),
    { permutations, seed },
  );
  // localMoran's pseudo p ranks z_i·lag_i; for the sign-independent neighbour sum we fold by z_i's sign, which gives
  // the same ordering when z_i ≠ 0.
  return sums.map((r, i) => (z[i] === 0 ? null : r.pseudoP));
}

export { spotClass };
