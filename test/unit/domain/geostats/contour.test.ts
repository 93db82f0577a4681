/**
 * Marching-squares superlevel sets and the zones made from them: closed rings, valid polygons (no ring crosses
 * itself or another), nested levels, zones that do not overlap and together cover the grid, and every grid node
 * inside the zone of its own class — on hand-made and random surfaces.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  pointInRing,
  polygonsArea,
  signedArea,
  superlevelPolygons,
} from '../../../../server/src/domain/geostats/contour';
import type { GridSpec, Polygon, Ring, XY } from '../../../../server/src/domain/geostats/grid';

const grid = (nx: number, ny: number): GridSpec => ({ x0: 0, y0: 0, cellSize: 10, nx, ny });

function inPolygons([x, y]: XY, polygons: Polygon[]): boolean {
  return polygons.some((p) => pointInRing([x, y], p[0]!) && !p.slice(1).some((h) => pointInRing([x, y], h)));
}

/** Proper crossings between segments of all rings (touching at shared endpoints of one ring is allowed). */
function crossings(rings: Ring[]): number {
  const segs: [XY, XY, number, number][] = [];
  rings.forEach((r, ri) => r.slice(0, -1).forEach((p, k) => segs.push([p, r[k + 1]!, ri, k])));
  const orient = (a: XY, b: XY, c: XY) =>
    Math.sign((b[0] - a[0]) * (c[1] - a[1]) - (b[1] - a[1]) * (c[0] - a[0]));
  let count = 0;
  for (let i = 0; i < segs.length; i++)
    for (let j = i + 1; j < segs.length; j++) {
      const [a, b, ra, ka] = segs[i]!;
      const [c, d, rb, kb] = segs[j]!;
      const n = rings[ra]!.length - 1;
      if (ra === rb && (Math.abs(ka - kb) === 1 || Math.abs(ka - kb) === n - 1)) continue;
      if (orient(a, b, c) * orient(a, b, d) < 0 && orient(c, d, a) * orient(c, d, b) < 0) count++;
    }
  return count;
}

const rings = (polygons: Polygon[]) => polygons.flat();
const closed = (r: Ring) => r[0]![0] === r.at(-1)![0] && r[0]![1] === r.at(-1)![1];
const node = (g: GridSpec, k: number): XY => [
  g.x0 + ((k % g.nx) + 0.5) * g.cellSize,
  g.y0 + (Math.floor(k / g.nx) + 0.5) * g.cellSize,
];

describe('superlevel polygons by marching squares', () => {
  it('draws a single high node as a diamond through the edge midpoints, counter-clockwise', () => {
    const g = grid(3, 3);
    const values = [0, 0, 0, 0, 2, 0, 0, 0, 0];
    const polygons = superlevelPolygons(g, values, 1);
    expect(polygons).toHaveLength(1);
    const ring = polygons[0]![0]!;
    expect(closed(ring)).toBe(true);
    expect(ring).toHaveLength(5);
    expect(signedArea(ring)).toBeCloseTo(50, 9); // diamond with half-diagonals 5 (the crossings at value 1 of 0…2)
  });

  it('makes a hole where a low node sits in a high plateau, and a border ring around the grid', () => {
    const g = grid(3, 3);
    const values = [2, 2, 2, 2, 0, 2, 2, 2, 2];
    const polygons = superlevelPolygons(g, values, 1);
    expect(polygons).toHaveLength(1);
    expect(polygons[0]).toHaveLength(2);
    expect(signedArea(polygons[0]![0]!)).toBeGreaterThan(0);
    expect(signedArea(polygons[0]![1]!)).toBeLessThan(0);
    expect(inPolygons([15, 15], polygons)).toBe(false);
    expect(inPolygons([5, 5], polygons)).toBe(true);
  });

  it('keeps nodes without a value (NaN) outside every set', () => {
    const g = grid(2, 1);
    expect(inPolygons([15, 5], superlevelPolygons(g, [5, NaN], 1))).toBe(false);
    expect(inPolygons([5, 5], superlevelPolygons(g, [5, NaN], 1))).toBe(true);
  });

  it('separates the two high corners of a saddle whose centre is low and joins them when it is high', () => {
    const g = grid(2, 2);
    expect(superlevelPolygons(g, [2, 0, 0, 2], 1.5)).toHaveLength(2); // centre mean 1 < 1.5
    expect(superlevelPolygons(g, [2, 0, 0, 2], 0.5)).toHaveLength(1); // centre mean 1 ≥ 0.5
  });

  it('on random surfaces: closed valid rings, nested levels, nodes in the right zone, zones tiling the grid (property)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 2, max: 9 }),
        fc.integer({ min: 2, max: 9 }),
        fc.array(fc.double({ min: 0, max: 3, noNaN: true }), { minLength: 81, maxLength: 81 }),
        (nx, ny, pool) => {
          const g = grid(nx, ny);
          const values = pool.slice(0, nx * ny);
          const s1 = superlevelPolygons(g, values, 1);
          const s2 = superlevelPolygons(g, values, 2);
          for (const polygons of [s1, s2]) {
            if (!rings(polygons).every(closed)) return false;
            if (crossings(rings(polygons)) > 0) return false;
            if (crossings([...rings(s1), ...rings(s2)]) > 0) return false;
          }
          for (let k = 0; k < nx * ny; k++) {
            const v = values[k]!;
            const p = node(g, k);
            const cls = inPolygons(p, s2) ? 2 : inPolygons(p, s1) ? 1 : 0;
            if (cls !== (v >= 2 ? 2 : v >= 1 ? 1 : 0)) return false;
            if (inPolygons(p, s2) && !inPolygons(p, s1)) return false; // S(2) ⊂ S(1)
          }
          // Areas: S1 ⊇ S2 and both lie within the padded lattice (the domain of the contours).
          const a1 = polygonsArea(s1);
          const a2 = polygonsArea(s2);
          const domain = (nx + 1) * (ny + 1) * 100;
          return a2 <= a1 + 1e-9 && a1 <= domain + 1e-9 && a2 >= 0;
        },
      ),
      { numRuns: 300 },
    );
  });

  it('covers the whole domain with one rectangle-like ring when every node is in the set', () => {
    const g = grid(4, 3);
    const polygons = superlevelPolygons(g, new Array(12).fill(5), 1);
    expect(polygons).toHaveLength(1);
    // The ring runs through the middles of the edges to the border nodes: the node rectangle plus half a cell.
    expect(polygonsArea(polygons)).toBeCloseTo(40 * 30 - 4 * 25 * 0.5, 6);
  });
});
