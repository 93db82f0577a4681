/**
 * GET /api/audit — the append-only audit log, newest first, per record (table + rowKey) or per account (actor).
 * Needs audit.read (the route table in auth/request-scope.ts); the database lets only auditors read it.
 */
import { Router } from 'express';
import { AuditQuery, type AuditEntry, type AuditPage } from '../../../contracts/audit';
import type { Db } from '../../db/engine';
import { validate } from '../../http/validate';

export function auditRoutes(db: Db): Router {
  const router = Router();
  router.get('/audit', async (req, res) => {
    const q = validate.query(req, AuditQuery);
    const { rows } = await db.query<Omit<AuditEntry, 'changed'>>(
      `SELECT id::int, at, actor, request_id AS "requestId", table_name AS table, row_key AS "rowKey", action, before, after
       FROM audit_log
       WHERE ($1::text IS NULL OR table_name = $1) AND ($2::text IS NULL OR row_key = $2)
         AND ($3::text IS NULL OR actor = $3) AND ($4::bigint IS NULL OR id < $4)
       ORDER BY id DESC LIMIT $5`,
      [q.table ?? null, q.rowKey ?? null, q.actor ?? null, q.before ?? null, q.limit + 1],
    );
    const page = rows.slice(0, q.limit);
    const entries: AuditEntry[] = page.map((e) => ({
      ...e,
      changed:
        e.before && e.after
          ? Object.keys(e.after).filter((k) => JSON.stringify(e.before?.[k]) !== JSON.stringify(e.after?.[k]))
          : [],
    }));
    const body: AuditPage = { entries, next: rows.length > q.limit ? (page.at(-1)?.id ?? null) : null };
    res.json(body);
  });
  return router;
}
