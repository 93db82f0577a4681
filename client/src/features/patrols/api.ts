/** Daily patrols with their checklist: GET /api/patrols/:id. */
import { useQuery } from '@tanstack/react-query';
import { api } from '../../api/client';
import { useLang } from '../../app/use-lang';

export function usePatrol(id: number) {
  const lang = useLang();
  return useQuery({
    queryKey: ['patrol', id, lang],
    queryFn: ({ signal }) => api.patrol(id, { lang, signal }),
  });
}
