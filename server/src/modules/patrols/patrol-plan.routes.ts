/**
 * Patrol planning API (issue 6, planning side; docs/patrols.md):
 * - GET/PUT /api/patrols/rules — the frequency rules, versioned (409 on a stale version);
 * - GET /api/patrols/compliance?gridId=&from=&to= — per child grid: subjects, required, done, rate, overdue list;
 * - GET /api/patrols/priorities?gridId=&date= — subjects still due, ranked by risk with each factor's part;
 * - POST /api/patrols/plans, GET /api/patrols/plans/:id, GET /api/patrols/plans/:id.gpx — daily routes;
 * - GET /api/patrols/coverage?level=&from=&to=, GET /api/patrols/blind-spots?days= — GeoJSON.
 */
import { Router } from 'express';
import { IdParam } from '../../../contracts/api';
import {
  BlindSpotsQuery,
  ComplianceQuery,
  CoverageQuery,
  PatrolRulesUpdate,
  PlanRequest,
  PrioritiesQuery,
} from '../../../contracts/patrol-plans';
import type { Db } from '../../db/engine';
import { requestLang } from '../../http/lang';
import { validate } from '../../http/validate';
import { blindSpots, compliance, coverage, listRules, priorities } from './patrol-compliance.service';
import { createPlan, getPlan, planGpx, saveRules } from './patrol-plan.service';

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
    res.json(await getPlan(db, id));
  });

  return router;
}
