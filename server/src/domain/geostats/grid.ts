/**
 * A regular grid of square cells (metres, in the local projection) over an area given as polygons.
 *
 * Glossary:
 * - cell (i, j): column i from the west, row j from the south; its centre is (x0 + (i + ½)·size, y0 + (j + ½)·size)
 *   and its index i + j·nx. Predictions are made at cell centres.
 * - inside: cells whose centre lies in the area (even-odd rule over all rings, so holes are holes).
 * - domain: the inside cells, the cells the area's boundary passes through, and one ring of cells around those —
 *   enough that contours of the predicted surface reach past the boundary everywhere, so clipping them to the exact
 *   boundary afterwards leaves no strip unclassified.
 */
import { GEOSTATS_REASONS, type Result, fail, ok } from './result';

export type XY = [number, number];
export type Ring = XY[];
export type Polygon = Ring[];

export interface GridSpec {
  x0: number;
  y0: number;
  cellSize: number;
  nx: number;
  ny: number;
}

export interface AreaGrid {
  grid: GridSpec;
  inside: Uint8Array;
  domain: Uint8Array;
}

export const cellCentre = (g: GridSpec, k: number): XY => [
  g.x0 + ((k % g.nx) + 0.5) * g.cellSize,
  g.y0 + (Math.floor(k / g.nx) + 0.5) * g.cellSize,
];

function rasteriseInside(g: GridSpec, polygons: Polygon[], inside: Uint8Array): void {
  const edges: [number, number, number, number][] = [];
  for (const polygon of polygons)
    for (const ring of polygon)
      for (let k = 0; k + 1 < ring.length; k++) edges.push([...ring[k]!, ...ring[k + 1]!]);
  for (let j = 0; j < g.ny; j++) {
    const y = g.y0 + (j + 0.5) * g.cellSize;
    const xs: number[] = [];
    for (const [x1, y1, x2, y2] of edges) {
      if (y1 > y !== y2 > y) xs.push(x1 + ((y - y1) / (y2 - y1)) * (x2 - x1));
    }
    xs.sort((a, b) => a - b);
    for (let p = 0; p + 1 < xs.length; p += 2) {
      const from = Math.max(0, Math.ceil((xs[p]! - g.x0) / g.cellSize - 0.5));
      const to = Math.min(g.nx - 1, Math.ceil((xs[p + 1]! - g.x0) / g.cellSize - 0.5) - 1);
      for (let i = from; i <= to; i++) inside[j * g.nx + i] = 1;
    }
  }
}

function markBoundary(g: GridSpec, polygons: Polygon[], domain: Uint8Array): void {
  const mark = (x: number, y: number) => {
    const i = Math.floor((x - g.x0) / g.cellSize);
    const j = Math.floor((y - g.y0) / g.cellSize);
    if (i >= 0 && j >= 0 && i < g.nx && j < g.ny) domain[j * g.nx + i] = 1;
  };
  for (const polygon of polygons)
    for (const ring of polygon)
      for (let k = 0; k + 1 < ring.length; k++) {
        const [[x1, y1], [x2, y2]] = [ring[k]!, ring[k + 1]!];
        const steps = Math.ceil((Math.hypot(x2 - x1, y2 - y1) / g.cellSize) * 4) + 1;
        for (let s = 0; s <= steps; s++) mark(x1 + ((x2 - x1) * s) / steps, y1 + ((y2 - y1) * s) / steps);
      }
}

function dilate(g: GridSpec, mask: Uint8Array): Uint8Array {
  const out = new Uint8Array(mask.length);
  for (let j = 0; j < g.ny; j++)
    for (let i = 0; i < g.nx; i++) {
      if (!mask[j * g.nx + i]) continue;
      for (let dj = -1; dj <= 1; dj++)
        for (let di = -1; di <= 1; di++) {
          const [a, b] = [i + di, j + dj];
          if (a >= 0 && b >= 0 && a < g.nx && b < g.ny) out[b * g.nx + a] = 1;
        }
    }
  return out;
}

/** The grid over the polygons' bounding box plus two cells, or TOO_MANY_CELLS / EMPTY_AREA. */
export function gridOverArea(polygons: Polygon[], cellSize: number, maxCells: number): Result<AreaGrid> {
  let [w, s, e, n] = [Infinity, Infinity, -Infinity, -Infinity];
  for (const polygon of polygons)
    for (const [x, y] of polygon[0] ?? []) {
      w = Math.min(w, x);
      e = Math.max(e, x);
      s = Math.min(s, y);
      n = Math.max(n, y);
    }
  if (!Number.isFinite(w) || e - w <= 0 || n - s <= 0) return fail(GEOSTATS_REASONS.EMPTY_AREA);
  const x0 = Math.floor(w / cellSize - 2) * cellSize;
  const y0 = Math.floor(s / cellSize - 2) * cellSize;
  const nx = Math.ceil((e - x0) / cellSize + 2);
  const ny = Math.ceil((n - y0) / cellSize + 2);
  if (nx * ny > maxCells) {
    return fail(GEOSTATS_REASONS.TOO_MANY_CELLS, { cells: nx * ny, limit: maxCells, cellSize });
  }
  const grid = { x0, y0, cellSize, nx, ny };
  const inside = new Uint8Array(nx * ny);
  rasteriseInside(grid, polygons, inside);
  const touched = inside.slice();
  markBoundary(grid, polygons, touched);
  if (!touched.some((v) => v === 1)) return fail(GEOSTATS_REASONS.EMPTY_AREA);
  return ok({ grid, inside, domain: dilate(grid, touched) });
}
