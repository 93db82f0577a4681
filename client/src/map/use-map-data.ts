/**
 * What the map needs before it can be created: the client configuration (county, basemap) and the vector
 * sources (tile index → one TileJSON per layer). A failing tile service still leaves a map with its basemap.
 */
import { useQuery } from '@tanstack/react-query';
import type { ClientConfig } from '../../../server/contracts/api';
import type { LayerId } from '../../../server/contracts/layers';
import { api } from '../api/client';
import type { UiLang } from '../app/i18n/messages';
import { type TileSources, vectorSource } from './style/sources';

async function loadSources(lang: UiLang, signal: AbortSignal): Promise<TileSources> {
  const index = await api.tileIndex({ lang, signal });
  const base = window.location.href;
  const entries = await Promise.all(
    index.layers.map(async (layer): Promise<[LayerId, TileSources[LayerId]]> => {
      const url = new URL(layer.tilejson, base).href;
      const tileJson = await api.tileJson(url, { lang, signal });
      return [layer.id, vectorSource(tileJson, url)];
    }),
  );
  return Object.fromEntries(entries) as TileSources;
}

export interface MapData {
  config: ClientConfig | undefined;
  sources: TileSources | undefined;
  configError: unknown;
  sourcesError: unknown;
  /** True once both requests have settled, successfully or not. */
  settled: boolean;
  retry: () => void;
}

export function useMapData(lang: UiLang): MapData {
  // The language is not part of the keys: the documents do not depend on it, only their error messages do.
  const config = useQuery({
    queryKey: ['config'],
    queryFn: ({ signal }) => api.config({ lang, signal }),
    staleTime: Infinity,
  });
  const sources = useQuery({
    queryKey: ['tile-sources'],
    queryFn: ({ signal }) => loadSources(lang, signal),
    staleTime: Infinity,
  });
  return {
    config: config.data,
    sources: sources.data,
    configError: config.error,
    sourcesError: sources.error,
    settled: !config.isPending && !sources.isPending,
    retry: () => {
      if (config.isError) void config.refetch();
      if (sources.isError) void sources.refetch();
    },
  };
}
