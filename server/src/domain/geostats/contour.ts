/**
 * Superlevel sets {v ≥ t} of a surface sampled at the cell centres of a grid, as polygons — marching squares.
 *
 * The lattice of cell centres is padded with a border of "no value" nodes, so every contour closes. Each square of
 * four nodes contributes 0–2 segments, oriented with the set on their left; a crossing lies on the square's edge at
 * the linearly interpolated position (strictly inside the edge), or at the edge's middle next to a node without a
 * value. Saddles (two opposite corners in the set) are resolved by the mean of the four corners, the same way at
 * every level, so that the sets of two levels t₁ < t₂ are nested: S(t₂) ⊂ S(t₁). Segments join into rings through
 * the edges they share; counter-clockwise rings are outer boundaries, clockwise rings holes, each hole given to the
 * smallest outer ring around it. The rings never cross or touch one another (each crossing point belongs to one
 * edge), so the polygons are valid.
 */
import type { GridSpec, Polygon, Ring, XY } from './grid';

// Edges of a square: 0 bottom (bl–br), 1 right (br–tr), 2 top (tl–tr), 3 left (bl–tl).
const B = 0;
const R = 1;
const T = 2;
const L = 3;
/** Segments [from edge, to edge] per case (bl·1 + br·2 + tr·4 + tl·8); saddles 5 and 10 are decided separately. */
const CASES: readonly (readonly [number, number])[][] = [
  [],
  [[B, L]],
  [[R, B]],
  [[R, L]],
  [[T, R]],
  [],
  [[T, B]],
  [[T, L]],
  [[L, T]],
  [[B, T]],
  [],
  [[R, T]],
  [[L, R]],
  [[B, R]],
  [[L, B]],
  [],
];
const SADDLE_5_IN: [number, number][] = [
  [B, R],
  [T, L],
];
const SADDLE_5_OUT: [number, number][] = [
  [B, L],
  [T, R],
];
const SADDLE_10_IN: [number, number][] = [
  [L, B],
  [R, T],
];
const SADDLE_10_OUT: [number, number][] = [
  [R, B],
  [L, T],
];

export function signedArea(ring: Ring): number {
  let a = 0;
  for (let k = 0; k + 1 < ring.length; k++)
    a += ring[k]![0] * ring[k + 1]![1] - ring[k + 1]![0] * ring[k]![1];
  return a / 2;
}

export function pointInRing([x, y]: XY, ring: Ring): boolean {
  let inside = false;
  for (let k = 0, m = ring.length - 1; k < ring.length; m = k++) {
    const [xi, yi] = ring[k]!;
    const [xj, yj] = ring[m]!;
    if (yi > y !== yj > y && x < ((xj - xi) * (y - yi)) / (yj - yi) + xi) inside = !inside;
  }
  return inside;
}

/**
 * Polygons (rings of [x, y] in the grid's coordinates, closed, outer counter-clockwise) of {v ≥ level}.
 * `values` holds one value per cell (index i + j·nx); NaN means no value (outside the predicted domain).
 */
export function superlevelPolygons(grid: GridSpec, values: ArrayLike<number>, level: number): Polygon[] {
  const { nx, ny, x0, y0, cellSize } = grid;
  // Padded lattice: node (a, b) ↔ cell (a − 1, b − 1); the border has no value.
  const W = nx + 2;
  const H = ny + 2;
  const at = (a: number, b: number) =>
    a < 1 || b < 1 || a > nx || b > ny ? NaN : values[(b - 1) * nx + (a - 1)]!;
  const isIn = (v: number) => v >= level; // NaN is never in
  const px = (a: number) => x0 + (a - 0.5) * cellSize;
  const py = (b: number) => y0 + (b - 0.5) * cellSize;
  const frac = (v1: number, v2: number) => {
    if (Number.isNaN(v1) || Number.isNaN(v2)) return 0.5;
    const f = (level - v1) / (v2 - v1);
    return Math.min(1 - 1e-6, Math.max(1e-6, f));
  };
  // Crossing keys: horizontal edge (a,b)–(a+1,b) → 2·(b·W + a); vertical edge (a,b)–(a,b+1) → 2·(b·W + a) + 1.
  const point = (key: number): XY => {
    const base = key >> 1;
    const a = base % W;
    const b = Math.floor(base / W);
    if (key & 1) {
      const f = frac(at(a, b), at(a, b + 1));
      return [px(a), py(b) + f * cellSize];
    }
    const f = frac(at(a, b), at(a + 1, b));
    return [px(a) + f * cellSize, py(b)];
  };
  const next = new Map<number, number>();
  for (let b = 0; b < H - 1; b++) {
    for (let a = 0; a < W - 1; a++) {
      const [bl, br, tr, tl] = [at(a, b), at(a + 1, b), at(a + 1, b + 1), at(a, b + 1)];
      const c = (isIn(bl) ? 1 : 0) | (isIn(br) ? 2 : 0) | (isIn(tr) ? 4 : 0) | (isIn(tl) ? 8 : 0);
      if (c === 0 || c === 15) continue;
      const edgeKey = [2 * (b * W + a), 2 * (b * W + a + 1) + 1, 2 * ((b + 1) * W + a), 2 * (b * W + a) + 1];
      let segments = CASES[c]!;
      if (c === 5 || c === 10) {
        const centre = (bl + br + tr + tl) / 4; // all four have values in a saddle
        segments =
          c === 5 ? (isIn(centre) ? SADDLE_5_IN : SADDLE_5_OUT) : isIn(centre) ? SADDLE_10_IN : SADDLE_10_OUT;
      }
      for (const [from, to] of segments) next.set(edgeKey[from]!, edgeKey[to]!);
    }
  }
  const rings: Ring[] = [];
  for (const start of [...next.keys()]) {
    if (!next.has(start)) continue;
    const ring: Ring = [];
    let key = start;
    while (next.has(key)) {
      ring.push(point(key));
      const to = next.get(key)!;
      next.delete(key);
      key = to;
    }
    ring.push(ring[0]!);
    if (ring.length >= 4) rings.push(ring);
  }
  return assemble(rings);
}

/** Outer rings (counter-clockwise) with the holes (clockwise) that lie directly inside them. */
export function assemble(rings: Ring[]): Polygon[] {
  const outers = rings
    .filter((r) => signedArea(r) > 0)
    .map((r) => ({ ring: r, area: signedArea(r), holes: [] as Ring[] }));
  outers.sort((p, q) => p.area - q.area);
  for (const hole of rings.filter((r) => signedArea(r) < 0)) {
    const owner = outers.find((o) => pointInRing(hole[0]!, o.ring));
    if (owner) owner.holes.push(hole);
  }
  return outers.map((o) => [o.ring, ...o.holes]);
}

/** Total area of polygons (outer minus holes). */
export function polygonsArea(polygons: Polygon[]): number {
  return polygons.reduce((sum, p) => sum + p.reduce((s, ring) => s + signedArea(ring), 0), 0);
}
