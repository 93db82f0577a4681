/**
 * Residue analyses: builds the analysis units (grids or hexagons) with their counts, then runs the pure statistics
 * of server/src/domain/spatial-stats. Distances are metres in a local transverse Mercator (projection.ts).
 */
import type { Db } from '../../db/engine';
import { AppError } from '../../http/app-error';
import type {
  AreaHotspotsRequest,
  AreaHotspotsResponse,
  AreaUnits,
  DrillDownRequest,
  DrillDownResponse,
  HotspotsResponse,
  RatesRequest,
  RatesResponse,
  ScanRequest,
  ScanResponse,
  TrendsRequest,
  TrendsResponse,
  UnitRate,
} from '../../../contracts/analysis';
import type { ResidueFilter } from '../../../contracts/residue';
import {
  type AnalyseOutput,
  NotAnalysable,
  type WeightsSpec,
  analyse,
} from '../../domain/spatial-stats/analyse';
import { hexCentre, hexNeighbours, hexOf, hexRing } from '../../domain/spatial-stats/hexbin';
import { type Projector, localProjector } from '../../domain/spatial-stats/projection';
import { empiricalBayes, wilson } from '../../domain/spatial-stats/rates';
import { bernoulliScan } from '../../domain/spatial-stats/scan';
import { giStarCounts } from '../../domain/spatial-stats/gi-star';
import { classifyTrend } from '../../domain/spatial-stats/trend';
import {
  contiguityNeighbours,
  distanceBandNeighbours,
  knnNeighbours,
  makeWeights,
  type Point,
  type PolygonRings,
} from '../../domain/spatial-stats/weights';
import { countsByGrid, drillDown, gridStamp, gridUnits, samplePoints } from './analysis.repository';

interface Unit {
  id: string;
  gridId: number | null;
  code: string | null;
  name: string | null;
  /** Longitude/latitude geometry for responses. */
  geometry: unknown;
  /** Planar rings (for contiguity) and planar centroid. */
  rings: PolygonRings[] | null;
  centre: Point;
  samples: number;
  failures: number;
  /** Hexagon axial coordinates (neighbours are known without geometry). */
  hex?: [number, number];
}

function notAnalysable(error: NotAnalysable): AppError {
  const zh: Record<NotAnalysable['reason'], string> = {
    too_few_features: '可分析的要素少于 3 个（缺少数值或样品），无法计算',
    needs_polygons: '邻接（queen/rook）权重需要面要素；点数据请用 k 近邻或距离带',
    constant_values: '所有要素的数值都相同，没有空间差异可分析',
    bad_parameter: '参数不适用于这些数据',
  };
  return new AppError('ANALYSIS_NOT_POSSIBLE', [{ reason: error.reason, message: error.message }], {
    zh: `${zh[error.reason]}（${error.message}）`,
    en: `The data cannot be analysed as asked: ${error.message}`,
  });
}

/** Runs analyse() turning its refusals into 422 errors. */
export function runAnalysis(input: Parameters<typeof analyse>[0]): AnalyseOutput {
  try {
    return analyse(input);
  } catch (error) {
    if (error instanceof NotAnalysable) throw notAnalysable(error);
    if (error instanceof RangeError)
      throw new AppError('ANALYSIS_NOT_POSSIBLE', [{ reason: 'bad_parameter', message: error.message }], {
        zh: `参数不适用于这些数据：${error.message}`,
        en: `The parameters do not fit the data: ${error.message}`,
      });
    throw error;
  }
}

export function weightsSpec(r: { weights: string; k: number; distance?: number | undefined }): WeightsSpec {
  if (r.weights === 'knn') return { type: 'knn', k: r.k };
  if (r.weights === 'distance_band') return { type: 'distance_band', distanceM: r.distance as number };
  return { type: r.weights as 'queen' | 'rook' };
}

/**
 * Grids (with boundaries, centroids and, per weights spec, neighbour lists) change rarely and cost most of a
 * hotspot request on 10,000 villages: they are cached per database, keyed on grid_unit's layer_version stamp, so
 * any grid edit (in any process) invalidates them.
 */
interface GridCache {
  stamp: string;
  grids: Map<string, Awaited<ReturnType<typeof gridUnits>>>;
  neighbours: Map<string, number[][]>;
}
const gridCaches = new WeakMap<object, GridCache>();

async function cachedGrids(owner: object, db: Db, level: 'village' | 'township', scope: number | undefined) {
  const stamp = await gridStamp(db);
  let cache = gridCaches.get(owner);
  if (!cache || cache.stamp !== stamp) {
    cache = { stamp, grids: new Map(), neighbours: new Map() };
    gridCaches.set(owner, cache);
  }
  const key = `${level}|${scope ?? ''}`;
  let grids = cache.grids.get(key);
  if (!grids) {
    grids = await gridUnits(db, level, scope);
    if (cache.grids.size > 16) cache.grids.clear();
    cache.grids.set(key, grids);
  }
  return { grids, cache, key };
}

/** Grid or hexagon units with their sample and failure counts under the filter. */
async function buildUnits(
  db: Db,
  filter: ResidueFilter,
  units: AreaUnits,
  owner: object = db,
): Promise<{
  units: Unit[];
  projector: Projector;
  neighbourCache: Map<string, number[][]> | null;
  cacheKey: string;
}> {
  if (units.kind === 'grid') {
    const [{ grids, cache, key }, counts] = await Promise.all([
      cachedGrids(owner, db, units.level, filter.gridId),
      countsByGrid(db, filter, units.level),
    ]);
    const projector = localProjector(grids.map((g) => [g.lon, g.lat] as Point));
    const byGrid = new Map(counts.map((c) => [c.gridId, c]));
    return {
      projector,
      neighbourCache: cache.neighbours,
      cacheKey: key,
      units: grids.map((g) => ({
        id: String(g.id),
        gridId: g.id,
        code: g.code,
        name: g.name,
        geometry: g.geometry,
        rings: g.geometry.coordinates as unknown as PolygonRings[],
        centre: projector.forward([g.lon, g.lat]),
        samples: byGrid.get(g.id)?.samples ?? 0,
        failures: byGrid.get(g.id)?.failures ?? 0,
      })),
    };
  }
  const points = await samplePoints(db, filter);
  const projector = localProjector(points.map((p) => [p.lon, p.lat] as Point));
  const cells = new Map<string, Unit>();
  for (const p of points) {
    const { q, r } = hexOf(projector.forward([p.lon, p.lat]), units.sizeM);
    const id = `${q}:${r}`;
    let cell = cells.get(id);
    if (!cell) {
      const ring = hexRing(q, r, units.sizeM);
      cell = {
        id,
        gridId: null,
        code: null,
        name: null,
        geometry: {
          type: 'Polygon',
          coordinates: [ring.map((xy) => projector.inverse(xy).map((v) => Number(v.toFixed(7))))],
        },
        rings: [[ring]],
        centre: hexCentre(q, r, units.sizeM),
        samples: 0,
        failures: 0,
        hex: [q, r],
      };
      cells.set(id, cell);
    }
    cell.samples++;
    if (p.failed) cell.failures++;
  }
  return {
    projector,
    neighbourCache: null,
    cacheKey: '',
    units: [...cells.values()].sort((a, b) => (a.id < b.id ? -1 : 1)),
  };
}

function rateOf(u: Unit, eb: number | null, minSamples: number, confidence: number): UnitRate {
  return {
    id: u.id,
    gridId: u.gridId,
    code: u.code,
    name: u.name,
    samples: u.samples,
    failures: u.failures,
    rate: u.samples > 0 ? u.failures / u.samples : null,
    ebRate: eb,
    failInterval: wilson(u.failures, u.samples, confidence),
    passRate: u.samples > 0 ? 1 - u.failures / u.samples : null,
    passInterval: wilson(u.samples - u.failures, u.samples, confidence),
    insufficient: u.samples < minSamples,
  };
}

export async function rates(db: Db, request: RatesRequest): Promise<RatesResponse> {
  const { units } = await db.transaction((tx) => buildUnits(tx as Db, request.filter, request.units, db), {
    readOnly: true,
  });
  const eb = empiricalBayes(units);
  const samples = units.reduce((s, u) => s + u.samples, 0);
  const failures = units.reduce((s, u) => s + u.failures, 0);
  const features = units.map((u, i) => ({
    type: 'Feature' as const,
    id: u.id,
    geometry: request.geometry ? u.geometry : null,
    properties: rateOf(u, eb.smoothed[i] ?? null, request.minSamples, request.confidence),
  }));
  return {
    type: 'FeatureCollection',
    features,
    summary: {
      samples,
      failures,
      rate: samples > 0 ? failures / samples : null,
      failInterval: wilson(failures, samples, request.confidence),
      prior: Number.isFinite(eb.prior) ? eb.prior : null,
      minSamples: request.minSamples,
      units: units.length,
      insufficientUnits: features.filter((f) => f.properties.insufficient).length,
    },
  };
}

export async function areaHotspots(db: Db, request: AreaHotspotsRequest): Promise<AreaHotspotsResponse> {
  const { units, neighbourCache, cacheKey } = await db.transaction(
    (tx) => buildUnits(tx as Db, request.filter, request.units, db),
    { readOnly: true },
  );
  const eb = empiricalBayes(units);
  const byCounts = request.value === 'counts' && request.method === 'gi_star';
  const values = units.map((u, i) =>
    u.samples < request.minSamples || u.samples === 0
      ? null
      : request.value === 'rate'
        ? u.failures / u.samples
        : (eb.smoothed[i] ?? null),
  );
  const spec = weightsSpec(request);
  let rows: {
    statistic: number | null;
    z: number | null;
    p: number | null;
    pAdjusted: number | null;
    pseudoP: number | null;
    class: unknown;
    neighbours: number;
    excluded: 'missing_value' | 'island' | null;
  }[];
  let global: AreaHotspotsResponse['global'] = null;
  let islandIds: number[] = [];
  if (byCounts) {
    const specKey = `${cacheKey}|${JSON.stringify(spec)}`;
    let neighbours = neighbourCache?.get(specKey);
    if (!neighbours) {
      try {
        neighbours = neighboursOf(units, spec);
      } catch (error) {
        if (error instanceof RangeError)
          throw notAnalysable(new NotAnalysable('bad_parameter', error.message));
        throw error;
      }
      neighbourCache?.set(specKey, neighbours);
    }
    const nb = neighbours;
    const { results } = giStarCounts(
      units.map((u) => u.samples),
      units.map((u) => u.failures),
      makeWeights(neighbours, request.standardization, true),
      request.minSamples,
    );
    islandIds = nb.flatMap((list, i) => (list.length === 0 ? [i] : []));
    rows = results.map((r, i) => ({
      statistic: r.statistic,
      z: r.z,
      p: r.p,
      pAdjusted: r.q,
      pseudoP: null,
      class: r.class,
      neighbours: nb[i]!.length,
      excluded: nb[i]!.length === 0 ? 'island' : r.z === null ? 'missing_value' : null,
    }));
  } else {
    const out = runAnalysis({
      method: request.method,
      values,
      polygons: units.map((u) => u.rings ?? []),
      points: units.map((u) => u.centre),
      weights: spec,
      style: request.standardization,
      permutations: request.permutations,
      seed: request.seed,
    });
    rows = out.features;
    global = out.global;
    islandIds = out.islands;
  }
  return {
    type: 'FeatureCollection',
    features: units.map((u, i) => {
      const r = rows[i]!;
      return {
        type: 'Feature' as const,
        id: u.id,
        geometry: request.geometry ? u.geometry : null,
        properties: {
          ...rateOf(u, eb.smoothed[i] ?? null, request.minSamples, 0.95),
          value: byCounts ? (u.samples > 0 ? u.failures / u.samples : null) : (values[i] ?? null),
          statistic: r.statistic,
          z: r.z,
          p: r.p,
          pAdjusted: r.pAdjusted,
          pseudoP: r.pseudoP,
          class: (request.method === 'global_moran' ? null : r.class) as never,
          neighbours: r.neighbours,
          excluded: r.excluded,
        },
      };
    }),
    global,
    islands: islandIds.map((i) => units[i]!.id),
    warnings: islandIds.length > 0 ? [islandWarning(islandIds.length)] : [],
  };
}

export function islandWarning(count: number) {
  return {
    code: 'ISLANDS',
    zh: `${count} 个要素在所选权重下没有邻居，未计算其局部统计量`,
    en: `${count} feature(s) have no neighbours under these weights and get no local statistic`,
  };
}

const circle = (proj: Projector, [x, y]: Point, r: number) => {
  const ring: [number, number][] = [];
  for (let k = 0; k <= 64; k++) {
    const a = (2 * Math.PI * (k % 64)) / 64;
    const [lon, lat] = proj.inverse([x + r * Math.cos(a), y + r * Math.sin(a)]);
    ring.push([Number(lon.toFixed(7)), Number(lat.toFixed(7))]);
  }
  return { type: 'Polygon', coordinates: [ring] };
};

export const MAX_SCAN_PLACES = 4000;

export async function scan(db: Db, request: ScanRequest): Promise<ScanResponse> {
  const points = await db.transaction((tx) => samplePoints(tx, request.filter), { readOnly: true });
  const projector = localProjector(points.map((p) => [p.lon, p.lat] as Point));
  const places = new Map<string, { sx: number; sy: number; samples: number; cases: number }>();
  for (const p of points) {
    const [x, y] = projector.forward([p.lon, p.lat]);
    const key =
      request.aggregateM > 0
        ? `${Math.round(x / request.aggregateM)}:${Math.round(y / request.aggregateM)}`
        : `${x}:${y}`;
    const place = places.get(key) ?? { sx: 0, sy: 0, samples: 0, cases: 0 };
    place.sx += x;
    place.sy += y;
    place.samples++;
    if (p.failed) place.cases++;
    places.set(key, place);
  }
  const locations = [...places.values()].map((p) => ({
    point: [p.sx / p.samples, p.sy / p.samples] as Point,
    samples: p.samples,
    cases: p.cases,
  }));
  if (locations.length > MAX_SCAN_PLACES)
    throw new AppError(
      'ANALYSIS_TOO_LARGE',
      [{ path: 'body.aggregateM', places: locations.length, max: MAX_SCAN_PLACES }],
      {
        zh: `采样地点过多（${locations.length} 个，上限 ${MAX_SCAN_PLACES}）；请加大 aggregateM 或缩小筛选范围`,
        en: `Too many sampling places (${locations.length}, at most ${MAX_SCAN_PLACES}); raise aggregateM or narrow the filter`,
      },
    );
  const result = bernoulliScan(locations, {
    maxShare: request.maxShare,
    ...(request.maxRadiusM === undefined ? {} : { maxRadiusM: request.maxRadiusM }),
    replications: request.replications,
    seed: request.seed,
    maxClusters: request.maxClusters,
  });
  return {
    type: 'FeatureCollection',
    features: result.clusters.map((c, i) => {
      const centre = locations[c.centre]!.point;
      const [lon, lat] = projector.inverse(centre);
      return {
        type: 'Feature' as const,
        id: i + 1,
        geometry: circle(projector, centre, Math.max(c.radiusM, 50)),
        properties: {
          rank: i + 1,
          centre: [Number(lon.toFixed(7)), Number(lat.toFixed(7))] as [number, number],
          radiusM: c.radiusM,
          samples: c.samples,
          failures: c.cases,
          expected: c.expected,
          relativeRisk: c.relativeRisk,
          llr: c.llr,
          p: c.p,
          places: c.members.length,
        },
      };
    }),
    totals: {
      samples: result.totalSamples,
      failures: result.totalCases,
      places: locations.length,
      windows: result.windows,
      replications: result.replications,
    },
  };
}

function periodOf(month: string, period: 'month' | 'quarter' | 'year'): string {
  if (period === 'month') return month;
  if (period === 'year') return month.slice(0, 4);
  return `${month.slice(0, 4)}-Q${Math.floor((Number(month.slice(5, 7)) - 1) / 3) + 1}`;
}

function neighboursOf(units: readonly Unit[], spec: WeightsSpec): number[][] {
  if (spec.type === 'queen' || spec.type === 'rook') {
    if (units.every((u) => u.hex)) {
      const index = new Map(units.map((u, i) => [u.id, i]));
      return units.map((u) =>
        hexNeighbours(...(u.hex as [number, number]))
          .map(([q, r]) => index.get(`${q}:${r}`))
          .filter((i): i is number => i !== undefined)
          .sort((a, b) => a - b),
      );
    }
    return contiguityNeighbours(
      units.map((u) => u.rings ?? []),
      spec.type,
    );
  }
  if (spec.type === 'knn')
    return knnNeighbours(
      units.map((u) => u.centre),
      spec.k,
    );
  return distanceBandNeighbours(
    units.map((u) => u.centre),
    (spec as { distanceM: number }).distanceM,
  );
}

export async function trends(db: Db, request: TrendsRequest): Promise<TrendsResponse> {
  const { units, points } = await db.transaction(
    async (tx) => {
      const built = await buildUnits(tx as Db, request.filter, request.units, db);
      return { ...built, points: await samplePoints(tx, request.filter) };
    },
    { readOnly: true },
  );
  const periods = [...new Set(points.map((p) => periodOf(p.month, request.period)))].sort();
  const months = [...new Set(points.map((p) => p.month))].sort();
  const periodIndex = new Map(periods.map((p, i) => [p, i]));
  const unitIndex = new Map(units.map((u, i) => [u.id, i]));
  const counts = units.map(() => periods.map(() => ({ samples: 0, failures: 0 })));
  const projector =
    request.units.kind === 'hexagon' ? localProjector(points.map((p) => [p.lon, p.lat] as Point)) : null;
  for (const p of points) {
    let id: string | undefined;
    if (request.units.kind === 'grid') id = String(request.units.level === 'village' ? p.gridId : p.parentId);
    else {
      const { q, r } = hexOf(projector!.forward([p.lon, p.lat]), request.units.sizeM);
      id = `${q}:${r}`;
    }
    const u = unitIndex.get(id);
    const t = periodIndex.get(periodOf(p.month, request.period));
    if (u === undefined || t === undefined) continue;
    counts[u]![t]!.samples++;
    if (p.failed) counts[u]![t]!.failures++;
  }
  const spec = weightsSpec(request);
  let neighbours: number[][];
  try {
    neighbours = neighboursOf(units, spec);
  } catch (error) {
    if (error instanceof RangeError) throw notAnalysable(new NotAnalysable('bad_parameter', error.message));
    throw error;
  }
  const weights = makeWeights(neighbours, request.standardization, true);
  const perPeriod = periods.map(
    (_, t) =>
      giStarCounts(
        units.map((_, u) => counts[u]![t]!.samples),
        units.map((_, u) => counts[u]![t]!.failures),
        weights,
      ).results,
  );
  return {
    periods,
    units: units.map((u, i) => {
      const series = periods.map((_, t) => {
        const r = perPeriod[t]![i]!;
        const c = counts[i]![t]!;
        return {
          samples: c.samples,
          failures: c.failures,
          z: r.z,
          pAdjusted: r.q,
          hot: r.z !== null && r.z > 0 && r.q !== null && r.q <= request.alpha,
        };
      });
      const t = classifyTrend(
        series.map((s) => ({ z: s.z, q: s.pAdjusted })),
        request.alpha,
      );
      return {
        id: u.id,
        gridId: u.gridId,
        code: u.code,
        name: u.name,
        series,
        trend: t.trend ? { S: t.trend.S, z: t.trend.z, p: t.trend.p, tau: t.trend.tau } : null,
        class: t.class,
      };
    }),
    monthly: months.map((month) => {
      const inMonth = points.filter((p) => p.month === month);
      return { month, samples: inMonth.length, failures: inMonth.filter((p) => p.failed).length };
    }),
  };
}

export async function drill(db: Db, request: DrillDownRequest): Promise<DrillDownResponse> {
  const w = request.where;
  let where: Parameters<typeof drillDown>[2];
  if (w.kind === 'hexagon') {
    const points = await samplePoints(db, request.filter);
    const projector = localProjector(points.map((p) => [p.lon, p.lat] as Point));
    const [q, r] = w.id.split(':').map(Number) as [number, number];
    const ring = hexRing(q, r, w.sizeM).map((xy) => projector.inverse(xy));
    where = { kind: 'polygon', geometry: { type: 'Polygon', coordinates: [ring] } };
  } else where = w;
  return db.transaction(
    (tx) => drillDown(tx, request.filter, where, request.onlyFailures, request.limit, request.offset),
    {
      readOnly: true,
    },
  );
}

export type { HotspotsResponse };
