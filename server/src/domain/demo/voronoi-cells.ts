/**
 * Village cells as a shared topology: every cell is a ring of node ids, and neighbouring cells use the very same
 * nodes along their common edge, so they end up with identical coordinates — the root of exact tiling.
 *
 * Glossary:
 * - corner node `c<t>`: the circumcentre of Delaunay triangle t, i.e. a Voronoi vertex shared by three cells.
 * - edge node `e<a>_<b>_<j>`: the j-th of the points that densify the Voronoi edge between corners a < b. They are
 *   computed from the edge's canonical (sorted) endpoints, so both cells on the edge get the same points.
 * - meander: a gentle sideways bend of an edge, L·Σ a_k·sin(kπt) for t from 0 to 1 along it: zero at both corners, a
 *   few percent of the edge length in the middle, drawn from a stream named after the edge, so both cells agree.
 * - ring: node ids in counter-clockwise order, not closed (the last node connects back to the first).
 */
import { Delaunay } from 'd3-delaunay';
import { bounds, ringArea, type Xy } from './geo';
import type { Rng } from './prng';

/** Largest meander coefficients per harmonic; their slopes add up to at most ~27°, far below the corner angles. */
const MEANDER = [0.06, 0.03, 0.015] as const;

export interface CellTopology {
  /** Pre-warp local coordinates of every node, km. */
  nodes: Map<string, Xy>;
  /** One ring of node ids per inside seed, in seed order. */
  cells: string[][];
}

/** The triangles around seed i, in walking order (d3-delaunay's own cell walk). */
function trianglesAround(delaunay: Delaunay<Xy>, i: number): number[] {
  const { inedges, halfedges, triangles } = delaunay;
  const e0 = inedges[i] as number;
  if (e0 === -1) throw new Error(`seed ${i} coincides with another seed`);
  const around: number[] = [];
  let e = e0;
  do {
    around.push(Math.floor(e / 3));
    e = e % 3 === 2 ? e - 2 : e + 1;
    if (triangles[e] !== i) throw new Error(`bad triangulation around seed ${i}`);
    e = halfedges[e] as number;
    if (e === -1) throw new Error(`seed ${i} lies on the hull: its cell is not closed`);
  } while (e !== e0);
  return around;
}

/** The densified points of the edge from corner a to corner b (a < b), without the corners. */
function densify(rng: Rng, pa: Xy, pb: Xy, stepKm: number): Xy[] {
  const dx = pb[0] - pa[0];
  const dy = pb[1] - pa[1];
  const segments = Math.max(1, Math.ceil(Math.hypot(dx, dy) / stepKm));
  const coefficients = MEANDER.map((max) => rng.range(-max, max));
  const points: Xy[] = [];
  for (let j = 1; j < segments; j++) {
    const t = j / segments;
    const side = coefficients.reduce((sum, c, k) => sum + c * Math.sin((k + 1) * Math.PI * t), 0);
    // (−dy, dx) is the left normal scaled by the edge length, so `side` is a fraction of the length.
    points.push([pa[0] + dx * t - dy * side, pa[1] + dy * t + dx * side]);
  }
  return points;
}

/** Adds the corner and densified nodes of the edge from corner t to corner u; returns the ids in walking order. */
function edgeNodes(state: BuildState, t: number, u: number): string[] {
  const { nodes, edges, centre } = state;
  const a = Math.min(t, u);
  const b = Math.max(t, u);
  nodes.set(`c${t}`, centre(t));
  let ids = edges.get(`${a}_${b}`);
  if (!ids) {
    const points = densify(state.rng.fork(`edge-${a}-${b}`), centre(a), centre(b), state.stepKm);
    ids = points.map((p, k) => {
      nodes.set(`e${a}_${b}_${k + 1}`, p);
      return `e${a}_${b}_${k + 1}`;
    });
    edges.set(`${a}_${b}`, ids);
  }
  return [`c${t}`, ...(t === a ? ids : [...ids].reverse())];
}

interface BuildState {
  nodes: Map<string, Xy>;
  /** Densified node ids of each edge `a_b`, from a to b. */
  edges: Map<string, string[]>;
  centre: (t: number) => Xy;
  rng: Rng;
  stepKm: number;
}

/**
 * Voronoi cells of the first `insideCount` seeds (the other seeds only bound them), with every edge densified to
 * points at most `stepKm` apart.
 */
export function buildCells(
  rng: Rng,
  seeds: readonly Xy[],
  insideCount: number,
  stepKm: number,
): CellTopology {
  const delaunay = Delaunay.from(seeds);
  const [minX, minY, maxX, maxY] = bounds(seeds);
  const { circumcenters } = delaunay.voronoi([minX - 1, minY - 1, maxX + 1, maxY + 1]);
  const centre = (t: number): Xy => [circumcenters[2 * t] as number, circumcenters[2 * t + 1] as number];
  const nodes = new Map<string, Xy>();
  const cells: string[][] = [];
  const state: BuildState = { nodes, edges: new Map(), centre, rng, stepKm };
  for (let i = 0; i < insideCount; i++) {
    const around = trianglesAround(delaunay, i);
    const ring = around.flatMap((t, k) => edgeNodes(state, t, around[(k + 1) % around.length] as number));
    const area = ringArea([...ring, ring[0] as string].map((id) => nodes.get(id) as Xy));
    cells.push(area < 0 ? ring.reverse() : ring);
  }
  return { nodes, cells };
}
