/**
 * Residue analysis endpoints (server/contracts/analysis.ts, residue.ts) for the analysis workspace, and the
 * failing-sample positions of the map workspace's heat map (GET /api/samples?verdict=fail, fetched only while that
 * heat map is switched on).
 */
import { useQuery } from '@tanstack/react-query';
import type {
  AreaHotspotsResponse,
  DrillDownResponse,
  HotspotsResponse,
  RatesResponse,
  ScanResponse,
  TrendsResponse,
} from '../../../../server/contracts/analysis';
import type { GridSummary, SamplePointCollection } from '../../../../server/contracts/api';
import type { EnteredSample, ReferenceResponse } from '../../../../server/contracts/residue';
import { api } from '../../api/client';
import { ApiError, csrfHeaders, getJson, type RequestOptions, sendJson } from '../../api/http';
import { useLang } from '../../app/use-lang';
import type { HeatPoint } from '../../overlays/failing-samples-heatmap.layer';

export function toHeatPoints(collection: SamplePointCollection): HeatPoint[] {
  return collection.features.flatMap((feature) => {
    const coordinates = feature.geometry.type === 'Point' ? (feature.geometry.coordinates as unknown) : null;
    if (
      !Array.isArray(coordinates) ||
      typeof coordinates[0] !== 'number' ||
      typeof coordinates[1] !== 'number'
    )
      return [];
    return [{ position: [coordinates[0], coordinates[1]] as [number, number] }];
  });
}

export function useFailingSamplePoints(enabled: boolean) {
  const lang = useLang();
  return useQuery({
    queryKey: ['sample-points', 'fail'],
    queryFn: async ({ signal }) =>
      toHeatPoints(await api.samplePoints({ verdict: 'fail' }, { lang, signal })),
    enabled,
    staleTime: 5 * 60_000,
  });
}

/** The filter as the client holds it (the server's ResidueFilter input). */
export interface Filter {
  from?: string;
  to?: string;
  kinds?: string[];
  commodity?: string;
  analyte?: string;
  subjectTypes?: string[];
  gridId?: number;
  outcome?: 'fail' | 'fail_or_suspected';
}

export type Units = { kind: 'grid'; level: 'village' | 'township' } | { kind: 'hexagon'; sizeM: number };

export interface WeightsChoice {
  method: 'gi_star' | 'local_moran' | 'global_moran';
  weights: 'queen' | 'rook' | 'knn' | 'distance_band';
  k?: number;
  distance?: number;
  standardization: 'binary' | 'row';
  permutations?: number;
  seed?: number;
}

export type Where =
  | { kind: 'all' }
  | { kind: 'grid'; gridId: number }
  | { kind: 'circle'; centre: [number, number]; radiusM: number }
  | { kind: 'hexagon'; id: string; sizeM: number };

/** Drops empty members so the strict server schema sees only what the analyst set. */
export function cleanFilter(filter: Filter): Filter {
  const out: Filter = {};
  for (const [key, value] of Object.entries(filter) as [keyof Filter, unknown][]) {
    if (value === undefined || value === '' || (Array.isArray(value) && value.length === 0)) continue;
    (out as Record<string, unknown>)[key] = value;
  }
  return out;
}

export const analysisApi = {
  reference: (o: RequestOptions) => getJson<ReferenceResponse>('/api/residue/reference', o),
  grids: (o: RequestOptions) => getJson<GridSummary[]>('/api/grids', o),
  rates: (filter: Filter, units: Units, minSamples: number, o: RequestOptions) =>
    sendJson<RatesResponse>(
      'POST',
      '/api/analysis/rates',
      { filter: cleanFilter(filter), units, minSamples, geometry: true },
      o,
    ),
  areaHotspots: (filter: Filter, units: Units, w: WeightsChoice, o: RequestOptions) =>
    sendJson<AreaHotspotsResponse>(
      'POST',
      '/api/analysis/area-hotspots',
      { filter: cleanFilter(filter), units, geometry: true, ...w },
      o,
    ),
  scan: (filter: Filter, body: { maxShare: number; replications: number; seed: number }, o: RequestOptions) =>
    sendJson<ScanResponse>('POST', '/api/analysis/scan', { filter: cleanFilter(filter), ...body }, o),
  trends: (filter: Filter, units: Units, period: 'month' | 'quarter' | 'year', o: RequestOptions) =>
    sendJson<TrendsResponse>(
      'POST',
      '/api/analysis/trends',
      { filter: cleanFilter(filter), units, period },
      o,
    ),
  samples: (filter: Filter, where: Where, onlyFailures: boolean, limit: number, o: RequestOptions) =>
    sendJson<DrillDownResponse>(
      'POST',
      '/api/analysis/samples',
      { filter: cleanFilter(filter), where, onlyFailures, limit },
      o,
    ),
  hotspots: (body: Record<string, unknown>, o: RequestOptions) =>
    sendJson<HotspotsResponse>('POST', '/api/analysis/hotspots', body, o),
  enterSample: (body: unknown, o: RequestOptions) =>
    sendJson<EnteredSample>('POST', '/api/residue/samples', body, o),
};

/** The body of the samples request, for the Excel export of the same list. */
export function samplesBody(filter: Filter, where: Where, onlyFailures: boolean) {
  return { filter: cleanFilter(filter), where, onlyFailures, limit: 10_000 };
}

/** POSTs a JSON body and saves the answer as a file (Excel workbooks, GeoJSON layers). */
export async function downloadPost(
  url: string,
  body: unknown,
  filename: string,
  o: RequestOptions,
): Promise<void> {
  const response = await fetch(url, {
    method: 'POST',
    credentials: 'same-origin',
    headers: { ...csrfHeaders(), 'Content-Type': 'application/json', 'Accept-Language': o.lang },
    body: JSON.stringify(body),
  });
  if (!response.ok) {
    const payload = (await response.json().catch(() => null)) as {
      error?: { code: string; message: string };
    } | null;
    throw new ApiError({
      code: payload?.error?.code ?? 'HTTP_ERROR',
      status: response.status,
      message: payload?.error?.message ?? `HTTP ${response.status}`,
      fromServer: Boolean(payload?.error),
    });
  }
  saveBlob(await response.blob(), filename);
}

/** Saves data built in the browser (a GeoJSON layer) as a file. */
export function saveBlob(blob: Blob, filename: string): void {
  const href = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = href;
  link.download = filename;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(href), 1000);
}
