/**
 * Soil contamination (issue 5): GB 15618-2018 standard values, per-sample classification, zoning runs (interpolation,
 * variogram, cross-validation, exceedance probabilities, suggested sampling locations, zones) and the overlay of
 * production subjects on zones — request schemas (zod) and response types. Also POST /api/analysis/interpolate.
 *
 * Glossary:
 * - class: priority_protection 优先保护类 | safe_utilisation 安全利用类 | strict_control 严格管控类 (GB 15618 and the
 *   farmland classification built on it); zones may also be no_data (no sample within the search radius).
 * - ratio: a value ÷ its screening value (exceedance ratio, 超标倍数 + 1).
 * - run: one interpolation of one metal over one grid area, kept with its parameters and results.
 * - variogram `range`: metres, gstat's convention (the practical range is 3·range for exponential, √3·range for
 *   gaussian models).
 */
import { z } from 'zod';
import { LAND_USES, LandUse, SOIL_METALS, type SoilMetal } from './enums';
import type { Feature, FeatureCollection, Geometry } from './geojson';
import { AreaGeometry, PointGeometry } from './geojson';
import { bilingual } from './messages';
import type { Ref } from './api';

export const SOIL_CLASSES = ['priority_protection', 'safe_utilisation', 'strict_control'] as const;
export type SoilClass = (typeof SOIL_CLASSES)[number];
export const ZONE_CLASSES = [...SOIL_CLASSES, 'no_data'] as const;
export type ZoneClass = (typeof ZONE_CLASSES)[number];
export const SoilMetalSchema = z.enum(SOIL_METALS);
export const VARIOGRAM_MODELS = ['spherical', 'exponential', 'gaussian'] as const;

// ---------------------------------------------------------------------------------------------- standards

export interface SoilStandardValueView {
  id: number;
  metal: SoilMetal;
  kind: 'screening' | 'intervention';
  /** The standard's column: paddy 水田, orchard 果园, other 其他, all. */
  landUseColumn: 'paddy' | 'orchard' | 'other' | 'all';
  landUses: LandUse[];
  phAbove: number | null;
  phUpTo: number | null;
  valueMgkg: number;
  source: string;
  note: string | null;
  version: number;
  updatedAt: string;
  updatedBy: string;
}

export interface SoilStandardView {
  id: number;
  code: string;
  title: string;
  effectiveFrom: string;
  effectiveTo: string | null;
  unit: 'mg/kg';
  source: Record<string, unknown>;
  values: SoilStandardValueView[];
}

/** PATCH /api/soil/standards/values/:id */
export const StandardValuePatch = z
  .object({
    version: z.number().int().positive(),
    valueMgkg: z
      .number()
      .positive()
      .max(100_000)
      .refine(Number.isFinite, bilingual('数值必须是有限数', 'must be a finite number')),
    source: z.string().trim().min(1).max(200),
    note: z.string().trim().max(500).nullable().optional(),
  })
  .strict();
export type StandardValuePatch = z.infer<typeof StandardValuePatch>;

export interface StandardValueHistoryEntry {
  operation: 'UPDATE' | 'DELETE';
  changedAt: string;
  changedBy: string;
  before: { valueMgkg: number; source: string; note: string | null; version: number };
}

// ---------------------------------------------------------------------------------------------- classification

export interface MetalAssessmentView {
  metal: SoilMetal;
  valueMgkg: number;
  screeningMgkg: number;
  interventionMgkg: number | null;
  ratio: number;
  class: SoilClass;
  screeningOnly: boolean;
}

export interface SoilClassificationView {
  standard: string;
  overall: SoilClass | null;
  worstMetal: SoilMetal | null;
  metals: MetalAssessmentView[];
}

/** GET /api/soil/samples — soil samples with their classification, for maps and tables. */
export const SoilSampleListQuery = z
  .object({
    from: z.iso.date().optional(),
    to: z.iso.date().optional(),
    gridId: z.coerce.number().int().positive().optional(),
    landUse: LandUse.optional(),
    /** Only samples in which this metal was measured. */
    metal: SoilMetalSchema.optional(),
    class: z.enum(SOIL_CLASSES).optional(),
    limit: z.coerce.number().int().min(1).max(50_000).default(20_000),
  })
  .strict()
  .refine(
    (q) => !q.from || !q.to || q.from <= q.to,
    bilingual('开始日期不能晚于结束日期', 'from must not be after to'),
  );
export type SoilSampleListQuery = z.infer<typeof SoilSampleListQuery>;

export interface SoilSampleListProperties {
  code: string;
  sampledOn: string;
  landUse: LandUse;
  ph: number;
  metals: Partial<Record<SoilMetal, number | null>>;
  village: Ref | null;
  classification: SoilClassificationView;
}
export type SoilSampleCollection = FeatureCollection<SoilSampleListProperties, Geometry>;

// ---------------------------------------------------------------------------------------------- methods

const metres = (max: number) => z.number().positive().max(max);

export const VariogramSchema = z
  .object({
    model: z.enum(VARIOGRAM_MODELS),
    nugget: z.number().min(0).max(1e12),
    psill: z.number().min(0).max(1e12),
    range: metres(1_000_000),
  })
  .strict()
  .refine((v) => v.nugget + v.psill > 0, {
    ...bilingual('块金值与偏基台值不能同时为 0', 'nugget and psill cannot both be 0'),
    path: ['psill'],
  });
export type VariogramInput = z.infer<typeof VariogramSchema>;

const neighbourhood = {
  maxNeighbors: z.number().int().min(1).max(500).optional(),
  maxDistance: metres(500_000).optional(),
};

/** IDW: power (default 2), nearest neighbours and search radius in metres (all samples when absent). */
export const IdwMethod = z
  .object({ method: z.literal('idw'), power: z.number().positive().max(20).default(2), ...neighbourhood })
  .strict();
/**
 * Ordinary kriging: `variogram` a model in metres, "auto" (fit all three models by weighted least squares and keep
 * the best) or { fit: model } (fit that model); lag table `cutoff`/`width` in metres (gstat's defaults when absent).
 */
export const KrigingMethod = z
  .object({
    method: z.literal('kriging'),
    variogram: z.union([
      z.literal('auto'),
      z.object({ fit: z.enum(VARIOGRAM_MODELS) }).strict(),
      VariogramSchema,
    ]),
    cutoff: metres(1_000_000).optional(),
    width: metres(1_000_000).optional(),
    ...neighbourhood,
  })
  .strict();

// ---------------------------------------------------------------------------------------------- runs

/** POST /api/soil/runs — interpolate a metal over a grid's area and store the zones. */
export const ZoningRunCreate = z
  .object({
    name: z.string().trim().min(1).max(100),
    metal: SoilMetalSchema,
    variable: z.enum(['concentration', 'ratio']).default('concentration'),
    /** The grid (county, township or village) to cover; the county of the samples when absent. */
    gridId: z.number().int().positive().optional(),
    cellSize: z.number().min(25).max(5000).default(250),
    from: z.iso.date().optional(),
    to: z.iso.date().optional(),
    /** Use only samples of these land uses (all when absent). */
    sampleLandUses: z.array(LandUse).min(1).max(4).optional(),
    /** Use only samples inside this grid (any level, with its sub-grids); all samples in and near the area when absent. */
    sampleGridId: z.number().int().positive().optional(),
    /** Land use selecting the standard values per cell: that of the nearest sample, or one for the whole area. */
    landUse: z.union([z.literal('nearest'), LandUse]).default('nearest'),
    suggestions: z
      .object({
        count: z.number().int().min(0).max(100).default(10),
        minSpacing: z.number().min(50).max(50_000).default(1000),
      })
      .strict()
      .default({ count: 10, minSpacing: 1000 }),
    interpolation: z.discriminatedUnion('method', [IdwMethod, KrigingMethod]),
  })
  .strict()
  .refine(
    (q) => !q.from || !q.to || q.from <= q.to,
    bilingual('开始日期不能晚于结束日期', 'from must not be after to'),
  );
export type ZoningRunCreate = z.infer<typeof ZoningRunCreate>;

export const RunListQuery = z
  .object({
    metal: SoilMetalSchema.optional(),
    limit: z.coerce.number().int().min(1).max(500).default(100),
  })
  .strict();

export const RunPatch = z
  .object({ version: z.number().int().positive(), name: z.string().trim().min(1).max(100) })
  .strict();
export const RunDeleteQuery = z.object({ version: z.coerce.number().int().positive() }).strict();

export const SURFACE_LAYERS = [
  'prediction',
  'variance',
  'ph',
  'screening',
  'intervention',
  'pScreening',
  'pIntervention',
  'class',
] as const;
export type SurfaceLayer = (typeof SURFACE_LAYERS)[number];
export const SurfaceParams = z
  .object({ id: z.coerce.number().int().positive(), layer: z.enum(SURFACE_LAYERS) })
  .strict();

export const OverlayQuery = z
  .object({
    /** Which zones to list subjects in (both risky classes by default). */
    class: z.enum(['safe_utilisation', 'strict_control']).optional(),
    /** Only subjects in this grid (any level). */
    gridId: z.coerce.number().int().positive().optional(),
    zoneId: z.coerce.number().int().positive().optional(),
  })
  .strict();
export type OverlayQuery = z.infer<typeof OverlayQuery>;

export const CompareQuery = z
  .object({ a: z.coerce.number().int().positive(), b: z.coerce.number().int().positive() })
  .strict();

export interface LagView {
  np: number;
  dist: number;
  gamma: number;
}

export interface VariogramModelView {
  model: (typeof VARIOGRAM_MODELS)[number];
  nugget: number;
  psill: number;
  range: number;
}

export interface VariogramView {
  /** What was modelled: the run's variable, or its logarithm (for the exceedance probabilities). */
  of: 'value' | 'log';
  cutoff: number;
  width: number;
  lags: LagView[];
  model: VariogramModelView;
  fitted: boolean;
  /** Every model tried, best (lowest weighted squared error) first. */
  candidates: (VariogramModelView & { sse: number })[];
  /** The model evaluated from 0 to the cutoff, for the plot. */
  curve: { dist: number; gamma: number }[];
}

export interface CrossValidationView {
  n: number;
  unpredicted: number;
  me: number | null;
  rmse: number | null;
  msse: number | null;
  coverage90: number | null;
  /** Per sample: observed, leave-one-out prediction and (kriging) variance, for a scatter plot. */
  residuals: {
    sampleId: number | null;
    code: string | null;
    observed: number;
    predicted: number | null;
    variance: number | null;
  }[];
}

export interface SuggestionView {
  lon: number;
  lat: number;
  /** Shannon entropy of the three class probabilities, bits (0–1.58). */
  entropy: number;
  pScreening: number;
  pIntervention: number;
  predicted: number;
  class: SoilClass;
  nearestSampleM: number;
}

export interface ClassArea {
  cells: number;
  areaMu: number;
  share: number;
}

export interface ZoningRunSummary {
  id: number;
  name: string;
  metal: SoilMetal;
  variable: 'concentration' | 'ratio';
  method: 'idw' | 'kriging';
  parameters: Record<string, unknown>;
  area: Ref & { level: string };
  cellSizeM: number;
  landUseRule: 'nearest' | LandUse;
  /** The sample filter asked for (null: not filtered); `grid` is the grid of `gridId` as it was named then. */
  sampleFilter: {
    from: string | null;
    to: string | null;
    landUses: LandUse[] | null;
    gridId?: number | null;
    grid?: Ref | null;
  };
  sampleCount: number;
  mergedSamples: number;
  sampledFrom: string;
  sampledTo: string;
  standard: string;
  crossValidation: Omit<CrossValidationView, 'residuals'>;
  classAreas: Record<ZoneClass, ClassArea>;
  warnings: string[];
  durationMs: number;
  version: number;
  createdAt: string;
  createdBy: string;
  updatedAt: string;
  updatedBy: string;
}

export interface ZoningRunDetail extends ZoningRunSummary {
  variogram: VariogramView | null;
  logVariogram: VariogramView | null;
  crossValidation: CrossValidationView;
  suggestions: SuggestionView[];
  standardValues: SoilStandardValueView[];
  projection: string;
  grid: { x0: number; y0: number; cellSize: number; nx: number; ny: number };
  /** Longitude/latitude of the four corners of the grid (SW, SE, NE, NW), e.g. for an image overlay. */
  corners: [number, number][];
}

/** GET /api/soil/runs/:id/surface/:layer — one surface on the run's grid. */
export interface SurfaceView {
  layer: SurfaceLayer;
  projection: string;
  grid: ZoningRunDetail['grid'];
  corners: [number, number][];
  /** nx·ny values, row by row from the south-west cell (index i + j·nx); null outside the area or without data. */
  values: (number | null)[];
  min: number | null;
  max: number | null;
}

export interface ZoneProperties {
  runId: number;
  class: ZoneClass;
  metal: SoilMetal;
  areaMu: number;
}
export type ZoneCollection = FeatureCollection<ZoneProperties, Geometry>;

/** One production subject (or its base) inside a safe-utilisation or strict-control zone. */
export interface OverlayRow {
  subject: Ref & { type: string; creditClass: string | null; keyList: boolean };
  village: Ref | null;
  township: Ref | null;
  /** The worst class the subject's base or point lies in. */
  class: 'safe_utilisation' | 'strict_control';
  pointInZone: boolean;
  baseAreaMu: number | null;
  /** Area of the base inside zones of each risky class, 亩 (geodesic). */
  safeUtilisationMu: number;
  strictControlMu: number;
  zoneIds: number[];
}

export interface OverlayGroup {
  grid: Ref;
  township: Ref | null;
  subjects: number;
  safeUtilisationMu: number;
  strictControlMu: number;
  rows: OverlayRow[];
}

export interface OverlayResponse {
  run: { id: number; name: string; metal: SoilMetal };
  groups: OverlayGroup[];
  totals: {
    subjects: number;
    strictControl: number;
    safeUtilisation: number;
    safeUtilisationMu: number;
    strictControlMu: number;
  };
}

export interface RunComparison {
  a: { id: number; name: string; classAreas: Record<ZoneClass, ClassArea> };
  b: { id: number; name: string; classAreas: Record<ZoneClass, ClassArea> };
  /** Area (亩) that is of class `from` in run a and of class `to` in run b, over the area both cover. */
  transitions: { from: ZoneClass; to: ZoneClass; areaMu: number }[];
  /** Share of the common area with the same class in both runs. */
  agreement: number;
}

export interface ZoneDetail {
  zone: Feature<ZoneProperties, Geometry>;
  run: { id: number; name: string; metal: SoilMetal; method: string };
  subjects: OverlayRow[];
}

// ---------------------------------------------------------------------------------------------- analysis API

const PointFeature = z.object({
  type: z.literal('Feature'),
  id: z.union([z.string(), z.number()]).optional(),
  geometry: PointGeometry,
  properties: z.record(z.string(), z.unknown()).nullable(),
});
const PointCollection = (max: number) =>
  z.object({ type: z.literal('FeatureCollection'), features: z.array(PointFeature).max(max) }).strict();

export const MAX_INTERPOLATION_POINTS = 20_000;
export const MAX_INTERPOLATION_TARGETS = 200_000;
export const MAX_GRID_CELLS = 500_000;

const InterpolateCommon = {
  points: PointCollection(MAX_INTERPOLATION_POINTS),
  property: z.string().min(1).max(100),
  targets: PointCollection(MAX_INTERPOLATION_TARGETS).optional(),
  grid: z
    .object({ cellSize: metres(100_000), boundary: AreaGeometry })
    .strict()
    .optional(),
};

/**
 * POST /api/analysis/interpolate — the analyst's own points (EPSG:4326), a numeric property, the method and either
 * `targets` (points) or `grid` (cellSize in metres + boundary polygon).
 */
export const InterpolateRequest = z
  .discriminatedUnion('method', [
    IdwMethod.extend(InterpolateCommon),
    KrigingMethod.extend(InterpolateCommon),
  ])
  .refine((r) => (r.targets === undefined) !== (r.grid === undefined), {
    ...bilingual(
      '请给出 targets（目标点）或 grid（网格），二者选一',
      'give either targets or grid, not both or neither',
    ),
    path: ['targets'],
  });
export type InterpolateRequest = z.infer<typeof InterpolateRequest>;

export interface InterpolatedPoint {
  lon: number;
  lat: number;
  /** null where no point lies within the search radius. */
  value: number | null;
  /** Kriging variance; absent for IDW. */
  variance?: number | null;
  /** Grid cells only. */
  col?: number;
  row?: number;
}

export interface InterpolateResponse {
  method: 'idw' | 'kriging';
  property: string;
  /** Parameters as used (the neighbourhood chosen when not given, the fitted variogram). */
  parameters: Record<string, unknown>;
  projection: string;
  /** In target order, or the grid cells inside the boundary row by row from the south-west. */
  predictions: InterpolatedPoint[];
  grid?: { cellSize: number; nx: number; ny: number; x0: number; y0: number; cells: number };
  /** The variogram: lag table, model used, fitted candidates and curve (kriging). */
  variogram: VariogramView | null;
  crossValidation: CrossValidationView;
  unpredicted: number;
}

export type { SoilMetal };
export { LAND_USES };
