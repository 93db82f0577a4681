/** Saved views and decks (server/contracts/views.ts): the account's own, kept on the server. */
import type { SavedView, ViewCreate, ViewPatch } from '../../../../server/contracts/views';
import { getJson, type RequestOptions, sendJson, withQuery } from '../../api/http';

export const viewsApi = {
  list: (o: RequestOptions, deck?: string) => getJson<SavedView[]>(withQuery('/api/views', { deck }), o),
  create: (body: ViewCreate, o: RequestOptions) => sendJson<SavedView>('POST', '/api/views', body, o),
  update: (id: number, body: ViewPatch, o: RequestOptions) =>
    sendJson<SavedView>('PATCH', `/api/views/${id}`, body, o),
  remove: (view: Pick<SavedView, 'id' | 'version'>, o: RequestOptions) =>
    sendJson<void>('DELETE', withQuery(`/api/views/${view.id}`, { version: view.version }), undefined, o),
  reorder: (deck: string, views: Pick<SavedView, 'id' | 'version'>[], o: RequestOptions) =>
    sendJson<SavedView[]>(
      'POST',
      '/api/views/reorder',
      { deck, views: views.map((v) => ({ id: v.id, version: v.version })) },
      o,
    ),
};

/** The decks of a list of views, in the order they first appear. */
export function decksOf(views: readonly SavedView[]): string[] {
  return [...new Set(views.map((v) => v.deck))];
}
