/**
 * SQL of the dashboard: additive counts per grid of a level (staffed grids, subjects, patrols, samples) for a period
 * and the previous one, the records behind a number, and the targets table. Dates are China calendar dates, compared
 * as timestamptz bounds so the indexes on sampled_at / patrolled_at are used. The three grid levels are fixed by the
 * schema (county → township → village), so "below" needs no recursion.
 */
import type { Queryable } from '../../db/engine';
import type { IndicatorId, IndicatorRecord, IndicatorTarget } from '../../../contracts/indicators';
import type { PeriodCounts, StateCounts } from '../../domain/indicators/indicators';
import { wholeMonths } from '../../domain/indicators/whole-months';
import { sqlDayEnd as END, sqlDayStart as START } from '../../lib/china-date';

export interface UnitGrid {
  id: number;
  code: string;
  name: string;
  level: string;
  parentId: number | null;
  population: number | null;
}

/** Grids of `level` directly or two levels below the parent (all of the level without a parent). */
const UNITS = `SELECT g.id FROM grid_unit g WHERE g.level = $1 AND ($2::bigint IS NULL OR g.parent_id = $2
  OR g.parent_id IN (SELECT id FROM grid_unit WHERE parent_id = $2))`;
/** Every grid of each unit's subtree (the unit, its children, its grandchildren) with its level. */
const SUB = `SELECT u.id AS unit_id, g.id AS grid_id, g.level FROM units u JOIN grid_unit g ON g.id = u.id
  UNION ALL SELECT u.id, g.id, g.level FROM units u JOIN grid_unit g ON g.parent_id = u.id
  UNION ALL SELECT u.id, g.id, g.level FROM units u JOIN grid_unit t ON t.parent_id = u.id JOIN grid_unit g ON g.parent_id = t.id`;
/** Village grids and the unit they belong to. */
const LEAF = `SELECT grid_id AS village_id, unit_id FROM sub WHERE level = 'village'`;
const TREE = `units AS (${UNITS}), sub AS (${SUB}), leaf AS (${LEAF})`;
/**
 * The villages of the units as two parameter arrays ($1 village ids, $2 their units): the planner then expects a
 * handful of villages and looks their records up by index (a drill-down reads only its villages' rows).
 */
export const LEAF_OF = `leaf AS (SELECT * FROM unnest($1::bigint[], $2::bigint[]) AS l(village_id, unit_id))`;

/** The village grids of each unit, as the arrays LEAF_OF reads. */
export async function leafPairs(db: Queryable, level: string, parentId: number | null) {
  const { rows } = await db.query<{ villages: number[] | null; units: number[] | null }>(
    `WITH ${TREE} SELECT array_agg(village_id::int ORDER BY village_id) AS villages,
       array_agg(unit_id::int ORDER BY village_id) AS units FROM leaf`,
    [level, parentId],
  );
  return { villageIds: rows[0]?.villages ?? [], villageUnits: rows[0]?.units ?? [] };
}
/** A grid and every grid below it. */
export const BELOW = (p: string) =>
  `SELECT id FROM grid_unit WHERE id = ${p} OR parent_id = ${p} OR parent_id IN (SELECT id FROM grid_unit WHERE parent_id = ${p})`;
const STAFFED = (
  g: string,
) => `NOT EXISTS (SELECT 1 FROM grid_role r WHERE r.level = ${g}.level AND r.required
  AND NOT EXISTS (SELECT 1 FROM grid_person p WHERE p.grid_id = ${g}.id AND p.role = r.role))`;
const BANNED = (sample: string, verdicts: string) => `EXISTS (SELECT 1 FROM sample_result r JOIN analyte a
  ON (a.name_zh = r.analyte OR r.analyte = ANY (a.aliases)) AND a.status = 'banned'
  WHERE r.sample_id = ${sample}.id ${verdicts})`;

export async function getGrid(db: Queryable, id: number): Promise<UnitGrid | null> {
  const { rows } = await db.query<UnitGrid>(
    `SELECT id::int, code, name, level, parent_id::int AS "parentId", population FROM grid_unit WHERE id = $1`,
    [id],
  );
  return rows[0] ?? null;
}

/**
 * The units with their population: their own, or the sum of their villages' when every village has one
 * (null when any is unknown).
 */
export async function unitGrids(db: Queryable, level: string, parentId: number | null): Promise<UnitGrid[]> {
  const { rows } = await db.query<UnitGrid>(
    `WITH units AS (${UNITS})
     SELECT g.id::int, g.code, g.name, g.level, g.parent_id::int AS "parentId",
            coalesce(g.population, (SELECT CASE WHEN bool_and(v.population IS NOT NULL) THEN sum(v.population)::int END
                                     FROM grid_unit v WHERE v.parent_id = g.id)) AS population
     FROM grid_unit g JOIN units u ON u.id = g.id ORDER BY g.code`,
    [level, parentId],
  );
  return rows;
}

export interface CountParams {
  level: string;
  parentId: number | null;
  from: string;
  to: string;
  prevFrom: string;
  prevTo: string;
  /** Calendar year of "updated this year" (China date of today). */
  year: number;
  traceTypes: string[];
  certificateTypes: string[];
  patrolTypes: string[];
  quotaKinds: string[];
  rateKinds: string[];
  rapidKinds: string[];
  /** The village grids of the units and the unit of each (leafPairs). */
  villageIds: number[];
  villageUnits: number[];
  /** The day open rectifications are counted on: the period's end, or today if earlier (and the previous end). */
  asOf: string;
  prevAsOf: string;
}

type Row<T> = T & { unitId: number };

/** Staffed grids of each unit (itself and the grids below it) and its township grids. */
export async function staffingCounts(db: Queryable, level: string, parentId: number | null) {
  const { rows } = await db.query<Row<Pick<StateCounts, 'grids' | 'staffedGrids' | 'townships'>>>(
    `WITH ${TREE}
     SELECT s.unit_id::int AS "unitId", count(g.id)::int AS grids, count(g.id) FILTER (WHERE ${STAFFED('g')})::int AS "staffedGrids",
       count(g.id) FILTER (WHERE g.level = 'township')::int AS townships
     FROM sub s JOIN grid_unit g ON g.id = s.grid_id GROUP BY s.unit_id`,
    [level, parentId],
  );
  return rows;
}

/** Whether one grid itself (not below it) has every required role. */
export async function gridStaffed(db: Queryable, id: number): Promise<boolean> {
  const { rows } = await db.query<{ staffed: boolean }>(
    `SELECT ${STAFFED('g')} AS staffed FROM grid_unit g WHERE g.id = $1`,
    [id],
  );
  return rows[0]?.staffed ?? false;
}

/**
 * One way of counting the subjects of SUBJECT_STATE_COUNTS: the rows for which `flag` (a boolean SQL expression over
 * the relation's row `s`, `true` for all) holds, "updated" meaning in the China calendar year starting on `yearStart`
 * (a date expression); its columns carry `suffix`.
 */
export interface StateView {
  flag: string;
  yearStart: string;
  suffix: string;
}

/**
 * The registry-state counts per unit of the subjects in `subjects` (a relation with grid_id, status, type,
 * traceability, issues_certificate, updated_at and the columns the views' flags read), for each view: active ones,
 * updated in the view's calendar year, of the traceability and certificate types (`traceTypes`, `certificateTypes`:
 * text[] expressions) and those enrolled / issuing — columns "subjects", "freshSubjects", "mustTrace", "traced",
 * "mustCertify", "certifying", each followed by the view's suffix. Several views (the subjects as at two instants)
 * share one read of the relation. Counted per village first, then summed per unit over `leaf` (village_id, unit_id): a
 * million subjects aggregate into ten thousand villages without being joined one by one. Shared with the same counts
 * as at earlier instants (state-history.repository.ts).
 */
export const SUBJECT_STATE_COUNTS = (
  subjects: string,
  views: readonly StateView[],
  traceTypes: string,
  certificateTypes: string,
) => `SELECT l.unit_id::int AS "unitId", ${views
  .map(
    ({
      suffix: k,
    }) => `sum(v.subjects${k})::int AS "subjects${k}", sum(v.fresh${k})::int AS "freshSubjects${k}",
     sum(v.must_trace${k})::int AS "mustTrace${k}", sum(v.traced${k})::int AS "traced${k}",
     sum(v.must_certify${k})::int AS "mustCertify${k}", sum(v.certifying${k})::int AS "certifying${k}"`,
  )
  .join(',\n')}
   FROM (SELECT s.grid_id, ${views
     .map(
       ({ suffix: k }) => `count(*) FILTER (WHERE s.in${k}) AS subjects${k},
       count(*) FILTER (WHERE s.in${k} AND s.fresh${k}) AS fresh${k},
       count(*) FILTER (WHERE s.in${k} AND s.trace) AS must_trace${k},
       count(*) FILTER (WHERE s.in${k} AND s.trace AND s.traceability) AS traced${k},
       count(*) FILTER (WHERE s.in${k} AND s.certify) AS must_certify${k},
       count(*) FILTER (WHERE s.in${k} AND s.certify AND s.issues_certificate) AS certifying${k}`,
     )
     .join(',\n')}
     FROM (SELECT s.grid_id, s.traceability, s.issues_certificate,
         s.type = ANY (${traceTypes}::text[]) AS trace, s.type = ANY (${certificateTypes}::text[]) AS certify,
         ${views
           .map(
             // The year's bounds as scalar subqueries: computed once, not for each of a million rows.
             ({ flag, yearStart, suffix: k }) => `coalesce(${flag}, false) AS in${k},
         s.updated_at >= (SELECT ${START(yearStart)})
           AND s.updated_at < (SELECT ${START(`(${yearStart}::date + interval '1 year')`)}) AS fresh${k}`,
           )
           .join(',\n')}
       FROM ${subjects} s WHERE s.status = 'active') s
     GROUP BY s.grid_id) v
   JOIN leaf l ON l.village_id = v.grid_id
   GROUP BY l.unit_id`;

/** Subject counts per unit: registry state (patrol coverage is coverageCounts of the patrols module). */
export async function subjectCounts(db: Queryable, p: CountParams) {
  const { rows } = await db.query<Row<Omit<StateCounts, 'grids' | 'staffedGrids'>>>(
    `WITH ${LEAF_OF},
     subject AS (SELECT grid_id, status, type, traceability, issues_certificate, updated_at FROM production_subject
       WHERE grid_id = ANY ($1::bigint[]))
     ${SUBJECT_STATE_COUNTS('subject', [{ flag: 'true', yearStart: 'make_date($3::int, 1, 1)', suffix: '' }], '$4', '$5')}`,
    [p.villageIds, p.villageUnits, p.year, p.traceTypes, p.certificateTypes],
  );
  return rows;
}

type SampleCounts = Pick<
  PeriodCounts,
  | 'labSamples'
  | 'judged'
  | 'passed'
  | 'certJudged'
  | 'certPassed'
  | 'bannedJudged'
  | 'bannedPassed'
  | 'rapidDays'
>;

/** A rapid-test day of a township: its id and the China date. */
const RAPID_DAY = (s: string, v: string) =>
  `${v}.parent_id::text || ':' || to_char(${s}.sampled_at AT TIME ZONE 'Asia/Shanghai', 'YYYY-MM-DD')`;

/**
 * Sample counts per unit for one period: its whole calendar months from sample_rollup (kept by triggers, migration
 * 0031), its partial edge months from the samples themselves. The two parts cover disjoint days, so their counts —
 * and their (township, day) rapid-test pairs — add up.
 */
export async function sampleCounts(
  db: Queryable,
  p: CountParams,
  from: string,
  to: string,
): Promise<Row<SampleCounts>[]> {
  const { monthFrom, monthTo } = wholeMonths(from, to);
  const judged = `s.kind = ANY ($4::text[]) AND s.verdict IN ('pass', 'fail')`;
  // Looked up per edge sample by key (a join would hash every subject for a few days of samples).
  const certified = `(SELECT cardinality(ps.certifications) > 0 FROM production_subject ps WHERE ps.id = s.subject_id)`;
  // Results for a banned analyte, looked up once per lab sample by (sample_id, analyte) against the banned names.
  const banned = `s.kind = ANY ($4::text[]) AND b.tested > 0`;
  const sum = (column: string, kinds: string) =>
    `sum(r.${column}) FILTER (WHERE r.kind = ANY (${kinds}::text[]))`;
  const { rows } = await db.query<Row<SampleCounts>>(
    `WITH ${LEAF_OF},
     banned AS (SELECT array_agg(n) AS names FROM analyte a, unnest(a.name_zh || a.aliases) n WHERE a.status = 'banned'),
     edge AS (SELECT l.unit_id,
       count(*) FILTER (WHERE s.kind = ANY ($3::text[])) AS lab,
       count(*) FILTER (WHERE ${judged}) AS judged,
       count(*) FILTER (WHERE ${judged} AND s.verdict = 'pass') AS passed,
       count(*) FILTER (WHERE ${judged} AND ${certified}) AS cert_judged,
       count(*) FILTER (WHERE ${judged} AND ${certified} AND s.verdict = 'pass') AS cert_passed,
       count(*) FILTER (WHERE ${banned}) AS banned_judged,
       count(*) FILTER (WHERE ${banned} AND b.bad = 0) AS banned_passed,
       count(DISTINCT ${RAPID_DAY('s', 'v')}) FILTER (WHERE s.kind = ANY ($7::text[])) AS rapid_days
     FROM sample s JOIN leaf l ON l.village_id = s.grid_id JOIN grid_unit v ON v.id = s.grid_id
     LEFT JOIN LATERAL (SELECT count(*) AS tested, count(*) FILTER (WHERE r.verdict <> 'pass') AS bad
       FROM sample_result r WHERE r.sample_id = s.id AND s.kind = ANY ($4::text[])
         AND r.analyte = ANY ((SELECT names FROM banned)::text[])) b ON true
     WHERE ((s.sampled_at >= ${START('$5')} AND s.sampled_at < ${START('$8')})
         OR (s.sampled_at >= ${START('$9')} AND s.sampled_at < ${END('$6')}))
       AND (s.kind = ANY ($3::text[]) OR s.kind = ANY ($4::text[]) OR s.kind = ANY ($7::text[]))
     GROUP BY l.unit_id),
     months AS (SELECT l.unit_id, ${sum('samples', '$3')} AS lab, ${sum('judged', '$4')} AS judged,
       ${sum('passed', '$4')} AS passed, ${sum('cert_judged', '$4')} AS cert_judged,
       ${sum('cert_passed', '$4')} AS cert_passed, ${sum('banned_judged', '$4')} AS banned_judged,
       ${sum('banned_passed', '$4')} AS banned_passed,
       bit_count((bit_or(r.days) FILTER (WHERE r.kind = ANY ($7::text[])))::bit(32)) AS rapid_days
     FROM sample_rollup r JOIN leaf l ON l.village_id = r.grid_id JOIN grid_unit v ON v.id = r.grid_id
     WHERE r.month >= $8::date AND r.month < $9::date
     GROUP BY l.unit_id, v.parent_id, r.month)
     SELECT unit_id::int AS "unitId", coalesce(sum(lab), 0)::int AS "labSamples", coalesce(sum(judged), 0)::int AS judged,
       coalesce(sum(passed), 0)::int AS passed, coalesce(sum(cert_judged), 0)::int AS "certJudged",
       coalesce(sum(cert_passed), 0)::int AS "certPassed", coalesce(sum(banned_judged), 0)::int AS "bannedJudged",
       coalesce(sum(banned_passed), 0)::int AS "bannedPassed", coalesce(sum(rapid_days), 0)::int AS "rapidDays"
     FROM (SELECT * FROM edge UNION ALL SELECT * FROM months) x
     GROUP BY unit_id`,
    [p.villageIds, p.villageUnits, p.quotaKinds, p.rateKinds, from, to, p.rapidKinds, monthFrom, monthTo],
  );
  return rows;
}

/** Cases opened in a period and not withdrawn. */
const CASE_IN = (c: string, from: string, to: string) =>
  `${c}.status <> 'withdrawn' AND ${c}.opened_on BETWEEN ${from}::date AND ${to}::date`;

/**
 * A rectification `r` of patrol_rectification (migration 0037) still open on day `d`: found by then, not closed by
 * then, and no compliant patrol of its subject between it and the end of the day (the first one after it, fixed_at,
 * comes later or not at all).
 */
const OPEN_ON = (r: string, d: string) => `${r}.patrolled_at < ${END(d)}
  AND (${r}.closed_at IS NULL OR ${r}.closed_at >= ${END(d)})
  AND (${r}.fixed_at IS NULL OR ${r}.fixed_at >= ${END(d)})`;

type CaseCounts = { cases: number; casesPrev: number };

/** Enforcement cases per unit (on the unit's grid or any grid below it) in both periods. */
export async function caseCounts(db: Queryable, p: CountParams): Promise<Row<CaseCounts>[]> {
  const { rows } = await db.query<Row<CaseCounts>>(
    `WITH units AS (${UNITS}), sub AS (${SUB})
     SELECT s.unit_id::int AS "unitId", count(*) FILTER (WHERE ${CASE_IN('c', '$3', '$4')})::int AS cases,
       count(*) FILTER (WHERE ${CASE_IN('c', '$5', '$6')})::int AS "casesPrev"
     FROM enforcement_case c JOIN sub s ON s.grid_id = c.grid_id
     WHERE c.opened_on BETWEEN $5::date AND $4::date GROUP BY s.unit_id`,
    [p.level, p.parentId, p.from, p.to, p.prevFrom, p.prevTo],
  );
  return rows;
}

type RectificationCounts = {
  patrolsToDate: number;
  openRectifications: number;
  overdueRectifications: number;
};

/**
 * Per unit, for each of `days` (one list per day, in order): the villages with a patrol up to that day, and the
 * rectifications open (and overdue) on it — both days read from patrol_rectification at once.
 */
export async function rectificationCounts(
  db: Queryable,
  p: CountParams,
  days: readonly string[],
): Promise<Row<RectificationCounts>[][]> {
  if (!days.length) return [];
  const params: unknown[] = [p.villageIds, p.villageUnits];
  const push = (v: unknown) => `$${params.push(v)}`;
  const each = days.map((day, i) => ({ i, d: push(day) }));
  const { rows } = await db.query<Record<string, number>>(
    `WITH ${LEAF_OF},
     seen AS (SELECT l.unit_id, ${each
       .map(
         ({ i, d }) => `count(*) FILTER (WHERE EXISTS (SELECT 1 FROM patrol pt
                WHERE pt.grid_id = l.village_id AND pt.patrolled_at < ${END(d)}))::int AS villages${i}`,
       )
       .join(',\n       ')}
              FROM leaf l GROUP BY l.unit_id),
     open AS (SELECT l.unit_id, ${each
       .map(
         ({ i, d }) => `count(*) FILTER (WHERE ${OPEN_ON('r', d)})::int AS open${i},
       count(*) FILTER (WHERE ${OPEN_ON('r', d)} AND r.rectify_deadline < ${d}::date)::int AS overdue${i}`,
       )
       .join(',\n       ')}
              FROM patrol_rectification r JOIN leaf l ON l.village_id = r.grid_id
              WHERE ${each.map(({ d }) => `(${OPEN_ON('r', d)})`).join(' OR ')} GROUP BY l.unit_id)
     SELECT s.unit_id::int AS "unitId", ${each
       .map(
         ({ i }) =>
           `s.villages${i}, coalesce(o.open${i}, 0) AS open${i}, coalesce(o.overdue${i}, 0) AS overdue${i}`,
       )
       .join(', ')}
     FROM seen s LEFT JOIN open o ON o.unit_id = s.unit_id`,
    params,
  );
  return each.map(({ i }) =>
    rows.map((row) => ({
      unitId: row.unitId!,
      patrolsToDate: row[`villages${i}`]!,
      openRectifications: row[`open${i}`]!,
      overdueRectifications: row[`overdue${i}`]!,
    })),
  );
}

/**
 * Whether rapid tests and cases have been recorded at all, any time, under the parent (everywhere without one):
 * else their indicators are "not collected yet" rather than 0.
 */
export async function collected(db: Queryable, rapidKinds: string[], parentId: number | null) {
  const under = (column: string) => `($2::bigint IS NULL OR ${column} IN (${BELOW('$2')}))`;
  const { rows } = await db.query<{ rapidTests: boolean; cases: boolean }>(
    // The rollup has a row for every village, month and kind with a sample (sample.grid_id is always a village):
    // without any rapid test, a scan of it rather than of every sample.
    `SELECT EXISTS (SELECT 1 FROM sample_rollup WHERE kind = ANY ($1::text[]) AND ${under('grid_id')}) AS "rapidTests",
            EXISTS (SELECT 1 FROM enforcement_case WHERE ${under('grid_id')}) AS cases`,
    [rapidKinds, parentId],
  );
  return rows[0] ?? { rapidTests: false, cases: false };
}

/**
 * What a parent grid's total cannot take from the sum of its units: its township grids, its rapid-test days (two
 * villages testing on one day are one township day; the units' villages are all the parent's villages) and its cases
 * (some are filed on the parent grid itself).
 */
export async function parentCounts(db: Queryable, parentId: number, p: CountParams) {
  const { rows } = await db.query<{ townships: number; cases: number; casesPrev: number }>(
    `WITH below AS (${BELOW('$5')})
     SELECT (SELECT count(*)::int FROM grid_unit g WHERE g.id IN (SELECT id FROM below) AND g.level = 'township') AS townships,
       (SELECT count(*)::int FROM enforcement_case c WHERE c.grid_id IN (SELECT id FROM below)
         AND ${CASE_IN('c', '$1', '$2')}) AS cases,
       (SELECT count(*)::int FROM enforcement_case c WHERE c.grid_id IN (SELECT id FROM below)
         AND ${CASE_IN('c', '$3', '$4')}) AS "casesPrev"`,
    [p.from, p.to, p.prevFrom, p.prevTo, parentId],
  );
  // Rapid-test days of all the parent's villages taken as one unit (sampleCounts: rollup months and edge days).
  const whole = { ...p, villageUnits: p.villageIds.map(() => parentId) };
  const rapid = async (from: string, to: string) =>
    (await sampleCounts(db, whole, from, to))[0]?.rapidDays ?? 0;
  return {
    ...rows[0]!,
    rapidDays: await rapid(p.from, p.to),
    rapidDaysPrev: await rapid(p.prevFrom, p.prevTo),
  };
}

/** The newest soil zoning run whose area is the grid `g` or a grid above it (NULL when none). */
const COVERING_RUN = (
  g: string,
) => `(SELECT r.id FROM soil_zone_run r LEFT JOIN grid_unit pg ON pg.id = ${g}.parent_id
  WHERE r.area_grid_id IN (${g}.id, ${g}.parent_id, pg.parent_id) ORDER BY r.id DESC LIMIT 1)`;

type SoilAreas = { runId: number; strictM2: number; safeM2: number; classifiedM2: number };

/**
 * Per unit covered by a soil zoning run: the newest covering run and the farmland of each class of that run inside
 * the unit (geodesic m²; 'no_data' cells left out of the classified area).
 */
export async function soilAreas(db: Queryable, level: string, parentId: number | null) {
  const { rows } = await db.query<Row<SoilAreas>>(
    `WITH units AS (${UNITS}),
     cover AS (SELECT g.id AS unit_id, ${COVERING_RUN('g')} AS run_id FROM units u JOIN grid_unit g ON g.id = u.id)
     SELECT c.unit_id::int AS "unitId", c.run_id::int AS "runId",
       coalesce(sum(a.m2) FILTER (WHERE z.class = 'strict_control'), 0)::float8 AS "strictM2",
       coalesce(sum(a.m2) FILTER (WHERE z.class = 'safe_utilisation'), 0)::float8 AS "safeM2",
       coalesce(sum(a.m2), 0)::float8 AS "classifiedM2"
     FROM cover c JOIN grid_unit g ON g.id = c.unit_id
     LEFT JOIN soil_zone z ON z.run_id = c.run_id AND z.class <> 'no_data' AND z.geom && g.geom
     LEFT JOIN LATERAL (SELECT ST_Area(ST_Intersection(z.geom, g.geom)::geography) AS m2) a ON z.id IS NOT NULL
     WHERE c.run_id IS NOT NULL GROUP BY c.unit_id, c.run_id`,
    [level, parentId],
  );
  return rows;
}

/** The newest soil zoning run covering one grid, or null. */
export async function coveringRun(db: Queryable, gridId: number): Promise<number | null> {
  const { rows } = await db.query<{ runId: number | null }>(
    `SELECT ${COVERING_RUN('g')}::int AS "runId" FROM grid_unit g WHERE g.id = $1`,
    [gridId],
  );
  return rows[0]?.runId ?? null;
}

export interface RecordsSpec {
  indicator: IndicatorId;
  gridId: number;
  from: string;
  to: string;
  year: number;
  types: string[];
  kinds: string[];
  failing: boolean;
  limit: number;
  offset: number;
  /** Open rectifications: the day they are counted on. */
  asOf: string;
}

/** The SELECT (id, code, name, township, village, counts, detail, date) behind one indicator. */
function recordsSql(s: RecordsSpec): { sql: string; params: unknown[] } {
  const where = `grid_id IN (${BELOW('$1')})`;
  const places = `LEFT JOIN grid_unit v ON v.id = x.grid_id LEFT JOIN grid_unit t ON t.id = v.parent_id`;
  if (s.indicator === 'enforcement_cases')
    return {
      sql: `SELECT x.id::int, x.case_number AS code, coalesce(ps.name, '') AS name,
              CASE v.level WHEN 'village' THEN t.name WHEN 'township' THEN v.name END AS township,
              CASE v.level WHEN 'village' THEN v.name END AS village, (x.status <> 'withdrawn') AS counts,
              x.cause || ' · ' || x.status AS detail, to_char(x.opened_on, 'YYYY-MM-DD') AS date
            FROM enforcement_case x LEFT JOIN production_subject ps ON ps.id = x.subject_id ${places}
            WHERE x.${where} AND x.opened_on BETWEEN $2::date AND $3::date`,
      params: [s.gridId, s.from, s.to],
    };
  if (s.indicator === 'open_rectifications')
    return {
      // Counts: still within its deadline; the overdue ones are what the number counts against.
      sql: `SELECT x.id::int, ps.code, ps.name, t.name AS township, v.name AS village,
              (x.rectify_deadline >= $2::date) AS counts,
              'rectify_by · ' || to_char(x.rectify_deadline, 'YYYY-MM-DD') || ' · ' || x.inspector_name AS detail,
              to_char(x.patrolled_at AT TIME ZONE 'Asia/Shanghai', 'YYYY-MM-DD') AS date
            FROM patrol x JOIN patrol_rectification r ON r.patrol_id = x.id
              JOIN production_subject ps ON ps.id = x.subject_id ${places}
            WHERE x.${where} AND ${OPEN_ON('r', '$2')}`,
      params: [s.gridId, s.asOf],
    };
  if (s.indicator === 'staffing')
    return {
      sql: `SELECT g.id::int, g.code, g.name, CASE g.level WHEN 'village' THEN p.name END AS township,
              CASE g.level WHEN 'village' THEN g.name END AS village, ${STAFFED('g')} AS counts,
              coalesce((SELECT string_agg(r.name_zh || ' ' || r.name_en, '、' ORDER BY r.sort_order) FROM grid_role r
                WHERE r.level = g.level AND r.required AND NOT EXISTS
                  (SELECT 1 FROM grid_person gp WHERE gp.grid_id = g.id AND gp.role = r.role)), '') AS detail,
              NULL::text AS date
            FROM grid_unit g LEFT JOIN grid_unit p ON p.id = g.parent_id WHERE g.id IN (${BELOW('$1')})`,
      params: [s.gridId],
    };
  if (['registry_freshness', 'traceability', 'certificates'].includes(s.indicator)) {
    const params: unknown[] = [s.gridId];
    const p = (value: unknown) => `$${params.push(value)}`;
    const counts =
      s.indicator === 'registry_freshness'
        ? `extract(year FROM x.updated_at AT TIME ZONE 'Asia/Shanghai') = ${p(s.year)}`
        : s.indicator === 'traceability'
          ? 'x.traceability'
          : 'x.issues_certificate';
    const typed = s.indicator === 'registry_freshness' ? '' : `AND x.type = ANY (${p(s.types)}::text[])`;
    const date = `to_char(x.updated_at AT TIME ZONE 'Asia/Shanghai', 'YYYY-MM-DD')`;
    return {
      sql: `SELECT x.id::int, x.code, x.name, t.name AS township, v.name AS village, (${counts}) AS counts,
              x.type AS detail, ${date} AS date
            FROM production_subject x ${places}
            WHERE x.status = 'active' AND x.${where} ${typed}`,
      params,
    };
  }
  const judged = ['sampling_quota', 'rapid_tests'].includes(s.indicator)
    ? 'true'
    : `x.verdict IN ('pass', 'fail')`;
  const extra =
    s.indicator === 'pass_rate_certified'
      ? 'AND cardinality(ps.certifications) > 0'
      : s.indicator === 'banned_pass_rate'
        ? `AND ${BANNED('x', '')}`
        : '';
  const counts =
    s.indicator === 'sampling_quota' || s.indicator === 'rapid_tests'
      ? 'true'
      : s.indicator === 'banned_pass_rate'
        ? `NOT ${BANNED('x', "AND r.verdict <> 'pass'")}`
        : `x.verdict = 'pass'`;
  return {
    sql: `SELECT x.id::int, x.code, coalesce(ps.name, x.commodity) AS name, t.name AS township, v.name AS village,
            (${counts}) AS counts, x.kind || ' · ' || x.commodity || ' · ' || x.verdict AS detail,
            to_char(x.sampled_at AT TIME ZONE 'Asia/Shanghai', 'YYYY-MM-DD') AS date
          FROM sample x LEFT JOIN production_subject ps ON ps.id = x.subject_id ${places}
          WHERE x.${where} AND x.kind = ANY ($2::text[]) AND ${judged} ${extra}
            AND x.sampled_at >= ${START('$3')} AND x.sampled_at < ${END('$4')}`,
    params: [s.gridId, s.kinds, s.from, s.to],
  };
}

export async function indicatorRecords(
  db: Queryable,
  spec: RecordsSpec,
): Promise<{ total: number; items: IndicatorRecord[] }> {
  const { sql, params } = recordsSql(spec);
  const filtered = `SELECT * FROM (${sql}) q ${spec.failing ? 'WHERE NOT q.counts' : ''}`;
  const [items, total] = await Promise.all([
    db.query<IndicatorRecord>(
      `${filtered} ORDER BY q.counts, q.date DESC NULLS LAST, q.code
       LIMIT ${Math.floor(spec.limit)} OFFSET ${Math.floor(spec.offset)}`,
      params,
    ),
    db.query<{ total: number }>(`SELECT count(*)::int AS total FROM (${filtered}) c`, params),
  ]);
  return { total: total.rows[0]?.total ?? 0, items: items.rows };
}

export async function listTargets(db: Queryable): Promise<IndicatorTarget[]> {
  const { rows } = await db.query<IndicatorTarget>(
    `SELECT indicator, target, params, description, source, version,
            to_char(updated_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS "updatedAt", updated_by AS "updatedBy"
     FROM indicator_target ORDER BY indicator`,
  );
  return rows;
}

/** Sets one target if its version still matches; false when it does not (someone else changed it). */
export async function updateTarget(
  db: Queryable,
  t: { indicator: IndicatorId; target: number; version: number },
): Promise<boolean> {
  const { rows } = await db.query(
    `UPDATE indicator_target SET target = $2 WHERE indicator = $1 AND version = $3 RETURNING indicator`,
    [t.indicator, t.target, t.version],
  );
  return rows.length === 1;
}
