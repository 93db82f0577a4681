/**
 * Zoning runs for the soil workspace (under /api/soil): create, list, read, rename, delete, compare; each run's
 * surfaces, zones (GeoJSON, zipped Shapefile), the zones' subjects per grid (JSON, Excel) and one zone's detail.
 */
import { Router } from 'express';
import type { z } from 'zod';
import { IdParam } from '../../../contracts/api';
import {
  CompareQuery,
  OverlayQuery,
  RunDeleteQuery,
  RunListQuery,
  RunPatch,
  SurfaceParams,
  ZoningRunCreate,
  type OverlayResponse,
  type ZoneDetail,
} from '../../../contracts/soil';
import type { Db } from '../../db/engine';
import { AppError } from '../../http/app-error';
import { validate } from '../../http/validate';
import { CLASS_ZH, overlayWorkbook, zonesShapefile } from './soil-export';
import { groupByGrid, subjectsInZones } from './soil-overlay.service';
import { getRun, zoneCollection, zoneRun } from './soil-runs.repository';
import {
  changeRun,
  compareRuns,
  createRun,
  listRunSummaries,
  readRun,
  readSurface,
} from './soil-runs.service';
import { authorOf } from '../auth/auth.middleware';

const METAL_ZH: Record<string, string> = {
  cd: '镉',
  hg: '汞',
  as: '砷',
  pb: '铅',
  cr: '铬',
  cu: '铜',
  ni: '镍',
  zn: '锌',
};

async function runOr404(db: Db, id: number) {
  const run = await getRun(db, id);
  if (!run) throw new AppError('NOT_FOUND', { resource: 'soil-run', id });
  return run;
}

async function overlay(db: Db, id: number, query: z.infer<typeof OverlayQuery>): Promise<OverlayResponse> {
  const run = await runOr404(db, id);
  const rows = await subjectsInZones(db, id, query);
  const groups = groupByGrid(rows);
  const sum = (key: 'safeUtilisationMu' | 'strictControlMu') =>
    Math.round(rows.reduce((s, r) => s + r[key], 0) * 100) / 100;
  return {
    run: { id, name: run.name, metal: run.metal as OverlayResponse['run']['metal'] },
    groups,
    totals: {
      subjects: rows.length,
      strictControl: rows.filter((r) => r.class === 'strict_control').length,
      safeUtilisation: rows.filter((r) => r.class === 'safe_utilisation').length,
      safeUtilisationMu: sum('safeUtilisationMu'),
      strictControlMu: sum('strictControlMu'),
    },
  };
}

export function soilRunRoutes(db: Db): Router {
  const router = Router();

  router.post('/soil/runs', async (req, res) => {
    const body = validate.body(req, ZoningRunCreate);
    const run = await createRun(db, body, authorOf(req));
    res.status(201).location(`/api/soil/runs/${run.id}`).json(run);
  });

  router.get('/soil/runs', async (req, res) => {
    const q = validate.query(req, RunListQuery);
    res.json(await listRunSummaries(db, q.metal, q.limit));
  });

  router.get('/soil/runs/compare', async (req, res) => {
    const { a, b } = validate.query(req, CompareQuery);
    res.json(await compareRuns(db, a, b));
  });

  router.get('/soil/runs/:id', async (req, res) => {
    const { id } = validate.params(req, IdParam);
    const run = await readRun(db, id);
    if (!run) throw new AppError('NOT_FOUND', { resource: 'soil-run', id });
    res.json(run);
  });

  router.patch('/soil/runs/:id', async (req, res) => {
    const { id } = validate.params(req, IdParam);
    const { version, name } = validate.body(req, RunPatch);
    res.json(await changeRun(db, id, version, authorOf(req), { name }));
  });

  router.delete('/soil/runs/:id', async (req, res) => {
    const { id } = validate.params(req, IdParam);
    const { version } = validate.query(req, RunDeleteQuery);
    await changeRun(db, id, version, authorOf(req), 'delete');
    res.status(204).end();
  });

  router.get('/soil/runs/:id/surface/:layer', async (req, res) => {
    const { id, layer } = validate.params(req, SurfaceParams);
    res.json(await readSurface(db, id, layer));
  });

  router.get('/soil/runs/:id/zones.geojson', async (req, res) => {
    const { id } = validate.params(req, IdParam);
    await runOr404(db, id);
    res
      .type('application/geo+json')
      .setHeader('Content-Disposition', `attachment; filename="soil-zones-${id}.geojson"`)
      .json(await zoneCollection(db, id));
  });

  router.get('/soil/runs/:id/zones.zip', async (req, res) => {
    const { id } = validate.params(req, IdParam);
    await runOr404(db, id);
    const body = zonesShapefile(id, await zoneCollection(db, id));
    res
      .type('application/zip')
      .setHeader('Content-Disposition', `attachment; filename="soil-zones-${id}.zip"`)
      .send(body);
  });

  router.get('/soil/runs/:id/subjects', async (req, res) => {
    const { id } = validate.params(req, IdParam);
    res.json(await overlay(db, id, validate.query(req, OverlayQuery)));
  });

  router.get('/soil/runs/:id/subjects.xlsx', async (req, res) => {
    const { id } = validate.params(req, IdParam);
    const query = validate.query(req, OverlayQuery);
    const result = await overlay(db, id, query);
    const run = await runOr404(db, id);
    const title = `土壤${METAL_ZH[run.metal] ?? run.metal}污染风险分区内的生产主体 — ${run.name}`;
    const subtitle =
      `分区：${query.class ? CLASS_ZH[query.class] : '安全利用类、严格管控类'}；样点 ${run.sampleCount} 个（${run.sampledFrom} 至 ${run.sampledTo}）；` +
      `${run.method === 'kriging' ? '普通克里金' : '反距离加权'}；${run.standard}；共 ${result.totals.subjects} 个主体`;
    const body = await overlayWorkbook(title, subtitle, result.groups);
    res
      .type('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
      .setHeader('Content-Disposition', `attachment; filename="soil-run-${id}-subjects.xlsx"`)
      .send(body);
  });

  /** GET /api/soil/zones/:id — one zone (as clicked on the map) with its run and the subjects inside it. */
  router.get('/soil/zones/:id', async (req, res) => {
    const { id } = validate.params(req, IdParam);
    const runId = await zoneRun(db, id);
    if (runId === null) throw new AppError('NOT_FOUND', { resource: 'soil-zone', id });
    const run = await runOr404(db, runId);
    const zone = (await zoneCollection(db, runId, id)).features[0]!;
    const detail: ZoneDetail = {
      zone,
      run: { id: runId, name: run.name, metal: run.metal as ZoneDetail['run']['metal'], method: run.method },
      subjects:
        zone.properties.class === 'safe_utilisation' || zone.properties.class === 'strict_control'
          ? await subjectsInZones(db, runId, { zoneId: id })
          : [],
    };
    res.json(detail);
  });

  return router;
}
