/**
 * The state indicators (staffing, registry freshness, traceability, certificates) as of an earlier instant T — the
 * end of the previous period for their trend, and the end of the period itself when it ended before today — and the
 * records behind them then: the roster and registry rows as they were at T, rebuilt from the audit log (migration
 * 0032, `audit_rows_at`).
 *
 * A row's state at T: the after image of its latest audit row at or before T (gone if that is a delete); without one,
 * the before image of its first audit row after T (not there yet if that is an insert). Rows without any audit row
 * after T are as they are now, if created at or before T. So the reconstruction only touches the rows written after
 * T: none for a recent T in the common case, where each table costs one index probe of audit_log (table_name, at).
 *
 * Staffing uses grid_unit and grid_person as at T and the required roles of the current grid_role configuration;
 * subjects are counted in the village they belonged to at T (within today's grid tree of the units).
 * Before the audit log's first entry nothing can be rebuilt: the value stays `no_history` with that date.
 */
import type { Queryable } from '../../db/engine';
import { EMPTY_STATE, type StateCounts } from '../../domain/indicators/indicators';
import type { IndicatorRecord } from '../../../contracts/indicators';
import {
  BELOW,
  type CountParams,
  LEAF_OF,
  type RecordsSpec,
  SUBJECT_STATE_COUNTS,
} from './indicators.repository';
import { sqlDayEnd } from '../../lib/china-date';

/** The instant T: the start (China time) of the day after the period's last day ($n a date). */
const T = sqlDayEnd;

/** Grid units and grid people as at T ($t): g_at (id, parent_id, level, code, name), roles (grid_id, roles[]). */
const ROSTER_AT = (
  t: string,
) => `g_hist AS (SELECT * FROM audit_rows_at('grid_unit', ${t}, ARRAY['id', 'parent_id', 'level', 'code', 'name'])),
  p_hist AS (SELECT * FROM audit_rows_at('grid_person', ${t}, ARRAY['grid_id', 'role'])),
  g_at AS (SELECT g.id, g.parent_id, g.level, g.code, g.name FROM grid_unit g
      WHERE g.created_at <= ${t} AND NOT EXISTS (SELECT 1 FROM g_hist h WHERE h.row_key = g.id::text)
    UNION ALL SELECT (h.image ->> 'id')::bigint, (h.image ->> 'parent_id')::bigint, h.image ->> 'level',
      h.image ->> 'code', h.image ->> 'name'
      FROM g_hist h WHERE h.image IS NOT NULL),
  p_at AS (SELECT p.grid_id, p.role FROM grid_person p
      WHERE p.created_at <= ${t} AND NOT EXISTS (SELECT 1 FROM p_hist h WHERE h.row_key = p.id::text)
    UNION ALL SELECT (h.image ->> 'grid_id')::bigint, h.image ->> 'role' FROM p_hist h WHERE h.image IS NOT NULL),
  roles AS (SELECT grid_id, array_agg(role) AS roles FROM p_at GROUP BY grid_id)`;

/** Grid `g` (with roles `ro` of roles) has every required role of its level (current grid_role). */
const STAFFED_AT = (
  g: string,
  ro: string,
) => `NOT EXISTS (SELECT 1 FROM grid_role r WHERE r.level = ${g}.level
  AND r.required AND NOT (r.role = ANY (coalesce(${ro}.roles, '{}'::text[]))))`;

type Row<T> = T & { unitId: number };
/** The subject counts kept with history (subjectCountsAt), and with the roster's the whole state as at T. */
const SUBJECT_STATE_KEYS = [
  'subjects',
  'freshSubjects',
  'mustTrace',
  'traced',
  'mustCertify',
  'certifying',
] as const;
type SubjectStateAt = Pick<StateCounts, (typeof SUBJECT_STATE_KEYS)[number]>;
const STATE_AT_KEYS = ['grids', 'staffedGrids', 'townships', ...SUBJECT_STATE_KEYS] as const;
export type StateAt = Pick<StateCounts, (typeof STATE_AT_KEYS)[number]>;

/** A unit with nothing at T (it did not exist then): the empty state counts, of the keys kept with history. */
export const EMPTY_STATE_AT = Object.fromEntries(STATE_AT_KEYS.map((k) => [k, EMPTY_STATE[k]])) as StateAt;

/** The first day (China date) the audit log can answer for, and whether it covers the end of each of `days`. */
export async function historyCovers(db: Queryable, days: readonly string[]) {
  const { rows } = await db.query<{ start: string | null; covered: boolean[] }>(
    `SELECT to_char(s AT TIME ZONE 'Asia/Shanghai', 'YYYY-MM-DD') AS start,
       ARRAY(SELECT coalesce(s <= ${T('d')}, false) FROM unnest($1::date[]) WITH ORDINALITY AS x(d, n) ORDER BY n)
         AS covered
     FROM audit_history_start() s`,
    [days],
  );
  return { start: rows[0]?.start ?? null, covered: rows[0]?.covered ?? days.map(() => false) };
}

/** Staffed grids and township grids of each unit (itself and its grids below, as at T). */
export async function staffingCountsAt(db: Queryable, p: CountParams, prevTo: string) {
  const { rows } = await db.query<Row<Pick<StateCounts, 'grids' | 'staffedGrids' | 'townships'>>>(
    `WITH t AS (SELECT ${T('$3')} AS t), ${ROSTER_AT('(SELECT t FROM t)')},
     units AS (SELECT g.id FROM grid_unit g WHERE g.level = $1 AND ($2::bigint IS NULL OR g.parent_id = $2
       OR g.parent_id IN (SELECT id FROM grid_unit WHERE parent_id = $2))),
     sub AS (SELECT u.id AS unit_id, g.id AS grid_id, g.level FROM units u JOIN g_at g ON g.id = u.id
       UNION ALL SELECT u.id, g.id, g.level FROM units u JOIN g_at g ON g.parent_id = u.id
       UNION ALL SELECT u.id, g.id, g.level FROM units u JOIN g_at m ON m.parent_id = u.id JOIN g_at g ON g.parent_id = m.id)
     SELECT s.unit_id::int AS "unitId", count(*)::int AS grids,
       count(*) FILTER (WHERE ${STAFFED_AT('s', 'ro')})::int AS "staffedGrids",
       count(*) FILTER (WHERE s.level = 'township')::int AS townships
     FROM sub s LEFT JOIN roles ro ON ro.grid_id = s.grid_id GROUP BY s.unit_id`,
    [p.level, p.parentId, prevTo],
  );
  return rows;
}

/** Whether one grid itself existed at T and had every required role then. */
export async function gridStaffedAt(db: Queryable, id: number, prevTo: string) {
  const { rows } = await db.query<{ staffed: boolean }>(
    `WITH t AS (SELECT ${T('$2')} AS t), ${ROSTER_AT('(SELECT t FROM t)')}
     SELECT ${STAFFED_AT('g', 'ro')} AS staffed FROM g_at g LEFT JOIN roles ro ON ro.grid_id = g.id WHERE g.id = $1`,
    [id, prevTo],
  );
  return { existed: rows.length > 0, staffed: rows[0]?.staffed ?? false };
}

/**
 * Active subjects of each unit at the end of each of `days`: updated in the calendar year of that day, and of the
 * traceability and certificate types with their flags as at then. One list per day, in order.
 *
 * Two reads whose counts add up: today's rows, each counted for the instants it existed at (one read of the subjects
 * for all the days, with no audit-log function in it, so PostgreSQL can scan them with parallel workers); then, for
 * the rows changed after an instant, their images as they were at it counted in and today's rows counted out (one
 * index probe per changed row).
 */
export async function subjectCountsAt(
  db: Queryable,
  p: CountParams,
  days: readonly string[],
): Promise<Row<SubjectStateAt>[][]> {
  if (!days.length) return [];
  const params: unknown[] = [p.villageIds, p.villageUnits, p.traceTypes, p.certificateTypes];
  const push = (v: unknown) => `$${params.push(v)}`;
  const each = days.map((day, i) => ({ i, day: push(day) }));
  const yearStart = (day: string) => `date_trunc('year', ${day}::date)::date`;
  const instants = each.map(({ i, day }) => `t${i} AS (SELECT ${T(day)} AS t)`).join(',\n');
  const createdBy = (i: number) => `s.created_at <= (SELECT t FROM t${i})`;
  const today = await db.query<Record<string, number>>(
    `WITH ${LEAF_OF}, ${instants},
     at_t AS (SELECT s.grid_id, s.status, s.type, s.traceability, s.issues_certificate, s.updated_at,
         ${each.map(({ i }) => `${createdBy(i)} AS in${i}`).join(', ')}
       FROM production_subject s
       WHERE s.grid_id = ANY ($1::bigint[]) AND s.status = 'active' AND (${each.map(({ i }) => createdBy(i)).join(' OR ')}))
     ${SUBJECT_STATE_COUNTS(
       'at_t',
       each.map(({ i, day }) => ({ flag: `s.in${i}`, yearStart: yearStart(day), suffix: String(i) })),
       '$3',
       '$4',
     )}`,
    params,
  );
  // The rows changed after each instant: today's row counted out where the first read counted it in (same
  // conditions), its image at the instant counted in (the village it was in then, within today's tree of the units).
  const columns = `ARRAY['grid_id', 'status', 'type', 'traceability', 'issues_certificate', 'updated_at']`;
  const flags = (on: string) =>
    each.flatMap(({ i: j }) => [`${on === `out${j}`} AS out${j}`, `${on === `in${j}`} AS in${j}`]);
  const changed = await db.query<Record<string, number>>(
    `WITH ${LEAF_OF}, ${instants},
     ${each
       .map(
         ({ i }) => `-- The key as a number (a subject's is its id; a key that is not one matches no subject).
     hist${i} AS (SELECT CASE WHEN row_key ~ '^[0-9]{1,18}$' THEN row_key::bigint END AS id, image
       FROM audit_rows_at('production_subject', (SELECT t FROM t${i}), ${columns}))`,
       )
       .join(',\n')},
     delta AS (${each
       .map(
         ({ i }) => `SELECT s.grid_id, s.status, s.type, s.traceability, s.issues_certificate, s.updated_at,
         ${flags(`out${i}`).join(', ')}
         FROM hist${i} h JOIN production_subject s ON s.id = h.id
         WHERE s.grid_id = ANY ($1::bigint[]) AND ${createdBy(i)}
       UNION ALL
       SELECT (h.image ->> 'grid_id')::bigint, h.image ->> 'status', h.image ->> 'type',
         (h.image ->> 'traceability')::boolean, (h.image ->> 'issues_certificate')::boolean,
         (h.image ->> 'updated_at')::timestamptz, ${flags(`in${i}`).join(', ')}
         FROM hist${i} h WHERE h.image IS NOT NULL`,
       )
       .join('\n       UNION ALL\n       ')})
     ${SUBJECT_STATE_COUNTS(
       'delta',
       each.flatMap(({ i, day }) => [
         { flag: `s.out${i}`, yearStart: yearStart(day), suffix: `out${i}` },
         { flag: `s.in${i}`, yearStart: yearStart(day), suffix: `in${i}` },
       ]),
       '$3',
       '$4',
     )}`,
    params,
  );
  const bases = new Map(today.rows.map((row) => [row.unitId!, row]));
  const deltas = new Map(changed.rows.map((row) => [row.unitId!, row]));
  const units = new Set([...bases.keys(), ...deltas.keys()]);
  return each.map(({ i }) =>
    [...units].map((unitId) => {
      const base = bases.get(unitId);
      const delta = deltas.get(unitId);
      const out = { unitId } as Row<SubjectStateAt>;
      for (const key of SUBJECT_STATE_KEYS)
        out[key] =
          (base?.[`${key}${i}`] ?? 0) - (delta?.[`${key}out${i}`] ?? 0) + (delta?.[`${key}in${i}`] ?? 0);
      return out;
    }),
  );
}

export interface PreviousState {
  /** First day the audit log answers for (null: no entry at all). */
  historyStart: string | null;
  /** The state counts of each unit at T; null when the audit log does not reach back to T. */
  units: Map<number, StateAt> | null;
  /** The parent grid itself at T (for the parent's staffing). */
  parent: { existed: boolean; staffed: boolean } | null;
}

/**
 * The state counts of every unit (and the parent's own grid) at the end (China time) of each of `days` — the end of
 * the period itself when it ended before today, and of the previous period — one result per day, in order. The
 * subjects of all the days the audit log covers are counted in one read.
 */
export async function statesAt(
  db: Queryable,
  p: CountParams,
  parentId: number | null,
  days: readonly string[],
): Promise<PreviousState[]> {
  const history = await historyCovers(db, days);
  const subjects = await subjectCountsAt(
    db,
    p,
    days.filter((_, i) => history.covered[i]),
  );
  let next = 0; // the covered days' subject counts, in order
  const out: PreviousState[] = [];
  for (const [i, day] of days.entries()) {
    if (!history.covered[i]) {
      out.push({ historyStart: history.start, units: null, parent: null });
      continue;
    }
    const units = new Map<number, StateAt>();
    for (const { unitId, ...rest } of await staffingCountsAt(db, p, day))
      units.set(unitId, { ...EMPTY_STATE_AT, ...rest });
    for (const { unitId, ...rest } of subjects[next++]!)
      units.set(unitId, { ...EMPTY_STATE_AT, ...units.get(unitId), ...rest });
    const parent = parentId === null ? null : await gridStaffedAt(db, parentId, day);
    out.push({ historyStart: history.start, units, parent });
  }
  return out;
}

/** Records of a state indicator as at the end of a day (see recordsAt). */
export interface RecordsAt {
  total: number;
  items: IndicatorRecord[];
  /** First day the audit log answers for. */
  historyStart: string | null;
  /** The audit log does not reach back to the end of the day: nothing is listed. */
  noHistory: boolean;
}

/**
 * The records behind a state indicator of one grid as they were at the end of `day` (the period's last day when it
 * ended before today), with the same reconstruction as the counts: staffing lists the grid and those below it as at
 * T with the roles missing then (required roles of today's configuration); the subject indicators list the subjects
 * active at T in the villages under the grid (today's tree) with their type, flags and last update as at T, "updated"
 * meaning in the calendar year of `day`. Names of townships and villages are today's.
 */
export async function recordsAt(db: Queryable, spec: RecordsSpec, day: string): Promise<RecordsAt> {
  const history = await historyCovers(db, [day]);
  if (!history.covered[0]) return { total: 0, items: [], historyStart: history.start, noHistory: true };
  const { sql, params } = recordsAtSql(spec, day);
  const filtered = `${sql} SELECT * FROM rec q ${spec.failing ? 'WHERE NOT q.counts' : ''}`;
  const items = await db.query<IndicatorRecord>(
    `${filtered} ORDER BY q.counts, q.date DESC NULLS LAST, q.code
     LIMIT ${Math.floor(spec.limit)} OFFSET ${Math.floor(spec.offset)}`,
    params,
  );
  const total = await db.query<{ total: number }>(
    `${sql} SELECT count(*)::int AS total FROM rec q ${spec.failing ? 'WHERE NOT q.counts' : ''}`,
    params,
  );
  return {
    total: total.rows[0]?.total ?? 0,
    items: items.rows,
    historyStart: history.start,
    noHistory: false,
  };
}

/** `WITH … rec AS (id, code, name, township, village, counts, detail, date)` of a state indicator at T. */
function recordsAtSql(s: RecordsSpec, day: string): { sql: string; params: unknown[] } {
  if (s.indicator === 'staffing')
    return {
      sql: `WITH t AS (SELECT ${T('$2')} AS t), ${ROSTER_AT('(SELECT t FROM t)')},
        below AS (SELECT g.* FROM g_at g WHERE g.id = $1
          UNION ALL SELECT g.* FROM g_at g WHERE g.parent_id = $1
          UNION ALL SELECT g.* FROM g_at m JOIN g_at g ON g.parent_id = m.id WHERE m.parent_id = $1),
        rec AS (SELECT g.id::int AS id, g.code, g.name, CASE g.level WHEN 'village' THEN p.name END AS township,
            CASE g.level WHEN 'village' THEN g.name END AS village, ${STAFFED_AT('g', 'ro')} AS counts,
            coalesce((SELECT string_agg(r.name_zh || ' ' || r.name_en, '、' ORDER BY r.sort_order) FROM grid_role r
              WHERE r.level = g.level AND r.required
                AND NOT (r.role = ANY (coalesce(ro.roles, '{}'::text[])))), '') AS detail,
            NULL::text AS date
          FROM below g LEFT JOIN roles ro ON ro.grid_id = g.id LEFT JOIN g_at p ON p.id = g.parent_id)`,
      params: [s.gridId, day],
    };
  const params: unknown[] = [s.gridId, day];
  const p = (value: unknown) => `$${params.push(value)}`;
  const counts =
    s.indicator === 'registry_freshness'
      ? `extract(year FROM x.updated_at AT TIME ZONE 'Asia/Shanghai') = extract(year FROM $2::date)`
      : s.indicator === 'traceability'
        ? 'x.traceability'
        : 'x.issues_certificate';
  const typed = s.indicator === 'registry_freshness' ? '' : `AND x.type = ANY (${p(s.types)}::text[])`;
  return {
    sql: `WITH t AS (SELECT ${T('$2')} AS t), below AS (${BELOW('$1')}),
      hist AS (SELECT * FROM audit_rows_at('production_subject', (SELECT t FROM t),
        ARRAY['id', 'code', 'name', 'grid_id', 'status', 'type', 'traceability', 'issues_certificate', 'updated_at'])),
      at_t AS (SELECT s.id, s.code, s.name, s.grid_id, s.status, s.type, s.traceability, s.issues_certificate, s.updated_at
          FROM production_subject s
          WHERE s.grid_id IN (SELECT id FROM below) AND s.created_at <= (SELECT t FROM t)
            AND NOT EXISTS (SELECT 1 FROM hist h WHERE h.row_key = s.id::text)
        UNION ALL
        SELECT (h.image ->> 'id')::bigint, h.image ->> 'code', h.image ->> 'name', (h.image ->> 'grid_id')::bigint,
          h.image ->> 'status', h.image ->> 'type', (h.image ->> 'traceability')::boolean,
          (h.image ->> 'issues_certificate')::boolean, (h.image ->> 'updated_at')::timestamptz
          FROM hist h WHERE h.image IS NOT NULL),
      rec AS (SELECT x.id::int AS id, x.code, x.name, tw.name AS township, v.name AS village, coalesce(${counts}, false) AS counts,
          x.type AS detail, to_char(x.updated_at AT TIME ZONE 'Asia/Shanghai', 'YYYY-MM-DD') AS date
        FROM at_t x LEFT JOIN grid_unit v ON v.id = x.grid_id LEFT JOIN grid_unit tw ON tw.id = v.parent_id
        WHERE x.status = 'active' AND x.grid_id IN (SELECT id FROM below) ${typed})`,
    params,
  };
}
