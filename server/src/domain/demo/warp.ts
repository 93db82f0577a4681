/**
 * One smooth displacement field applied to every boundary vertex, so straight Voronoi edges become organic lines.
 *
 * Glossary:
 * - warp: p ↦ p + d(p), d built from simplex noise at two wavelengths (broad bends + finer wiggles).
 * - Lipschitz constant: the largest stretch |d(p) − d(q)| / |p − q|. Kept well below 1, which makes the warp
 *   one-to-one: shared edges stay shared, cells cannot fold over each other, and a point inside a cell before the
 *   warp is inside the warped cell after it.
 */
import { createNoise2D } from 'simplex-noise';
import type { Rng } from './prng';
import type { Xy } from './geo';

export interface WarpLayer {
  /** Displacement amplitude, km. */
  amplitude: number;
  /** Wavelength of the noise, km. */
  wavelength: number;
}

/**
 * Broad bends of ~1 km, meanders of ~250 m and wiggles of ~40 m. Simplex noise changes by up to ~9 per unit of input,
 * so each layer stretches by about 9 × amplitude / wavelength; the measured Lipschitz constant is about 0.5
 * (see the unit test), which keeps the warp safely one-to-one.
 */
export const DEFAULT_WARP: readonly WarpLayer[] = [
  { amplitude: 1.2, wavelength: 40 },
  { amplitude: 0.25, wavelength: 9 },
  { amplitude: 0.04, wavelength: 2 },
];

export type Warp = (p: Xy) => Xy;

export function createWarp(rng: Rng, layers: readonly WarpLayer[] = DEFAULT_WARP): Warp {
  const fields = layers.map((layer) => ({
    layer,
    dx: createNoise2D(rng.asFunction()),
    dy: createNoise2D(rng.asFunction()),
  }));
  return ([x, y]) => {
    let ox = x;
    let oy = y;
    for (const { layer, dx, dy } of fields) {
      const u = x / layer.wavelength;
      const v = y / layer.wavelength;
      ox += layer.amplitude * dx(u, v);
      oy += layer.amplitude * dy(u, v);
    }
    return [ox, oy];
  };
}

/**
 * Estimates the Lipschitz constant of the displacement (warp minus identity) by finite differences on a grid
 * over [minX, maxX] × [minY, maxY]: the largest spectral norm of its Jacobian.
 */
export function estimateLipschitz(warp: Warp, box: [number, number, number, number], step = 0.1): number {
  const [minX, minY, maxX, maxY] = box;
  const h = 1e-4;
  let worst = 0;
  for (let x = minX; x <= maxX; x += step) {
    for (let y = minY; y <= maxY; y += step) {
      const [x0, y0] = warp([x, y]);
      const [x1, y1] = warp([x + h, y]);
      const [x2, y2] = warp([x, y + h]);
      const a = (x1 - x0) / h - 1;
      const c = (y1 - y0) / h;
      const b = (x2 - x0) / h;
      const d = (y2 - y0) / h - 1;
      worst = Math.max(worst, spectralNorm(a, b, c, d));
    }
  }
  return worst;
}

function spectralNorm(a: number, b: number, c: number, d: number): number {
  const s = a * a + b * b + c * c + d * d;
  const det = a * d - b * c;
  return Math.sqrt((s + Math.sqrt(Math.max(0, s * s - 4 * det * det))) / 2);
}
