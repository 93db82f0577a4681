import { Router } from 'express';
import { IdParam, type SampleFeature, SampleQuery } from '../../../contracts/api';
import type { Db } from '../../db/engine';
import { AppError } from '../../http/app-error';
import { validate } from '../../http/validate';
import { getResults, getSample, listSamplePoints } from './samples.repository';

export function sampleRoutes(db: Db): Router {
  const router = Router();

  /** GET /api/samples?verdict=&from=&to=&limit= — sample points as GeoJSON (for overlays such as the heat map). */
  router.get('/samples', async (req, res) => {
    const filter = validate.query(req, SampleQuery);
    res.type('application/geo+json').json(await listSamplePoints(db, filter));
  });

  /** GET /api/samples/:id — a sample with all its results. */
  router.get('/samples/:id', async (req, res) => {
    const { id } = validate.params(req, IdParam);
    const feature = await db.transaction(
      async (tx) => {
        const sample = await getSample(tx, id);
        if (!sample) return null;
        const { geometry, ...properties } = sample;
        const result: SampleFeature = {
          type: 'Feature',
          id,
          geometry,
          properties: { ...properties, results: await getResults(tx, id) },
        };
        return result;
      },
      { readOnly: true },
    );
    if (!feature) throw new AppError('NOT_FOUND', { resource: 'sample', id });
    res.type('application/geo+json').json(feature);
  });

  return router;
}
