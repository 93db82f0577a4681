/**
 * Analysis of residue results and of the analyst's own data: per-grid failure rates, hexagons, hotspots (Gi*,
 * local and global Moran's I), the Bernoulli scan, space-time trends, drill-down lists and exports.
 */
import { z } from 'zod';
import { bilingual } from './messages';
import { ResidueFilter } from './residue';

const Weights = z.enum(['queen', 'rook', 'knn', 'distance_band']);
const Style = z.enum(['binary', 'row']);
const Method = z.enum(['gi_star', 'local_moran', 'global_moran']);

/** Weights options shared by every hotspot request. */
const weightsShape = {
  method: Method.default('gi_star'),
  weights: Weights.default('queen'),
  k: z.number().int().min(1).max(50).default(6),
  distance: z.number().positive().max(200_000).optional(),
  standardization: Style.default('row'),
  permutations: z.number().int().min(0).max(9999).default(0),
  seed: z.number().int().min(0).max(4294967295).default(0),
};
const needsDistance = <T extends { weights: string; distance?: number | undefined }>(v: T) =>
  v.weights !== 'distance_band' || v.distance !== undefined;
const distanceMessage = {
  ...bilingual('距离带权重需要给出距离（米）', 'distance_band weights need a distance in metres'),
  path: ['distance'],
};

export const MAX_HOTSPOT_FEATURES = 50_000;

/** POST /api/analysis/hotspots: a statistic on the analyst's own GeoJSON (polygons or points). */
export const HotspotsRequest = z
  .object({
    data: z
      .object({
        type: z.literal('FeatureCollection'),
        features: z
          .array(
            z
              .object({
                type: z.literal('Feature'),
                geometry: z.object({ type: z.string(), coordinates: z.unknown() }).loose().nullable(),
                properties: z.record(z.string(), z.unknown()).nullable(),
              })
              .loose(),
          )
          .min(1)
          .max(MAX_HOTSPOT_FEATURES),
      })
      .loose(),
    property: z.string().min(1).max(200),
    ...weightsShape,
  })
  .strict()
  .refine(needsDistance, distanceMessage);
export type HotspotsRequest = z.infer<typeof HotspotsRequest>;

export type HotspotClass =
  | 'hot_99'
  | 'hot_95'
  | 'hot_90'
  | 'cold_99'
  | 'cold_95'
  | 'cold_90'
  | 'HH'
  | 'LL'
  | 'HL'
  | 'LH'
  | 'not_significant';

export interface HotspotFeatureResult {
  index: number;
  value: number | null;
  statistic: number | null;
  z: number | null;
  p: number | null;
  /** Benjamini–Hochberg adjusted p-value. */
  pAdjusted: number | null;
  pseudoP: number | null;
  class: HotspotClass | null;
  neighbours: number;
  /** Why a feature got no statistic. */
  excluded: 'missing_value' | 'non_numeric' | 'island' | 'no_geometry' | null;
}

export interface GlobalMoranResult {
  I: number;
  expected: number;
  variance: number;
  z: number;
  p: number;
  n: number;
}

export interface HotspotsResponse {
  method: 'gi_star' | 'local_moran' | 'global_moran';
  weights: {
    type: string;
    k?: number;
    distanceM?: number;
    standardization: 'binary' | 'row';
    selfIncluded: boolean;
  };
  results: HotspotFeatureResult[];
  global: GlobalMoranResult | null;
  islands: number[];
  analysed: number;
  warnings: { code: string; zh: string; en: string }[];
}

/** Units for area analyses: the village or township grids, or hexagons of a given circumradius in metres. */
export const AreaUnits = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('grid'), level: z.enum(['village', 'township']).default('village') }).strict(),
  z.object({ kind: z.literal('hexagon'), sizeM: z.number().min(100).max(50_000).default(1500) }).strict(),
]);
export type AreaUnits = z.infer<typeof AreaUnits>;

/** POST /api/analysis/rates: failure rate per unit with EB smoothing and Wilson intervals. */
export const RatesRequest = z
  .object({
    filter: ResidueFilter,
    units: AreaUnits.default({ kind: 'grid', level: 'village' }),
    minSamples: z.number().int().min(1).max(10_000).default(10),
    confidence: z.number().min(0.5).max(0.999).default(0.95),
    geometry: z.boolean().default(false),
  })
  .strict();
export type RatesRequest = z.infer<typeof RatesRequest>;

export interface UnitRate {
  id: string;
  gridId: number | null;
  code: string | null;
  name: string | null;
  samples: number;
  failures: number;
  rate: number | null;
  ebRate: number | null;
  failInterval: [number, number] | null;
  passRate: number | null;
  passInterval: [number, number] | null;
  insufficient: boolean;
}

export interface RatesResponse {
  type: 'FeatureCollection';
  features: { type: 'Feature'; id: string; geometry: unknown; properties: UnitRate }[];
  summary: {
    samples: number;
    failures: number;
    rate: number | null;
    failInterval: [number, number] | null;
    prior: number | null;
    minSamples: number;
    units: number;
    insufficientUnits: number;
  };
}

/** POST /api/analysis/area-hotspots: Gi* / Moran on grid or hexagon failure rates (EB-smoothed by default). */
export const AreaHotspotsRequest = z
  .object({
    filter: ResidueFilter,
    units: AreaUnits.default({ kind: 'grid', level: 'village' }),
    /**
     * counts (default): Gi* over the individual samples pooled by unit neighbourhood, exact binomial p-values —
     * sound for small failure counts (local and global Moran use the EB-smoothed rate instead);
     * eb_rate / rate: the classic statistic on each unit's empirical-Bayes smoothed or raw failure rate.
     */
    value: z.enum(['counts', 'eb_rate', 'rate']).default('counts'),
    minSamples: z.number().int().min(1).max(10_000).default(1),
    geometry: z.boolean().default(false),
    ...weightsShape,
  })
  .strict()
  .refine(needsDistance, distanceMessage);
export type AreaHotspotsRequest = z.infer<typeof AreaHotspotsRequest>;

export interface AreaHotspotsResponse {
  type: 'FeatureCollection';
  features: {
    type: 'Feature';
    id: string;
    geometry: unknown;
    properties: UnitRate & Omit<HotspotFeatureResult, 'index' | 'value'> & { value: number | null };
  }[];
  global: GlobalMoranResult | null;
  islands: string[];
  warnings: { code: string; zh: string; en: string }[];
}

/** POST /api/analysis/scan: Kulldorff's Bernoulli scan over sampling places. */
export const ScanRequest = z
  .object({
    filter: ResidueFilter,
    maxShare: z.number().gt(0).max(0.5).default(0.25),
    maxRadiusM: z.number().positive().max(100_000).optional(),
    replications: z.number().int().min(9).max(9999).default(999),
    seed: z.number().int().min(0).max(4294967295).default(0),
    /** Samples within this many metres are pooled into one place (keeps the window count manageable). */
    aggregateM: z.number().min(0).max(10_000).default(500),
    maxClusters: z.number().int().min(1).max(50).default(10),
  })
  .strict();
export type ScanRequest = z.infer<typeof ScanRequest>;

export interface ScanClusterResult {
  rank: number;
  centre: [number, number];
  radiusM: number;
  samples: number;
  failures: number;
  expected: number;
  relativeRisk: number;
  llr: number;
  p: number;
  places: number;
}

export interface ScanResponse {
  type: 'FeatureCollection';
  /** One circle per cluster (a 64-gon in longitude/latitude), most likely first. */
  features: { type: 'Feature'; id: number; geometry: unknown; properties: ScanClusterResult }[];
  totals: { samples: number; failures: number; places: number; windows: number; replications: number };
}

/** POST /api/analysis/trends: Gi* per month or quarter and the Mann–Kendall trend per unit. */
export const TrendsRequest = z
  .object({
    filter: ResidueFilter,
    units: AreaUnits.default({ kind: 'grid', level: 'village' }),
    period: z.enum(['month', 'quarter', 'year']).default('quarter'),
    weights: Weights.default('queen'),
    k: z.number().int().min(1).max(50).default(6),
    distance: z.number().positive().max(200_000).optional(),
    standardization: Style.default('row'),
    alpha: z.number().gt(0).max(0.2).default(0.05),
  })
  .strict()
  .refine(needsDistance, distanceMessage);
export type TrendsRequest = z.infer<typeof TrendsRequest>;

export interface TrendsResponse {
  periods: string[];
  units: {
    id: string;
    gridId: number | null;
    code: string | null;
    name: string | null;
    series: { samples: number; failures: number; z: number | null; pAdjusted: number | null; hot: boolean }[];
    trend: { S: number; z: number; p: number; tau: number } | null;
    class: 'new' | 'intensifying' | 'persistent' | 'diminishing' | 'sporadic' | 'historical' | 'none';
  }[];
  /** Failures per month (playback), in period order. */
  monthly: { month: string; samples: number; failures: number }[];
}

/** POST /api/analysis/samples: the samples behind a grid, hexagon, circle (scan cluster) or the whole filter. */
export const DrillDownRequest = z
  .object({
    filter: ResidueFilter,
    where: z
      .discriminatedUnion('kind', [
        z.object({ kind: z.literal('all') }).strict(),
        z.object({ kind: z.literal('grid'), gridId: z.number().int().positive() }).strict(),
        z
          .object({
            kind: z.literal('circle'),
            centre: z.tuple([z.number().min(-180).max(180), z.number().min(-85.05).max(85.05)]),
            radiusM: z.number().positive().max(200_000),
          })
          .strict(),
        z
          .object({
            kind: z.literal('hexagon'),
            id: z.string().regex(/^-?\d+:-?\d+$/),
            sizeM: z.number().min(100).max(50_000),
          })
          .strict(),
      ])
      .default({ kind: 'all' }),
    onlyFailures: z.boolean().default(false),
    limit: z.number().int().min(1).max(10_000).default(500),
    offset: z.number().int().min(0).default(0),
  })
  .strict();
export type DrillDownRequest = z.infer<typeof DrillDownRequest>;

export interface DrillDownRow {
  id: number;
  code: string;
  kind: string;
  sampledOn: string;
  commodity: string;
  verdict: string;
  failed: boolean;
  lon: number;
  lat: number;
  village: string | null;
  township: string | null;
  subjectCode: string | null;
  subjectName: string | null;
  subjectType: string | null;
  lab: string | null;
  /** Failing or suspected results: "克百威 0.086 > 0.02 (GB 2763-2021)". */
  findings: {
    analyte: string;
    value: number | null;
    limitValue: number | null;
    standard: string | null;
    verdict: string;
  }[];
}

export interface DrillDownResponse {
  total: number;
  rows: DrillDownRow[];
  byAnalyte: { analyte: string; failures: number }[];
  byCommodity: { commodity: string; samples: number; failures: number }[];
  bySubject: { code: string; name: string; samples: number; failures: number }[];
}

/** POST /api/analysis/export.xlsx: any table the client shows, as an Excel workbook. */
export const TableExportRequest = z
  .object({
    title: z.string().trim().min(1).max(31),
    columns: z
      .array(z.object({ key: z.string().min(1).max(80), label: z.string().min(1).max(120) }).strict())
      .min(1)
      .max(100),
    rows: z
      .array(z.record(z.string(), z.union([z.string(), z.number(), z.boolean(), z.null()])))
      .max(100_000),
  })
  .strict();
export type TableExportRequest = z.infer<typeof TableExportRequest>;
