/**
 * POST /api/analysis/interpolate on the analyst's own points: read the property, project everything onto a local
 * Gauss-Krüger plane (metres), interpolate at the targets or at the cells of a grid over the boundary, and return
 * predictions in input order with the variogram and the leave-one-out figures. Nothing is stored.
 */
import type { InterpolateRequest, InterpolateResponse, InterpolatedPoint } from '../../../contracts/soil';
import { cellCentre, gridOverArea, type Polygon } from '../../domain/geostats/grid';
import { type Method, interpolate } from '../../domain/geostats/interpolate';
import { localProjection } from '../../domain/geostats/projection';
import { AppError } from '../../http/app-error';
import { type Locator, toAppError } from './soil-errors';
import { crossValidationView, variogramView } from './soil-views';

const MAX_CELLS = 500_000;

function bad(path: string, zh: string, en: string, code = 'invalid'): AppError {
  return new AppError('VALIDATION_FAILED', [{ path, message: en, code }], { zh, en });
}

/** The property of every point as a number, or a 400 naming the first point that has none. */
function readValues(r: InterpolateRequest): Float64Array {
  const isPh = r.property.toLowerCase() === 'ph';
  return Float64Array.from(r.points.features, (f, i) => {
    const path = `body.points.features.${i}.properties.${r.property}`;
    const raw = f.properties?.[r.property];
    const v =
      typeof raw === 'number' ? raw : typeof raw === 'string' && raw.trim() !== '' ? Number(raw) : NaN;
    if (!Number.isFinite(v))
      throw bad(
        path,
        `第 ${i + 1} 个点的属性「${r.property}」不是数值`,
        `point ${i + 1} has no numeric ${r.property}`,
        'not_numeric',
      );
    if (isPh && (v < 0 || v > 14))
      throw bad(
        path,
        `第 ${i + 1} 个点的 pH 值 ${v} 超出 0–14`,
        `point ${i + 1}: pH ${v} is outside 0–14`,
        'ph_range',
      );
    if (!isPh && v < 0)
      throw bad(
        path,
        `第 ${i + 1} 个点的含量为负数（${v}）`,
        `point ${i + 1} has a negative concentration (${v})`,
        'negative',
      );
    return v;
  });
}

function toMethod(r: InterpolateRequest): Method {
  if (r.method === 'idw')
    return { kind: 'idw', power: r.power, maxNeighbors: r.maxNeighbors, maxDistance: r.maxDistance };
  return {
    kind: 'kriging',
    variogram: r.variogram,
    maxNeighbors: r.maxNeighbors,
    maxDistance: r.maxDistance,
    cutoff: r.cutoff,
    width: r.width,
  };
}

const finite = (v: number | undefined): number | null => (v !== undefined && Number.isFinite(v) ? v : null);

export function interpolatePoints(r: InterpolateRequest): InterpolateResponse {
  const values = readValues(r);
  const boundary: Polygon[] | null = r.grid
    ? r.grid.boundary.type === 'Polygon'
      ? [r.grid.boundary.coordinates as Polygon]
      : (r.grid.boundary.coordinates as Polygon[])
    : null;
  const positions = [
    ...r.points.features.map((f) => f.geometry.coordinates as [number, number]),
    ...(r.targets?.features.map((f) => f.geometry.coordinates as [number, number]) ?? []),
    ...(boundary?.flatMap((p) => p[0] ?? []) ?? []),
  ];
  const where: Locator = {
    pointPath: (i) => `body.points.features.${i}`,
    pointName: (i) =>
      `#${i + 1}${r.points.features[i]?.id === undefined ? '' : ` (${String(r.points.features[i]!.id)})`}`,
  };
  const projected = localProjection(positions);
  if (!projected.ok) throw toAppError(projected, where);
  const proj = projected.value;
  where.toLonLat = (x, y) => proj.inverse(x, y);
  const xs = new Float64Array(values.length);
  const ys = new Float64Array(values.length);
  r.points.features.forEach(
    (f, i) => ([xs[i], ys[i]] = proj.forward(f.geometry.coordinates[0], f.geometry.coordinates[1])),
  );

  let tx: Float64Array;
  let ty: Float64Array;
  let cells: number[] = [];
  let grid: InterpolateResponse['grid'];
  if (boundary) {
    const polygons = boundary.map((p) => p.map((ring) => ring.map(([lon, lat]) => proj.forward(lon!, lat!))));
    const area = gridOverArea(polygons, r.grid!.cellSize, MAX_CELLS);
    if (!area.ok) throw toAppError(area, where);
    area.value.inside.forEach((v, k) => {
      if (v) cells.push(k);
    });
    if (cells.length === 0)
      throw bad(
        'body.grid.cellSize',
        '网格单元太大：边界内没有任何单元中心',
        'the cells are too large: no cell centre lies inside the boundary',
      );
    const g = area.value.grid;
    grid = { cellSize: g.cellSize, nx: g.nx, ny: g.ny, x0: g.x0, y0: g.y0, cells: cells.length };
    tx = new Float64Array(cells.length);
    ty = new Float64Array(cells.length);
    cells.forEach((c, k) => ([tx[k], ty[k]] = cellCentre(g, c)));
  } else {
    const targets = r.targets!.features;
    tx = new Float64Array(targets.length);
    ty = new Float64Array(targets.length);
    targets.forEach(
      (f, k) => ([tx[k], ty[k]] = proj.forward(f.geometry.coordinates[0], f.geometry.coordinates[1])),
    );
    cells = [];
  }
  const result = interpolate({ x: xs, y: ys, z: values }, tx, ty, toMethod(r));
  if (!result.ok) throw toAppError(result, where);
  const out = result.value;
  let unpredicted = 0;
  const predictions: InterpolatedPoint[] = Array.from(tx, (x, k) => {
    const [lon, lat] = boundary
      ? proj.inverse(x, ty[k]!)
      : (r.targets!.features[k]!.geometry.coordinates as [number, number]);
    const value = finite(out.value[k]);
    if (value === null) unpredicted++;
    const p: InterpolatedPoint = {
      lon: Math.round(lon * 1e7) / 1e7,
      lat: Math.round(lat * 1e7) / 1e7,
      value,
    };
    if (out.variance) p.variance = finite(out.variance[k]);
    if (boundary && grid) {
      p.col = cells[k]! % grid.nx;
      p.row = Math.floor(cells[k]! / grid.nx);
    }
    return p;
  });
  const { points: _p, targets: _t, grid: _g, property: _q, ...parameters } = r;
  return {
    method: r.method,
    property: r.property,
    parameters: { ...parameters, used: { ...out.neighbourhood, variogram: out.variogram?.model ?? null } },
    projection: proj.definition,
    predictions,
    ...(grid ? { grid } : {}),
    variogram: variogramView(out.variogram, 'value'),
    crossValidation: crossValidationView(out, values, (i) => ({
      sampleId: null,
      code: r.points.features[i]?.id === undefined ? null : String(r.points.features[i]!.id),
    })),
    unpredicted,
  };
}
