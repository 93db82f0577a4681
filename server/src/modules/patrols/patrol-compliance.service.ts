/**
 * Compliance, risk priorities, coverage and blind spots of patrols (docs/patrols.md, "Rules", "Risk", "Coverage"):
 * loads the subjects of a grid with their patrol days and applies the pure rules of server/src/domain/patrols.
 */
import type {
  BlindSpotFeature,
  BlindSpotsQuery,
  BlindSpotsResponse,
  ComplianceQuery,
  ComplianceResponse,
  ComplianceUnit,
  CoverageQuery,
  CoverageResponse,
  GridRef,
  PatrolRuleRow,
  PrioritiesQuery,
  PrioritiesResponse,
  PrioritySubject,
} from '../../../contracts/patrol-plans';
import type { Geometry } from '../../../contracts/geojson';
import type { Queryable } from '../../db/engine';
import { rankByRisk } from '../../domain/patrols/risk';
import {
  type PatrolRule,
  type RuleSubject,
  type SubjectCompliance,
  type SubjectType,
  complianceByGrid,
  evaluateSubject,
  fromDayNumber,
  ruleFor,
  toDayNumber,
} from '../../domain/patrols/rules';
import { AppError } from '../../http/app-error';
import { coverageCounts } from './patrol-coverage.repository';
import { sqlDayEnd as END, sqlDayStart as START } from '../../lib/china-date';

/** Today in China Standard Time. */
export function todayCst(): string {
  return new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 10);
}

export async function listRules(db: Queryable): Promise<PatrolRuleRow[]> {
  const { rows } = await db.query<PatrolRuleRow>(
    `SELECT subject_type AS "subjectType", per_year AS "perYear", key_list_extra AS "keyListExtra",
       low_credit_extra AS "lowCreditExtra", peak_months::int[] AS "peakMonths", peak_extra AS "peakExtra",
       description, version, updated_at AS "updatedAt", updated_by AS "updatedBy"
     FROM patrol_rule ORDER BY array_position(ARRAY['enterprise','cooperative','family_farm','large_grower',
       'small_household','input_shop','storage_transport'], subject_type)`,
  );
  return rows.map((r) => ({ ...r, peakMonths: (r.peakMonths ?? []).map(Number) }));
}

export async function gridRef(db: Queryable, id: number): Promise<GridRef> {
  const { rows } = await db.query<GridRef>(`SELECT id::int, code, name, level FROM grid_unit WHERE id = $1`, [
    id,
  ]);
  if (!rows[0]) throw new AppError('NOT_FOUND', { resource: 'grid', id });
  return rows[0];
}

export interface LoadedSubject extends RuleSubject {
  code: string;
  name: string;
  lon: number | null;
  lat: number | null;
  /** The reporting unit (child grid) the subject counts under. */
  unit: number;
}

/**
 * Active subjects under the grid (or the whole county without one) with their patrol days up to `asOf`; `unit` is
 * the child of `rootId` (or the ancestor at `level`) the subject's village lies in.
 */
async function loadSubjects(
  db: Queryable,
  scope: { rootId?: number; level: 'children' | 'township' | 'village' },
  asOf: string,
): Promise<LoadedSubject[]> {
  const params: unknown[] = [asOf];
  let units: string;
  if (scope.level === 'children') {
    params.push(scope.rootId);
    units = `SELECT id, id AS unit FROM grid_unit WHERE parent_id = $2 OR (id = $2 AND level = 'village')`;
  } else {
    const under = scope.rootId ? `AND id IN (SELECT id FROM tree)` : '';
    if (scope.rootId) params.push(scope.rootId);
    units = `SELECT id, id AS unit FROM grid_unit WHERE level = '${scope.level}' ${under}`;
  }
  const tree = scope.rootId
    ? `tree AS (SELECT id FROM grid_unit WHERE id = $2 UNION ALL SELECT g.id FROM grid_unit g JOIN tree ON g.parent_id = tree.id),`
    : '';
  const { rows } = await db.query<LoadedSubject>(
    `WITH RECURSIVE ${tree}
     sub AS (${units} UNION ALL SELECT g.id, sub.unit FROM grid_unit g JOIN sub ON g.parent_id = sub.id)
     SELECT s.id::int, s.code, s.name, s.type, s.key_list AS "keyList", s.credit_class AS "creditClass",
       s.grid_id::int AS "gridId", sub.unit::int AS unit, ST_X(s.geom) AS lon, ST_Y(s.geom) AS lat,
       coalesce((SELECT json_agg(to_char(p.patrolled_at AT TIME ZONE 'Asia/Shanghai', 'YYYY-MM-DD'))
         FROM patrol p WHERE p.subject_id = s.id AND p.patrolled_at < ${END('$1')}), '[]'::json) AS "patrolDates"
     FROM production_subject s JOIN sub ON sub.id = s.grid_id
     WHERE s.status = 'active' OR s.retired_at >= ${END('$1')}
     ORDER BY s.id`,
    params,
  );
  return rows;
}

const rulesOf = async (db: Queryable): Promise<PatrolRule[]> => await listRules(db);

function evaluate(
  rules: PatrolRule[],
  subjects: LoadedSubject[],
  period: { from: string; to: string },
  asOf: string,
) {
  return subjects.map((s) => evaluateSubject(ruleFor(rules, s.type as SubjectType), s, period, asOf));
}

const defaultAsOf = (to: string, asOf?: string) => asOf ?? (to < todayCst() ? to : todayCst());

export async function compliance(db: Queryable, q: ComplianceQuery): Promise<ComplianceResponse> {
  const grid = await gridRef(db, q.gridId);
  const asOf = defaultAsOf(q.to, q.asOf);
  const [rules, subjects] = await Promise.all([
    rulesOf(db),
    loadSubjects(db, { rootId: q.gridId, level: 'children' }, asOf),
  ]);
  const results = evaluate(rules, subjects, q, asOf);
  const unitOf = new Map(subjects.map((s) => [s.id, s.unit]));
  const byUnit = complianceByGrid(
    results.map((r) => ({ ...r, gridId: unitOf.get(r.subjectId) ?? null })),
    (g) => g,
  );
  const { rows: children } = await db.query<GridRef>(
    `SELECT id::int, code, name, level FROM grid_unit WHERE parent_id = $1 OR (id = $1 AND level = 'village') ORDER BY code`,
    [q.gridId],
  );
  const byId = new Map(subjects.map((s) => [s.id, s]));
  const units: ComplianceUnit[] = children.map((c) => {
    const g = byUnit.get(c.id);
    const overdue = results
      .filter((r) => r.status === 'overdue' && unitOf.get(r.subjectId) === c.id)
      .sort((a, b) => b.overdueDays - a.overdueDays || a.subjectId - b.subjectId)
      .map((r) => {
        const s = byId.get(r.subjectId)!;
        return {
          id: s.id,
          code: s.code,
          name: s.name,
          type: s.type,
          required: r.required,
          done: r.done,
          overdueDays: r.overdueDays,
          lastPatrol: r.lastPatrol,
        };
      });
    return {
      grid: c,
      subjects: g?.subjects ?? 0,
      requiredSubjects: g?.requiredSubjects ?? 0,
      required: g?.required ?? 0,
      done: g?.done ?? 0,
      onTrack: g?.onTrack ?? 0,
      complianceRate: g?.complianceRate ?? null,
      overdue,
    };
  });
  return { grid, from: q.from, to: q.to, asOf, units };
}

/** Subjects still needing patrols this calendar year, ranked by risk with each factor's contribution. */
export async function priorities(db: Queryable, q: PrioritiesQuery): Promise<PrioritiesResponse> {
  const grid = await gridRef(db, q.gridId);
  const date = q.date ?? todayCst();
  const ranked = await rankedSubjects(db, q.gridId, date);
  return {
    grid,
    date,
    skippedFactors: [
      {
        factor: 'residue_hotspot',
        reason: 'no stored residue hotspot layer (hotspots are computed on request by the analysis module)',
      },
    ],
    subjects: ranked.slice(0, q.limit),
  };
}

export async function rankedSubjects(
  db: Queryable,
  gridId: number,
  date: string,
): Promise<PrioritySubject[]> {
  const year = date.slice(0, 4);
  const period = { from: `${year}-01-01`, to: `${year}-12-31` };
  const [rules, subjects] = await Promise.all([
    rulesOf(db),
    loadSubjects(db, { rootId: gridId, level: 'children' }, date),
  ]);
  const results = evaluate(rules, subjects, period, date).filter((r) => r.remaining > 0);
  if (!results.length) return [];
  const ids = results.map((r) => r.subjectId);
  const { rows: history } = await db.query<{
    id: number;
    failing: number;
    rectify: number;
    refer: number;
    strict: boolean;
  }>(
    `SELECT s.id::int,
       (SELECT count(*)::int FROM sample x WHERE x.subject_id = s.id AND x.verdict = 'fail'
          AND x.sampled_at >= ${START('$2')} - interval '3 years' AND x.sampled_at < ${END('$2')}) AS failing,
       (SELECT count(*)::int FROM patrol p WHERE p.subject_id = s.id AND p.outcome = 'rectify'
          AND p.patrolled_at >= ${START('$2')} - interval '2 years' AND p.patrolled_at < ${END('$2')}) AS rectify,
       (SELECT count(*)::int FROM patrol p WHERE p.subject_id = s.id AND p.outcome = 'refer'
          AND p.patrolled_at >= ${START('$2')} - interval '2 years' AND p.patrolled_at < ${END('$2')}) AS refer,
       (s.geom IS NOT NULL AND EXISTS (SELECT 1 FROM soil_zone z
          WHERE z.class = 'strict_control' AND ST_Intersects(z.geom, s.geom))) AS strict
     FROM production_subject s WHERE s.id = ANY($1::bigint[])`,
    [ids, date],
  );
  const hist = new Map(history.map((h) => [h.id, h]));
  const byId = new Map(subjects.map((s) => [s.id, s]));
  const resultOf = new Map<number, SubjectCompliance>(results.map((r) => [r.subjectId, r]));
  const ranked = rankByRisk(
    results.map((r) => {
      const s = byId.get(r.subjectId)!;
      const h = hist.get(r.subjectId);
      return {
        subjectId: r.subjectId,
        overdueDays: r.overdueDays,
        creditClass: s.creditClass,
        keyList: s.keyList,
        failingSamples: h?.failing ?? 0,
        rectifyFindings: h?.rectify ?? 0,
        referFindings: h?.refer ?? 0,
        strictControlZone: h?.strict ?? false,
      };
    }),
  );
  return ranked.map((k) => {
    const s = byId.get(k.subjectId)!;
    const r = resultOf.get(k.subjectId)!;
    return {
      id: s.id,
      code: s.code,
      name: s.name,
      type: s.type,
      gridId: s.gridId,
      lon: s.lon,
      lat: s.lat,
      status: r.status === 'overdue' ? 'overdue' : 'due',
      remaining: r.remaining,
      overdueDays: r.overdueDays,
      score: k.score,
      factors: k.factors,
    };
  });
}

/**
 * Coverage per grid, computed in SQL so that it scales to a province (1 M subjects, 5 M patrols): the villages of
 * each grid of the level, then one query (coverageCounts, shared with the dashboard's patrol_coverage) that counts
 * each subject's patrols in the period up to asOf from the monthly rollup and the edge days, compares them with
 * what the rules require for its type, key list and credit, and sums per grid. The same answer as evaluating every
 * subject with evaluateSubject (on track or not required = covered).
 */
export async function coverage(db: Queryable, q: CoverageQuery): Promise<CoverageResponse> {
  const asOf = defaultAsOf(q.to, q.asOf);
  const rules = await rulesOf(db);
  const lparams: unknown[] = [q.level];
  const tree = q.parentId
    ? `tree AS (SELECT id FROM grid_unit WHERE id = $2 UNION ALL SELECT g.id FROM grid_unit g JOIN tree ON g.parent_id = tree.id),`
    : '';
  if (q.parentId) lparams.push(q.parentId);
  const { rows: leaves } = await db.query<{ villages: number[] | null; units: number[] | null }>(
    `WITH RECURSIVE ${tree}
     sub AS (SELECT id, id AS unit FROM grid_unit WHERE level = $1 ${q.parentId ? 'AND id IN (SELECT id FROM tree)' : ''}
       UNION ALL SELECT g.id, sub.unit FROM grid_unit g JOIN sub ON g.parent_id = sub.id)
     SELECT array_agg(id::int ORDER BY id) AS villages, array_agg(unit::int ORDER BY id) AS units FROM sub`,
    lparams,
  );
  const counts = await coverageCounts(db, {
    from: q.from,
    to: q.to,
    asOf,
    rules,
    villageIds: leaves[0]?.villages ?? [],
    villageUnits: leaves[0]?.units ?? [],
  });
  const tally = new Map(counts.map((c) => [c.unit, c]));
  const params: unknown[] = [q.level];
  let under = '';
  if (q.parentId) {
    params.push(q.parentId);
    under = `AND id IN (WITH RECURSIVE tree AS (SELECT id FROM grid_unit WHERE id = $2
      UNION ALL SELECT g.id FROM grid_unit g JOIN tree ON g.parent_id = tree.id) SELECT id FROM tree)`;
  }
  const { rows } = await db.query<GridRef & { geometry: Geometry }>(
    `SELECT id::int, code, name, level, ST_AsGeoJSON(geom, 5)::json AS geometry FROM grid_unit
     WHERE level = $1 ${under} ORDER BY code`,
    params,
  );
  return {
    type: 'FeatureCollection',
    from: q.from,
    to: q.to,
    features: rows.map(({ geometry, ...grid }) => {
      const t = tally.get(grid.id) ?? { subjects: 0, covered: 0 };
      return {
        type: 'Feature' as const,
        id: grid.id,
        geometry,
        properties: {
          grid,
          subjects: t.subjects,
          covered: t.covered,
          coverage: t.subjects ? t.covered / t.subjects : null,
        },
      };
    }),
  };
}

/** Subjects not patrolled in the last `days` days up to asOf, and villages where none of the subjects was. */
export async function blindSpots(db: Queryable, q: BlindSpotsQuery): Promise<BlindSpotsResponse> {
  const asOf = q.asOf ?? todayCst();
  const since = fromDayNumber(toDayNumber(asOf) - q.days + 1);
  const params: unknown[] = [since, asOf];
  let under = '';
  if (q.gridId) {
    params.push(q.gridId);
    under = `AND s.grid_id IN (WITH RECURSIVE tree AS (SELECT id FROM grid_unit WHERE id = $3
      UNION ALL SELECT g.id FROM grid_unit g JOIN tree ON g.parent_id = tree.id) SELECT id FROM tree)`;
  }
  const { rows } = await db.query<{
    id: number;
    code: string;
    name: string;
    villageId: number;
    village: string;
    seen: boolean;
    lastPatrol: string | null;
    geometry: Geometry | null;
  }>(
    `SELECT s.id::int, s.code, s.name, v.id::int AS "villageId", v.name AS village,
       EXISTS (SELECT 1 FROM patrol p WHERE p.subject_id = s.id AND p.patrolled_at >= ${START('$1')}
         AND p.patrolled_at < ${END('$2')}) AS seen,
       (SELECT to_char(max(p.patrolled_at) AT TIME ZONE 'Asia/Shanghai', 'YYYY-MM-DD') FROM patrol p
         WHERE p.subject_id = s.id AND p.patrolled_at < ${END('$2')}) AS "lastPatrol",
       ST_AsGeoJSON(s.geom, 6)::json AS geometry
     FROM production_subject s JOIN grid_unit v ON v.id = s.grid_id
     WHERE (s.status = 'active' OR s.retired_at >= ${END('$2')}) ${under}
     ORDER BY s.id`,
    params,
  );
  const perVillage = new Map<number, { subjects: number; seen: number }>();
  for (const r of rows) {
    const v = perVillage.get(r.villageId) ?? { subjects: 0, seen: 0 };
    v.subjects += 1;
    if (r.seen) v.seen += 1;
    perVillage.set(r.villageId, v);
  }
  const blindVillages = [...perVillage].filter(([, v]) => v.subjects > 0 && v.seen === 0).map(([id]) => id);
  const villageFeatures: BlindSpotFeature[] = [];
  if (blindVillages.length) {
    const { rows: villages } = await db.query<{ id: number; code: string; name: string; geometry: Geometry }>(
      `SELECT id::int, code, name, ST_AsGeoJSON(geom, 6)::json AS geometry FROM grid_unit WHERE id = ANY($1::bigint[]) ORDER BY code`,
      [blindVillages],
    );
    for (const v of villages)
      villageFeatures.push({
        type: 'Feature',
        id: `village-${v.id}`,
        geometry: v.geometry,
        properties: {
          kind: 'village',
          id: v.id,
          code: v.code,
          name: v.name,
          subjects: perVillage.get(v.id)!.subjects,
        },
      });
  }
  const subjectFeatures: BlindSpotFeature[] = rows
    .filter((r) => !r.seen && r.geometry)
    .map((r) => ({
      type: 'Feature',
      id: `subject-${r.id}`,
      geometry: r.geometry!,
      properties: {
        kind: 'subject',
        id: r.id,
        code: r.code,
        name: r.name,
        lastPatrol: r.lastPatrol,
        village: r.village,
      },
    }));
  return { type: 'FeatureCollection', since, asOf, features: [...villageFeatures, ...subjectFeatures] };
}
