/**
 * Style layers of the supervision records: production bases, patrol tracks, soil samples, production subjects
 * (squares coloured by type) and samples (circles coloured by verdict, failures drawn last so they stay on top).
 */
import type { ExpressionSpecification } from '@maplibre/maplibre-gl-style-spec';
import { BASE_COLORS, PATROL_OUTCOME_COLORS, VERDICT_COLORS, type ToggleId } from '../catalog';
import { FONT_REGULAR } from './fonts';
import { type StyledLayer, selected } from './styled-layer';

/** `['match', ['get', key], k1, v1, …, fallback]` from a record. */
function matchColor(key: string, colors: Record<string, string>, fallback: string): ExpressionSpecification {
  return [
    'match',
    ['get', key],
    ...Object.entries(colors).flat(),
    fallback,
  ] as unknown as ExpressionSpecification;
}

/** The icon of a subject type; map/subject-icons.ts draws it on demand. */
export const SUBJECT_ICON_PREFIX = 'subject-';

/** A ring drawn around the selected point. */
function selectionRing(toggle: ToggleId, source: string, radius: number): StyledLayer {
  return {
    toggle,
    tier: 'point-highlight',
    layer: {
      id: `${source}-selected`,
      type: 'circle',
      source,
      'source-layer': source,
      paint: {
        'circle-radius': radius,
        'circle-color': 'rgba(0,0,0,0)',
        'circle-stroke-color': BASE_COLORS.selected,
        'circle-stroke-width': ['case', selected, 3, 0],
      },
    },
  };
}

const pointRadius = (small: number, large: number): ExpressionSpecification => [
  'interpolate',
  ['linear'],
  ['zoom'],
  8,
  small,
  15,
  large,
];

function baseLayers(): StyledLayer[] {
  const common = { source: 'subject-bases', 'source-layer': 'subject-bases', minzoom: 10 } as const;
  return [
    {
      toggle: 'bases',
      tier: 'fill',
      layer: {
        id: 'subject-bases-fill',
        type: 'fill',
        ...common,
        paint: { 'fill-color': BASE_COLORS.base, 'fill-opacity': 0.45 },
      },
    },
    {
      toggle: 'bases',
      tier: 'line',
      layer: {
        id: 'subject-bases-line',
        type: 'line',
        ...common,
        paint: { 'line-color': BASE_COLORS.baseLine, 'line-width': ['case', selected, 3, 1] },
      },
    },
  ];
}

function patrolLayers(): StyledLayer[] {
  const common = {
    source: 'patrols',
    'source-layer': 'patrols',
    layout: { 'line-join': 'round', 'line-cap': 'round' },
  } as const;
  return [
    {
      toggle: 'patrols',
      tier: 'line',
      layer: {
        id: 'patrols-selected',
        type: 'line',
        ...common,
        paint: {
          'line-color': BASE_COLORS.selected,
          'line-width': ['case', selected, 8, 0],
          'line-opacity': 0.7,
        },
      },
    },
    {
      toggle: 'patrols',
      tier: 'line',
      layer: {
        id: 'patrols-line',
        type: 'line',
        ...common,
        paint: {
          'line-color': matchColor('outcome', PATROL_OUTCOME_COLORS, BASE_COLORS.village),
          'line-width': ['interpolate', ['linear'], ['zoom'], 9, 1, 15, 3],
          'line-opacity': 0.8,
        },
      },
    },
  ];
}

/**
 * Samples are often taken at a subject's own location. Passing and pending samples go under the subject squares
 * (the square's type colour stays readable); suspected and failing samples go over them, failures on top, so a
 * problem is never hidden by the subject it was found at.
 */
function pointLayers(): StyledLayer[] {
  return [
    {
      toggle: 'soil',
      tier: 'point',
      layer: {
        id: 'soil-samples-circle',
        type: 'circle',
        source: 'soil-samples',
        'source-layer': 'soil-samples',
        paint: {
          'circle-radius': pointRadius(1.6, 5.5),
          'circle-color': BASE_COLORS.soil,
          'circle-opacity': ['interpolate', ['linear'], ['zoom'], 8, 0.75, 12, 1],
          'circle-stroke-color': '#ffffff',
          'circle-stroke-width': ['interpolate', ['linear'], ['zoom'], 8, 0.3, 13, 1],
        },
      },
    },
    {
      toggle: 'samples',
      tier: 'point',
      layer: {
        id: 'samples-other',
        type: 'circle',
        source: 'samples',
        'source-layer': 'samples',
        filter: ['match', ['get', 'verdict'], ['pass', 'pending'], true, false],
        paint: {
          'circle-radius': pointRadius(1.7, 5),
          'circle-color': matchColor('verdict', VERDICT_COLORS, VERDICT_COLORS.pending),
          'circle-stroke-color': '#ffffff',
          'circle-stroke-width': ['interpolate', ['linear'], ['zoom'], 8, 0.4, 14, 1],
        },
      },
    },
    {
      toggle: 'subjects',
      tier: 'point',
      layer: {
        id: 'subjects-icon',
        type: 'symbol',
        source: 'subjects',
        'source-layer': 'subjects',
        layout: {
          'icon-image': ['concat', SUBJECT_ICON_PREFIX, ['get', 'type']],
          // Small at county scale, where 2,000 subjects share the screen; full size when zoomed to a village.
          'icon-size': ['interpolate', ['linear'], ['zoom'], 8, 0.32, 11, 0.6, 14, 0.95, 16, 1.1],
          'icon-allow-overlap': true,
          'icon-ignore-placement': true,
          'text-field': ['step', ['zoom'], '', 14, ['get', 'name']],
          'text-font': FONT_REGULAR,
          'text-size': 11,
          'text-offset': [0, 1.2],
          'text-anchor': 'top',
          'text-optional': true,
          'text-max-width': 9,
        },
        paint: { 'text-color': '#33404d', 'text-halo-color': '#ffffff', 'text-halo-width': 1.4 },
      },
    },
    {
      toggle: 'samples',
      tier: 'point',
      layer: {
        id: 'samples-suspected',
        type: 'circle',
        source: 'samples',
        'source-layer': 'samples',
        filter: ['==', ['get', 'verdict'], 'suspected'],
        paint: {
          'circle-radius': pointRadius(2.4, 6),
          'circle-color': VERDICT_COLORS.suspected,
          'circle-stroke-color': '#ffffff',
          'circle-stroke-width': ['interpolate', ['linear'], ['zoom'], 8, 0.5, 13, 1.2],
        },
      },
    },
    {
      toggle: 'samples',
      tier: 'point',
      layer: {
        id: 'samples-fail',
        type: 'circle',
        source: 'samples',
        'source-layer': 'samples',
        filter: ['==', ['get', 'verdict'], 'fail'],
        paint: {
          'circle-radius': pointRadius(2.8, 6.5),
          'circle-color': VERDICT_COLORS.fail,
          'circle-stroke-color': '#ffffff',
          'circle-stroke-width': ['interpolate', ['linear'], ['zoom'], 8, 0.6, 13, 1.2],
        },
      },
    },
    selectionRing('soil', 'soil-samples', 9),
    selectionRing('subjects', 'subjects', 13),
    selectionRing('samples', 'samples', 9),
  ];
}

export function fieldLayers(): StyledLayer[] {
  return [...baseLayers(), ...patrolLayers(), ...pointLayers()];
}
