/**
 * Heat map of failing samples (不合格样品热力图): where residue failures cluster. Each failing sample counts once;
 * the kernel radius is in screen pixels, so clusters read the same at every zoom.
 */
import { HeatmapLayer } from '@deck.gl/aggregation-layers';
import { HEAT_RAMP } from '../map/catalog';

export const FAILING_SAMPLES_HEATMAP_ID = 'failing-samples-heatmap';

export interface HeatPoint {
  /** [longitude, latitude] */
  position: [number, number];
}

export function failingSamplesHeatmap(points: readonly HeatPoint[]): HeatmapLayer<HeatPoint> {
  return new HeatmapLayer<HeatPoint>({
    id: FAILING_SAMPLES_HEATMAP_ID,
    data: points as HeatPoint[],
    getPosition: (point) => point.position,
    getWeight: 1,
    radiusPixels: 36,
    intensity: 1.2,
    // Below this share of the peak nothing is drawn, so isolated failures do not tint the whole county.
    threshold: 0.08,
    colorRange: HEAT_RAMP,
    opacity: 0.7,
    aggregation: 'SUM',
  });
}
