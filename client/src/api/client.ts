/**
 * Typed endpoints of the JSON API and the tile index, built on server/contracts. Features call these through
 * their own hooks (features/<f>/api.ts); nothing else in the client knows a URL.
 */
import type {
  ClientConfig,
  GridFeature,
  PatrolFeature,
  SampleFeature,
  SamplePointCollection,
  SoilSampleFeature,
  SubjectFeature,
} from '../../../server/contracts/api';
import type { SampleVerdict } from '../../../server/contracts/enums';
import type { TileIndex, TileJson } from '../../../server/contracts/layers';
import { getJson, type RequestOptions, withQuery } from './http';

export const api = {
  config: (options: RequestOptions) => getJson<ClientConfig>('/api/config', options),
  tileIndex: (options: RequestOptions) => getJson<TileIndex>('/tiles/index.json', options),
  tileJson: (url: string, options: RequestOptions) => getJson<TileJson>(url, options),
  grid: (id: number, options: RequestOptions) => getJson<GridFeature>(`/api/grids/${id}`, options),
  subject: (id: number, options: RequestOptions) => getJson<SubjectFeature>(`/api/subjects/${id}`, options),
  sample: (id: number, options: RequestOptions) => getJson<SampleFeature>(`/api/samples/${id}`, options),
  soilSample: (id: number, options: RequestOptions) =>
    getJson<SoilSampleFeature>(`/api/soil-samples/${id}`, options),
  patrol: (id: number, options: RequestOptions) => getJson<PatrolFeature>(`/api/patrols/${id}`, options),
  samplePoints: (
    query: { verdict?: SampleVerdict; from?: string; to?: string; limit?: number },
    options: RequestOptions,
  ) => getJson<SamplePointCollection>(withQuery('/api/samples', query), options),
};

export { ApiError } from './http';
