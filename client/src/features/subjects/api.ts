/** Registry cards of production subjects: GET /api/subjects/:id. */
import { useQuery } from '@tanstack/react-query';
import { api } from '../../api/client';
import { useLang } from '../../app/use-lang';

export function useSubject(id: number) {
  const lang = useLang();
  return useQuery({
    queryKey: ['subject', id, lang],
    queryFn: ({ signal }) => api.subject(id, { lang, signal }),
  });
}
