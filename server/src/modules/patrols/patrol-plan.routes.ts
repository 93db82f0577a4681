/**
 * Patrol planning API (issue 6, planning side; docs/patrols.md):
 * - GET/PUT /api/patrols/rules — the frequency rules, versioned (409 on a stale version);
 * - GET /api/patrols/compliance?gridId=&from=&to= — per child grid: subjects, required, done, rate, overdue list;
 * - GET /api/patrols/priorities?gridId=&date= — subjects still due, ranked by risk with each factor's part;
 * - POST /api/patrols/plans, GET /api/patrols/plans/:id, GET /api/patrols/plans/:id.gpx — daily routes;
 * - PATCH /api/patrols/plans/:id (reorder/remove/add stops), POST /api/patrols/plans/:id/cancel — version or If-Match;
 * - GET /api/patrols/activity?from=&to=&gridId= — patrol positions for the heat map;
 * - GET /api/patrols/tracks?date=&inspector=&gridId= — the day's timed GPS tracks for playback;
 * - GET /api/patrols/coverage?level=&from=&to=, GET /api/patrols/blind-spots?days= — GeoJSON.
 */
import { Router } from 'express';
import { IdParam } from '../../../contracts/api';
import {
  BlindSpotsQuery,
  ComplianceQuery,
  CoverageQuery,
  PatrolRulesUpdate,
  PlanCancel,
  PlanEdit,
  PlanRequest,
  PrioritiesQuery,
} from '../../../contracts/patrol-plans';
import type { Db } from '../../db/engine';
import { requestLang } from '../../http/lang';
import { validate } from '../../http/validate';
import { blindSpots, compliance, coverage, listRules, priorities } from './patrol-compliance.service';
import { ActivityQuery, TracksQuery } from '../../../contracts/patrol-activity';
import { activity, tracks } from './patrol-activity.service';
import { cancelPlan, createPlan, editPlan, getPlan, planGpx, saveRules } from './patrol-plan.service';

export function patrolPlanRoutes(db: Db): Router {
  const router = Router();

  router.get('/patrols/rules', async (_req, res) => {
    res.json(await listRules(db));
  });

  router.put('/patrols/rules', async (req, res) => {
    res.json(await saveRules(db, validate.body(req, PatrolRulesUpdate)));
  });

  router.get('/patrols/compliance', async (req, res) => {
    res.json(await compliance(db, validate.query(req, ComplianceQuery)));
  });

  router.get('/patrols/priorities', async (req, res) => {
    res.json(await priorities(db, validate.query(req, PrioritiesQuery)));
  });

  router.get('/patrols/coverage', async (req, res) => {
    res.type('application/geo+json').json(await coverage(db, validate.query(req, CoverageQuery)));
  });

  router.get('/patrols/blind-spots', async (req, res) => {
    res.type('application/geo+json').json(await blindSpots(db, validate.query(req, BlindSpotsQuery)));
  });

  router.post('/patrols/plans', async (req, res) => {
    const plan = await createPlan(db, validate.body(req, PlanRequest), requestLang(req));
    res.status(201).location(`/api/patrols/plans/${plan.id}`).json(plan);
  });

  router.get('/patrols/plans/:id.gpx', async (req, res) => {
    const { id } = validate.params(req, IdParam);
    const plan = await getPlan(db, id);
    res
      .type('application/gpx+xml')
      .setHeader('Content-Disposition', `attachment; filename="patrol-plan-${id}.gpx"`)
      .send(planGpx(plan, requestLang(req)));
  });

  router.get('/patrols/plans/:id', async (req, res) => {
    const { id } = validate.params(req, IdParam);
    const plan = await getPlan(db, id);
    res.setHeader('ETag', `"${plan.version}"`).json(plan);
  });

  router.patch('/patrols/plans/:id', async (req, res) => {
    const { id } = validate.params(req, IdParam);
    const plan = await editPlan(db, id, validate.body(req, PlanEdit), req.get('if-match'), requestLang(req));
    res.setHeader('ETag', `"${plan.version}"`).json(plan);
  });

  router.post('/patrols/plans/:id/cancel', async (req, res) => {
    const { id } = validate.params(req, IdParam);
    const plan = await cancelPlan(
      db,
      id,
      validate.body(req, PlanCancel),
      req.get('if-match'),
      requestLang(req),
    );
    res.setHeader('ETag', `"${plan.version}"`).json(plan);
  });

  router.get('/patrols/activity', async (req, res) => {
    res.json(await activity(db, validate.query(req, ActivityQuery)));
  });

  router.get('/patrols/tracks', async (req, res) => {
    res.json(await tracks(db, validate.query(req, TracksQuery)));
  });

  return router;
}
