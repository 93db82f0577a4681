/**
 * Zoning runs: gather the samples, compute the surface and zones (domain/soil/zoning.ts), store the run and its zones
 * in one transaction, and read runs back for the soil workspace (detail, surfaces, zones, comparison).
 */
import type { LandUse } from '../../../contracts/enums';
import type {
  RunComparison,
  SoilStandardValueView,
  SurfaceLayer,
  SurfaceView,
  ZoneClass,
  ZoningRunCreate,
  ZoningRunDetail,
  ZoningRunSummary,
} from '../../../contracts/soil';
import type { Db, Queryable } from '../../db/engine';
import type { Method } from '../../domain/geostats/interpolate';
import { projectionFrom } from '../../domain/geostats/projection';
import { zoneSurface } from '../../domain/soil/zoning';
import { AppError } from '../../http/app-error';
import { toAppError } from './soil-errors';
import {
  type RunRow,
  classAreas,
  deleteRun,
  getArea,
  getRun,
  getSurface,
  gridRef,
  insertRun,
  insertZones,
  listRuns,
  lockRun,
  renameRun,
  transitions,
} from './soil-runs.repository';
import { samplesForRun } from './soil-samples.repository';
import { getStandard } from './soil-standards.repository';
import { crossValidationView, packSurface, surfaceLayers, unpackLayer, variogramView } from './soil-views';

export const MAX_RUN_CELLS = 400_000;

export function toMethod(i: ZoningRunCreate['interpolation']): Method {
  if (i.method === 'idw')
    return { kind: 'idw', power: i.power, maxNeighbors: i.maxNeighbors, maxDistance: i.maxDistance };
  return {
    kind: 'kriging',
    variogram: i.variogram,
    maxNeighbors: i.maxNeighbors,
    maxDistance: i.maxDistance,
    cutoff: i.cutoff,
    width: i.width,
  };
}

async function resolveArea(db: Queryable, gridId: number | undefined) {
  const area = await getArea(db, gridId);
  if (area === 'ambiguous')
    throw new AppError(
      'VALIDATION_FAILED',
      [{ path: 'body.gridId', message: 'required', code: 'required' }],
      {
        zh: '数据库中有多个县级网格，请用 gridId 指定要分区的网格',
        en: 'There are several county grids: say which grid to cover with gridId',
      },
    );
  if (!area)
    throw new AppError(
      'REFERENCE_NOT_FOUND',
      { path: 'body.gridId', gridId },
      {
        zh: `找不到网格 ${String(gridId ?? '')}`,
        en: `No grid ${String(gridId ?? '')}`,
      },
    );
  return area;
}

function corners(projection: string, g: RunRow['grid']): [number, number][] {
  const p = projectionFrom(projection);
  const [x1, y1] = [g.x0 + g.nx * g.cellSize, g.y0 + g.ny * g.cellSize];
  return [p.inverse(g.x0, g.y0), p.inverse(x1, g.y0), p.inverse(x1, y1), p.inverse(g.x0, y1)].map(
    ([lon, lat]) => [Math.round(lon * 1e7) / 1e7, Math.round(lat * 1e7) / 1e7] as [number, number],
  );
}

export async function createRun(db: Db, body: ZoningRunCreate, user: string): Promise<ZoningRunDetail> {
  const started = performance.now();
  const area = await resolveArea(db, body.gridId);
  const standard = await getStandard(db);
  if (!standard)
    throw new AppError(
      'NO_STANDARD_VALUE',
      { standard: null },
      { zh: '没有现行的 GB 15618 标准', en: 'No GB 15618 edition is in force' },
    );
  const sampleGrid = body.sampleGridId === undefined ? null : await gridRef(db, body.sampleGridId);
  if (body.sampleGridId !== undefined && !sampleGrid)
    throw new AppError(
      'REFERENCE_NOT_FOUND',
      { path: 'body.sampleGridId', gridId: body.sampleGridId },
      {
        zh: `样点筛选条件 sampleGridId：找不到网格 ${body.sampleGridId}`,
        en: `Sample filter sampleGridId: no grid ${body.sampleGridId}`,
      },
    );
  const filter = {
    from: body.from,
    to: body.to,
    landUses: body.sampleLandUses,
    gridId: body.sampleGridId,
  };
  const samples = await samplesForRun(db, body.metal, area.id, filter);
  if (samples.length < 3) {
    throw new AppError(
      'TOO_FEW_SAMPLES',
      { count: samples.length, minimum: 3, filter },
      {
        zh: `网格「${area.name}」及周边 5 km 内${sampleGrid ? `、位于「${sampleGrid.name}」内` : ''}符合条件、测了该元素的样点只有 ${samples.length} 个，至少需要 3 个`,
        en: `Only ${samples.length} samples with this metal match in and within 5 km of ${area.name}${sampleGrid ? ` and inside ${sampleGrid.name}` : ''}; at least 3 are needed`,
      },
    );
  }
  const method = toMethod(body.interpolation);
  const result = zoneSurface({
    samples,
    metal: body.metal,
    variable: body.variable,
    method,
    area: area.coordinates,
    cellSize: body.cellSize,
    landUse: body.landUse,
    standards: { code: standard.code, values: standard.values },
    suggestions: body.suggestions,
    maxCells: MAX_RUN_CELLS,
  });
  if (!result.ok) {
    throw toAppError(result, {
      pointPath: () => null,
      pointName: (i) => `样点 ${samples[i]?.code ?? i}`,
      toLonLat: undefined,
    });
  }
  const out = result.value;
  const cv = crossValidationView(out.interpolation, out.observed, (i) => ({
    sampleId: samples[i]!.id,
    code: samples[i]!.code,
  }));
  const layers = surfaceLayers(out);
  const metalValues: SoilStandardValueView[] = standard.values.filter((v) => v.metal === body.metal);
  const id = await db.transaction(
    async (tx) => {
      const runId = await insertRun(tx, {
        name: body.name,
        area: { id: area.id, code: area.code, name: area.name, level: area.level },
        metal: body.metal,
        variable: body.variable,
        method: body.interpolation.method,
        parameters: { ...body.interpolation, used: out.interpolation.neighbourhood },
        variogram: variogramView(out.interpolation.variogram, 'value'),
        logVariogram: variogramView(out.logVariogram, 'log'),
        crossValidation: cv,
        areaGridId: area.id,
        cellSizeM: body.cellSize,
        landUseRule: body.landUse,
        sampleFilter: {
          from: body.from ?? null,
          to: body.to ?? null,
          landUses: body.sampleLandUses ?? null,
          gridId: sampleGrid?.id ?? null,
          grid: sampleGrid,
        },
        sampleCount: samples.length,
        mergedSamples: samples.reduce((n, s) => n + s.merged, 0),
        sampledFrom: samples.reduce(
          (d, s) => (s.sampledFrom < d ? s.sampledFrom : d),
          samples[0]!.sampledFrom,
        ),
        sampledTo: samples.reduce((d, s) => (s.sampledTo > d ? s.sampledTo : d), samples[0]!.sampledTo),
        standardId: standard.id,
        standardValues: metalValues,
        projection: out.projection,
        grid: out.grid,
        surface: packSurface(out, layers),
        suggestions: out.suggestions,
        summary: { cellCounts: out.cellCounts, surfaceLayers: layers },
        warnings: out.warnings,
        durationMs: Math.round(performance.now() - started),
      });
      await insertZones(tx, runId, area.id, out.contours);
      return runId;
    },
    { user },
  );
  return (await readRun(db, id))!;
}

function summaryOf(row: RunRow, areas: ZoningRunSummary['classAreas']): ZoningRunSummary {
  const { residuals: _r, ...cv } = row.crossValidation as unknown as ZoningRunDetail['crossValidation'];
  const filter = row.sampleFilter as ZoningRunSummary['sampleFilter'];
  return {
    id: row.id,
    name: row.name,
    metal: row.metal as ZoningRunSummary['metal'],
    variable: row.variable as ZoningRunSummary['variable'],
    method: row.method as ZoningRunSummary['method'],
    parameters: row.parameters,
    area: row.area,
    cellSizeM: row.cellSizeM,
    landUseRule: row.landUseRule as ZoningRunSummary['landUseRule'],
    sampleFilter: filter,
    sampleCount: row.sampleCount,
    mergedSamples: row.mergedSamples,
    sampledFrom: row.sampledFrom,
    sampledTo: row.sampledTo,
    standard: row.standard,
    crossValidation: cv,
    classAreas: areas,
    warnings: row.warnings,
    durationMs: row.durationMs,
    version: row.version,
    createdAt: row.createdAt,
    createdBy: row.createdBy,
    updatedAt: row.updatedAt,
    updatedBy: row.updatedBy,
  };
}

export async function readRun(db: Queryable, id: number): Promise<ZoningRunDetail | null> {
  const row = await getRun(db, id);
  if (!row) return null;
  const areas = (await classAreas(db, [id])).get(id)!;
  return {
    ...summaryOf(row, areas),
    variogram: row.variogram as ZoningRunDetail['variogram'],
    logVariogram: row.logVariogram as ZoningRunDetail['logVariogram'],
    crossValidation: row.crossValidation as unknown as ZoningRunDetail['crossValidation'],
    suggestions: row.suggestions as ZoningRunDetail['suggestions'],
    standardValues: row.standardValues as SoilStandardValueView[],
    projection: row.projection,
    grid: row.grid,
    corners: corners(row.projection, row.grid),
  };
}

export async function listRunSummaries(
  db: Queryable,
  metal: string | undefined,
  limit: number,
): Promise<ZoningRunSummary[]> {
  const rows = await listRuns(db, metal, limit);
  const areas = await classAreas(
    db,
    rows.map((r) => r.id),
  );
  return rows.map((r) => summaryOf(r, areas.get(r.id)!));
}

function conflict(what: { version: number; updatedAt: string; updatedBy: string }, yours: number): AppError {
  return new AppError(
    'VERSION_CONFLICT',
    {
      currentVersion: what.version,
      yourVersion: yours,
      updatedBy: what.updatedBy,
      updatedAt: what.updatedAt,
    },
    {
      zh: `该分区结果已于 ${what.updatedAt} 被 ${what.updatedBy} 修改（版本 ${what.version}），请刷新后再操作`,
      en: `This run was changed by ${what.updatedBy} at ${what.updatedAt} (version ${what.version}); reload first`,
    },
  );
}

export async function changeRun(
  db: Db,
  id: number,
  version: number,
  user: string,
  change: { name: string } | 'delete',
): Promise<ZoningRunDetail | null> {
  await db.transaction(
    async (tx) => {
      const current = await lockRun(tx, id);
      if (!current) throw new AppError('NOT_FOUND', { resource: 'soil-run', id });
      if (current.version !== version) throw conflict(current, version);
      if (change === 'delete') await deleteRun(tx, id);
      else await renameRun(tx, id, change.name);
    },
    { user },
  );
  return change === 'delete' ? null : readRun(db, id);
}

export async function readSurface(db: Queryable, id: number, layer: SurfaceLayer): Promise<SurfaceView> {
  const row = await getSurface(db, id);
  if (!row) throw new AppError('NOT_FOUND', { resource: 'soil-run', id });
  const values = unpackLayer(row.surface, row.layers, layer, row.grid.nx * row.grid.ny);
  if (!values)
    throw new AppError(
      'NOT_FOUND',
      { resource: 'surface', id, layer },
      {
        zh: `该分区结果没有「${layer}」图层（IDW 没有克里金方差；概率无法计算时没有概率图层）`,
        en: `This run has no ${layer} surface (IDW has no kriging variance; probabilities may be unavailable)`,
      },
    );
  let [min, max] = [Infinity, -Infinity];
  for (const v of values)
    if (v !== null) {
      min = Math.min(min, v);
      max = Math.max(max, v);
    }
  return {
    layer,
    projection: row.projection,
    grid: row.grid,
    corners: corners(row.projection, row.grid),
    values,
    min: Number.isFinite(min) ? min : null,
    max: Number.isFinite(max) ? max : null,
  };
}

export async function compareRuns(db: Queryable, a: number, b: number): Promise<RunComparison> {
  const [ra, rb] = [await getRun(db, a), await getRun(db, b)];
  if (!ra || !rb) throw new AppError('NOT_FOUND', { resource: 'soil-run', id: ra ? b : a });
  const areas = await classAreas(db, [a, b]);
  const t = await transitions(db, a, b);
  const total = t.reduce((s, x) => s + x.m2, 0);
  const same = t.filter((x) => x.from === x.to).reduce((s, x) => s + x.m2, 0);
  return {
    a: { id: a, name: ra.name, classAreas: areas.get(a)! },
    b: { id: b, name: rb.name, classAreas: areas.get(b)! },
    transitions: t.map((x) => ({
      from: x.from as ZoneClass,
      to: x.to as ZoneClass,
      areaMu: Math.round((x.m2 / 666.67) * 10) / 10,
    })),
    agreement: total > 0 ? same / total : 0,
  };
}

export type { LandUse };
