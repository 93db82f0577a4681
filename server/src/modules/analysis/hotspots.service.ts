/**
 * POST /api/analysis/hotspots: a hotspot statistic on the analyst's own FeatureCollection.
 *
 * - geometry: all Points (MultiPoint: its first point) or all Polygons/MultiPolygons, in longitude/latitude;
 *   a mix, lines, or coordinates outside ±180/±85.05 are refused with 422 and the first offending feature.
 * - values: numbers, or strings that are numbers ("3.5"); null/absent → excluded as missing_value, anything else →
 *   excluded as non_numeric. Excluded features get a row with statistic null, in input order.
 * - contiguity (queen/rook) on polygons uses shared vertices; k nearest neighbours and distance bands use centroids
 *   projected to metres.
 */
import { AppError } from '../../http/app-error';
import type { HotspotFeatureResult, HotspotsRequest, HotspotsResponse } from '../../../contracts/analysis';
import { localProjector, planarCentroid } from '../../domain/spatial-stats/projection';
import type { Point, PolygonRings } from '../../domain/spatial-stats/weights';
import { islandWarning, runAnalysis, weightsSpec } from './analysis.service';

type Geo = { type: string; coordinates: unknown } | null;

function bad(index: number, zh: string, en: string, code = 'ANALYSIS_NOT_POSSIBLE' as const): AppError {
  return new AppError(code, [{ path: `body.data.features.${index}.geometry`, index }], { zh, en });
}

const isPosition = (p: unknown): p is [number, number] =>
  Array.isArray(p) &&
  typeof p[0] === 'number' &&
  typeof p[1] === 'number' &&
  Number.isFinite(p[0]) &&
  Number.isFinite(p[1]);

function checkPosition(p: unknown, index: number): [number, number] {
  if (!isPosition(p) || Math.abs(p[0]) > 180 || Math.abs(p[1]) > 85.05)
    throw bad(
      index,
      `第 ${index + 1} 个要素的坐标不是经纬度（EPSG:4326）；请先转换坐标系`,
      `Feature ${index + 1} has coordinates that are not longitude/latitude (EPSG:4326); reproject it first`,
    );
  return [p[0], p[1]];
}

function polygonsOf(g: { type: string; coordinates: unknown }, index: number): [number, number][][][] {
  const polys = (g.type === 'Polygon' ? [g.coordinates] : g.coordinates) as unknown[];
  if (!Array.isArray(polys))
    throw bad(index, `第 ${index + 1} 个要素的几何无效`, `Feature ${index + 1} has an invalid geometry`);
  return polys.map((poly) => {
    if (!Array.isArray(poly) || poly.length === 0)
      throw bad(index, `第 ${index + 1} 个要素的多边形无效`, `Feature ${index + 1} has an invalid polygon`);
    return (poly as unknown[]).map((ring) => {
      if (!Array.isArray(ring) || ring.length < 4)
        throw bad(
          index,
          `第 ${index + 1} 个要素的多边形环少于 4 个点`,
          `Feature ${index + 1} has a polygon ring with fewer than 4 positions`,
        );
      return (ring as unknown[]).map((p) => checkPosition(p, index));
    });
  });
}

export function valueOf(raw: unknown): {
  value: number | null;
  excluded: 'missing_value' | 'non_numeric' | null;
} {
  if (raw === null || raw === undefined || raw === '') return { value: null, excluded: 'missing_value' };
  if (typeof raw === 'number')
    return Number.isFinite(raw) ? { value: raw, excluded: null } : { value: null, excluded: 'non_numeric' };
  if (typeof raw === 'string' && /^\s*[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?\s*$/.test(raw))
    return { value: Number(raw), excluded: null };
  return { value: null, excluded: 'non_numeric' };
}

export function hotspots(request: HotspotsRequest): HotspotsResponse {
  const features = request.data.features;
  const kinds = new Set<string>();
  features.forEach((f, i) => {
    const g = f.geometry as Geo;
    if (!g) return;
    if (g.type === 'Point' || g.type === 'MultiPoint') kinds.add('point');
    else if (g.type === 'Polygon' || g.type === 'MultiPolygon') kinds.add('polygon');
    else
      throw bad(
        i,
        `第 ${i + 1} 个要素是 ${g.type}；只支持点或面`,
        `Feature ${i + 1} is a ${g.type}; only points or polygons can be analysed`,
      );
  });
  if (kinds.size > 1)
    throw new AppError('ANALYSIS_NOT_POSSIBLE', [{ path: 'body.data.features', reason: 'mixed_geometry' }], {
      zh: '要素中既有点又有面；请分别分析点数据和面数据',
      en: 'The features mix points and polygons; analyse points and polygons separately',
    });
  const polygonal = kinds.has('polygon');
  const lonLat: ([number, number][][][] | [number, number] | null)[] = features.map((f, i) => {
    const g = f.geometry as Geo;
    if (!g) return null;
    if (g.type === 'Point') return checkPosition(g.coordinates, i);
    if (g.type === 'MultiPoint') return checkPosition((g.coordinates as unknown[])?.[0], i);
    return polygonsOf(g, i);
  });
  const anchors: Point[] = lonLat.flatMap((g) =>
    g === null ? [] : polygonal ? (g as [number, number][][][]).flat(2).slice(0, 1) : [g as [number, number]],
  );
  const projector = localProjector(anchors.length > 0 ? anchors : [[0, 0]]);
  const polygons: PolygonRings[][] = [];
  const points: Point[] = [];
  const values: (number | null)[] = [];
  const excluded: HotspotFeatureResult['excluded'][] = [];
  features.forEach((f, i) => {
    const g = lonLat[i];
    const v = valueOf(f.properties?.[request.property]);
    if (g === null || g === undefined) {
      polygons.push([]);
      points.push([0, 0]);
      values.push(null);
      excluded.push('no_geometry');
      return;
    }
    if (polygonal) {
      const rings = g as [number, number][][][];
      polygons.push(rings);
      points.push(
        planarCentroid(rings.map((poly) => poly.map((ring) => ring.map((p) => projector.forward(p))))),
      );
    } else {
      polygons.push([]);
      points.push(projector.forward(g as [number, number]));
    }
    values.push(v.value);
    excluded.push(v.excluded);
  });
  const spec = weightsSpec(request);
  const out = runAnalysis({
    method: request.method,
    values,
    polygons: polygonal ? polygons : null,
    points,
    weights: spec,
    style: request.standardization,
    permutations: request.permutations,
    seed: request.seed,
  });
  return {
    method: request.method,
    weights: {
      type: spec.type,
      ...(spec.type === 'knn' ? { k: spec.k } : {}),
      ...(spec.type === 'distance_band' ? { distanceM: spec.distanceM } : {}),
      standardization: request.standardization,
      selfIncluded: request.method === 'gi_star',
    },
    results: out.features.map((r, i) => ({
      index: i,
      value: values[i] ?? null,
      statistic: request.method === 'global_moran' ? null : r.statistic,
      z: request.method === 'global_moran' ? null : r.z,
      p: request.method === 'global_moran' ? null : r.p,
      pAdjusted: request.method === 'global_moran' ? null : r.pAdjusted,
      pseudoP: request.method === 'global_moran' ? null : r.pseudoP,
      class: request.method === 'global_moran' ? null : (r.class as HotspotFeatureResult['class']),
      neighbours: r.neighbours,
      excluded: excluded[i] ?? r.excluded,
    })),
    global: out.global,
    islands: out.islands,
    analysed: out.analysed,
    warnings: [
      ...(out.islands.length > 0 ? [islandWarning(out.islands.length)] : []),
      ...(excluded.some((e) => e !== null)
        ? [
            {
              code: 'EXCLUDED',
              zh: `${excluded.filter((e) => e !== null).length} 个要素缺少数值或几何，未参与分析`,
              en: `${excluded.filter((e) => e !== null).length} feature(s) lack a numeric value or a geometry and were left out`,
            },
          ]
        : []),
    ],
  };
}
