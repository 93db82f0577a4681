/**
 * Grid planning endpoints (issue 3): topology checks, edits with preview, history and revert, roster, codes.
 * Writes are recorded under the anonymous author until accounts exist (issue 9).
 */
import { Router } from 'express';
import { IdParam } from '../../../contracts/api';
import {
  ChangeParam,
  ChildrenQuery,
  type ChildrenResponse,
  GridCreate,
  GridDeleteQuery,
  GridEdit,
  GridMerge,
  GridSplit,
  GridUpdate,
  HistoryQuery,
  LevelTopologyQuery,
  NextCodeQuery,
  PosterQuery,
  type NextCode,
  RosterPut,
  TopologyQuery,
} from '../../../contracts/grids';
import type { Db } from '../../db/engine';
import { AppError } from '../../http/app-error';
import { validate } from '../../http/validate';
import { CODE_RANGES, defaultKind, suggestNextCode } from '../../domain/grids/codes';
import type { lockGrids } from './grid-edit.repository';
import { allCodesWithPrefix } from './grid-edit.repository';
import { revertChange } from './grid-history.service';
import { posterPdf, posterPng } from './grid-poster.render';
import { buildPoster } from './grid-poster.service';
import { readRoster, saveRoster } from './grid-roster.service';
import { checkParents, parentsOfLevel } from './grid-topology.repository';
import { featuresAsOf, historyOf, liteFeatures, requireGrid } from './grids.repository';
import { previewEdit, saveEdit } from './grids.service';
import { authorOf } from '../auth/auth.middleware';

/** A date means the end of that day in China time; a date-time is taken as given. */
export function asOfMoment(asOf: string): string {
  return /^\d{4}-\d{2}-\d{2}$/.test(asOf)
    ? new Date(`${asOf}T23:59:59.999+08:00`).toISOString()
    : new Date(asOf).toISOString();
}

export function planningRoutes(db: Db): Router {
  const router = Router();
  const read = <T>(fn: (tx: Parameters<Parameters<Db['transaction']>[0]>[0]) => Promise<T>) =>
    db.transaction(fn, { readOnly: true });

  /** GET /api/grids/topology?level=village — every parent of the level: coverage, gaps, overlaps (no geometry). */
  router.get('/grids/topology', async (req, res) => {
    const { level } = validate.query(req, LevelTopologyQuery);
    res.json(
      await read(async (tx) => checkParents(tx, await parentsOfLevel(tx, level), { withGeometry: false })),
    );
  });

  /** GET /api/grids/next-code?parentId=&kind= — the next free division code of a kind under a parent. */
  router.get('/grids/next-code', async (req, res) => {
    const { parentId, kind } = validate.query(req, NextCodeQuery);
    const body = await read(async (tx): Promise<NextCode> => {
      const [parent] = await lockGridsReadOnly(tx, parentId);
      if (!parent || parent.level === 'village')
        throw new AppError('NOT_FOUND', { resource: 'grid', id: parentId });
      const level = parent.level === 'county' ? 'township' : 'village';
      const chosen = kind && CODE_RANGES[kind].level === level ? kind : defaultKind(level);
      const taken = await allCodesWithPrefix(tx, parent.code.slice(0, level === 'township' ? 6 : 9));
      const range = CODE_RANGES[chosen];
      return {
        code: suggestNextCode(parent.code, level, chosen, taken),
        kind: chosen,
        range: [String(range.from).padStart(3, '0'), String(range.to).padStart(3, '0')],
      };
    });
    res.json(body);
  });

  /** POST /api/grids/preview — what an edit would do (moves, adjustments, topology); nothing is saved. */
  router.post('/grids/preview', async (req, res) => {
    res.json(await previewEdit(db, validate.body(req, GridEdit), authorOf(req)));
  });

  router.post('/grids/merge', async (req, res) => {
    res.json(await saveEdit(db, { op: 'merge', ...validate.body(req, GridMerge) }, authorOf(req)));
  });

  router.post('/grids/changes/:changeId/revert', async (req, res) => {
    const { changeId } = validate.params(req, ChangeParam);
    res.json(await revertChange(db, changeId, authorOf(req)));
  });

  router.post('/grids', async (req, res) => {
    res
      .status(201)
      .json(await saveEdit(db, { op: 'create', ...validate.body(req, GridCreate) }, authorOf(req)));
  });

  router.patch('/grids/:id', async (req, res) => {
    const { id } = validate.params(req, IdParam);
    res.json(await saveEdit(db, { op: 'update', id, ...validate.body(req, GridUpdate) }, authorOf(req)));
  });

  router.delete('/grids/:id', async (req, res) => {
    const { id } = validate.params(req, IdParam);
    const query = validate.query(req, GridDeleteQuery);
    res.json(await saveEdit(db, { op: 'delete', id, ...query }, authorOf(req)));
  });

  router.post('/grids/:id/split', async (req, res) => {
    const { id } = validate.params(req, IdParam);
    res.json(await saveEdit(db, { op: 'split', id, ...validate.body(req, GridSplit) }, authorOf(req)));
  });

  /** GET /api/grids/:id/children?asOf= — the children with geometry (as of a past moment from the history). */
  router.get('/grids/:id/children', async (req, res) => {
    const { id } = validate.params(req, IdParam);
    const { asOf } = validate.query(req, ChildrenQuery);
    const body = await read(async (tx): Promise<ChildrenResponse> => {
      if (asOf) {
        const moment = asOfMoment(asOf);
        const past = await featuresAsOf(tx, id, moment);
        if (!past.parent) throw new AppError('NOT_FOUND', { resource: 'grid', id, asOf });
        return { type: 'FeatureCollection', parent: past.parent, asOf: moment, features: past.features };
      }
      const [parent] = await liteFeatures(tx, { ids: [id] });
      if (!parent) throw new AppError('NOT_FOUND', { resource: 'grid', id });
      return {
        type: 'FeatureCollection',
        parent,
        asOf: null,
        features: await liteFeatures(tx, { parentId: id }),
      };
    });
    res.type('application/geo+json').json(body);
  });

  /** GET /api/grids/:id/topology — gaps, overlaps and outside parts of the children, drawn as features. */
  router.get('/grids/:id/topology', async (req, res) => {
    const { id } = validate.params(req, IdParam);
    validate.query(req, TopologyQuery);
    const [result] = await read((tx) => checkParents(tx, [id]));
    if (!result) throw new AppError('NOT_FOUND', { resource: 'grid', id });
    res.json(result);
  });

  router.get('/grids/:id/history', async (req, res) => {
    const { id } = validate.params(req, IdParam);
    const { limit } = validate.query(req, HistoryQuery);
    res.json(
      await read(async (tx) => {
        await requireGrid(tx, id);
        return historyOf(tx, id, limit);
      }),
    );
  });

  router.get('/grids/:id/roster', async (req, res) => {
    const { id } = validate.params(req, IdParam);
    res.json(
      await read(async (tx) => {
        await requireGrid(tx, id);
        return readRoster(tx, id);
      }),
    );
  });

  router.put('/grids/:id/roster', async (req, res) => {
    const { id } = validate.params(req, IdParam);
    res.json(await saveRoster(db, id, validate.body(req, RosterPut), authorOf(req)));
  });

  router.use(posterRoutes(db));
  return router;
}

async function lockGridsReadOnly(tx: Parameters<typeof lockGrids>[0], id: number) {
  const { rows } = await tx.query<{ id: number; code: string; level: 'county' | 'township' | 'village' }>(
    'SELECT id, code, level FROM grid_unit WHERE id = $1',
    [id],
  );
  return rows;
}

/** The poster routes: PDF and PNG, rendered on the server from the database (offline). */
export function posterRoutes(db: Db): Router {
  const router = Router();
  const today = () => new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10); // China date
  for (const format of ['pdf', 'png'] as const) {
    router.get(`/grids/:id/poster.${format}`, async (req, res) => {
      const { id } = validate.params(req, IdParam);
      const query = validate.query(req, PosterQuery);
      const layout = await db.transaction((tx) => buildPoster(tx, id, query, today()), { readOnly: true });
      const name = encodeURIComponent(`${layout.file}-${query.size}-${query.orientation}.${format}`);
      res.setHeader('Content-Disposition', `inline; filename*=UTF-8''${name}`);
      if (format === 'pdf')
        res.type('application/pdf').send(Buffer.from(await posterPdf(layout, layout.title)));
      else res.type('image/png').send(posterPng(layout));
    });
  }
  return router;
}
