import { Router } from 'express';
import type { HealthResponse } from '../../../contracts/api';
import type { Db } from '../../db/engine';
import { migrationState } from '../../db/migrate';
import { dbInfo } from '../../db/open-db';

/** GET /api/health: the engine, PostgreSQL and PostGIS versions and the migration state. */
export function healthRoutes(db: Db, startedAt: number): Router {
  const router = Router();
  router.get('/health', async (_req, res) => {
    const [info, migrations] = await Promise.all([dbInfo(db), migrationState(db)]);
    const body: HealthResponse = {
      status: 'ok',
      engine: info.engine,
      postgres: info.postgres,
      postgis: info.postgis,
      migrations,
      uptimeSeconds: Math.round((Date.now() - startedAt) / 1000),
    };
    res.json(body);
  });
  return router;
}
