import { Router } from 'express';
import { IdParam, type PatrolFeature, type PatrolProperties } from '../../../contracts/api';
import type { Geometry } from '../../../contracts/geojson';
import type { Db } from '../../db/engine';
import { AppError } from '../../http/app-error';
import { validate } from '../../http/validate';
import { patrolRecordRoutes } from './patrol-record.routes';

export function patrolRoutes(db: Db): Router {
  const router = Router();
  // Before /patrols/:id, whose id would otherwise swallow "records", "today" and the like.
  router.use(patrolRecordRoutes(db));

  /** GET /api/patrols/:id — one patrol with its checklist, outcome and GPS track (the Feature's geometry). */
  router.get('/patrols/:id', async (req, res) => {
    const { id } = validate.params(req, IdParam);
    const { rows } = await db.query<PatrolProperties & { geometry: Geometry | null }>(
      `SELECT p.id,
         json_build_object('id', s.id, 'code', s.code, 'name', s.name) AS subject,
         CASE WHEN v.id IS NULL THEN NULL ELSE json_build_object('id', v.id, 'code', v.code, 'name', v.name) END AS village,
         p.inspector_name AS "inspectorName", p.patrolled_at AS "patrolledAt", p.checklist, p.outcome,
         p.rectify_deadline AS "rectifyDeadline", p.notes,
         CASE WHEN p.geom IS NULL THEN NULL ELSE round(ST_Length(p.geom::geography)::numeric, 1) END AS "trackLengthM",
         p.version, p.created_at AS "createdAt", p.created_by AS "createdBy", p.updated_at AS "updatedAt", p.updated_by AS "updatedBy",
         ST_AsGeoJSON(p.geom, 7)::json AS geometry
       FROM patrol p JOIN production_subject s ON s.id = p.subject_id LEFT JOIN grid_unit v ON v.id = p.grid_id
       WHERE p.id = $1`,
      [id],
    );
    const row = rows[0];
    if (!row) throw new AppError('NOT_FOUND', { resource: 'patrol', id });
    const { geometry, ...properties } = row;
    const feature: PatrolFeature = { type: 'Feature', id, geometry, properties };
    res.type('application/geo+json').json(feature);
  });

  return router;
}
