/**
 * Turns a click or tap into ranked candidates (see pick.ts). Points and tracks are hit within a small box around
 * the click, larger for touch, since a fingertip covers ~10 px; areas are hit at the exact point so a click near a
 * boundary does not also pick the neighbour.
 */
import type { MapGeoJSONFeature, Map as MapLibreMap, PointLike } from 'maplibre-gl';
import { type PickCandidate, type PickInput, rankCandidates } from './pick';

const POINT_LAYERS = [
  'samples-fail',
  'samples-suspected',
  'samples-other',
  'soil-samples-circle',
  'subjects-icon',
  'patrols-line',
];
const AREA_LAYERS = ['subject-bases-fill', 'grids-village-fill', 'grids-township-hit', 'grids-county-hit'];

export const INTERACTIVE_LAYERS = [...POINT_LAYERS, ...AREA_LAYERS];

function existing(map: MapLibreMap, ids: string[]): string[] {
  return ids.filter((id) => map.getLayer(id) && map.getLayoutProperty(id, 'visibility') !== 'none');
}

function distanceTo(map: MapLibreMap, feature: MapGeoJSONFeature, x: number, y: number): number {
  const geometry = feature.geometry;
  if (geometry.type !== 'Point') return 0;
  const [lng, lat] = geometry.coordinates as [number, number];
  const projected = map.project([lng, lat]);
  return Math.hypot(projected.x - x, projected.y - y);
}

function toInput(map: MapLibreMap, feature: MapGeoJSONFeature, x: number, y: number): PickInput {
  return {
    source: feature.source,
    id: feature.id,
    properties: feature.properties,
    distance: distanceTo(map, feature, x, y),
  };
}

export function pickAt(map: MapLibreMap, x: number, y: number, touch: boolean): PickCandidate[] {
  const tolerance = touch ? 14 : 7;
  const box: [PointLike, PointLike] = [
    [x - tolerance, y - tolerance],
    [x + tolerance, y + tolerance],
  ];
  const pointLayers = existing(map, POINT_LAYERS);
  const areaLayers = existing(map, AREA_LAYERS);
  const near = pointLayers.length ? map.queryRenderedFeatures(box, { layers: pointLayers }) : [];
  const under = areaLayers.length ? map.queryRenderedFeatures([x, y], { layers: areaLayers }) : [];
  return rankCandidates([...near, ...under].map((feature) => toInput(map, feature, x, y)));
}

/** True when something clickable lies under the mouse (for the pointer cursor). */
export function hasPointAt(map: MapLibreMap, x: number, y: number): boolean {
  const layers = existing(map, POINT_LAYERS);
  if (!layers.length) return false;
  return (
    map.queryRenderedFeatures(
      [
        [x - 4, y - 4],
        [x + 4, y + 4],
      ],
      { layers },
    ).length > 0
  );
}
