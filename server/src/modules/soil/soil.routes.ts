/**
 * Soil routes, all mounted by soilRoutes(db) under /api:
 * - GET /soil-samples/:id — one sample with its metals and GB 15618 classification;
 * - GET /soil/samples — samples with classification (FeatureCollection);
 * - GET /soil/standards, PATCH /soil/standards/values/:id, GET /soil/standards/values/:id/history;
 * - the zoning runs (soil-runs.routes.ts) and POST /analysis/interpolate.
 */
import { Router } from 'express';
import { IdParam, type SoilSampleFeature, type SoilSampleProperties } from '../../../contracts/api';
import type { Geometry } from '../../../contracts/geojson';
import { InterpolateRequest, SoilSampleListQuery, StandardValuePatch } from '../../../contracts/soil';
import type { Db } from '../../db/engine';
import { AppError } from '../../http/app-error';
import { validate } from '../../http/validate';
import { interpolatePoints } from './interpolate.service';
import { soilRunRoutes } from './soil-runs.routes';
import { valueHistory } from './soil-standards.repository';
import {
  classification,
  classifiedSamples,
  currentStandard,
  patchStandardValue,
  tableOf,
} from './soil.service';
import { authorOf } from '../auth/auth.middleware';

type Row = Omit<SoilSampleProperties, 'metals'> & SoilSampleProperties['metals'] & { geometry: Geometry };

export function soilRoutes(db: Db): Router {
  const router = Router();

  /** GET /api/soil-samples/:id — one soil sample with its metals (mg/kg), pH, land use and classification. */
  router.get('/soil-samples/:id', async (req, res) => {
    const { id } = validate.params(req, IdParam);
    const { rows } = await db.query<Row>(
      `SELECT s.id, s.code, s.sampled_on AS "sampledOn", s.land_use AS "landUse", s.ph,
         s.cd_mgkg AS cd, s.hg_mgkg AS hg, s.as_mgkg AS "as", s.pb_mgkg AS pb,
         s.cr_mgkg AS cr, s.cu_mgkg AS cu, s.ni_mgkg AS ni, s.zn_mgkg AS zn,
         CASE WHEN v.id IS NULL THEN NULL ELSE json_build_object('id', v.id, 'code', v.code, 'name', v.name) END AS village,
         s.version, s.created_at AS "createdAt", s.created_by AS "createdBy", s.updated_at AS "updatedAt", s.updated_by AS "updatedBy",
         ST_AsGeoJSON(s.geom, 7)::json AS geometry
       FROM soil_sample s LEFT JOIN grid_unit v ON v.id = s.grid_id
       WHERE s.id = $1`,
      [id],
    );
    const row = rows[0];
    if (!row) throw new AppError('NOT_FOUND', { resource: 'soil-sample', id });
    const { geometry, cd, hg, as, pb, cr, cu, ni, zn, ...rest } = row;
    const metals = { cd, hg, as, pb, cr, cu, ni, zn };
    const table = tableOf(await currentStandard(db));
    const feature: SoilSampleFeature & { properties: { classification: unknown } } = {
      type: 'Feature',
      id,
      geometry,
      properties: { ...rest, metals, classification: classification(table, { ...rest, metals }) },
    };
    res.type('application/geo+json').json(feature);
  });

  /** GET /api/soil/samples?from=&to=&gridId=&landUse=&class= — samples with their classification. */
  router.get('/soil/samples', async (req, res) => {
    const query = validate.query(req, SoilSampleListQuery);
    res.type('application/geo+json').json(await classifiedSamples(db, query));
  });

  /** GET /api/soil/standards — the GB 15618 edition in force, its sources and every value. */
  router.get('/soil/standards', async (_req, res) => {
    res.json(await currentStandard(db));
  });

  /** PATCH /api/soil/standards/values/:id — { version, valueMgkg, source, note? }; 409 when someone saved first. */
  router.patch('/soil/standards/values/:id', async (req, res) => {
    const { id } = validate.params(req, IdParam);
    const patch = validate.body(req, StandardValuePatch);
    res.json(await patchStandardValue(db, id, patch, authorOf(req)));
  });

  /** GET /api/soil/standards/values/:id/history — earlier versions of a value, newest first. */
  router.get('/soil/standards/values/:id/history', async (req, res) => {
    const { id } = validate.params(req, IdParam);
    res.json(await valueHistory(db, id));
  });

  /** POST /api/analysis/interpolate — IDW or ordinary kriging of the analyst's own points; nothing is stored. */
  router.post('/analysis/interpolate', (req, res) => {
    const body = validate.body(req, InterpolateRequest);
    res.json(interpolatePoints(body));
  });

  router.use(soilRunRoutes(db));
  return router;
}
