import { Router } from 'express';
import { RejudgeRequest, SampleEntry } from '../../../contracts/residue';
import type { Db } from '../../db/engine';
import { validate } from '../../http/validate';
import { referenceListing } from './residue.repository';
import { enterSample, rejudge } from './residue.service';
import { authorOf } from '../auth/auth.middleware';

export function residueRoutes(db: Db): Router {
  const router = Router();

  /** GET /api/residue/reference — analytes, commodity tree, editions, limits and bans with their sources. */
  router.get('/residue/reference', async (_req, res) => {
    res.json(await db.transaction((tx) => referenceListing(tx), { readOnly: true }));
  });

  /** POST /api/residue/samples — enter one sample with its results; every result is judged on the way in. */
  router.post('/residue/samples', async (req, res) => {
    const entry = validate.body(req, SampleEntry);
    res.status(201).json(await enterSample(db, entry, authorOf(req)));
  });

  /** POST /api/residue/rejudge — judge stored results again (dryRun: report only); reports what changes. */
  router.post('/residue/rejudge', async (req, res) => {
    const request = validate.body(req, RejudgeRequest);
    res.json(await rejudge(db, request, authorOf(req)));
  });

  return router;
}
