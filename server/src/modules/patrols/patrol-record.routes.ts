/**
 * The patrol record API for phones (issue 6, items 4–6):
 *
 * - PUT  /api/patrols/records/:clientId — sync one record (idempotent; 201 the first time, 200 after; 409 on a
 *   changed record without the current version).
 * - GET  /api/patrols/records/:clientId — what the server holds for a client id (404 before its sync).
 * - POST /api/patrols/photos?record=&photo=&check= — one photo (multipart, field "file"), ≤ 10 MB, ≤ 10 a record.
 * - GET  /api/patrols/photos/:id — the image.
 * - GET  /api/patrols/today?gridId=&lon=&lat= — the subjects of the grid due a patrol, nearest first.
 * - GET  /api/patrols/rectifications?gridId=&overdue=true — open rectifications with their deadlines, per grid.
 */
import { Router } from 'express';
import { IdParam } from '../../../contracts/api';
import {
  ClientIdParam,
  PATROL_RECORD_LIMITS,
  PatrolRecordInput,
  PhotoQuery,
  type Rectification,
  RectificationQuery,
  type RectificationList,
  TodayQuery,
  type TodayPlan,
  type TodaySubject,
} from '../../../contracts/patrol-records';
import type { Db } from '../../db/engine';
import { AppError } from '../../http/app-error';
import { validate } from '../../http/validate';
import { authorOf } from '../auth/auth.middleware';
import { receiveFile } from '../imports/upload';
import { OPEN_RECTIFICATION, addPhoto, chinaDay, readResult, syncRecord } from './patrol-record.service';

const BELOW = `WITH RECURSIVE below AS (
  SELECT id FROM grid_unit WHERE id = $1
  UNION SELECT g.id FROM grid_unit g JOIN below b ON g.parent_id = b.id
)`;

/** Patrols a year by subject type until D's rules engine answers it (annex 1 of seed 004, art. 5). */
const REQUIRED_SQL = `CASE WHEN s.type IN ('enterprise', 'cooperative', 'family_farm') THEN 2
  WHEN s.type = 'large_grower' THEN 1 ELSE 0 END + CASE WHEN s.key_list THEN 1 ELSE 0 END`;

export function patrolRecordRoutes(db: Db): Router {
  const router = Router();

  router.put('/patrols/records/:clientId', async (req, res) => {
    const { clientId } = validate.params(req, ClientIdParam);
    const input = validate.body(req, PatrolRecordInput);
    const { created, result } = await syncRecord(db, clientId, input, authorOf(req));
    res.status(created ? 201 : 200).json(result);
  });

  router.get('/patrols/records/:clientId', async (req, res) => {
    const { clientId } = validate.params(req, ClientIdParam);
    const result = await db.transaction(async (tx) => {
      const { rows } = await tx.query<{ id: number }>('SELECT id::int FROM patrol WHERE client_id = $1', [
        clientId,
      ]);
      return rows[0] ? readResult(tx, rows[0].id) : null;
    });
    if (!result) throw new AppError('NOT_FOUND', { resource: 'patrol', clientId });
    res.json(result);
  });

  router.post('/patrols/photos', async (req, res) => {
    const query = validate.query(req, PhotoQuery);
    const file = await receiveFile(req, PATROL_RECORD_LIMITS.photoBytes);
    const { created, photo } = await addPhoto(
      db,
      query.record,
      query.photo,
      query.check ?? null,
      file.bytes,
      authorOf(req),
    );
    res.status(created ? 201 : 200).json(photo);
  });

  router.get('/patrols/photos/:id', async (req, res) => {
    const { id } = validate.params(req, IdParam);
    const { rows } = await db.query<{ contentType: string; content: Uint8Array }>(
      'SELECT content_type AS "contentType", content FROM patrol_photo WHERE id = $1',
      [id],
    );
    const row = rows[0];
    if (!row) throw new AppError('NOT_FOUND', { resource: 'patrol_photo', id });
    res.setHeader('Cache-Control', 'private, max-age=86400');
    res.type(row.contentType).send(Buffer.from(row.content));
  });

  router.get('/patrols/today', async (req, res) => {
    const q = validate.query(req, TodayQuery);
    const today = chinaDay(Date.now());
    const yearStart = `${today.slice(0, 4)}-01-01T00:00:00+08:00`;
    const { rows } = await db.query<TodaySubject & { due: boolean }>(
      `${BELOW},
       subjects AS (
         SELECT s.*, (${REQUIRED_SQL}) AS required,
           (SELECT count(*)::int FROM patrol p WHERE p.subject_id = s.id AND p.patrolled_at >= $2::timestamptz) AS done,
           (SELECT json_build_object('id', p.id, 'deadline', to_char(p.rectify_deadline, 'YYYY-MM-DD'),
                                     'overdue', p.rectify_deadline < $3::date)
              FROM patrol p WHERE p.subject_id = s.id AND ${OPEN_RECTIFICATION}
              ORDER BY p.rectify_deadline LIMIT 1) AS open_rectification
         FROM production_subject s
         WHERE s.status = 'active' AND coalesce(s.grid_id, s.owner_grid_id) IN (SELECT id FROM below)
       )
       SELECT s.id::int, s.code, s.name, s.type, s.key_list AS "keyList",
         CASE WHEN v.id IS NULL THEN NULL ELSE json_build_object('id', v.id, 'name', v.name) END AS village,
         CASE WHEN s.geom IS NULL THEN NULL ELSE json_build_array(ST_X(s.geom), ST_Y(s.geom)) END AS position,
         s.base_geom IS NOT NULL AS "hasBase", s.done AS "patrolsThisYear", s.required AS "requiredThisYear",
         (SELECT max(p.patrolled_at) FROM patrol p WHERE p.subject_id = s.id) AS "lastPatrolledAt",
         s.open_rectification AS "openRectification",
         CASE WHEN $4::float8 IS NULL OR s.geom IS NULL THEN NULL
           ELSE round(ST_Distance(s.geom::geography, ST_SetSRID(ST_MakePoint($4::float8, $5::float8), 4326)::geography)::numeric)
         END AS "distanceM"
       FROM subjects s LEFT JOIN grid_unit v ON v.id = s.grid_id
       WHERE s.done < s.required OR s.open_rectification IS NOT NULL
       ORDER BY "distanceM" NULLS LAST, (s.open_rectification IS NULL), s.required - s.done DESC, s.name, s.id
       LIMIT 200`,
      [q.gridId, yearStart, today, q.lon ?? null, q.lon === undefined ? null : (q.lat ?? null)],
    );
    const plan: TodayPlan = { gridId: q.gridId, date: today, subjects: rows };
    res.setHeader('Cache-Control', 'no-cache');
    res.json(plan);
  });

  router.get('/patrols/rectifications', async (req, res) => {
    const q = validate.query(req, RectificationQuery);
    const today = chinaDay(Date.now());
    const { rows } = await db.query<Rectification & { villageId: number | null; villageName: string | null }>(
      `${BELOW}
       SELECT p.id::int AS "patrolId", json_build_object('id', s.id, 'code', s.code, 'name', s.name) AS subject,
         CASE WHEN v.id IS NULL THEN NULL ELSE json_build_object('id', v.id, 'name', v.name) END AS village,
         v.id::int AS "villageId", v.name AS "villageName",
         p.patrolled_at AS "patrolledAt", to_char(p.rectify_deadline, 'YYYY-MM-DD') AS deadline,
         greatest(0, $2::date - p.rectify_deadline)::int AS "overdueDays", p.inspector_name AS "inspectorName"
       FROM patrol p JOIN production_subject s ON s.id = p.subject_id LEFT JOIN grid_unit v ON v.id = p.grid_id
       WHERE ${OPEN_RECTIFICATION} AND p.grid_id IN (SELECT id FROM below)
       ORDER BY p.rectify_deadline, p.id
       LIMIT 5000`,
      [q.gridId, today],
    );
    const perGrid = new Map<number, RectificationList['perGrid'][number]>();
    for (const r of rows) {
      if (r.villageId === null) continue;
      const g = perGrid.get(r.villageId) ?? {
        gridId: r.villageId,
        name: r.villageName ?? '',
        open: 0,
        overdue: 0,
      };
      g.open += 1;
      if (r.overdueDays > 0) g.overdue += 1;
      perGrid.set(r.villageId, g);
    }
    const items = rows
      .filter((r) => q.overdue !== 'true' || r.overdueDays > 0)
      .map(({ villageId: _id, villageName: _name, ...r }) => r);
    const list: RectificationList = {
      gridId: q.gridId,
      today,
      perGrid: [...perGrid.values()].sort((a, b) => b.overdue - a.overdue || a.gridId - b.gridId),
      items,
    };
    res.json(list);
  });

  return router;
}
