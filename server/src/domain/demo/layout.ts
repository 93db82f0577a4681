/**
 * Where the villages are: a rough county outline and well-spread seed points, in the local frame (km).
 *
 * Glossary:
 * - outline: a noisy ellipse r(θ) whose area is the county's target area. It is never stored; it only decides which
 *   seeds are inside (villages) and which are outside (neighbouring land).
 * - inside seeds: one per village. Outside seeds: a band of neighbours just beyond the outline plus a distant ring, so
 *   that every village's Voronoi cell is closed and the county border is made of Voronoi edges shared with them.
 * - best candidate (Mitchell): each new seed is the one of k random candidates farthest from the seeds so far, which
 *   spreads seeds evenly without a regular lattice.
 */
import { createNoise2D } from 'simplex-noise';
import type { Rng } from './prng';
import type { Xy } from './geo';

export interface Outline {
  /** Outline radius (km) in direction θ (radians, counter-clockwise from east). */
  radius(theta: number): number;
  /** Whether a local point lies inside the outline. */
  contains(p: Xy): boolean;
}

export interface Layout {
  outline: Outline;
  inside: Xy[];
  outside: Xy[];
  /** Typical distance between neighbouring seeds, km. */
  spacing: number;
}

const ELLIPSE_X = 1.25;
const ELLIPSE_Y = 0.8;

export function makeOutline(rng: Rng, areaKm2: number): Outline {
  const noise = createNoise2D(rng.asFunction());
  const shape = (theta: number) => {
    const c = Math.cos(theta);
    const s = Math.sin(theta);
    const ellipse = 1 / Math.hypot(c / ELLIPSE_X, s / ELLIPSE_Y);
    return ellipse * (1 + 0.16 * noise(1.2 * c, 1.2 * s) + 0.05 * noise(3 * c + 7, 3 * s + 7));
  };
  // Area of r(θ) = R·shape(θ) is R²/2 ∫ shape², so R follows from the target area.
  const steps = 720;
  let integral = 0;
  for (let i = 0; i < steps; i++) integral += shape((2 * Math.PI * i) / steps) ** 2;
  const scale = Math.sqrt((2 * areaKm2) / ((integral * 2 * Math.PI) / steps));
  const radius = (theta: number) => scale * shape(theta);
  return {
    radius,
    contains: ([x, y]) => Math.hypot(x, y) < radius(Math.atan2(y, x)),
  };
}

function farthestCandidate(placed: readonly Xy[], sample: () => Xy, candidates: number): Xy {
  let best: Xy = sample();
  let bestDistance = -1;
  for (let k = 0; k < candidates; k++) {
    const c = k === 0 ? best : sample();
    let nearest = Infinity;
    for (const p of placed) nearest = Math.min(nearest, (p[0] - c[0]) ** 2 + (p[1] - c[1]) ** 2);
    if (nearest > bestDistance) {
      bestDistance = nearest;
      best = c;
    }
  }
  return best;
}

/** A random point of the region between the outline scaled by `from` and by `to` (rejection sampling). */
function sampleBand(rng: Rng, outline: Outline, from: number, to: number, extent: number): () => Xy {
  return () => {
    for (;;) {
      const p: Xy = [rng.range(-extent, extent), rng.range(-extent, extent)];
      const rho = Math.hypot(p[0], p[1]);
      const r = outline.radius(Math.atan2(p[1], p[0]));
      if (rho >= r * from && rho < r * to) return p;
    }
  };
}

/** Seeds for `villages` villages in a county of about `areaKm2`. */
export function makeLayout(rng: Rng, areaKm2: number, villages: number): Layout {
  const outline = makeOutline(rng.fork('outline'), areaKm2);
  const spacing = Math.sqrt(areaKm2 / villages / 0.866);
  const extent = 3 * Math.sqrt(areaKm2);
  const seeds = rng.fork('seeds');
  const inside: Xy[] = [];
  const inBlob = sampleBand(seeds, outline, 0, 1, extent);
  while (inside.length < villages) inside.push(farthestCandidate(inside, inBlob, 24));
  // A band about one seed spacing wide outside the outline.
  const meanRadius = Math.sqrt(areaKm2 / Math.PI);
  const band = 1 + (1.1 * spacing) / meanRadius;
  const bandArea = areaKm2 * (band * band - 1);
  const outside: Xy[] = [];
  const inBand = sampleBand(seeds, outline, 1.04, band, extent);
  const bandCount = Math.round(bandArea / (spacing * spacing * 0.866));
  while (outside.length < bandCount) outside.push(farthestCandidate([...inside, ...outside], inBand, 24));
  for (let i = 0; i < 24; i++) {
    const theta = (2 * Math.PI * i) / 24;
    const r = outline.radius(theta) * band + 2 * spacing;
    outside.push([r * Math.cos(theta), r * Math.sin(theta)]);
  }
  return { outline, inside, outside, spacing };
}
