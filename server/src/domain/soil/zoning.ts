/**
 * From soil samples to farmland-class zones (pure; the service clips and stores them with PostGIS):
 *
 * 1. project samples and the area onto a local Gauss-Krüger plane (metres) and lay a grid of cells over the area;
 * 2. interpolate the chosen variable — the metal's concentration, or its exceedance ratio (value ÷ the sample's own
 *    screening value) — by IDW or ordinary kriging at every cell of the domain, with leave-one-out cross-validation;
 * 3. interpolate pH by IDW (power 2, 12 neighbours) and take each cell's land use from the nearest sample (or one land
 *    use for the whole area), which select the cell's screening and intervention values from the standard table;
 * 4. classify each cell through g = r for r ≤ 1 and g = 1 + (r − 1)/(I/S − 1) above (r = value ÷ screening value,
 *    I/S = intervention ÷ screening value at the cell): g ≤ 1 优先保护, 1 < g ≤ 2 安全利用, g > 2 严格管控. g is
 *    continuous where pH and land use are, so zone boundaries are contours of one surface, at levels 1 and 2;
 *    metals without an intervention value cap g below 2;
 * 5. probability of exceeding the screening and intervention values from ordinary kriging of ln(value) with an
 *    auto-fitted variogram (log-normal model), whatever the method of step 2 — see docs/soil.md;
 * 6. suggest new sampling locations where the class is most uncertain.
 */
import type { LandUse, SoilMetal } from '../../../contracts/enums';
import { LAND_USES } from '../../../contracts/enums';
import { superlevelPolygons } from '../geostats/contour';
import { type AreaGrid, type GridSpec, type Polygon, cellCentre, gridOverArea } from '../geostats/grid';
import type { Samples } from '../geostats/idw';
import { idwPredict } from '../geostats/idw';
import { type Interpolation, type Method, type VariogramReport, interpolate } from '../geostats/interpolate';
import { NeighbourIndex } from '../geostats/neighbours';
import { exceedanceProbability } from '../geostats/probability';
import { type LocalProjection, localProjection } from '../geostats/projection';
import type { Failure } from '../geostats/result';
import { suggestSamplingCells } from '../geostats/sampling-design';
import { SOIL_REASONS, type SoilClass, type SoilFailure, checkPh } from './classify';
import { type StandardTable, findValue } from './standards';

export type ZoningVariable = 'concentration' | 'ratio';

export interface ZoningSample {
  lon: number;
  lat: number;
  value: number;
  ph: number;
  landUse: LandUse;
}

export interface ZoningInput {
  samples: ZoningSample[];
  metal: SoilMetal;
  variable: ZoningVariable;
  method: Method;
  /** The area, as GeoJSON MultiPolygon coordinates in longitude/latitude. */
  area: number[][][][];
  cellSize: number;
  landUse: 'nearest' | LandUse;
  standards: StandardTable;
  suggestions: { count: number; minSpacing: number };
  maxCells: number;
}

export interface ZoningSuggestion {
  lon: number;
  lat: number;
  entropy: number;
  pScreening: number;
  pIntervention: number;
  predicted: number;
  class: SoilClass;
  nearestSampleM: number;
}

export interface ZoningOutput {
  projection: string;
  grid: GridSpec;
  /** Cells whose centre is inside the area (the surfaces below are meaningful there). */
  insideCells: Int32Array;
  surfaces: {
    prediction: Float64Array;
    variance: Float64Array | null;
    ph: Float64Array;
    screening: Float64Array;
    intervention: Float64Array;
    pScreening: Float64Array | null;
    pIntervention: Float64Array | null;
    /** 0 priority, 1 safe utilisation, 2 strict control, −1 no prediction. */
    classIndex: Int8Array;
  };
  /** Superlevel sets in longitude/latitude: where there is a prediction, g ≥ 1 and g ≥ 2 (null: everywhere). */
  contours: { data: Polygon[] | null; screening: Polygon[]; intervention: Polygon[] };
  interpolation: Interpolation;
  /** The interpolated variable at each sample (concentration, or ratio to the sample's screening value). */
  observed: Float64Array;
  logVariogram: VariogramReport | null;
  suggestions: ZoningSuggestion[];
  cellCounts: Record<SoilClass | 'no_data', number>;
  warnings: string[];
}

export const CLASS_BY_INDEX: readonly SoilClass[] = [
  'priority_protection',
  'safe_utilisation',
  'strict_control',
];
const PH_IDW = { power: 2, maxNeighbors: 12 } as const;

type Thresholds = (landUse: LandUse, ph: number) => { s: number; i: number } | null;

function thresholdsOf(input: ZoningInput): Thresholds {
  const cache = new Map<string, { s: number; i: number } | null>();
  return (landUse, ph) => {
    const s = findValue(input.standards, input.metal, 'screening', landUse, ph);
    if (!s) return null;
    const key = `${landUse}:${s.id}`;
    if (!cache.has(key)) {
      const i = findValue(input.standards, input.metal, 'intervention', landUse, ph);
      cache.set(key, { s: s.valueMgkg, i: i?.valueMgkg ?? NaN });
    }
    return cache.get(key)!;
  };
}

function checkInput(input: ZoningInput, limits: Thresholds): SoilFailure | null {
  for (const [index, s] of input.samples.entries()) {
    const ph = checkPh(s.ph);
    if (ph) return { ...ph, detail: { ...ph.detail, index } };
    if (!(s.value >= 0))
      return { ok: false, reason: SOIL_REASONS.NEGATIVE_CONCENTRATION, detail: { index, value: s.value } };
  }
  const landUses =
    input.landUse === 'nearest' ? [...new Set(input.samples.map((s) => s.landUse))] : [input.landUse];
  for (const landUse of landUses) {
    for (const ph of [0, 5.5, 6.5, 7.5, 14]) {
      if (!limits(landUse, ph))
        return {
          ok: false,
          reason: SOIL_REASONS.NO_STANDARD_VALUE,
          detail: { metal: input.metal, landUse, ph },
        };
    }
  }
  return null;
}

/** g of step 4. */
export function classField(r: number, screening: number, intervention: number): number {
  if (!Number.isFinite(r)) return NaN;
  if (r <= 1) return r;
  if (!Number.isFinite(intervention)) return Math.min(1.5, r);
  return 1 + (r - 1) / (intervention / screening - 1);
}

export const classIndexOf = (g: number): number => (Number.isNaN(g) ? -1 : g <= 1 ? 0 : g <= 2 ? 1 : 2);

function toLonLat(projection: LocalProjection, polygons: Polygon[]): Polygon[] {
  const round = (v: number) => Math.round(v * 1e8) / 1e8;
  return polygons.map((polygon) =>
    polygon.map((ring) =>
      ring.map(([x, y]) => {
        const [lon, lat] = projection.inverse(x, y);
        return [round(lon), round(lat)] as [number, number];
      }),
    ),
  );
}

const cellsWhere = (mask: Uint8Array): Int32Array => {
  const out: number[] = [];
  mask.forEach((v, k) => {
    if (v) out.push(k);
  });
  return Int32Array.from(out);
};

interface Prepared {
  projection: LocalProjection;
  samples: Samples;
  area: AreaGrid;
  domainCells: Int32Array;
}

function prepare(input: ZoningInput, limits: Thresholds): Prepared | Failure | SoilFailure {
  const positions = [
    ...input.samples.map((s) => [s.lon, s.lat] as [number, number]),
    ...input.area.flatMap((p) => p[0] ?? []).map(([lon, lat]) => [lon!, lat!] as [number, number]),
  ];
  const projected = localProjection(positions);
  if (!projected.ok) return projected;
  const projection = projected.value;
  const xs = new Float64Array(input.samples.length);
  const ys = new Float64Array(input.samples.length);
  const zs = new Float64Array(input.samples.length);
  for (const [k, s] of input.samples.entries()) {
    [xs[k], ys[k]] = projection.forward(s.lon, s.lat);
    if (input.variable === 'concentration') zs[k] = s.value;
    else zs[k] = s.value / limits(s.landUse, s.ph)!.s;
  }
  const polygons: Polygon[] = input.area.map((p) =>
    p.map((ring) => ring.map(([lon, lat]) => projection.forward(lon!, lat!))),
  );
  const area = gridOverArea(polygons, input.cellSize, input.maxCells);
  if (!area.ok) return area;
  const domainCells = cellsWhere(area.value.domain);
  return { projection, samples: { x: xs, y: ys, z: zs }, area: area.value, domainCells };
}

function logKriging(samples: Samples, method: Method, tx: Float64Array, ty: Float64Array) {
  let minPositive = Infinity;
  for (const z of samples.z) if (z > 0) minPositive = Math.min(minPositive, z);
  if (!Number.isFinite(minPositive)) return null;
  const floor = minPositive / 2;
  const logSamples = { ...samples, z: samples.z.map((z) => Math.log(Math.max(z, floor))) };
  const result = interpolate(logSamples, tx, ty, {
    kind: 'kriging',
    variogram: 'auto',
    maxNeighbors: method.maxNeighbors,
    maxDistance: method.maxDistance,
  });
  return result.ok ? result.value : null;
}

export function zoneSurface(input: ZoningInput): { ok: true; value: ZoningOutput } | Failure | SoilFailure {
  const limits = thresholdsOf(input);
  const problem = checkInput(input, limits);
  if (problem) return problem;
  const prepared = prepare(input, limits);
  if (!('projection' in prepared)) return prepared;
  const { projection, samples, area, domainCells } = prepared;
  const { grid } = area;
  const size = grid.nx * grid.ny;
  const tx = new Float64Array(domainCells.length);
  const ty = new Float64Array(domainCells.length);
  domainCells.forEach((cell, k) => ([tx[k], ty[k]] = cellCentre(grid, cell)));

  const interpolation = interpolate(samples, tx, ty, input.method);
  if (!interpolation.ok) return interpolation;
  const phSamples = { ...samples, z: Float64Array.from(input.samples, (s) => s.ph) };
  const phs = idwPredict(phSamples, tx, ty, PH_IDW);
  const index = new NeighbourIndex(samples.x, samples.y);
  const log = logKriging(samples, input.method, tx, ty);
  const warnings: string[] = log ? [] : ['PROBABILITY_UNAVAILABLE'];

  const full = () => new Float64Array(size).fill(NaN);
  const s = {
    prediction: full(),
    variance: interpolation.value.variance ? full() : null,
    ph: full(),
    screening: full(),
    intervention: full(),
    pScreening: log ? full() : null,
    pIntervention: log ? full() : null,
    classIndex: new Int8Array(size).fill(-1),
  };
  const g = full();
  const hasData = full();
  domainCells.forEach((cell, k) => {
    const p = interpolation.value.value[k]!;
    const landUse =
      input.landUse === 'nearest'
        ? input.samples[index.find(tx[k]!, ty[k]!, { maxNeighbors: 1 })[0]!]!.landUse
        : input.landUse;
    const t = limits(landUse, phs[k]!)!;
    s.prediction[cell] = p;
    if (s.variance) s.variance[cell] = interpolation.value.variance![k]!;
    s.ph[cell] = phs[k]!;
    s.screening[cell] = t.s;
    s.intervention[cell] = t.i;
    const r = input.variable === 'concentration' ? p / t.s : p;
    g[cell] = classField(r, t.s, t.i);
    hasData[cell] = Number.isFinite(p) ? 1 : 0;
    s.classIndex[cell] = classIndexOf(g[cell]!);
    if (log) {
      const scale = input.variable === 'concentration' ? 1 : 1 / t.s;
      s.pScreening![cell] = exceedanceProbability(log.value[k]!, log.variance![k]!, t.s * scale);
      s.pIntervention![cell] = Number.isFinite(t.i)
        ? exceedanceProbability(log.value[k]!, log.variance![k]!, t.i * scale)
        : 0;
    }
  });

  const insideCells = cellsWhere(area.inside);
  const cellCounts = { priority_protection: 0, safe_utilisation: 0, strict_control: 0, no_data: 0 };
  for (const cell of insideCells) {
    const c = s.classIndex[cell]!;
    if (c < 0) cellCounts.no_data++;
    else cellCounts[CLASS_BY_INDEX[c]!]++;
  }
  const contours = {
    data:
      cellCounts.no_data > 0 || hasData.some((v) => v === 0)
        ? toLonLat(projection, superlevelPolygons(grid, hasData, 0.5))
        : null,
    screening: toLonLat(projection, superlevelPolygons(grid, g, 1)),
    intervention: toLonLat(projection, superlevelPolygons(grid, g, 2)),
  };
  const suggestions = s.pScreening
    ? suggestSamplingCells(
        insideCells,
        (c) => cellCentre(grid, c),
        s.pScreening,
        s.pIntervention!,
        input.suggestions,
      ).map((x) => {
        const [cx, cy] = cellCentre(grid, x.cell);
        const [lon, lat] = projection.inverse(cx, cy);
        const nearest = index.find(cx, cy, { maxNeighbors: 1 })[0]!;
        return {
          lon: Math.round(lon * 1e7) / 1e7,
          lat: Math.round(lat * 1e7) / 1e7,
          entropy: x.entropy,
          pScreening: x.pScreening,
          pIntervention: x.pIntervention,
          predicted: s.prediction[x.cell]!,
          class: CLASS_BY_INDEX[Math.max(0, s.classIndex[x.cell]!)]!,
          nearestSampleM: Math.hypot(samples.x[nearest]! - cx, samples.y[nearest]! - cy),
        };
      })
    : [];
  return {
    ok: true,
    value: {
      projection: projection.definition,
      grid,
      insideCells,
      surfaces: s,
      contours,
      interpolation: interpolation.value,
      observed: samples.z,
      logVariogram: log?.variogram ?? null,
      suggestions,
      cellCounts,
      warnings,
    },
  };
}

export { LAND_USES };
