/**
 * The phone's queue of patrol records (issue 6, item 5), kept in IndexedDB so records, photos and tracks survive
 * a lost connection, a closed tab and a restart; plus the last downloaded list of today's subjects per grid.
 *
 * Sync sends each waiting record with its client-generated id (PUT, idempotent on the server), then its photos
 * (each with its own id), and marks it synced only when the server has answered: a record interrupted half-way is
 * sent again and the server keeps one row. One sync runs at a time; it runs on saving, on reconnecting and on
 * opening the workspace.
 */
import type {
  PatrolRecordInput,
  PatrolRecordResult,
  TodayPlan,
} from '../../../../server/contracts/patrol-records';
import type { Lang } from '../../../../server/contracts/errors';
import { ApiError, getJson, sendJson } from '../../api/http';

export interface QueuedPhoto {
  id: string;
  blob: Blob;
  check: string | null;
  uploaded: boolean;
}

export type QueueState = 'pending' | 'syncing' | 'synced' | 'failed';

export interface QueuedRecord {
  clientId: string;
  subjectName: string;
  body: PatrolRecordInput;
  photos: QueuedPhoto[];
  state: QueueState;
  error: string | null;
  result: PatrolRecordResult | null;
  savedAt: number;
  /** Times the server was asked (a record is created once however often it is sent). */
  attempts: number;
}

const DB_NAME = 'nongan-patrol';
const QUEUE = 'queue';
const PLANS = 'plans';

function openDb(): Promise<IDBDatabase> {
  return new Promise((resolve, reject) => {
    const request = indexedDB.open(DB_NAME, 1);
    request.onupgradeneeded = () => {
      const db = request.result;
      if (!db.objectStoreNames.contains(QUEUE)) db.createObjectStore(QUEUE, { keyPath: 'clientId' });
      if (!db.objectStoreNames.contains(PLANS)) db.createObjectStore(PLANS, { keyPath: 'gridId' });
    };
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(request.error ?? new Error('IndexedDB unavailable'));
  });
}

async function run<T>(
  store: string,
  mode: IDBTransactionMode,
  fn: (s: IDBObjectStore) => IDBRequest<T>,
): Promise<T> {
  const db = await openDb();
  try {
    return await new Promise<T>((resolve, reject) => {
      const tx = db.transaction(store, mode);
      const request = fn(tx.objectStore(store));
      tx.oncomplete = () => resolve(request.result);
      tx.onerror = () => reject(tx.error ?? new Error('IndexedDB write failed'));
      tx.onabort = () => reject(tx.error ?? new Error('IndexedDB write aborted'));
    });
  } finally {
    db.close();
  }
}

export const queueStore = {
  put: (item: QueuedRecord) => run(QUEUE, 'readwrite', (s) => s.put(item)),
  all: async (): Promise<QueuedRecord[]> =>
    (await run<QueuedRecord[]>(QUEUE, 'readonly', (s) => s.getAll() as IDBRequest<QueuedRecord[]>)).sort(
      (a, b) => b.savedAt - a.savedAt,
    ),
  remove: (clientId: string) => run(QUEUE, 'readwrite', (s) => s.delete(clientId)),
};

export const planStore = {
  put: (plan: TodayPlan) => run(PLANS, 'readwrite', (s) => s.put(plan)),
  get: (gridId: number) =>
    run<TodayPlan | undefined>(PLANS, 'readonly', (s) => s.get(gridId) as IDBRequest<TodayPlan | undefined>),
};

/** The list of today's subjects: from the server, else the copy downloaded last (offline: true). */
export async function loadToday(
  gridId: number,
  near: [number, number] | null,
  lang: Lang,
): Promise<{ plan: TodayPlan; offline: boolean }> {
  const query = near ? `&lon=${near[0]}&lat=${near[1]}` : '';
  try {
    const plan = await getJson<TodayPlan>(`/api/patrols/today?gridId=${gridId}${query}`, { lang });
    await planStore.put(plan);
    return { plan, offline: false };
  } catch (error) {
    const cached = await planStore.get(gridId);
    if (cached && isOffline(error)) return { plan: cached, offline: true };
    throw error;
  }
}

/** A failure that means "no connection" rather than "the server refused". */
export function isOffline(error: unknown): boolean {
  return !(error instanceof ApiError) || error.code === 'NETWORK_ERROR' || error.status >= 500;
}

async function csrfToken(lang: Lang): Promise<string> {
  const me = await getJson<{ csrfToken?: string }>('/api/auth/me', { lang });
  return me.csrfToken ?? '';
}

async function uploadPhoto(item: QueuedRecord, photo: QueuedPhoto, lang: Lang): Promise<void> {
  const form = new FormData();
  form.append('file', photo.blob, `${photo.id}.jpg`);
  const check = photo.check ? `&check=${photo.check}` : '';
  let response: Response;
  try {
    response = await fetch(`/api/patrols/photos?record=${item.clientId}&photo=${photo.id}${check}`, {
      method: 'POST',
      headers: { 'X-CSRF-Token': await csrfToken(lang), 'Accept-Language': lang, Accept: 'application/json' },
      body: form,
    });
  } catch (error) {
    throw new ApiError({ code: 'NETWORK_ERROR', status: 0, message: String(error), fromServer: false });
  }
  if (!response.ok) {
    const body = (await response.json().catch(() => null)) as {
      error?: { code: string; message: string };
    } | null;
    throw new ApiError({
      code: body?.error?.code ?? 'HTTP_ERROR',
      status: response.status,
      message: body?.error?.message ?? `HTTP ${response.status}`,
      fromServer: !!body?.error,
    });
  }
}

async function syncOne(item: QueuedRecord, lang: Lang): Promise<QueuedRecord> {
  const result = await sendJson<PatrolRecordResult>(
    'PUT',
    `/api/patrols/records/${item.clientId}`,
    item.body,
    {
      lang,
    },
  );
  let current: QueuedRecord = { ...item, result };
  for (const photo of item.photos) {
    if (photo.uploaded) continue;
    await uploadPhoto(current, photo, lang);
    current = {
      ...current,
      photos: current.photos.map((p) => (p.id === photo.id ? { ...p, uploaded: true } : p)),
    };
    await queueStore.put(current);
  }
  return { ...current, state: 'synced', error: null };
}

let running: Promise<void> | null = null;

/** Sends every waiting record once; concurrent calls share the run in progress. */
export function syncQueue(lang: Lang, onChange: () => void): Promise<void> {
  running ??= (async () => {
    try {
      for (const item of await queueStore.all()) {
        if (item.state === 'synced' || item.state === 'failed') continue;
        await queueStore.put({ ...item, state: 'syncing', attempts: item.attempts + 1 });
        onChange();
        try {
          await queueStore.put(await syncOne({ ...item, attempts: item.attempts + 1 }, lang));
        } catch (error) {
          const offline = isOffline(error);
          const message = error instanceof Error ? error.message : String(error);
          await queueStore.put({
            ...item,
            attempts: item.attempts + 1,
            state: offline ? 'pending' : 'failed',
            error: offline ? null : message,
          });
          if (offline) break; // no connection: the rest waits for the next run
        } finally {
          onChange();
        }
      }
    } finally {
      running = null;
    }
  })();
  return running;
}
