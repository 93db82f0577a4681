/**
 * Hexagon aggregation of failing samples (不合格样品六边形汇总, deck.gl HexagonLayer): hexagons of a chosen size in
 * metres, coloured by the count of failing samples on a FIXED domain (1 … HEX_MAX_COUNT, quantized into the
 * colours below), so the scale does not change while panning or zooming.
 */
import { HexagonLayer } from '@deck.gl/aggregation-layers';
import type { Layer } from '@deck.gl/core';

export const RESIDUE_HEXAGONS_ID = 'residue-hexagons';
/** Counts at or above this take the darkest colour. */
export const HEX_MAX_COUNT = 12;
export const HEX_COLORS: [number, number, number][] = [
  [255, 237, 160],
  [254, 204, 92],
  [253, 141, 60],
  [240, 59, 32],
  [189, 0, 38],
  [128, 0, 38],
];

/** The count range each colour stands for (for the legend): HEX_COLORS[i] covers [lo, hi]. */
export function hexClasses(): { lo: number; hi: number; color: [number, number, number] }[] {
  const step = (HEX_MAX_COUNT - 1) / HEX_COLORS.length;
  return HEX_COLORS.map((color, i) => ({
    lo: Math.ceil(1 + i * step),
    hi: i === HEX_COLORS.length - 1 ? Infinity : Math.ceil(1 + (i + 1) * step) - 1,
    color,
  }));
}

export function residueHexagonsLayer(points: readonly [number, number][], radiusM: number): Layer {
  return new HexagonLayer<[number, number]>({
    id: RESIDUE_HEXAGONS_ID,
    data: points as [number, number][],
    getPosition: (p) => p,
    radius: radiusM,
    coverage: 0.92,
    gpuAggregation: false,
    colorRange: HEX_COLORS,
    colorDomain: [1, HEX_MAX_COUNT],
    colorScaleType: 'quantize',
    opacity: 0.75,
    extruded: false,
    pickable: false,
  });
}
