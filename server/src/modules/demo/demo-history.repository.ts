/**
 * DEMO ONLY: writes the demo county's earlier history (server/src/domain/demo/history.ts) into the audit log as
 * backdated rows, inside the load transaction, after the rows themselves. The images are the load's own insert
 * images (found as this transaction's audit rows: at = now()) with the flags and times of each state.
 */
import type { Queryable } from '../../db/engine';
import type { DemoHistory } from '../../domain/demo/history';

const BATCH = 1000;

/** The set-up insert of every grid and roster row of the load (appointed coordinators: their appointment instead). */
async function insertRosterHistory(tx: Queryable, history: DemoHistory): Promise<void> {
  await tx.query(
    `WITH appointed AS (
       SELECT p.id::text AS row_key, r.at FROM json_to_recordset($2::json) AS r(grid_code text, role text, name text, at timestamptz)
       JOIN grid_unit g ON g.code = r.grid_code JOIN grid_person p ON p.grid_id = g.id AND p.role = r.role AND p.name = r.name),
     loaded AS (SELECT a.table_name, a.row_key, a.after FROM audit_log a
       WHERE a.at = now() AND a.action = 'insert' AND a.table_name IN ('grid_unit', 'grid_person'))
     INSERT INTO audit_log (at, table_name, row_key, action, after)
     SELECT coalesce(ap.at, $1::timestamptz), l.table_name, l.row_key, 'insert',
       l.after || jsonb_build_object('created_at', coalesce(ap.at, $1::timestamptz), 'updated_at', coalesce(ap.at, $1::timestamptz))
     FROM loaded l LEFT JOIN appointed ap ON l.table_name = 'grid_person' AND ap.row_key = l.row_key`,
    [
      history.setup,
      JSON.stringify(
        history.appointed.map((a) => ({ grid_code: a.gridCode, role: a.role, name: a.name, at: a.at })),
      ),
    ],
  );
}

/** Each subject's registration and later updates, each image chained to the one before. */
async function insertSubjectHistory(tx: Queryable, history: DemoHistory): Promise<void> {
  for (let i = 0; i < history.subjects.length; i += BATCH) {
    const batch = history.subjects.slice(i, i + BATCH).map((s) => ({
      code: s.code,
      states: s.states.map((st) => ({ at: st.at, t: st.traceability, c: st.issuesCertificate })),
    }));
    await tx.query(
      `WITH ev AS (
         SELECT s.id, e.n, (e.v ->> 'at')::timestamptz AS at,
           a.after || jsonb_build_object('traceability', (e.v ->> 't')::boolean,
             'issues_certificate', (e.v ->> 'c')::boolean, 'updated_at', (e.v ->> 'at')::timestamptz,
             'created_at', $2::timestamptz, 'version', e.n) AS img
         FROM json_to_recordset($1::json) AS r(code text, states json)
         JOIN production_subject s ON s.code = r.code
         CROSS JOIN LATERAL json_array_elements(r.states) WITH ORDINALITY AS e(v, n)
         CROSS JOIN LATERAL (SELECT x.after FROM audit_log x WHERE x.table_name = 'production_subject'
           AND x.row_key = s.id::text AND x.action = 'insert' AND x.at = now() ORDER BY x.id DESC LIMIT 1) a)
       INSERT INTO audit_log (at, table_name, row_key, action, before, after)
       SELECT at, 'production_subject', id::text, CASE WHEN n = 1 THEN 'insert' ELSE 'update' END,
         CASE WHEN n = 1 THEN NULL ELSE lag(img) OVER (PARTITION BY id ORDER BY n) END, img
       FROM ev`,
      [JSON.stringify(batch), history.setup],
    );
  }
}

export async function insertHistory(tx: Queryable, history: DemoHistory): Promise<void> {
  await insertRosterHistory(tx, history);
  await insertSubjectHistory(tx, history);
}
