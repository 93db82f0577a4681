/** Planning endpoints (server/contracts/grids.ts) for the grid-planning workspace. */
import type {
  ChildrenResponse,
  EditResult,
  GridEditInput,
  HistoryEntry,
  ParentTopology,
} from '../../../../server/contracts/grids';
import type { GridSummary } from '../../../../server/contracts/api';
import { getJson, type RequestOptions, sendJson, withQuery } from '../../api/http';

type EditBody = GridEditInput;

export const planningApi = {
  grids: (query: { level?: string; parentId?: number }, o: RequestOptions) =>
    getJson<GridSummary[]>(withQuery('/api/grids', query), o),
  children: (id: number, asOf: string | null, o: RequestOptions) =>
    getJson<ChildrenResponse>(withQuery(`/api/grids/${id}/children`, { asOf: asOf ?? undefined }), o),
  topology: (id: number, o: RequestOptions) => getJson<ParentTopology>(`/api/grids/${id}/topology`, o),
  history: (id: number, o: RequestOptions) => getJson<HistoryEntry[]>(`/api/grids/${id}/history?limit=50`, o),
  preview: (edit: EditBody, o: RequestOptions) => sendJson<EditResult>('POST', '/api/grids/preview', edit, o),
  save(edit: EditBody, o: RequestOptions): Promise<EditResult> {
    switch (edit.op) {
      case 'create': {
        const { op: _op, ...body } = edit;
        return sendJson('POST', '/api/grids', body, o);
      }
      case 'update': {
        const { op: _op, id, ...body } = edit;
        return sendJson('PATCH', `/api/grids/${id}`, body, o);
      }
      case 'split': {
        const { op: _op, id, ...body } = edit;
        return sendJson('POST', `/api/grids/${id}/split`, body, o);
      }
      case 'merge': {
        const { op: _op, ...body } = edit;
        return sendJson('POST', '/api/grids/merge', body, o);
      }
      case 'delete':
        return sendJson(
          'DELETE',
          withQuery(`/api/grids/${edit.id}`, { version: edit.version, absorbInto: edit.absorbInto }),
          undefined,
          o,
        );
    }
  },
  revert: (changeId: number, o: RequestOptions) =>
    sendJson<EditResult>('POST', `/api/grids/changes/${changeId}/revert`, undefined, o),
  posterUrl: (id: number, format: 'pdf' | 'png', size: 'A3' | 'A4', orientation: 'landscape' | 'portrait') =>
    `/api/grids/${id}/poster.${format}?size=${size}&orientation=${orientation}`,
};

export type { EditBody };
