/** Dashboard endpoints (server/contracts/indicators.ts) and the grid boundaries the choropleth is drawn on. */
import type { ChildrenResponse } from '../../../../server/contracts/grids';
import type {
  IndicatorId,
  IndicatorLevel,
  IndicatorRecords,
  IndicatorsResponse,
  IndicatorTarget,
} from '../../../../server/contracts/indicators';
import { getJson, type RequestOptions, sendJson, withQuery } from '../../api/http';

export interface Period {
  from: string;
  to: string;
}

export const dashboardApi = {
  indicators: (level: IndicatorLevel, parentId: number, period: Period, o: RequestOptions) =>
    getJson<IndicatorsResponse>(withQuery('/api/indicators', { level, parentId, ...period }), o),
  records: (
    indicator: IndicatorId,
    gridId: number,
    period: Period,
    paging: { failing: boolean; offset: number },
    o: RequestOptions,
  ) =>
    getJson<IndicatorRecords>(
      withQuery(`/api/indicators/${indicator}/records`, {
        gridId,
        ...period,
        failing: String(paging.failing),
        offset: paging.offset,
        limit: 50,
      }),
      o,
    ),
  saveTarget: (t: { indicator: IndicatorId; target: number; version: number }, o: RequestOptions) =>
    sendJson<IndicatorTarget[]>('PUT', '/api/indicators/targets', { targets: [t] }, o),
  children: (id: number, o: RequestOptions) => getJson<ChildrenResponse>(`/api/grids/${id}/children`, o),
  exportUrl: (level: IndicatorLevel, parentId: number, period: Period) =>
    withQuery('/api/indicators.xlsx', { level, parentId, ...period }),
};
