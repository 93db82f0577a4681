/**
 * The analyst's own features coloured by their hotspot class (我的数据分析结果): polygons filled, points as circles,
 * the colour taken from each feature's `color` property (the workspace owns the classes and the legend).
 */
import { GeoJsonLayer } from '@deck.gl/layers';
import type { Layer } from '@deck.gl/core';

export const ANALYSIS_RESULT_ID = 'analysis-result';

function rgba(hex: unknown, alpha: number): [number, number, number, number] {
  const m = typeof hex === 'string' ? /^#([0-9a-f]{2})([0-9a-f]{2})([0-9a-f]{2})$/i.exec(hex) : null;
  return m ? [parseInt(m[1]!, 16), parseInt(m[2]!, 16), parseInt(m[3]!, 16), alpha] : [200, 200, 200, alpha];
}

export function analysisResultLayer(data: {
  type: 'FeatureCollection';
  features: { geometry: unknown; properties: Record<string, unknown> }[];
}): Layer {
  return new GeoJsonLayer({
    id: ANALYSIS_RESULT_ID,
    data: data as never,
    filled: true,
    stroked: true,
    pointType: 'circle',
    getFillColor: (f: { properties: Record<string, unknown> }) => rgba(f.properties.color, 210),
    getLineColor: [255, 255, 255, 255],
    getLineWidth: 1,
    lineWidthUnits: 'pixels',
    getPointRadius: 6,
    pointRadiusUnits: 'pixels',
    pointRadiusMinPixels: 4,
  });
}
