/**
 * The enforcement-case API (执法办案, issue 8):
 * - GET   /api/cases?gridId=&from=&to=&status=&limit=&offset= — cases of a grid and below, newest first;
 * - GET   /api/cases/referrals?gridId= — patrols that referred their subject to law enforcement (移交执法), with
 *   the case opened from each (if any);
 * - GET   /api/cases/:id — one case;
 * - POST  /api/cases — open a case (201);
 * - POST  /api/cases/from-patrol/:id — open the case of a referral: subject, grid and source patrol from it (201);
 * - PATCH /api/cases/:id — edit with the version last read (409 when someone changed it meanwhile).
 * Rows are limited to the account's jurisdiction by row-level security (migration 0025).
 */
import { Router } from 'express';
import { IdParam } from '../../../contracts/api';
import {
  CaseCreate,
  type CaseList,
  CaseListQuery,
  CasePatch,
  type EnforcementCase,
  type Referral,
  ReferralCase,
  ReferralQuery,
} from '../../../contracts/cases';
import type { Db, Queryable } from '../../db/engine';
import { AppError } from '../../http/app-error';
import { validate } from '../../http/validate';
import { chinaDate } from '../../lib/china-date';
import { authorOf } from '../auth/auth.middleware';
import { BELOW } from '../indicators/indicators.repository';

const SELECT = `SELECT c.id::int, c.case_number AS "caseNumber",
    json_build_object('id', g.id, 'code', g.code, 'name', g.name, 'level', g.level) AS grid,
    CASE g.level WHEN 'village' THEN t.name WHEN 'township' THEN g.name END AS township,
    CASE WHEN s.id IS NULL THEN NULL ELSE json_build_object('id', s.id, 'code', s.code, 'name', s.name) END AS subject,
    to_char(c.opened_on, 'YYYY-MM-DD') AS "openedOn", to_char(c.closed_on, 'YYYY-MM-DD') AS "closedOn",
    c.cause, c.status, c.summary, c.source_patrol_id::int AS "sourcePatrolId",
    c.source_sample_id::int AS "sourceSampleId", c.version,
    to_char(c.updated_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS "updatedAt", c.updated_by AS "updatedBy"
  FROM enforcement_case c JOIN grid_unit g ON g.id = c.grid_id LEFT JOIN grid_unit t ON t.id = g.parent_id
  LEFT JOIN production_subject s ON s.id = c.subject_id`;

async function readCase(tx: Queryable, id: number): Promise<EnforcementCase | null> {
  const { rows } = await tx.query<EnforcementCase>(`${SELECT} WHERE c.id = $1`, [id]);
  return rows[0] ?? null;
}

/** Refuses references the account cannot see (or that do not exist) with the field that names them. */
async function checkRefs(
  tx: Queryable,
  refs: { table: string; id: number | null | undefined; path: string }[],
): Promise<void> {
  for (const ref of refs) {
    if (!ref.id) continue;
    const { rows } = await tx.query(`SELECT 1 FROM ${ref.table} WHERE id = $1`, [ref.id]);
    if (rows.length === 0) throw new AppError('REFERENCE_NOT_FOUND', { path: ref.path, id: ref.id });
  }
}

const COLUMNS: Record<string, string> = {
  caseNumber: 'case_number',
  gridId: 'grid_id',
  subjectId: 'subject_id',
  openedOn: 'opened_on',
  closedOn: 'closed_on',
  cause: 'cause',
  status: 'status',
  summary: 'summary',
  sourcePatrolId: 'source_patrol_id',
  sourceSampleId: 'source_sample_id',
};

async function insertCase(tx: Queryable, input: Record<string, unknown>): Promise<number> {
  const keys = Object.keys(input).filter((k) => k in COLUMNS && input[k] !== undefined);
  const { rows } = await tx.query<{ id: number }>(
    `INSERT INTO enforcement_case (${keys.map((k) => COLUMNS[k]).join(', ')})
     VALUES (${keys.map((_, i) => `$${i + 1}`).join(', ')}) RETURNING id::int`,
    keys.map((k) => input[k] ?? null),
  );
  return rows[0]!.id;
}

export function caseRoutes(db: Db): Router {
  const router = Router();

  router.get('/cases', async (req, res) => {
    const q = validate.query(req, CaseListQuery);
    const params: unknown[] = [];
    const p = (v: unknown) => `$${params.push(v)}`;
    const where = ['true'];
    if (q.gridId) where.push(`c.grid_id IN (${BELOW(p(q.gridId))})`);
    if (q.from) where.push(`c.opened_on >= ${p(q.from)}::date`);
    if (q.to) where.push(`c.opened_on <= ${p(q.to)}::date`);
    if (q.status) where.push(`c.status = ${p(q.status)}`);
    const list = await db.transaction(
      async (tx): Promise<CaseList> => {
        const total = await tx.query<{ n: number }>(
          `SELECT count(*)::int AS n FROM enforcement_case c WHERE ${where.join(' AND ')}`,
          params,
        );
        const items = await tx.query<EnforcementCase>(
          `${SELECT} WHERE ${where.join(' AND ')} ORDER BY c.opened_on DESC, c.id DESC
           LIMIT ${q.limit} OFFSET ${q.offset}`,
          params,
        );
        return { total: total.rows[0]?.n ?? 0, items: items.rows };
      },
      { readOnly: true },
    );
    res.json(list);
  });

  router.get('/cases/referrals', async (req, res) => {
    const q = validate.query(req, ReferralQuery);
    const { rows } = await db.query<Referral>(
      `SELECT p.id::int AS "patrolId", p.patrolled_at AS "patrolledAt",
         json_build_object('id', s.id, 'code', s.code, 'name', s.name) AS subject, v.name AS village,
         p.inspector_name AS "inspectorName", p.notes, c.id::int AS "caseId"
       FROM patrol p JOIN production_subject s ON s.id = p.subject_id LEFT JOIN grid_unit v ON v.id = p.grid_id
       LEFT JOIN enforcement_case c ON c.source_patrol_id = p.id
       WHERE p.outcome = 'refer' AND p.grid_id IN (${BELOW('$1')})
       ORDER BY (c.id IS NULL) DESC, p.patrolled_at DESC LIMIT 500`,
      [q.gridId],
    );
    res.json(rows);
  });

  router.get('/cases/:id', async (req, res) => {
    const { id } = validate.params(req, IdParam);
    const found = await db.transaction((tx) => readCase(tx, id), { readOnly: true });
    if (!found) throw new AppError('NOT_FOUND', { resource: 'case', id });
    res.json(found);
  });

  router.post('/cases', async (req, res) => {
    const input = validate.body(req, CaseCreate);
    const created = await db.transaction(
      async (tx) => {
        await checkRefs(tx, [
          { table: 'grid_unit', id: input.gridId, path: 'body.gridId' },
          { table: 'production_subject', id: input.subjectId, path: 'body.subjectId' },
          { table: 'patrol', id: input.sourcePatrolId, path: 'body.sourcePatrolId' },
          { table: 'sample', id: input.sourceSampleId, path: 'body.sourceSampleId' },
        ]);
        return readCase(tx, await insertCase(tx, input));
      },
      { user: authorOf(req) },
    );
    res.status(201).location(`/api/cases/${created!.id}`).json(created);
  });

  router.post('/cases/from-patrol/:id', async (req, res) => {
    const { id } = validate.params(req, IdParam);
    const input = validate.body(req, ReferralCase);
    const created = await db.transaction(
      async (tx) => {
        const { rows } = await tx.query<{
          subjectId: number;
          gridId: number;
          outcome: string;
          sampleId: number | null;
          day: string;
        }>(
          `SELECT subject_id::int AS "subjectId", grid_id::int AS "gridId", outcome, sample_id::int AS "sampleId",
             to_char(patrolled_at AT TIME ZONE 'Asia/Shanghai', 'YYYY-MM-DD') AS day
           FROM patrol WHERE id = $1`,
          [id],
        );
        const patrol = rows[0];
        if (!patrol) throw new AppError('NOT_FOUND', { resource: 'patrol', id });
        if (patrol.outcome !== 'refer')
          throw new AppError(
            'CONSTRAINT_VIOLATION',
            { path: 'params.id', outcome: patrol.outcome },
            {
              zh: '只有处理结果为“移交执法”的巡查记录才能立案',
              en: 'only a patrol whose outcome is "refer to law enforcement" can open a case',
            },
          );
        const caseId = await insertCase(tx, {
          caseNumber: input.caseNumber,
          gridId: patrol.gridId,
          subjectId: patrol.subjectId,
          openedOn: input.openedOn ?? chinaDate(),
          cause: input.cause,
          status: 'open',
          summary: input.summary,
          sourcePatrolId: id,
          sourceSampleId: patrol.sampleId,
        });
        return readCase(tx, caseId);
      },
      { user: authorOf(req) },
    );
    res.status(201).location(`/api/cases/${created!.id}`).json(created);
  });

  router.patch('/cases/:id', async (req, res) => {
    const { id } = validate.params(req, IdParam);
    const patch = validate.body(req, CasePatch);
    const updated = await db.transaction(
      async (tx) => {
        const { rows } = await tx.query<{ version: number; status: string; closedOn: string | null }>(
          `SELECT version, status, to_char(closed_on, 'YYYY-MM-DD') AS "closedOn" FROM enforcement_case
           WHERE id = $1 FOR UPDATE`,
          [id],
        );
        const current = rows[0];
        if (!current) throw new AppError('NOT_FOUND', { resource: 'case', id });
        if (current.version !== patch.version)
          throw new AppError('VERSION_CONFLICT', {
            path: 'body.version',
            current: current.version,
            sent: patch.version,
          });
        await checkRefs(tx, [
          { table: 'grid_unit', id: patch.gridId, path: 'body.gridId' },
          { table: 'production_subject', id: patch.subjectId, path: 'body.subjectId' },
          { table: 'sample', id: patch.sourceSampleId, path: 'body.sourceSampleId' },
        ]);
        // Closing sets the closing date, reopening clears it, unless the request says otherwise.
        const changes: Record<string, unknown> = { ...patch };
        delete changes.version;
        if (patch.status === 'open' && patch.closedOn === undefined) changes.closedOn = null;
        if (patch.status && patch.status !== 'open' && patch.closedOn === undefined && !current.closedOn)
          changes.closedOn = chinaDate();
        const keys = Object.keys(changes).filter((k) => k in COLUMNS && changes[k] !== undefined);
        if (keys.length > 0)
          await tx.query(
            `UPDATE enforcement_case SET ${keys.map((k, i) => `${COLUMNS[k]} = $${i + 2}`).join(', ')} WHERE id = $1`,
            [id, ...keys.map((k) => changes[k] ?? null)],
          );
        return readCase(tx, id);
      },
      { user: authorOf(req) },
    );
    res.json(updated);
  });

  return router;
}
