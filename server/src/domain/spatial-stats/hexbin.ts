/**
 * Hexagon aggregation in metres: pointy-top hexagons of a given circumradius on a projected plane; a point falls in
 * the hexagon whose centre is nearest (axial coordinates rounded in cube space).
 */
import type { Point } from './weights';

export interface HexCell {
  q: number;
  r: number;
  centre: [number, number];
}

export function hexOf([x, y]: Point, size: number): { q: number; r: number } {
  const qf = ((Math.sqrt(3) / 3) * x - (1 / 3) * y) / size;
  const rf = ((2 / 3) * y) / size;
  let q = Math.round(qf);
  let r = Math.round(rf);
  const s = Math.round(-qf - rf);
  const dq = Math.abs(q - qf);
  const dr = Math.abs(r - rf);
  const ds = Math.abs(s - (-qf - rf));
  if (dq > dr && dq > ds) q = -r - s;
  else if (dr > ds) r = -q - s;
  return { q: q + 0, r: r + 0 };
}

export function hexCentre(q: number, r: number, size: number): [number, number] {
  return [size * Math.sqrt(3) * (q + r / 2), size * 1.5 * r];
}

/** The six corners of a hexagon, closed (7 points), counter-clockwise. */
export function hexRing(q: number, r: number, size: number): [number, number][] {
  const [cx, cy] = hexCentre(q, r, size);
  const ring: [number, number][] = [];
  for (let k = 0; k <= 6; k++) {
    const angle = (Math.PI / 180) * (60 * (k % 6) - 30);
    ring.push([cx + size * Math.cos(angle), cy + size * Math.sin(angle)]);
  }
  return ring;
}

/** The six neighbours of a hexagon (shared edges), as axial coordinates. */
export function hexNeighbours(q: number, r: number): [number, number][] {
  return [
    [q + 1, r],
    [q - 1, r],
    [q, r + 1],
    [q, r - 1],
    [q + 1, r - 1],
    [q - 1, r + 1],
  ];
}
