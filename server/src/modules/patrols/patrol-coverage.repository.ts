/**
 * Patrol coverage in SQL, shared by GET /api/patrols/coverage and the dashboard's patrol_coverage indicator (one
 * definition, one query): a subject is covered when its patrols in the period up to `asOf` reach what the rules
 * require for the whole period (a subject with no requirement is covered). The patrols are counted from the
 * yearly rollup patrol_subject_year (a column per month) for the whole China calendar months of the period and from
 * patrol itself for the partial months at its edges (migration 0036, docs/patrols.md "Coverage"), which gives the
 * same counts as counting patrol alone.
 */
import { PATROL_SUBJECT_TYPES } from '../../../contracts/patrol-plans';
import type { Queryable } from '../../db/engine';
import { monthsByYear, wholeMonths } from '../../domain/indicators/whole-months';
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

/** A span of days whose patrols are counted: from `from` to `last` (China dates, inclusive). */
interface Span {
  from: string;
  last: string;
}

/** The rollup's column of a month (1–12). */
const MONTH_COLUMN = (m: number) => `m${String(m).padStart(2, '0')}`;

/**
 * LEFT JOINs giving, for each span, an expression of the patrols of subject `s` in it: its whole months from the
 * yearly rollup (one row per subject and year, a column per month: a period inside one year joins one row per
 * subject by key, with nothing to group), its partial edge months from patrol. Spans share the join of a year, and
 * one read of patrol for the edges (one count per span with FILTER), grouped per subject (a scope of many subjects)
 * or, with `perSubject`, looked up per subject by index (a scope of a few villages).
 */
function patrolsIn(
  push: (v: unknown) => string,
  s: string,
  alias: string,
  spans: readonly Span[],
  perSubject: boolean,
): { joins: string; n: string[] } {
  const years = new Map<number, string>();
  const terms: string[][] = spans.map(() => []);
  const edges: (string | null)[] = [];
  spans.forEach(({ from, last }, i) => {
    if (from > last) {
      edges.push(null);
      return;
    }
    const whole = wholeMonths(from, last);
    const { monthFrom, monthTo } = whole;
    for (const { year, first, last: end } of monthsByYear(whole)) {
      let y = years.get(year);
      if (y === undefined) years.set(year, (y = `${alias}_y${years.size}`));
      // A whole year reads the stored total (migration 0038): one narrow value per row to join.
      const columns: string[] = [];
      if (first === 1 && end === 12) columns.push(`${y}.total`);
      else for (let m = first; m <= end; m++) columns.push(`${y}.${MONTH_COLUMN(m)}`);
      terms[i]!.push(`coalesce(${columns.join(' + ')}, 0)`);
    }
    const after = fromDayNumber(toDayNumber(last) + 1);
    const ranges: string[] = [];
    const edge = (a: string, b: string) =>
      ranges.push(`(x.patrolled_at >= ${START(push(a))} AND x.patrolled_at < ${START(push(b))})`);
    if (from < monthFrom) edge(from, monthFrom < after ? monthFrom : after);
    if (monthFrom < monthTo && monthTo < after) edge(monthTo, after);
    edges.push(ranges.length ? `(${ranges.join(' OR ')})` : null);
  });
  const joins = [...years].map(
    ([year, y]) =>
      `LEFT JOIN patrol_subject_year ${y} ON ${y}.subject_id = ${s}.id AND ${y}.year = ${push(year)}`,
  );
  const used = edges.flatMap((c, i) => (c ? [[c, i] as const] : []));
  if (used.length) {
    const e = `${alias}_e`;
    for (const [, i] of used) terms[i]!.push(`coalesce(${e}.n${i}, 0)`);
    const select = used.map(([c, i]) => `count(*) FILTER (WHERE ${c}) AS n${i}`).join(', ');
    const where = used.map(([c]) => c).join(' OR ');
    joins.push(
      perSubject
        ? `LEFT JOIN LATERAL (SELECT ${select} FROM patrol x WHERE x.subject_id = ${s}.id AND (${where})) ${e} ON true`
        : `LEFT JOIN (SELECT x.subject_id, ${select} FROM patrol x WHERE ${where} GROUP BY x.subject_id) ${e}
             ON ${e}.subject_id = ${s}.id`,
    );
  }
  return { joins: joins.join('\n'), n: terms.map((t) => (t.length ? t.join(' + ') : '0')) };
}

/** A scope of at most this many grids looks each subject's patrols up by index; a larger one reads them once. */
const PER_SUBJECT_GRIDS = 400;

/** Active subjects on asOf: active now, or retired after that day. */
const ACTIVE = (s: string, asOf: string) => `(${s}.status = 'active' OR ${s}.retired_at >= ${END(asOf)})`;
const REQUIRED = (s: string, req: string, r = 'r') => `LEFT JOIN ${req} ${r} ON ${r}.type = ${s}.type
  AND ${r}.key = coalesce(${s}.key_list, false) AND ${r}.low = coalesce(${s}.credit_class IN ('C', 'D'), false)`;
const REQ_COLUMNS = 'type text, key boolean, low boolean, required int';

export interface CoverageCount {
  unit: number;
  subjects: number;
  covered: number;
}

interface CoverageScope {
  rules: readonly PatrolRule[];
  villageIds: readonly number[];
  villageUnits: readonly number[];
  types?: readonly string[];
  /** How the patrols are read: per subject by index, or grouped per subject once (default: by the scope's size). */
  perSubject?: boolean;
}

/**
 * Subjects and covered subjects per unit: `villageIds[i]` counts under `villageUnits[i]` (subjects by their
 * current village); `types` limits the subject types (all without it).
 */
export async function coverageCounts(
  db: Queryable,
  q: CoveragePeriod & CoverageScope,
): Promise<CoverageCount[]> {
  return (await coverageCountsOf(db, [q], q))[0]!;
}

/**
 * coverageCounts for several periods at once (the dashboard's period and the one before it), in one query: the
 * subjects and the patrol rollup are read once for all of them. One list per period, in order.
 */
export async function coverageCountsOf(
  db: Queryable,
  periods: readonly CoveragePeriod[],
  q: CoverageScope,
): Promise<CoverageCount[][]> {
  if (!q.villageIds.length || !periods.length) return periods.map(() => []);
  const params: unknown[] = [];
  const push = (v: unknown) => `$${params.push(v)}`;
  const villages = push(q.villageIds);
  const units = push(q.villageUnits);
  const typed = q.types ? `AND s.type = ANY (${push(q.types)}::text[])` : '';
  const each = periods.map((period, i) => ({
    i,
    req: push(JSON.stringify(requirementTable(q.rules, period))),
    active: ACTIVE('s', push(period.asOf)),
  }));
  const done = patrolsIn(
    push,
    's',
    'p',
    periods.map((period) => ({ from: period.from, last: lastCountedDay(period) })),
    q.perSubject ?? q.villageIds.length <= PER_SUBJECT_GRIDS,
  );
  const { rows } = await db.query<Record<string, number>>(
    `WITH leaf AS (SELECT * FROM unnest(${villages}::bigint[], ${units}::bigint[]) AS l(village_id, unit_id)),
     ${each.map(({ i, req }) => `req${i} AS (SELECT * FROM json_to_recordset(${req}::json) AS r(${REQ_COLUMNS}))`).join(',\n')}
     SELECT l.unit_id::int AS unit,
       ${each.map(({ i }) => `sum(v.subjects${i})::int AS subjects${i}, sum(v.covered${i})::int AS covered${i}`).join(', ')}
     FROM (SELECT s.grid_id,
         ${each
           .map(
             ({ i, active }) => `count(*) FILTER (WHERE ${active}) AS subjects${i},
         count(*) FILTER (WHERE ${active} AND ${done.n[i]} >= coalesce(r${i}.required, 0)) AS covered${i}`,
           )
           .join(',\n')}
       FROM production_subject s
       ${each.map(({ i }) => REQUIRED('s', `req${i}`, `r${i}`)).join('\n')}
       ${done.joins}
       WHERE s.grid_id = ANY (${villages}::bigint[]) AND (${each.map(({ active }) => active).join(' OR ')}) ${typed}
       GROUP BY s.grid_id) v
     JOIN leaf l ON l.village_id = v.grid_id
     GROUP BY l.unit_id`,
    params,
  );
  return each.map(({ i }) =>
    rows
      .filter((row) => row[`subjects${i}`]! > 0)
      .map((row) => ({ unit: row.unit!, subjects: row[`subjects${i}`]!, covered: row[`covered${i}`]! })),
  );
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
  const done = patrolsIn(push, 's', 'p', [{ from: q.from, last: lastCountedDay(q) }], true);
  const n = done.n[0]!;
  const rows = `WITH req AS (SELECT * FROM json_to_recordset(${req}::json) AS r(${REQ_COLUMNS})),
     q AS (SELECT s.id, s.code, s.name, s.type, s.grid_id, coalesce(r.required, 0) AS required, (${n})::int AS done,
             ${n} >= coalesce(r.required, 0) AS covered
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
