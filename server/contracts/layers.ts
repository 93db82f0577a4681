/**
 * The vector-tile layers: their ids, geometry kind, zoom range and the properties each feature carries.
 * The tile server (tiles/) builds them; the client (client/src/map) styles them. Both engines produce the same
 * layer names and properties; a property that is NULL in the database is absent from the feature.
 * Every feature's id is the id of its database row (for subject-bases, the subject's id).
 */

export type FieldType = 'string' | 'number' | 'boolean';

export interface LayerField {
  type: FieldType;
  description: string;
}

export interface LayerContract {
  geometry: 'polygon' | 'point' | 'line';
  minzoom: number;
  maxzoom: number;
  description: string;
  fields: Record<string, LayerField>;
}

const gridFields = {
  code: { type: 'string', description: '12-digit division code of the grid' },
  name: { type: 'string', description: 'Grid name' },
  level: { type: 'string', description: 'county | township | village' },
  parent_id: { type: 'number', description: 'Id of the parent grid (absent for a county)' },
  staffed: { type: 'boolean', description: 'Every required role of the grid level has at least one person' },
} satisfies Record<string, LayerField>;

export const LAYERS = {
  'grids-county': {
    geometry: 'polygon',
    minzoom: 0,
    maxzoom: 16,
    description: 'County-level supervision grids (县级网格)',
    fields: gridFields,
  },
  'grids-township': {
    geometry: 'polygon',
    minzoom: 0,
    maxzoom: 16,
    description: 'Township-level supervision grids (乡镇级网格)',
    fields: gridFields,
  },
  'grids-village': {
    geometry: 'polygon',
    minzoom: 0,
    maxzoom: 16,
    description: 'Village-level supervision grids (村级网格)',
    fields: gridFields,
  },
  'grid-labels': {
    geometry: 'point',
    minzoom: 0,
    maxzoom: 16,
    description:
      'Label anchors of all grids (centre of the largest inscribed circle); thinned below zoom 12, higher levels kept first',
    fields: {
      code: { type: 'string', description: '12-digit division code of the grid' },
      name: { type: 'string', description: 'Grid name' },
      level: { type: 'string', description: 'county | township | village' },
    },
  },
  subjects: {
    geometry: 'point',
    minzoom: 6,
    maxzoom: 16,
    description:
      'Active production subjects of the registry (生产主体); thinned below zoom 12, blacklisted and key-list subjects kept first',
    fields: {
      code: { type: 'string', description: 'Registry code' },
      name: { type: 'string', description: 'Name' },
      type: {
        type: 'string',
        description:
          'enterprise | cooperative | family_farm | large_grower | small_household | input_shop | storage_transport',
      },
      credit_class: { type: 'string', description: 'A | B | C (absent when not rated)' },
      key_list: { type: 'boolean', description: 'On the key supervision list' },
      traceability: { type: 'boolean', description: 'Enrolled on a traceability platform' },
      issues_certificate: { type: 'boolean', description: 'Issues compliance certificates' },
    },
  },
  'subject-bases': {
    geometry: 'polygon',
    minzoom: 10,
    maxzoom: 16,
    description: 'Production bases (生产基地) of active subjects',
    fields: {
      name: { type: 'string', description: 'Name of the subject' },
      type: { type: 'string', description: 'Subject type' },
      area_mu: { type: 'number', description: 'Base area in mu (亩, 666.67 m²), one decimal' },
    },
  },
  samples: {
    geometry: 'point',
    minzoom: 6,
    maxzoom: 16,
    description:
      'Samples of agricultural products and their verdicts (抽样检测); thinned below zoom 12, failures kept first',
    fields: {
      code: { type: 'string', description: 'Sample code' },
      kind: { type: 'string', description: 'routine | supervisory | rapid | quantitative' },
      verdict: { type: 'string', description: 'pending | pass | fail | suspected' },
      commodity: { type: 'string', description: 'Commodity (Chinese name)' },
      category: { type: 'string', description: 'Product category of the commodity' },
      sampled_on: { type: 'string', description: 'Date of sampling (YYYY-MM-DD, China Standard Time)' },
      year: { type: 'number', description: 'Year of sampling' },
    },
  },
  'soil-samples': {
    geometry: 'point',
    minzoom: 6,
    maxzoom: 16,
    description:
      'Farmland soil samples (土壤采样点) with heavy metals in mg/kg; thinned below zoom 12, most recent kept first',
    fields: {
      code: { type: 'string', description: 'Sample code' },
      land_use: { type: 'string', description: 'paddy | dry | orchard | other' },
      ph: { type: 'number', description: 'Soil pH' },
      cd: { type: 'number', description: 'Cadmium, mg/kg' },
      hg: { type: 'number', description: 'Mercury, mg/kg' },
      as: { type: 'number', description: 'Arsenic, mg/kg' },
      pb: { type: 'number', description: 'Lead, mg/kg' },
      cr: { type: 'number', description: 'Chromium, mg/kg' },
      cu: { type: 'number', description: 'Copper, mg/kg' },
      ni: { type: 'number', description: 'Nickel, mg/kg' },
      zn: { type: 'number', description: 'Zinc, mg/kg' },
      sampled_on: { type: 'string', description: 'Date of sampling (YYYY-MM-DD)' },
    },
  },
  'soil-zones': {
    geometry: 'polygon',
    minzoom: 6,
    maxzoom: 16,
    description:
      'Soil contamination zones of every kept zoning run (土壤污染风险分区), by GB 15618 farmland class; filter by run_id to show one run',
    fields: {
      run_id: { type: 'number', description: 'Id of the zoning run (GET /api/soil/runs/{run_id})' },
      class: {
        type: 'string',
        description:
          'priority_protection 优先保护类 | safe_utilisation 安全利用类 | strict_control 严格管控类 | no_data',
      },
      metal: { type: 'string', description: 'Metal of the run: cd | hg | as | pb | cr | cu | ni | zn' },
      area_mu: {
        type: 'number',
        description: 'Geodesic area of the zone in mu (亩, 666.67 m²), one decimal',
      },
    },
  },
  patrols: {
    geometry: 'line',
    minzoom: 6,
    maxzoom: 16,
    description: 'GPS tracks of daily patrols (巡查轨迹)',
    fields: {
      subject_id: { type: 'number', description: 'Id of the production subject patrolled' },
      inspector: { type: 'string', description: 'Inspector' },
      outcome: { type: 'string', description: 'compliant | rectify | refer' },
      patrolled_on: { type: 'string', description: 'Date of the patrol (YYYY-MM-DD, China Standard Time)' },
      year: { type: 'number', description: 'Year of the patrol' },
    },
  },
} as const satisfies Record<string, LayerContract>;

export type LayerId = keyof typeof LAYERS;
export const LAYER_IDS = Object.keys(LAYERS) as LayerId[];

export function isLayerId(value: string): value is LayerId {
  return Object.prototype.hasOwnProperty.call(LAYERS, value);
}

/** TileJSON 3.0.0 as served at /tiles/{layer}.json. */
export interface TileJson {
  tilejson: '3.0.0';
  name: string;
  description: string;
  tiles: string[];
  minzoom: number;
  maxzoom: number;
  bounds: [number, number, number, number];
  center?: [number, number, number];
  attribution?: string;
  vector_layers: {
    id: string;
    description: string;
    minzoom: number;
    maxzoom: number;
    fields: Record<string, string>;
  }[];
}

export interface TileIndex {
  layers: { id: LayerId; description: string; geometry: LayerContract['geometry']; tilejson: string }[];
}
