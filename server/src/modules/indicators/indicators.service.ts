/**
 * The dashboard's indicators: reads the targets, the additive counts per unit (repository) and turns them into
 * values with the pure domain module; the parent's total is computed from the sum of its units' counts plus the
 * parent grid's own staffing.
 */
import {
  INDICATORS,
  type IndicatorId,
  type IndicatorRecord,
  type IndicatorRecordsQuery,
  type IndicatorRecords,
  INDICATOR_RECORDS,
  type IndicatorsQuery,
  type IndicatorsResponse,
  type IndicatorTarget,
  type IndicatorUnit,
  type TargetUpdate,
} from '../../../contracts/indicators';
import type { Db, Queryable } from '../../db/engine';
import {
  EMPTY_PERIOD,
  EMPTY_STATE,
  indicatorValues,
  previousPeriod,
  STATE_HISTORY_INDICATORS,
  sumCounts,
  type TargetConfig,
  type UnitCounts,
} from '../../domain/indicators/indicators';
import { AppError } from '../../http/app-error';
import { chinaDate } from '../../lib/china-date';
import {
  type CoverageCount,
  coverageCountsOf,
  coverageSubjects,
} from '../patrols/patrol-coverage.repository';
import { listRules } from '../patrols/patrol-compliance.service';
import { subjectsInZones } from '../soil/soil-overlay.service';
import {
  caseCounts,
  collected as collectedKinds,
  coveringRun,
  type CountParams,
  getGrid,
  gridStaffed,
  indicatorRecords,
  leafPairs,
  listTargets,
  parentCounts,
  type RecordsSpec,
  rectificationCounts,
  sampleCounts,
  soilAreas,
  staffingCounts,
  subjectCounts,
  type UnitGrid,
  unitGrids,
  updateTarget,
} from './indicators.repository';
import { EMPTY_STATE_AT, recordsAt, type StateAt, statesAt } from './state-history.repository';

const DEFAULT_TYPES = ['enterprise', 'cooperative', 'family_farm', 'large_grower'];
const DEFAULT_KINDS = ['routine', 'supervisory', 'quantitative'];
const RAPID_KINDS = ['rapid'];

/** Open rectifications are counted on the period's last day, or today when the period has not ended yet. */
const asOfDay = (to: string, today: string) => (to < today ? to : today);

/** A unit's state counts at the end of a past period (zero where it did not exist then); townships stay today's. */
const endState = (s: StateAt | undefined) => {
  const { townships: _today, ...counts } = { ...EMPTY_STATE_AT, ...s };
  return counts;
};

function strings(value: unknown, fallback: string[]): string[] {
  return Array.isArray(value) && value.every((v) => typeof v === 'string') ? (value as string[]) : fallback;
}

function targetMap(targets: IndicatorTarget[]): Map<IndicatorId, TargetConfig> {
  return new Map(targets.map((t) => [t.indicator, { target: t.target, params: t.params }]));
}

function paramsOf(targets: Map<IndicatorId, TargetConfig>) {
  const p = (id: IndicatorId) => targets.get(id)?.params ?? {};
  return {
    traceTypes: strings(p('traceability').subjectTypes, DEFAULT_TYPES),
    certificateTypes: strings(p('certificates').subjectTypes, DEFAULT_TYPES),
    patrolTypes: strings(p('patrol_coverage').subjectTypes, DEFAULT_TYPES),
    quotaKinds: strings(p('sampling_quota').kinds, DEFAULT_KINDS),
    rateKinds: strings(p('pass_rate').kinds, DEFAULT_KINDS),
    rapidKinds: strings(p('rapid_tests').kinds, RAPID_KINDS),
  };
}

const gridOut = (g: UnitGrid) => ({
  id: g.id,
  code: g.code,
  name: g.name,
  level: g.level,
  population: g.population,
});

type SoilState = Pick<
  UnitCounts['state'],
  'soilRuns' | 'soilSubjects' | 'soilStrictSubjects' | 'soilStrictM2' | 'soilSafeM2' | 'soilClassifiedM2'
>;

/**
 * Soil risk per unit: the farmland by class of the newest run covering it, and the subjects of its villages in
 * risky zones of that same run (the soil overlay, run once per distinct run).
 */
async function soilState(tx: Queryable, params: CountParams): Promise<Map<number, SoilState>> {
  const areas = await soilAreas(tx, params.level, params.parentId);
  const out = new Map<number, SoilState>();
  for (const a of areas)
    out.set(a.unitId, {
      soilRuns: 1,
      soilSubjects: 0,
      soilStrictSubjects: 0,
      soilStrictM2: a.strictM2,
      soilSafeM2: a.safeM2,
      soilClassifiedM2: a.classifiedM2,
    });
  const runOf = new Map(areas.map((a) => [a.unitId, a.runId]));
  const unitOf = new Map(params.villageIds.map((v, i) => [v, params.villageUnits[i]!]));
  for (const runId of new Set(runOf.values())) {
    for (const row of await subjectsInZones(tx, runId)) {
      const unit = row.village ? unitOf.get(row.village.id) : undefined;
      const state = unit === undefined || runOf.get(unit) !== runId ? undefined : out.get(unit);
      if (!state) continue;
      state.soilSubjects++;
      if (row.class === 'strict_control') state.soilStrictSubjects++;
    }
  }
  return out;
}

export async function indicators(db: Db, query: IndicatorsQuery): Promise<IndicatorsResponse> {
  return db.transaction(async (tx) => {
    const parent = query.parentId ? await getGrid(tx, query.parentId) : null;
    if (query.parentId && !parent) throw new AppError('NOT_FOUND', { path: 'query.parentId' });
    const targets = await listTargets(tx);
    const map = targetMap(targets);
    const previous = previousPeriod(query.from, query.to);
    const today = chinaDate();
    const params: CountParams = {
      level: query.level,
      parentId: query.parentId ?? null,
      from: query.from,
      to: query.to,
      prevFrom: previous.from,
      prevTo: previous.to,
      year: Number(today.slice(0, 4)),
      asOf: asOfDay(query.to, today),
      prevAsOf: asOfDay(previous.to, today),
      ...paramsOf(map),
      ...(await leafPairs(tx, query.level, query.parentId ?? null)),
    };
    const units = await unitGrids(tx, query.level, params.parentId);
    // A period that ended before today: the state indicators as at its end, rebuilt from the audit log (else live
    // tables); where the log reaches back that far, the live subject counts are not needed. And the state
    // indicators at the end of the previous period, rebuilt likewise (for their trend). Both ends in one read.
    const past = query.to < today;
    const ends = await statesAt(
      tx,
      params,
      parent?.id ?? null,
      past ? [query.to, params.prevTo] : [params.prevTo],
    );
    const atEnd = past ? ends[0]! : null;
    const history = ends[ends.length - 1]!;
    const staffing = await staffingCounts(tx, query.level, params.parentId);
    const subjects = atEnd?.units ? [] : await subjectCounts(tx, params);
    const now = await sampleCounts(tx, params, query.from, query.to);
    const before = await sampleCounts(tx, params, previous.from, previous.to);
    const cases = await caseCounts(tx, params);
    const [rectNow, rectBefore] = await rectificationCounts(tx, params, [params.asOf, params.prevAsOf]);
    const seen = await collectedKinds(tx, params.rapidKinds, params.parentId);
    const soil = await soilState(tx, params);
    const byUnit = <T extends { unitId: number }>(rows: T[]) => new Map(rows.map((r) => [r.unitId, r]));
    // Patrol coverage against the rules: the query of GET /api/patrols/coverage (rollup months + edge days), for
    // both periods in one read of the subjects and the rollup.
    const rules = await listRules(tx);
    const [coverNow, coverBefore] = await coverageCountsOf(
      tx,
      [
        { from: query.from, to: query.to, asOf: params.asOf },
        { from: previous.from, to: previous.to, asOf: params.prevAsOf },
      ],
      {
        rules,
        villageIds: params.villageIds,
        villageUnits: params.villageUnits,
        types: params.patrolTypes,
      },
    );
    const unitMap = (counts: CoverageCount[] = []) => new Map(counts.map((c) => [c.unit, c]));
    const [pn, pb] = [unitMap(coverNow), unitMap(coverBefore)];
    const [st, su, sn, sb] = [byUnit(staffing), byUnit(subjects), byUnit(now), byUnit(before)];
    const [ca, rn, rb] = [byUnit(cases), byUnit(rectNow ?? []), byUnit(rectBefore ?? [])];
    const strip = <T extends { unitId: number }>(row: T | undefined) => {
      if (!row) return {};
      const { unitId: _id, ...rest } = row;
      return rest;
    };

    const counts = new Map<number, UnitCounts>();
    for (const u of units) {
      counts.set(u.id, {
        level: query.level,
        population: u.population,
        state: {
          ...EMPTY_STATE,
          ...strip(st.get(u.id)),
          ...(atEnd?.units ? endState(atEnd.units.get(u.id)) : strip(su.get(u.id))),
          ...soil.get(u.id),
        },
        current: {
          ...EMPTY_PERIOD,
          ...strip(sn.get(u.id)),
          ...strip(rn.get(u.id)),
          cases: ca.get(u.id)?.cases ?? 0,
          patrolBase: pn.get(u.id)?.subjects ?? 0,
          patrolled: pn.get(u.id)?.covered ?? 0,
        },
        previous: {
          ...EMPTY_PERIOD,
          ...strip(sb.get(u.id)),
          ...strip(rb.get(u.id)),
          cases: ca.get(u.id)?.casesPrev ?? 0,
          patrolBase: pb.get(u.id)?.subjects ?? 0,
          patrolled: pb.get(u.id)?.covered ?? 0,
        },
        previousState: history.units ? { ...EMPTY_STATE, ...history.units.get(u.id) } : null,
        historyStart: history.historyStart,
        currentNoHistory: past && !atEnd?.units,
      });
    }
    const period = { from: query.from, to: query.to };
    const unitsOut: IndicatorUnit[] = units.map((u) => ({
      grid: gridOut(u),
      values: indicatorValues(INDICATORS, counts.get(u.id) as UnitCounts, period, map, seen),
    }));
    let parentOut: IndicatorUnit | null = null;
    if (parent) {
      const total = sumCounts([...counts.values()], parent.level as UnitCounts['level']);
      // Only direct children make up the parent: its own grid counts for staffing, and its own population if known.
      const ownAt = atEnd?.units ? atEnd.parent : null; // the parent grid itself at the end of a past period
      const own = (ownAt ? ownAt.staffed : await gridStaffed(tx, parent.id)) ? 1 : 0;
      const extra = await parentCounts(tx, parent.id, params);
      total.state = {
        ...total.state,
        grids: total.state.grids + (ownAt && !ownAt.existed ? 0 : 1),
        staffedGrids: total.state.staffedGrids + own,
        townships: extra.townships,
      };
      total.current = { ...total.current, rapidDays: extra.rapidDays, cases: extra.cases };
      total.previous = { ...total.previous, rapidDays: extra.rapidDaysPrev, cases: extra.casesPrev };
      if (history.units && history.parent) {
        // The parent grid itself as it was at the end of the previous period.
        const was = total.previousState ?? EMPTY_STATE;
        total.previousState = {
          ...was,
          grids: was.grids + (history.parent.existed ? 1 : 0),
          staffedGrids: was.staffedGrids + (history.parent.staffed ? 1 : 0),
        };
      }
      if (parent.population !== null) total.population = parent.population;
      parentOut = { grid: gridOut(parent), values: indicatorValues(INDICATORS, total, period, map, seen) };
    }
    return {
      level: query.level,
      period,
      previousPeriod: previous,
      stateAsOf: past ? query.to : today,
      parent: parentOut,
      units: unitsOut,
      targets,
    };
  });
}

export async function records(
  db: Db,
  indicator: IndicatorId,
  query: IndicatorRecordsQuery,
): Promise<IndicatorRecords> {
  return db.transaction(async (tx) => {
    if (!(await getGrid(tx, query.gridId))) throw new AppError('NOT_FOUND', { path: 'query.gridId' });
    const head = { indicator, kind: INDICATOR_RECORDS[indicator] };
    if (indicator === 'soil_risk') return { ...head, ...(await soilRecords(tx, query)) };
    const params = paramsOf(targetMap(await listTargets(tx)));
    const today = chinaDate();
    if (indicator === 'patrol_coverage')
      return { ...head, ...(await patrolRecords(tx, query, params.patrolTypes, today)) };
    const spec: RecordsSpec = {
      indicator,
      gridId: query.gridId,
      from: query.from,
      to: query.to,
      year: Number(today.slice(0, 4)),
      asOf: asOfDay(query.to, today),
      // The subject types counted (traceability, certificates; registry_freshness counts every type).
      types: indicator === 'certificates' ? params.certificateTypes : params.traceTypes,
      kinds:
        indicator === 'sampling_quota'
          ? params.quotaKinds
          : indicator === 'rapid_tests'
            ? params.rapidKinds
            : params.rateKinds,
      failing: query.failing === 'true',
      limit: query.limit,
      offset: query.offset,
    };
    if (!STATE_HISTORY_INDICATORS.includes(indicator))
      return { ...head, ...(await indicatorRecords(tx, spec)) };
    // State indicators: live while the period includes today; for a period that ended before today the records as
    // at its end, rebuilt from the audit log like the number (state-history).
    if (query.to >= today) return { ...head, ...(await indicatorRecords(tx, spec)), asOf: today };
    const at = await recordsAt(tx, spec, query.to);
    return {
      ...head,
      total: at.total,
      items: at.items,
      asOf: query.to,
      noData: at.noHistory ? 'no_history' : null,
      historyStart: at.historyStart,
    };
  });
}

/**
 * The subjects behind patrol_coverage (coverageSubjects, the query of the coverage itself): each with the patrols
 * the rules require in the period and those done up to the period's end (or today); the ones that miss first.
 */
async function patrolRecords(tx: Queryable, query: IndicatorRecordsQuery, types: string[], today: string) {
  const { total, items } = await coverageSubjects(tx, {
    gridId: query.gridId,
    from: query.from,
    to: query.to,
    asOf: asOfDay(query.to, today),
    rules: await listRules(tx),
    types,
    missing: query.failing === 'true',
    limit: query.limit,
    offset: query.offset,
  });
  return {
    total,
    items: items.map((r): IndicatorRecord => ({
      id: r.id,
      code: r.code,
      name: r.name,
      township: r.township,
      village: r.village,
      counts: r.covered,
      detail: `${r.type} · patrols_done_required · ${r.done}/${r.required}`,
      date: r.lastPatrol,
    })),
  };
}

/**
 * The subjects behind soil_risk: those in risky zones of the newest run covering the grid; the ones in 严格管控类
 * zones count against the indicator (counts = false) and come first.
 */
async function soilRecords(tx: Queryable, query: IndicatorRecordsQuery) {
  const runId = await coveringRun(tx, query.gridId);
  if (runId === null) return { total: 0, items: [] };
  const rows = (await subjectsInZones(tx, runId, { gridId: query.gridId })).map((r): IndicatorRecord => ({
    id: r.subject.id,
    code: r.subject.code,
    name: r.subject.name,
    township: r.township?.name ?? null,
    village: r.village?.name ?? null,
    counts: r.class !== 'strict_control',
    detail: `${r.class} · ${r.subject.type} · strict_control ${r.strictControlMu} 亩 · safe_utilisation ${r.safeUtilisationMu} 亩 · run ${runId}`,
    date: null,
  }));
  const kept = query.failing === 'true' ? rows.filter((r) => !r.counts) : rows;
  kept.sort((a, b) => Number(a.counts) - Number(b.counts) || a.code.localeCompare(b.code));
  return { total: kept.length, items: kept.slice(query.offset, query.offset + query.limit) };
}

export async function saveTargets(db: Db, update: TargetUpdate): Promise<IndicatorTarget[]> {
  return db.transaction(async (tx) => {
    for (const [i, t] of update.targets.entries()) {
      if (!(await updateTarget(tx, t)))
        throw new AppError('VERSION_CONFLICT', { path: `body.targets.${i}.version`, indicator: t.indicator });
    }
    return listTargets(tx);
  });
}

export { listTargets };
