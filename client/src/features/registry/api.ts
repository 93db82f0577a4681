/**
 * Registry endpoints (server/contracts/registry.ts, api.ts): the list with its filters (the same query exports to
 * Excel), registry freshness per grid, the subject card, create / edit / retire / restore and the decision history.
 */
import type {
  GridSummary,
  SubjectCreate,
  SubjectFeature,
  SubjectPatch,
} from '../../../../server/contracts/api';
import type { GridFreshness, SubjectList } from '../../../../server/contracts/registry';
import { getJson, type RequestOptions, sendJson, withQuery } from '../../api/http';

/** The list query as the workspace keeps it (strings as they go in the URL; empty: not filtered). */
export interface RegistryFilter {
  q: string;
  type: string;
  gridId: string;
  creditClass: string;
  keyList: '' | 'true' | 'false';
  certification: string;
  traceability: '' | 'true' | 'false';
  issuesCertificate: '' | 'true' | 'false';
  status: 'active' | 'retired' | 'all';
  location: '' | 'with' | 'without';
  updatedFrom: string;
  updatedTo: string;
  duplicates: '' | 'true';
  sort: 'code' | 'name' | 'type' | 'creditClass' | 'updatedAt';
  order: 'asc' | 'desc';
}

export const EMPTY_FILTER: RegistryFilter = {
  q: '',
  type: '',
  gridId: '',
  creditClass: '',
  keyList: '',
  certification: '',
  traceability: '',
  issuesCertificate: '',
  status: 'active',
  location: '',
  updatedFrom: '',
  updatedTo: '',
  duplicates: '',
  sort: 'code',
  order: 'asc',
};

/** The query string values of a filter (empty values left out). */
export function filterQuery(filter: RegistryFilter): Record<string, string | undefined> {
  const query: Record<string, string | undefined> = {};
  for (const [key, value] of Object.entries(filter)) query[key] = value === '' ? undefined : value;
  return query;
}

export interface SubjectEventRow {
  id: number;
  kind: 'credit_class' | 'key_list' | 'retired' | 'restored';
  fromValue: string | null;
  toValue: string | null;
  reason: string;
  effectiveOn: string;
  createdAt: string;
  createdBy: string;
}

export const registryApi = {
  list: (filter: RegistryFilter, page: { limit: number; offset: number }, o: RequestOptions) =>
    getJson<SubjectList>(withQuery('/api/registry/subjects', { ...filterQuery(filter), ...page }), o),
  exportUrl: (filter: RegistryFilter, lang: string) =>
    withQuery('/api/registry/subjects.xlsx', { ...filterQuery(filter), lang }),
  freshness: (level: 'township' | 'village', o: RequestOptions) =>
    getJson<GridFreshness[]>(withQuery('/api/registry/freshness', { level }), o),
  grids: (query: { level: string; parentId?: number }, o: RequestOptions) =>
    getJson<GridSummary[]>(withQuery('/api/grids', query), o),
  subject: (id: number, o: RequestOptions) => getJson<SubjectFeature>(`/api/subjects/${id}`, o),
  events: (id: number, o: RequestOptions) => getJson<SubjectEventRow[]>(`/api/subjects/${id}/events`, o),
  create: (feature: SubjectCreate, o: RequestOptions) =>
    sendJson<SubjectFeature>('POST', '/api/subjects', feature, o),
  patch: (id: number, patch: SubjectPatch, o: RequestOptions) =>
    sendJson<SubjectFeature>('PATCH', `/api/subjects/${id}`, patch, o),
  retire: (
    id: number,
    action: 'retire' | 'restore',
    body: { version: number; reason: string; effectiveOn?: string },
    o: RequestOptions,
  ) => sendJson<SubjectFeature>('POST', `/api/subjects/${id}/${action}`, body, o),
};
