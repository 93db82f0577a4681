/**
 * Saved views and presentation decks (issue 8, item 3; server/contracts/views.ts):
 * - GET /api/views?deck= — the account's own views, by deck and position;
 * - POST /api/views — save a view at the end of its deck (201);
 * - GET /api/views/:id, PATCH /api/views/:id (version; rename, move to another deck, replace the state),
 *   DELETE /api/views/:id?version= — 404 for views of other accounts, 409 on a stale version;
 * - POST /api/views/reorder — the new order of a whole deck, every view with its version.
 */
import { Router } from 'express';
import { IdParam } from '../../../contracts/api';
import { ViewCreate, ViewDeleteQuery, ViewListQuery, ViewPatch, ViewReorder } from '../../../contracts/views';
import type { Db } from '../../db/engine';
import { validate } from '../../http/validate';
import { createView, deleteView, getView, listViews, reorderViews, updateView } from './views.service';

export function viewRoutes(db: Db): Router {
  const router = Router();

  router.get('/views', async (req, res) => {
    res.json(await listViews(db, validate.query(req, ViewListQuery).deck));
  });

  router.post('/views/reorder', async (req, res) => {
    res.json(await reorderViews(db, validate.body(req, ViewReorder)));
  });

  router.post('/views', async (req, res) => {
    const view = await createView(db, validate.body(req, ViewCreate));
    res.status(201).location(`/api/views/${view.id}`).json(view);
  });

  router.get('/views/:id', async (req, res) => {
    const { id } = validate.params(req, IdParam);
    res.json(await getView(db, id));
  });

  router.patch('/views/:id', async (req, res) => {
    const { id } = validate.params(req, IdParam);
    res.json(await updateView(db, id, validate.body(req, ViewPatch)));
  });

  router.delete('/views/:id', async (req, res) => {
    const { id } = validate.params(req, IdParam);
    const { version } = validate.query(req, ViewDeleteQuery);
    await deleteView(db, id, version);
    res.status(204).end();
  });

  return router;
}
