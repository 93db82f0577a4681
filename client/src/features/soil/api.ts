/** Farmland soil samples: GET /api/soil-samples/:id. */
import { useQuery } from '@tanstack/react-query';
import { api } from '../../api/client';
import { useLang } from '../../app/use-lang';

export function useSoilSample(id: number) {
  const lang = useLang();
  return useQuery({
    queryKey: ['soil-sample', id, lang],
    queryFn: ({ signal }) => api.soilSample(id, { lang, signal }),
  });
}
