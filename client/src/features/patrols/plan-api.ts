/** Patrol-planning endpoints (server/contracts/patrol-plans.ts) for the "巡查计划" workspace. */
import type { GridSummary } from '../../../../server/contracts/api';
import type { ActivityResponse, TracksResponse } from '../../../../server/contracts/patrol-activity';
import type {
  BlindSpotsResponse,
  ComplianceResponse,
  CoverageResponse,
  PatrolPlan,
  PlanEdit,
  PlanRequest,
  PrioritiesResponse,
} from '../../../../server/contracts/patrol-plans';
import { getJson, type RequestOptions, sendJson, withQuery } from '../../api/http';

export interface Period {
  from: string;
  to: string;
}

export type PlanForm = Pick<
  PlanRequest,
  'gridId' | 'startDate' | 'days' | 'maxStopsPerDay' | 'maxHoursPerDay'
>;

export const patrolPlanApi = {
  townships: (o: RequestOptions) => getJson<GridSummary[]>(withQuery('/api/grids', { level: 'township' }), o),
  compliance: (gridId: number, period: Period, o: RequestOptions) =>
    getJson<ComplianceResponse>(withQuery('/api/patrols/compliance', { gridId, ...period }), o),
  coverage: (
    level: 'township' | 'village',
    parentId: number | undefined,
    period: Period,
    o: RequestOptions,
  ) => getJson<CoverageResponse>(withQuery('/api/patrols/coverage', { level, parentId, ...period }), o),
  blindSpots: (days: number, gridId: number | undefined, o: RequestOptions) =>
    getJson<BlindSpotsResponse>(withQuery('/api/patrols/blind-spots', { days, gridId }), o),
  priorities: (gridId: number, date: string, o: RequestOptions) =>
    getJson<PrioritiesResponse>(withQuery('/api/patrols/priorities', { gridId, date, limit: 50 }), o),
  plan: (form: PlanForm, o: RequestOptions) => sendJson<PatrolPlan>('POST', '/api/patrols/plans', form, o),
  gpxUrl: (id: number) => `/api/patrols/plans/${id}.gpx`,
  edit: (id: number, edit: PlanEdit, o: RequestOptions) =>
    sendJson<PatrolPlan>('PATCH', `/api/patrols/plans/${id}`, edit, o),
  cancel: (id: number, version: number, reason: string, o: RequestOptions) =>
    sendJson<PatrolPlan>('POST', `/api/patrols/plans/${id}/cancel`, { version, reason }, o),
  activity: (period: Period, gridId: number | undefined, o: RequestOptions) =>
    getJson<ActivityResponse>(withQuery('/api/patrols/activity', { ...period, gridId }), o),
  tracks: (date: string, inspector: string | undefined, gridId: number | undefined, o: RequestOptions) =>
    getJson<TracksResponse>(withQuery('/api/patrols/tracks', { date, inspector, gridId }), o),
};
