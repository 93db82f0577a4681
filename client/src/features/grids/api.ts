/** Grid records for the inspector: GET /api/grids/:id (name, parent, area, roster, missing roles). */
import { useQuery } from '@tanstack/react-query';
import { api } from '../../api/client';
import { useLang } from '../../app/use-lang';

export function useGrid(id: number) {
  const lang = useLang();
  return useQuery({ queryKey: ['grid', id, lang], queryFn: ({ signal }) => api.grid(id, { lang, signal }) });
}
