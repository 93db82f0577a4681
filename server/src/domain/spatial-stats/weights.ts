/**
 * Spatial weights: who is whose neighbour, and how much.
 *
 * Glossary:
 * - coordinates are planar, in metres (the caller projects longitude/latitude first: see projection.ts); distances
 *   in degrees would make an east–west neighbour count differently from a north–south one.
 * - queen contiguity: two polygons are neighbours when they share at least one boundary vertex; rook: when they
 *   share at least two (an edge). This is the rule of spdep's poly2nb (vertices within `snap` count as shared), so
 *   polygons meeting at a vertex of one that is not a vertex of the other (a T-junction) are not neighbours.
 * - k nearest neighbours (asymmetric), distance band (all within d metres, symmetric).
 * - binary weights: 1 per neighbour; row-standardised: 1/(number of neighbours), so each row sums to 1.
 * - island: a feature without neighbours. It is reported and gets no local statistic (undefined, not a crash).
 * - self-inclusion (Gi*): the feature is its own neighbour with weight 1 before standardisation.
 */

export type Point = readonly [number, number];
/** A polygon as rings (outer first) of [x, y]; a multipolygon as several polygons. */
export type Ring = readonly Point[];
export type PolygonRings = readonly Ring[];

export interface Weights {
  /** Number of features. */
  n: number;
  /** neighbours[i]: indices of i's neighbours, ascending. */
  neighbours: number[][];
  /** weights[i][k]: weight of neighbours[i][k]. */
  weights: number[][];
  style: 'binary' | 'row';
  selfIncluded: boolean;
}

export type WeightsStyle = 'binary' | 'row';

/** Features with no neighbour (excluding themselves). */
export function islands(neighbours: readonly (readonly number[])[]): number[] {
  const out: number[] = [];
  neighbours.forEach((list, i) => {
    if (!list.some((j) => j !== i)) out.push(i);
  });
  return out;
}

interface Box {
  minX: number;
  minY: number;
  maxX: number;
  maxY: number;
}

function boxOf(polygons: readonly PolygonRings[]): Box {
  const box = { minX: Infinity, minY: Infinity, maxX: -Infinity, maxY: -Infinity };
  for (const rings of polygons)
    for (const ring of rings)
      for (const [x, y] of ring) {
        if (x < box.minX) box.minX = x;
        if (y < box.minY) box.minY = y;
        if (x > box.maxX) box.maxX = x;
        if (y > box.maxY) box.maxY = y;
      }
  return box;
}

/**
 * Contiguity neighbours of (multi)polygons: queen (≥ 1 shared vertex) or rook (≥ 2), vertices closer than `snap`
 * counting as shared. Vertices are bucketed on a grid of cell `snap`, so the cost is linear in the vertex count.
 */
export function contiguityNeighbours(
  features: readonly (readonly PolygonRings[])[],
  rule: 'queen' | 'rook',
  snap = 1e-7,
): number[][] {
  const cell = Math.max(snap, 1e-12);
  const buckets = new Map<string, { f: number; x: number; y: number }[]>();
  const key = (cx: number, cy: number) => `${cx},${cy}`;
  features.forEach((polygons, f) => {
    const seen = new Set<string>();
    for (const rings of polygons)
      for (const ring of rings)
        for (const [x, y] of ring) {
          const k = key(Math.floor(x / cell), Math.floor(y / cell));
          const dedupe = `${k}:${x}:${y}`;
          if (seen.has(dedupe)) continue; // a ring's closing vertex repeats its first
          seen.add(dedupe);
          let list = buckets.get(k);
          if (!list) buckets.set(k, (list = []));
          list.push({ f, x, y });
        }
  });
  // For each feature pair, the distinct vertices of the first feature that touch a vertex of the second.
  const shared = new Map<string, Set<string>>();
  for (const [k, list] of buckets) {
    const [cx, cy] = k.split(',').map(Number) as [number, number];
    for (const a of list) {
      for (let dx = -1; dx <= 1; dx++)
        for (let dy = -1; dy <= 1; dy++) {
          const other = buckets.get(key(cx + dx, cy + dy));
          if (!other) continue;
          for (const b of other) {
            if (b.f <= a.f) continue;
            if (Math.abs(a.x - b.x) > snap || Math.abs(a.y - b.y) > snap) continue;
            if (Math.hypot(a.x - b.x, a.y - b.y) > snap) continue;
            const pair = `${a.f}:${b.f}`;
            let set = shared.get(pair);
            if (!set) shared.set(pair, (set = new Set()));
            set.add(`${a.x}:${a.y}`);
          }
        }
    }
  }
  const need = rule === 'queen' ? 1 : 2;
  const neighbours: number[][] = features.map(() => []);
  for (const [pair, set] of shared) {
    if (set.size < need) continue;
    const [a, b] = pair.split(':').map(Number) as [number, number];
    neighbours[a]!.push(b);
    neighbours[b]!.push(a);
  }
  for (const list of neighbours) list.sort((p, q) => p - q);
  return neighbours;
}

/** A small uniform grid of points for neighbour searches. */
class PointGrid {
  private readonly cells = new Map<string, number[]>();
  constructor(
    private readonly points: readonly Point[],
    private readonly size: number,
  ) {
    points.forEach(([x, y], i) => {
      const k = this.key(x, y);
      const list = this.cells.get(k);
      if (list) list.push(i);
      else this.cells.set(k, [i]);
    });
  }
  private key(x: number, y: number): string {
    return `${Math.floor(x / this.size)},${Math.floor(y / this.size)}`;
  }
  /** Indices of points within `radius` of (x, y) (cells scanned: ceil(radius/size) around). */
  within(x: number, y: number, radius: number): number[] {
    const r = Math.ceil(radius / this.size);
    const cx = Math.floor(x / this.size);
    const cy = Math.floor(y / this.size);
    const out: number[] = [];
    for (let dx = -r; dx <= r; dx++)
      for (let dy = -r; dy <= r; dy++) {
        for (const i of this.cells.get(`${cx + dx},${cy + dy}`) ?? []) {
          const p = this.points[i] as Point;
          if (Math.hypot(p[0] - x, p[1] - y) <= radius) out.push(i);
        }
      }
    return out;
  }
}

/** All features within `distance` metres of each other (not themselves). */
export function distanceBandNeighbours(points: readonly Point[], distance: number): number[][] {
  if (!(distance > 0)) throw new RangeError('distance must be positive');
  const box = boxOf([[points]]);
  const span = Math.max(box.maxX - box.minX, box.maxY - box.minY, distance);
  // Cells no smaller than the band and no more than ~1000 per side.
  const grid = new PointGrid(points, Math.max(distance, span / 1000));
  return points.map(([x, y], i) =>
    grid
      .within(x, y, distance)
      .filter((j) => j !== i)
      .sort((a, b) => a - b),
  );
}

/** The k nearest other features of each feature (ties broken by index, as spdep's knearneigh). */
export function knnNeighbours(points: readonly Point[], k: number): number[][] {
  const n = points.length;
  if (!Number.isInteger(k) || k < 1) throw new RangeError('k must be a positive integer');
  if (k >= n) throw new RangeError(`k must be smaller than the number of features (${n})`);
  const box = boxOf([[points]]);
  const area = Math.max((box.maxX - box.minX) * (box.maxY - box.minY), 1e-9);
  const size = Math.max(Math.sqrt((area * Math.max(k, 4)) / n), 1e-9);
  const grid = new PointGrid(points, size);
  return points.map(([x, y], i) => {
    let radius = size;
    for (;;) {
      const found = grid.within(x, y, radius).filter((j) => j !== i);
      if (found.length >= k || found.length >= n - 1) {
        const d = (j: number) => Math.hypot((points[j] as Point)[0] - x, (points[j] as Point)[1] - y);
        found.sort((a, b) => d(a) - d(b) || a - b);
        return found.slice(0, k).sort((a, b) => a - b);
      }
      radius *= 2;
    }
  });
}

/** Weights from neighbour lists: binary or row-standardised, optionally with each feature its own neighbour. */
export function makeWeights(
  neighbours: readonly (readonly number[])[],
  style: WeightsStyle,
  includeSelf = false,
): Weights {
  const lists = neighbours.map((list, i) => {
    const set = new Set(list.filter((j) => j !== i));
    if (includeSelf) set.add(i);
    return [...set].sort((a, b) => a - b);
  });
  const weights = lists.map((list) =>
    list.map(() => (style === 'row' ? (list.length === 0 ? 0 : 1 / list.length) : 1)),
  );
  return { n: lists.length, neighbours: lists, weights, style, selfIncluded: includeSelf };
}

/** Spatial lag Σ_j w_ij x_j. */
export function spatialLag(w: Weights, x: readonly number[]): number[] {
  return w.neighbours.map((list, i) => {
    let s = 0;
    const row = w.weights[i] as number[];
    for (let k = 0; k < list.length; k++) s += (row[k] as number) * (x[list[k] as number] as number);
    return s;
  });
}
