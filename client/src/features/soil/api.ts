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
  ZoneDetail,
  ZoningRunSummary,
} from '../../../../server/contracts/soil';
import type { LandUse, SoilMetal } from '../../../../server/contracts/enums';
import type { GridSummary } from '../../../../server/contracts/api';
import { getJson, type RequestOptions, sendJson, withQuery } from '../../api/http';

/** The workspace's sample filter: applied to the samples on the map and to the samples a new run interpolates. */
export interface SampleFilter {
  from: string;
  to: string;
  gridId: number | null;
  landUse: LandUse | null;
  /** Only samples in which this metal was measured. */
  metal: SoilMetal | null;
}

export const NO_FILTER: SampleFilter = { from: '', to: '', gridId: null, landUse: null, metal: null };

/** The filter as the query of GET /api/soil/samples. */
export function sampleQuery(f: SampleFilter): Record<string, string | number | undefined> {
  return {
    from: f.from || undefined,
    to: f.to || undefined,
    gridId: f.gridId ?? undefined,
    landUse: f.landUse ?? undefined,
    metal: f.metal ?? undefined,
  };
}

/** The filter as the sample fields of POST /api/soil/runs (the run's metal decides which samples have it). */
export function runFilter(
  f: SampleFilter,
): Pick<ZoningRunCreate, 'from' | 'to' | 'sampleLandUses' | 'sampleGridId'> {
  return {
    ...(f.from ? { from: f.from } : {}),
    ...(f.to ? { to: f.to } : {}),
    ...(f.landUse ? { sampleLandUses: [f.landUse] } : {}),
    ...(f.gridId !== null ? { sampleGridId: f.gridId } : {}),
  };
}

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
  samples: (f: SampleFilter, o: RequestOptions) =>
    getJson<SoilSampleCollection>(withQuery('/api/soil/samples', sampleQuery(f)), o),
  standards: (o: RequestOptions) => getJson<SoilStandardView>('/api/soil/standards', o),
  patchValue: (
    id: number,
    body: { version: number; valueMgkg: number; source: string; note?: string | null },
    o: RequestOptions,
  ) => sendJson<SoilStandardValueView>('PATCH', `/api/soil/standards/values/${id}`, body, o),
  runs: (o: RequestOptions) => getJson<ZoningRunSummary[]>('/api/soil/runs', o),
  run: (id: number, o: RequestOptions) => getJson<ZoningRunDetail>(`/api/soil/runs/${id}`, o),
  renameRun: (id: number, version: number, name: string, o: RequestOptions) =>
    sendJson<ZoningRunDetail>('PATCH', `/api/soil/runs/${id}`, { version, name }, o),
  deleteRun: (id: number, version: number, o: RequestOptions) =>
    sendJson<void>('DELETE', `/api/soil/runs/${id}?version=${version}`, undefined, o),
  zone: (id: number, o: RequestOptions) => getJson<ZoneDetail>(`/api/soil/zones/${id}`, o),
  createRun: (body: ZoningRunCreate, o: RequestOptions) =>
    sendJson<ZoningRunDetail>('POST', '/api/soil/runs', body, o),
  compare: (a: number, b: number, o: RequestOptions) =>
    getJson<RunComparison>(`/api/soil/runs/compare?a=${a}&b=${b}`, o),
  surface: (id: number, layer: SurfaceLayer, o: RequestOptions) =>
    getJson<SurfaceView>(`/api/soil/runs/${id}/surface/${layer}`, o),
  zones: (id: number, o: RequestOptions) => getJson<ZoneCollection>(`/api/soil/runs/${id}/zones.geojson`, o),
  overlay: (id: number, o: RequestOptions, cls?: OverlayClass) =>
    getJson<OverlayResponse>(withQuery(`/api/soil/runs/${id}/subjects`, { class: cls }), o),
};

export type OverlayClass = 'safe_utilisation' | 'strict_control';

/** Download addresses of a run's exports. */
export const soilExports = (id: number) => ({
  geojson: `/api/soil/runs/${id}/zones.geojson`,
  shapefile: `/api/soil/runs/${id}/zones.zip`,
  excel: `/api/soil/runs/${id}/subjects.xlsx`,
});

/** The Excel list of the subjects in a run's risky zones: all, of one class, or of one zone. */
export const overlayExcel = (id: number, q: { class?: OverlayClass; zoneId?: number } = {}) =>
  withQuery(`/api/soil/runs/${id}/subjects.xlsx`, { class: q.class, zoneId: q.zoneId });
