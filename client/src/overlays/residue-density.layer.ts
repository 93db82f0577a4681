/**
 * Kernel-density heat map of failing samples (不合格样品核密度) for the residue workspace. The density is computed
 * here on a grid in metres (quartic kernel, bandwidth in metres), so the surface is the same on the ground at
 * every zoom, and it is coloured by FIXED classes of failing samples per km² (DENSITY_BREAKS): panning, zooming or
 * playing back never re-stretches the scale. The grid is drawn as one image (deck.gl BitmapLayer, smoothed).
 */
import { BitmapLayer } from '@deck.gl/layers';
import type { Layer } from '@deck.gl/core';

export const RESIDUE_DENSITY_ID = 'residue-density';

/** Class breaks in failing samples per km² and their colours (the legend reads both). */
export const DENSITY_BREAKS = [0.1, 0.25, 0.5, 1, 2, 4] as const;
export const DENSITY_COLORS: [number, number, number][] = [
  [255, 245, 190],
  [254, 217, 118],
  [254, 178, 76],
  [253, 141, 60],
  [240, 59, 32],
  [189, 0, 38],
];

export interface DensityGrid {
  /** [west, south, east, north] in degrees. */
  bounds: [number, number, number, number];
  width: number;
  height: number;
  cellM: number;
  /** Row-major from the north-west corner; failing samples per km². */
  values: Float32Array;
  max: number;
}

const M_PER_DEG_LAT = 110_574;

/**
 * Quartic (biweight) kernel density K(d) = 3 / (π h²) · (1 − d²/h²)² for d < h, in samples per km², on cells of
 * about h / 5 (at most 400 × 400 cells). Positions are [longitude, latitude].
 */
export function densityGrid(points: readonly [number, number][], bandwidthM: number): DensityGrid | null {
  if (!points.length || !(bandwidthM > 0)) return null;
  let [w, s, e, n] = [Infinity, Infinity, -Infinity, -Infinity];
  for (const [x, y] of points)
    [w, s, e, n] = [Math.min(w, x), Math.min(s, y), Math.max(e, x), Math.max(n, y)];
  const lat0 = (s + n) / 2;
  const mPerDegLon = 111_320 * Math.cos((lat0 * Math.PI) / 180);
  const spanX = (e - w) * mPerDegLon + 2 * bandwidthM;
  const spanY = (n - s) * M_PER_DEG_LAT + 2 * bandwidthM;
  const cellM = Math.max(bandwidthM / 5, spanX / 400, spanY / 400, 10);
  const width = Math.max(1, Math.ceil(spanX / cellM));
  const height = Math.max(1, Math.ceil(spanY / cellM));
  const west = w - bandwidthM / mPerDegLon;
  const north = n + bandwidthM / M_PER_DEG_LAT;
  const values = new Float32Array(width * height);
  const h2 = bandwidthM * bandwidthM;
  const norm = (3 / (Math.PI * h2)) * 1e6;
  const reach = Math.ceil(bandwidthM / cellM);
  let max = 0;
  for (const [x, y] of points) {
    const px = (x - west) * mPerDegLon; // metres east of the west edge
    const py = (north - y) * M_PER_DEG_LAT; // metres south of the north edge
    const ci = Math.floor(px / cellM);
    const cj = Math.floor(py / cellM);
    for (let j = Math.max(0, cj - reach); j <= Math.min(height - 1, cj + reach); j++) {
      const dy = (j + 0.5) * cellM - py;
      for (let i = Math.max(0, ci - reach); i <= Math.min(width - 1, ci + reach); i++) {
        const dx = (i + 0.5) * cellM - px;
        const d2 = dx * dx + dy * dy;
        if (d2 >= h2) continue;
        const u = 1 - d2 / h2;
        const k = (values[j * width + i] as number) + norm * u * u;
        values[j * width + i] = k;
        if (k > max) max = k;
      }
    }
  }
  const east = west + (width * cellM) / mPerDegLon;
  const south = north - (height * cellM) / M_PER_DEG_LAT;
  return { bounds: [west, south, east, north], width, height, cellM, values, max };
}

/** The class of a density (−1: below the first break, drawn transparent). */
export function densityClass(value: number): number {
  let k = -1;
  for (let i = 0; i < DENSITY_BREAKS.length; i++) if (value >= (DENSITY_BREAKS[i] as number)) k = i;
  return k;
}

function image(grid: DensityGrid): HTMLCanvasElement {
  const canvas = document.createElement('canvas');
  canvas.width = grid.width;
  canvas.height = grid.height;
  const context = canvas.getContext('2d');
  if (!context) return canvas;
  const pixels = context.createImageData(grid.width, grid.height);
  for (let p = 0; p < grid.values.length; p++) {
    const k = densityClass(grid.values[p] as number);
    if (k < 0) continue;
    const [r, g, b] = DENSITY_COLORS[k] as [number, number, number];
    pixels.data.set([r, g, b, 200], p * 4);
  }
  context.putImageData(pixels, 0, 0);
  return canvas;
}

export function residueDensityLayer(grid: DensityGrid): Layer {
  return new BitmapLayer({
    id: RESIDUE_DENSITY_ID,
    image: image(grid),
    bounds: grid.bounds,
    opacity: 0.85,
    textureParameters: { minFilter: 'linear', magFilter: 'linear' },
  });
}
