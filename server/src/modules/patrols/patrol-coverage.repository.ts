/**
 * Patrol coverage in SQL, shared by GET /api/patrols/coverage and the dashboard's patrol_coverage indicator (one
 * definition, one query): a subject is covered when its patrols in the period up to `asOf` reach what the rules
 * require for the whole period (a subject with no requirement is covered). The patrols are counted from the
 * rollup patrol_subject_month for the whole China calendar months of the period and from patrol itself for the
 * partial months at its edges (migration 0033, docs/patrols.md "Coverage"), which gives the same counts as
 * counting patrol alone.
 */
import { PATROL_SUBJECT_TYPES } from '../../../contracts/patrol-plans';
import type { Queryable } from '../../db/engine';
import { wholeMonths } from '../../domain/indicators/whole-months';
import {
  annualRequirement,
  fromDayNumber,
  requiredInPeriod,
  ruleFor,
  toDayNumber,
  type PatrolRule,
} from '../../domain/patrols/rules';
import { sqlDayEnd as END, sqlDayStart as START } from '../../lib/china-date';

export interface CoveragePeriod {
  from: string;
  to: string;
  /** Patrols after this day do not count yet (the period has not ended). */
  asOf: string;
}

/** Patrols required in the period for each combination of subject type, key list and low credit (28 rows). */
export function requirementTable(rules: readonly PatrolRule[], period: { from: string; to: string }) {
  return PATROL_SUBJECT_TYPES.flatMap((type) =>
    [true, false].flatMap((key) =>
      [true, false].map((low) => {
        const rule = ruleFor(rules, type);
        const annual = annualRequirement(rule, { keyList: key, creditClass: low ? 'C' : 'A' });
        return { type, key, low, required: requiredInPeriod(rule, annual, period) };
      }),
    ),
  );
}

/** The last day whose patrols count: the period's end, or asOf if earlier. */
export const lastCountedDay = (p: CoveragePeriod) => (p.to < p.asOf ? p.to : p.asOf);

/**
 * LEFT JOINs giving `alias`.n, the patrols of subject `s` from `from` to `last` (NULL for none): the whole months
 * from the rollup, the partial edge months from patrol, each grouped per subject (a scope of many subjects reads
 * the period's rollup rows once) or, with `perSubject`, looked up per subject by index (a scope of a few villages).
 */
function patrolsIn(
  push: (v: unknown) => string,
  s: string,
  alias: string,
  from: string,
  last: string,
  perSubject: boolean,
): { joins: string; n: string } {
  if (from > last) return { joins: '', n: '0' };
  const { monthFrom, monthTo } = wholeMonths(from, last);
  const after = fromDayNumber(toDayNumber(last) + 1);
  const joins: string[] = [];
  const terms: string[] = [];
  const join = (name: string, select: string, table: string, where: string) => {
    terms.push(`coalesce(${name}.n, 0)`);
    joins.push(
      perSubject
        ? `LEFT JOIN LATERAL (SELECT ${select} AS n FROM ${table} WHERE x.subject_id = ${s}.id AND ${where}) ${name} ON true`
        : `LEFT JOIN (SELECT x.subject_id, ${select} AS n FROM ${table} WHERE ${where} GROUP BY x.subject_id) ${name}
             ON ${name}.subject_id = ${s}.id`,
    );
  };
  if (monthFrom < monthTo)
    join(
      `${alias}_m`,
      'sum(x.patrols)',
      'patrol_subject_month x',
      `x.month >= ${push(monthFrom)}::date AND x.month < ${push(monthTo)}::date`,
    );
  const edges: string[] = [];
  const edge = (a: string, b: string) =>
    edges.push(`(x.patrolled_at >= ${START(push(a))} AND x.patrolled_at < ${START(push(b))})`);
  if (from < monthFrom) edge(from, monthFrom < after ? monthFrom : after);
  if (monthFrom < monthTo && monthTo < after) edge(monthTo, after);
  if (edges.length) join(`${alias}_e`, 'count(*)', 'patrol x', `(${edges.join(' OR ')})`);
  return { joins: joins.join('\n'), n: terms.length ? terms.join(' + ') : '0' };
}

/** A scope of at most this many grids looks each subject's patrols up by index; a larger one reads them once. */
const PER_SUBJECT_GRIDS = 400;

/** Active subjects on asOf: active now, or retired after that day. */
const ACTIVE = (s: string, asOf: string) => `(${s}.status = 'active' OR ${s}.retired_at >= ${END(asOf)})`;
const REQUIRED = (s: string, req: string) => `LEFT JOIN ${req} r ON r.type = ${s}.type
  AND r.key = coalesce(${s}.key_list, false) AND r.low = coalesce(${s}.credit_class IN ('C', 'D'), false)`;

export interface CoverageCount {
  unit: number;
  subjects: number;
  covered: number;
}

/**
 * Subjects and covered subjects per unit: `villageIds[i]` counts under `villageUnits[i]` (subjects by their
 * current village); `types` limits the subject types (all without it).
 */
export async function coverageCounts(
  db: Queryable,
  q: CoveragePeriod & {
    rules: readonly PatrolRule[];
    villageIds: readonly number[];
    villageUnits: readonly number[];
    types?: readonly string[];
  },
): Promise<CoverageCount[]> {
  if (!q.villageIds.length) return [];
  const params: unknown[] = [];
  const push = (v: unknown) => `$${params.push(v)}`;
  const villages = push(q.villageIds);
  const units = push(q.villageUnits);
  const req = push(JSON.stringify(requirementTable(q.rules, q)));
  const typed = q.types ? `AND s.type = ANY (${push(q.types)}::text[])` : '';
  const asOf = push(q.asOf);
  const done = patrolsIn(push, 's', 'p', q.from, lastCountedDay(q), q.villageIds.length <= PER_SUBJECT_GRIDS);
  const { rows } = await db.query<CoverageCount>(
    `WITH leaf AS (SELECT * FROM unnest(${villages}::bigint[], ${units}::bigint[]) AS l(village_id, unit_id)),
     req AS (SELECT * FROM json_to_recordset(${req}::json) AS r(type text, key boolean, low boolean, required int))
     SELECT l.unit_id::int AS unit, sum(v.subjects)::int AS subjects, sum(v.covered)::int AS covered
     FROM (SELECT s.grid_id, count(*) AS subjects, count(*) FILTER (WHERE ${done.n} >= coalesce(r.required, 0)) AS covered
       FROM production_subject s ${REQUIRED('s', 'req')}
       ${done.joins}
       WHERE s.grid_id = ANY (${villages}::bigint[]) AND ${ACTIVE('s', asOf)} ${typed}
       GROUP BY s.grid_id) v
     JOIN leaf l ON l.village_id = v.grid_id
     GROUP BY l.unit_id`,
    params,
  );
  return rows;
}

export interface CoverageSubject {
  id: number;
  code: string;
  name: string;
  type: string;
  township: string | null;
  village: string | null;
  required: number;
  done: number;
  covered: boolean;
  /** Last patrol up to the last counted day, China date. */
  lastPatrol: string | null;
}

/**
 * The subjects behind one grid's coverage (its villages' subjects), the ones that miss first (then by last
 * patrol, latest first, and code); `missing` keeps only those. Paged.
 */
export async function coverageSubjects(
  db: Queryable,
  q: CoveragePeriod & {
    rules: readonly PatrolRule[];
    gridId: number;
    types?: readonly string[];
    missing: boolean;
    limit: number;
    offset: number;
  },
): Promise<{ total: number; items: CoverageSubject[] }> {
  const params: unknown[] = [];
  const push = (v: unknown) => `$${params.push(v)}`;
  const grid = push(q.gridId);
  const req = push(JSON.stringify(requirementTable(q.rules, q)));
  const typed = q.types ? `AND s.type = ANY (${push(q.types)}::text[])` : '';
  const asOf = push(q.asOf);
  const done = patrolsIn(push, 's', 'p', q.from, lastCountedDay(q), true);
  const rows = `WITH req AS (SELECT * FROM json_to_recordset(${req}::json) AS r(type text, key boolean, low boolean, required int)),
     q AS (SELECT s.id, s.code, s.name, s.type, s.grid_id, coalesce(r.required, 0) AS required, (${done.n})::int AS done,
             ${done.n} >= coalesce(r.required, 0) AS covered
           FROM production_subject s ${REQUIRED('s', 'req')}
           ${done.joins}
           WHERE s.grid_id IN (SELECT id FROM grid_unit WHERE id = ${grid} OR parent_id = ${grid}
               OR parent_id IN (SELECT id FROM grid_unit WHERE parent_id = ${grid}))
             AND ${ACTIVE('s', asOf)} ${typed})
     SELECT * FROM q ${q.missing ? 'WHERE NOT q.covered' : ''}`;
  // The count reads every parameter but the last day (pushed last, for the page's last patrol).
  const counted = [...params];
  const last = push(lastCountedDay(q));
  const [items, total] = await Promise.all([
    db.query<CoverageSubject>(
      `WITH x AS (${rows}),
       page AS (SELECT x.*, (SELECT max(p.patrolled_at) FROM patrol p WHERE p.subject_id = x.id
                             AND p.patrolled_at < ${END(last)}) AS last_at
                FROM x)
       SELECT page.id::int, page.code, page.name, page.type, t.name AS township, v.name AS village,
         page.required, page.done, page.covered,
         to_char(page.last_at AT TIME ZONE 'Asia/Shanghai', 'YYYY-MM-DD') AS "lastPatrol"
       FROM page LEFT JOIN grid_unit v ON v.id = page.grid_id LEFT JOIN grid_unit t ON t.id = v.parent_id
       ORDER BY page.covered, page.last_at DESC NULLS LAST, page.code
       LIMIT ${Math.floor(q.limit)} OFFSET ${Math.floor(q.offset)}`,
      params,
    ),
    db.query<{ total: number }>(`SELECT count(*)::int AS total FROM (${rows}) c`, counted),
  ]);
  return { total: total.rows[0]?.total ?? 0, items: items.rows };
}
