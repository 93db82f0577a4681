/**
 * The deck.gl layers of the heat view, in their own chunk (loaded with the view): the density surface or the
 * hexagons, and their legends — fixed classes, whatever is on screen.
 */
import {
  DENSITY_BREAKS,
  DENSITY_COLORS,
  densityGrid,
  residueDensityLayer,
} from '../../overlays/residue-density.layer';
import { hexClasses, residueHexagonsLayer } from '../../overlays/residue-hexagons.layer';

export function heatLayers(
  mode: 'density' | 'hexagons',
  points: readonly [number, number][],
  bandwidthM: number,
  cellM: number,
) {
  if (!points.length) return [];
  if (mode === 'hexagons') return [residueHexagonsLayer(points, cellM)];
  const grid = densityGrid(points, bandwidthM);
  return grid ? [residueDensityLayer(grid)] : [];
}

export function densityLegend(): { label: string; color: [number, number, number] }[] {
  return DENSITY_COLORS.map((color, i) => {
    const lo = DENSITY_BREAKS[i] as number;
    const hi = DENSITY_BREAKS[i + 1];
    return { label: hi === undefined ? `≥ ${lo}` : `${lo}–${hi}`, color };
  });
}

export function hexLegend(): { label: string; color: [number, number, number] }[] {
  return hexClasses().map((c) => ({
    label: c.hi === Infinity ? `≥ ${c.lo}` : c.lo === c.hi ? `${c.lo}` : `${c.lo}–${c.hi}`,
    color: c.color,
  }));
}
