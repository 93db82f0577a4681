/**
 * GeoJSON overlays that workspaces draw on the shared map (planning grids, topology problems, subject moves,
 * selection), in named presets so workspaces never write MapLibre style themselves. Each overlay is one GeoJSON
 * source plus its preset's layers, drawn above the tile layers.
 */
import type { GeoJSONSource, LayerSpecification, Map as MapLibreMap } from 'maplibre-gl';
import { FONT_BOLD } from './style/fonts';

export type OverlayPreset = 'planning-grids' | 'problems' | 'moves' | 'selection' | 'choropleth';

export interface OverlayData {
  type: 'FeatureCollection';
  features: {
    type: 'Feature';
    id?: number | string;
    geometry: { type: string; coordinates: unknown } | null;
    properties: Record<string, unknown>;
  }[];
}

/** Colours of the planning grids (by index), problems and moves — the legend of the workspace reads them too. */
export const OVERLAY_COLORS = {
  grids: ['#8cc084', '#f2b56b', '#7fb2dd', '#e58f8f', '#b59ddb', '#e3d36b', '#72c3b9', '#d4a373'],
  gridLine: '#ffffff',
  problem: '#d7191c',
  move: '#6a3d9a',
  selection: '#0b63ce',
};

function layersFor(id: string, preset: OverlayPreset): LayerSpecification[] {
  const source = id;
  switch (preset) {
    case 'planning-grids':
      return [
        {
          id: `${id}-fill`,
          type: 'fill',
          source,
          paint: {
            'fill-color': [
              'to-color',
              ['at', ['%', ['get', 'index'], OVERLAY_COLORS.grids.length], ['literal', OVERLAY_COLORS.grids]],
            ],
            'fill-opacity': 0.55,
          },
        },
        {
          id: `${id}-line`,
          type: 'line',
          source,
          paint: { 'line-color': OVERLAY_COLORS.gridLine, 'line-width': 2 },
        },
        {
          id: `${id}-unstaffed`,
          type: 'line',
          source,
          filter: ['==', ['get', 'staffed'], false],
          paint: { 'line-color': '#c0392b', 'line-width': 2, 'line-dasharray': [2, 1.5], 'line-offset': 1.5 },
        },
        {
          id: `${id}-label`,
          type: 'symbol',
          source,
          layout: {
            'text-field': ['get', 'name'],
            'text-font': FONT_BOLD,
            'text-size': 13,
            'text-max-width': 8,
          },
          paint: { 'text-color': '#1f2d3a', 'text-halo-color': '#ffffff', 'text-halo-width': 1.8 },
        },
      ] as LayerSpecification[];
    case 'problems':
      return [
        {
          id: `${id}-fill`,
          type: 'fill',
          source,
          paint: { 'fill-color': OVERLAY_COLORS.problem, 'fill-opacity': 0.45 },
        },
        {
          id: `${id}-line`,
          type: 'line',
          source,
          paint: { 'line-color': OVERLAY_COLORS.problem, 'line-width': 2.5, 'line-dasharray': [1.5, 1] },
        },
        {
          id: `${id}-label`,
          type: 'symbol',
          source,
          filter: ['has', 'label'],
          layout: {
            'text-field': ['get', 'label'],
            'text-font': FONT_BOLD,
            'text-size': 12,
            'text-allow-overlap': true,
          },
          paint: { 'text-color': OVERLAY_COLORS.problem, 'text-halo-color': '#ffffff', 'text-halo-width': 2 },
        },
      ] as LayerSpecification[];
    case 'moves':
      return [
        {
          id: `${id}-point`,
          type: 'circle',
          source,
          paint: {
            'circle-radius': 5,
            'circle-color': OVERLAY_COLORS.move,
            'circle-stroke-color': '#ffffff',
            'circle-stroke-width': 1.5,
          },
        },
      ] as LayerSpecification[];
    case 'choropleth':
      // Colours come with the data (property `color`), so the feature that owns the legend owns the classes.
      return [
        {
          id: `${id}-fill`,
          type: 'fill',
          source,
          paint: { 'fill-color': ['to-color', ['get', 'color']], 'fill-opacity': 0.8 },
        },
        {
          id: `${id}-line`,
          type: 'line',
          source,
          paint: { 'line-color': '#ffffff', 'line-width': 1.5 },
        },
        {
          id: `${id}-label`,
          type: 'symbol',
          source,
          layout: {
            'text-field': ['get', 'label'],
            'text-font': FONT_BOLD,
            'text-size': 14,
            'text-max-width': 8,
          },
          paint: { 'text-color': '#1f2d3a', 'text-halo-color': '#ffffff', 'text-halo-width': 2 },
        },
      ] as LayerSpecification[];
    case 'selection':
      return [
        {
          id: `${id}-line`,
          type: 'line',
          source,
          paint: { 'line-color': OVERLAY_COLORS.selection, 'line-width': 4 },
        },
      ] as LayerSpecification[];
  }
}

export function setOverlay(
  map: MapLibreMap,
  id: string,
  preset: OverlayPreset,
  data: OverlayData | null,
): void {
  const source = map.getSource(id) as GeoJSONSource | undefined;
  if (!data) {
    for (const layer of layersFor(id, preset)) if (map.getLayer(layer.id)) map.removeLayer(layer.id);
    if (source) map.removeSource(id);
    return;
  }
  if (source) {
    source.setData(data as never);
    return;
  }
  map.addSource(id, { type: 'geojson', data: data as never, promoteId: 'id' });
  for (const layer of layersFor(id, preset)) map.addLayer(layer);
}

/** Ids of the overlay's features under a screen point (its fill layer). */
export function overlayHits(
  map: MapLibreMap,
  id: string,
  point: { x: number; y: number },
): (number | string)[] {
  const layer = `${id}-fill`;
  if (!map.getLayer(layer)) return [];
  return map
    .queryRenderedFeatures([point.x, point.y], { layers: [layer] })
    .map((f) => f.properties.id as number);
}
