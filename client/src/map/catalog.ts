/**
 * The catalogue of what the map shows: the toggles of the layer panel, their groups, and every colour.
 * The style builder, the legend and the layer panel all read it, so a colour is defined once.
 *
 * Glossary
 * - toggle: one switch in the layer panel (e.g. 'village'); it may drive several style layers.
 * - style layer: a MapLibre layer of the built style (e.g. 'grids-village-fill').
 * - overlay: a deck.gl layer drawn above the map (only the heat map today).
 *
 * No maplibre-gl here: the catalogue is plain data that features and tests can import.
 */
import type { PatrolOutcome, SampleVerdict, SubjectType } from '../../../server/contracts/enums';
import type { LayerId } from '../../../server/contracts/layers';

export const TOGGLE_IDS = [
  'county',
  'township',
  'village',
  'subjects',
  'bases',
  'samples',
  'soil',
  'patrols',
  'heatmap',
] as const;
export type ToggleId = (typeof TOGGLE_IDS)[number];

export type GroupId = 'grids' | 'subjects' | 'bases' | 'samples' | 'soil' | 'patrols' | 'analysis';

export interface ToggleDef {
  id: ToggleId;
  /** The vector-tile layer it draws, or null for a deck.gl overlay. */
  source: LayerId | null;
  defaultVisible: boolean;
  /** Below this zoom the layer draws nothing (the panel says so). */
  minzoom: number;
}

export const TOGGLES: Record<ToggleId, ToggleDef> = {
  county: { id: 'county', source: 'grids-county', defaultVisible: true, minzoom: 0 },
  township: { id: 'township', source: 'grids-township', defaultVisible: true, minzoom: 0 },
  village: { id: 'village', source: 'grids-village', defaultVisible: true, minzoom: 0 },
  subjects: { id: 'subjects', source: 'subjects', defaultVisible: true, minzoom: 6 },
  bases: { id: 'bases', source: 'subject-bases', defaultVisible: true, minzoom: 10 },
  samples: { id: 'samples', source: 'samples', defaultVisible: true, minzoom: 6 },
  soil: { id: 'soil', source: 'soil-samples', defaultVisible: true, minzoom: 6 },
  patrols: { id: 'patrols', source: 'patrols', defaultVisible: true, minzoom: 6 },
  heatmap: { id: 'heatmap', source: null, defaultVisible: false, minzoom: 0 },
};

export const GROUPS: { id: GroupId; toggles: ToggleId[] }[] = [
  { id: 'grids', toggles: ['county', 'township', 'village'] },
  { id: 'subjects', toggles: ['subjects'] },
  { id: 'bases', toggles: ['bases'] },
  { id: 'samples', toggles: ['samples'] },
  { id: 'soil', toggles: ['soil'] },
  { id: 'patrols', toggles: ['patrols'] },
  { id: 'analysis', toggles: ['heatmap'] },
];

export function defaultVisibility(): Record<ToggleId, boolean> {
  return Object.fromEntries(TOGGLE_IDS.map((id) => [id, TOGGLES[id].defaultVisible])) as Record<
    ToggleId,
    boolean
  >;
}

/** Restrained base colours: a warm paper land tone and slate ink for boundaries and text. */
export const BASE_COLORS = {
  land: '#f3f1ea',
  ink: '#1d2b3a',
  county: '#17324d',
  township: '#3b5b7e',
  village: '#7d8b99',
  halo: '#ffffff',
  unstaffed: '#c62828',
  selected: '#0b62d6',
  base: '#6aa56b',
  baseLine: '#2e6b3a',
  soil: '#8c5a2b',
};

/**
 * Village fills: one pastel per township, picked by `parent_id % length` so neighbouring townships (consecutive
 * ids) differ. Twelve colours keep every township of a ten-township county distinct.
 */
export const TOWNSHIP_PASTELS = [
  '#cfe3f3',
  '#f6dcc3',
  '#d5ecd0',
  '#efd3e3',
  '#f3ecc0',
  '#d9d4ee',
  '#cdebe6',
  '#f2cfcb',
  '#e0e8c7',
  '#d3dcea',
  '#ead9c8',
  '#d6e9ee',
] as const;

/**
 * Subject types: the Okabe–Ito palette, chosen to stay distinguishable for the common colour-vision deficiencies.
 * (Its yellow is replaced by dark grey, which reads better on a pale map.) Subjects are drawn as squares, samples
 * as circles, so the shapes separate the two even where hues are close.
 */
export const SUBJECT_TYPE_COLORS: Record<SubjectType, string> = {
  enterprise: '#0072b2',
  cooperative: '#009e73',
  family_farm: '#e69f00',
  large_grower: '#cc79a7',
  small_household: '#56b4e9',
  input_shop: '#d55e00',
  storage_transport: '#4d4d4d',
};

/** Verdict colours: red failures stand out; suspected orange; passes a quiet green; pending grey. */
export const VERDICT_COLORS: Record<SampleVerdict, string> = {
  fail: '#d7191c',
  suspected: '#f28e2b',
  pass: '#3a9a5b',
  pending: '#9aa1a9',
};

/** Patrol outcomes: teal, amber, dark red — kept apart from the selection blue so a picked track stands out. */
export const PATROL_OUTCOME_COLORS: Record<PatrolOutcome, string> = {
  compliant: '#16998a',
  rectify: '#e08a00',
  refer: '#9e1b32',
};

/** Heat map ramp, low → high (deck.gl colorRange, RGB). */
export const HEAT_RAMP: [number, number, number][] = [
  [255, 241, 168],
  [254, 204, 92],
  [253, 141, 60],
  [240, 59, 32],
  [189, 0, 38],
];

export const SUBJECT_TYPE_ORDER = Object.keys(SUBJECT_TYPE_COLORS) as SubjectType[];
export const VERDICT_ORDER: SampleVerdict[] = ['fail', 'suspected', 'pending', 'pass'];
export const PATROL_OUTCOME_ORDER = Object.keys(PATROL_OUTCOME_COLORS) as PatrolOutcome[];
