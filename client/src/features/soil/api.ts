/** Farmland soil samples: GET /api/soil-samples/:id. */
import { useQuery } from '@tanstack/react-query';
import { api } from '../../api/client';
import { useLang } from '../../app/use-lang';
import type {
  OverlayResponse,
  RunComparison,
  SoilSampleCollection,
  SoilStandardValueView,
  SoilStandardView,
  SurfaceLayer,
  SurfaceView,
  ZoneCollection,
  ZoningRunCreate,
  ZoningRunDetail,
  ZoningRunSummary,
} from '../../../../server/contracts/soil';
import type { GridSummary } from '../../../../server/contracts/api';
import { getJson, type RequestOptions, sendJson } from '../../api/http';

export function useSoilSample(id: number) {
  const lang = useLang();
  return useQuery({
    queryKey: ['soil-sample', id, lang],
    queryFn: ({ signal }) => api.soilSample(id, { lang, signal }),
  });
}

/** The soil zones workspace's calls (docs/soil.md, API). */
export const soilApi = {
  grids: (o: RequestOptions) => getJson<GridSummary[]>('/api/grids', o),
  samples: (o: RequestOptions) => getJson<SoilSampleCollection>('/api/soil/samples', o),
  standards: (o: RequestOptions) => getJson<SoilStandardView>('/api/soil/standards', o),
  patchValue: (
    id: number,
    body: { version: number; valueMgkg: number; source: string; note?: string | null },
    o: RequestOptions,
  ) => sendJson<SoilStandardValueView>('PATCH', `/api/soil/standards/values/${id}`, body, o),
  runs: (o: RequestOptions) => getJson<ZoningRunSummary[]>('/api/soil/runs', o),
  run: (id: number, o: RequestOptions) => getJson<ZoningRunDetail>(`/api/soil/runs/${id}`, o),
  createRun: (body: ZoningRunCreate, o: RequestOptions) =>
    sendJson<ZoningRunDetail>('POST', '/api/soil/runs', body, o),
  compare: (a: number, b: number, o: RequestOptions) =>
    getJson<RunComparison>(`/api/soil/runs/compare?a=${a}&b=${b}`, o),
  surface: (id: number, layer: SurfaceLayer, o: RequestOptions) =>
    getJson<SurfaceView>(`/api/soil/runs/${id}/surface/${layer}`, o),
  zones: (id: number, o: RequestOptions) => getJson<ZoneCollection>(`/api/soil/runs/${id}/zones.geojson`, o),
  overlay: (id: number, o: RequestOptions) => getJson<OverlayResponse>(`/api/soil/runs/${id}/subjects`, o),
};

/** Download addresses of a run's exports. */
export const soilExports = (id: number) => ({
  geojson: `/api/soil/runs/${id}/zones.geojson`,
  shapefile: `/api/soil/runs/${id}/zones.zip`,
  excel: `/api/soil/runs/${id}/subjects.xlsx`,
});
