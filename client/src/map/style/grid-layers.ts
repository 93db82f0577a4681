/**
 * Style layers of the three-level grids: village fills tinted by township, white village lines, township and
 * county boundaries of increasing weight, red dashed outlines on grids that are not fully staffed, names, and
 * the outline of the selected grid.
 */
import type { ExpressionSpecification } from '@maplibre/maplibre-gl-style-spec';
import { BASE_COLORS, TOWNSHIP_PASTELS } from '../catalog';
import { FONT_BOLD, FONT_REGULAR } from './fonts';
import { type StyledLayer, selected } from './styled-layer';

/** One pastel per township: parent_id modulo the palette size (see TOWNSHIP_PASTELS). */
const townshipPastel: ExpressionSpecification = [
  'to-color',
  [
    'at',
    ['%', ['to-number', ['coalesce', ['get', 'parent_id'], 0]], TOWNSHIP_PASTELS.length],
    ['literal', [...TOWNSHIP_PASTELS]],
  ],
];

const unstaffed: ExpressionSpecification = ['==', ['get', 'staffed'], false];

function selectedOutline(toggle: 'county' | 'township' | 'village', source: string): StyledLayer {
  return {
    toggle,
    tier: 'highlight',
    layer: {
      id: `${source}-selected`,
      type: 'line',
      source,
      'source-layer': source,
      paint: { 'line-color': BASE_COLORS.selected, 'line-width': ['case', selected, 3.5, 0] },
    },
  };
}

function label(
  level: 'county' | 'township' | 'village',
  layout: Record<string, unknown>,
  color: string,
  zooms: { minzoom?: number; maxzoom?: number } = {},
): StyledLayer {
  return {
    toggle: level,
    tier: 'label',
    layer: {
      id: `grids-${level}-label`,
      ...zooms,
      type: 'symbol',
      source: 'grid-labels',
      'source-layer': 'grid-labels',
      filter: ['==', ['get', 'level'], level],
      layout: { 'text-field': ['get', 'name'], 'text-max-width': 8, 'text-padding': 4, ...layout },
      paint: {
        'text-color': color,
        'text-halo-color': BASE_COLORS.halo,
        'text-halo-width': 1.8,
        'text-halo-blur': 0.3,
      },
    } as StyledLayer['layer'],
  };
}

/**
 * Invisible fills so a click inside a township or the county finds it (their visible layers are only lines);
 * queryRenderedFeatures still hits a fill drawn at opacity 0.
 */
function hitArea(level: 'county' | 'township'): StyledLayer {
  const source = `grids-${level}`;
  return {
    toggle: level,
    tier: 'fill',
    layer: {
      id: `${source}-hit`,
      type: 'fill',
      source,
      'source-layer': source,
      paint: { 'fill-color': '#000000', 'fill-opacity': 0 },
    },
  };
}

export function gridLayers(): StyledLayer[] {
  return [
    hitArea('county'),
    hitArea('township'),
    {
      toggle: 'village',
      tier: 'fill',
      layer: {
        id: 'grids-village-fill',
        type: 'fill',
        source: 'grids-village',
        'source-layer': 'grids-village',
        // Fills fade as one zooms in, so bases and points carry the colour at close range.
        paint: {
          'fill-color': townshipPastel,
          'fill-opacity': ['interpolate', ['linear'], ['zoom'], 9, 0.85, 14, 0.45],
        },
      },
    },
    {
      toggle: 'village',
      tier: 'line',
      layer: {
        id: 'grids-village-line',
        type: 'line',
        source: 'grids-village',
        'source-layer': 'grids-village',
        layout: { 'line-join': 'round' },
        paint: {
          'line-color': '#ffffff',
          'line-width': ['interpolate', ['linear'], ['zoom'], 8, 0.7, 14, 2],
        },
      },
    },
    {
      toggle: 'village',
      tier: 'line',
      layer: {
        id: 'grids-village-unstaffed',
        type: 'line',
        source: 'grids-village',
        'source-layer': 'grids-village',
        filter: unstaffed,
        layout: { 'line-join': 'round' },
        paint: {
          'line-color': BASE_COLORS.unstaffed,
          'line-width': ['interpolate', ['linear'], ['zoom'], 8, 1.4, 14, 2.6],
          'line-dasharray': [2, 1.5],
          // Drawn just inside the grid so a neighbour's white line cannot cover it.
          'line-offset': 1.2,
        },
      },
    },
    {
      toggle: 'township',
      tier: 'line',
      layer: {
        id: 'grids-township-line',
        type: 'line',
        source: 'grids-township',
        'source-layer': 'grids-township',
        layout: { 'line-join': 'round' },
        paint: {
          'line-color': BASE_COLORS.township,
          'line-width': ['interpolate', ['linear'], ['zoom'], 7, 1.1, 13, 2.4],
        },
      },
    },
    {
      toggle: 'township',
      tier: 'line',
      layer: {
        id: 'grids-township-unstaffed',
        type: 'line',
        source: 'grids-township',
        'source-layer': 'grids-township',
        filter: unstaffed,
        layout: { 'line-join': 'round' },
        paint: {
          'line-color': BASE_COLORS.unstaffed,
          'line-width': 2,
          'line-dasharray': [2, 1.5],
          'line-offset': 2.5,
        },
      },
    },
    {
      toggle: 'county',
      tier: 'line',
      layer: {
        id: 'grids-county-casing',
        type: 'line',
        source: 'grids-county',
        'source-layer': 'grids-county',
        layout: { 'line-join': 'round' },
        paint: {
          'line-color': '#ffffff',
          'line-opacity': 0.9,
          'line-width': ['interpolate', ['linear'], ['zoom'], 6, 4, 12, 8],
        },
      },
    },
    {
      toggle: 'county',
      tier: 'line',
      layer: {
        id: 'grids-county-line',
        type: 'line',
        source: 'grids-county',
        'source-layer': 'grids-county',
        layout: { 'line-join': 'round' },
        paint: {
          'line-color': BASE_COLORS.county,
          'line-width': ['interpolate', ['linear'], ['zoom'], 6, 2, 12, 3.5],
        },
      },
    },
    selectedOutline('village', 'grids-village'),
    selectedOutline('township', 'grids-township'),
    selectedOutline('county', 'grids-county'),
    // Names by scale: the county only when zoomed far out, villages from zoom 10 (before that they would crowd).
    label(
      'county',
      { 'text-font': FONT_BOLD, 'text-size': 18, 'text-letter-spacing': 0.15 },
      BASE_COLORS.county,
      { maxzoom: 8 },
    ),
    label(
      'township',
      {
        'text-font': FONT_BOLD,
        'text-size': ['interpolate', ['linear'], ['zoom'], 7, 12, 12, 17],
        'text-letter-spacing': 0.08,
      },
      BASE_COLORS.ink,
    ),
    label(
      'village',
      { 'text-font': FONT_REGULAR, 'text-size': ['interpolate', ['linear'], ['zoom'], 10, 12, 15, 15] },
      '#364452',
      {
        minzoom: 10,
      },
    ),
  ];
}
