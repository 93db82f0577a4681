import { Router } from 'express';
import { IdParam, SubjectCreate, SubjectPatch } from '../../../contracts/api';
import { RetireRequest } from '../../../contracts/registry';
import type { Db } from '../../db/engine';
import { AppError } from '../../http/app-error';
import { validate } from '../../http/validate';
import { listEvents } from './subjects.repository';
import { createSubject, patchSubject, readSubject, setSubjectRetired } from './subjects.service';
import { authorOf } from '../auth/auth.middleware';

export function subjectRoutes(db: Db): Router {
  const router = Router();

  /** GET /api/subjects/:id — the registry card as a GeoJSON Feature (location; base polygon in properties.base). */
  router.get('/subjects/:id', async (req, res) => {
    const { id } = validate.params(req, IdParam);
    const feature = await db.transaction((tx) => readSubject(tx, id), { readOnly: true });
    if (!feature) throw new AppError('NOT_FOUND', { resource: 'subject', id });
    res.type('application/geo+json').json(feature);
  });

  /** POST /api/subjects — registers a subject from a GeoJSON Feature; 201 with the stored Feature. */
  router.post('/subjects', async (req, res) => {
    const feature = validate.body(req, SubjectCreate);
    const created = await createSubject(db, feature, authorOf(req));
    res.status(201).location(`/api/subjects/${created.id}`).type('application/geo+json').json(created);
  });

  /** PATCH /api/subjects/:id — changes attributes/location if `version` is still current, else 409. */
  router.patch('/subjects/:id', async (req, res) => {
    const { id } = validate.params(req, IdParam);
    const patch = validate.body(req, SubjectPatch);
    res.type('application/geo+json').json(await patchSubject(db, id, patch, authorOf(req)));
  });

  /** POST /api/subjects/:id/retire and /restore — with the version, a reason and the date it takes effect. */
  for (const [action, retire] of [
    ['retire', true],
    ['restore', false],
  ] as const) {
    router.post(`/subjects/:id/${action}`, async (req, res) => {
      const { id } = validate.params(req, IdParam);
      const request = validate.body(req, RetireRequest);
      res.type('application/geo+json').json(await setSubjectRetired(db, id, request, retire, authorOf(req)));
    });
  }

  /** GET /api/subjects/:id/events — credit class, key-list and retirement decisions with reasons, newest first. */
  router.get('/subjects/:id/events', async (req, res) => {
    const { id } = validate.params(req, IdParam);
    res.json(await listEvents(db, id));
  });

  return router;
}
