/** Samples with their results: GET /api/samples/:id. */
import { useQuery } from '@tanstack/react-query';
import { api } from '../../api/client';
import { useLang } from '../../app/use-lang';

export function useSample(id: number) {
  const lang = useLang();
  return useQuery({
    queryKey: ['sample', id, lang],
    queryFn: ({ signal }) => api.sample(id, { lang, signal }),
  });
}
