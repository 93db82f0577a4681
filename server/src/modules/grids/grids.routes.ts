import { Router } from 'express';
import { GridListQuery, type GridFeature, IdParam } from '../../../contracts/api';
import type { Db } from '../../db/engine';
import { AppError } from '../../http/app-error';
import { validate } from '../../http/validate';
import { getGrid, getMissingRoles, getRoster, listGrids } from './grids.repository';
import { planningRoutes } from './grid-planning.routes';

export function gridRoutes(db: Db): Router {
  const router = Router();
  // Planning endpoints first: their fixed paths (/grids/topology, /grids/merge …) must win over /grids/:id.
  router.use(planningRoutes(db));

  /** GET /api/grids?level=&parentId= — grid summaries without geometry, ordered by code. */
  router.get('/grids', async (req, res) => {
    const query = validate.query(req, GridListQuery);
    res.json(await listGrids(db, query));
  });

  /** GET /api/grids/:id — one grid as a GeoJSON Feature with its parent, roster and unstaffed roles. */
  router.get('/grids/:id', async (req, res) => {
    const { id } = validate.params(req, IdParam);
    const feature = await db.transaction(
      async (tx) => {
        const grid = await getGrid(tx, id);
        if (!grid) return null;
        const [roster, missingRoles] = await Promise.all([getRoster(tx, id), getMissingRoles(tx, id)]);
        const { geometry, ...properties } = grid;
        const result: GridFeature = {
          type: 'Feature',
          id,
          geometry,
          properties: { ...properties, roster, missingRoles },
        };
        return result;
      },
      { readOnly: true },
    );
    if (!feature) throw new AppError('NOT_FOUND', { resource: 'grid', id });
    res.type('application/geo+json').json(feature);
  });

  return router;
}
