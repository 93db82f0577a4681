/**
 * Failing samples for the heat map: GET /api/samples?verdict=fail, reduced to positions. Fetched only while the
 * heat map is switched on.
 */
import { useQuery } from '@tanstack/react-query';
import type { SamplePointCollection } from '../../../../server/contracts/api';
import { api } from '../../api/client';
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
