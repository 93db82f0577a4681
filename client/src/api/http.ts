/**
 * The one place the client calls fetch for JSON. Every request names the UI language (Accept-Language) so the
 * server's error messages arrive translated; every failure becomes an ApiError the UI can show.
 *
 * Sessions (issue 9): the session cookie is HttpOnly and goes with every same-origin request; state-changing
 * requests also echo the session's CSRF token (X-CSRF-Token), held here since login or GET /api/auth/me
 * (setCsrfToken). A 401 from any request but /api/auth/* means the session ended: the listeners registered with
 * onSessionExpired (the login gate) are told, and the login page replaces the app without touching the URL.
 */
import type { ErrorBody, Lang } from '../../../server/contracts/errors';

let csrfToken: string | null = null;
const expiredListeners = new Set<() => void>();

/** Sets (at login or GET /api/auth/me) or clears (logout, expiry) the CSRF token of the session. */
export function setCsrfToken(token: string | null): void {
  csrfToken = token;
}

/** Headers every state-changing request must carry (for the few callers that fetch multipart bodies themselves). */
export function csrfHeaders(): Record<string, string> {
  return csrfToken ? { 'X-CSRF-Token': csrfToken } : {};
}

/** Called with no arguments whenever a request answers 401 outside /api/auth/*; returns the unsubscribe. */
export function onSessionExpired(listener: () => void): () => void {
  expiredListeners.add(listener);
  return () => expiredListeners.delete(listener);
}

function noteStatus(url: string, status: number): void {
  if (status !== 401 || /^\/api\/auth\//.test(url)) return;
  csrfToken = null;
  for (const listener of expiredListeners) listener();
}

/** Client-side failures that never reached a JSON error body; the UI translates these codes itself. */
export type ClientErrorCode = 'NETWORK_ERROR' | 'HTTP_ERROR' | 'BAD_RESPONSE';

export class ApiError extends Error {
  readonly code: string;
  readonly status: number;
  readonly details: unknown;
  readonly requestId: string | undefined;
  /** True when `message` came from the server, already in the user's language. */
  readonly fromServer: boolean;

  constructor(init: {
    code: string;
    status: number;
    message: string;
    details?: unknown;
    requestId?: string;
    fromServer: boolean;
  }) {
    super(init.message);
    this.name = 'ApiError';
    this.code = init.code;
    this.status = init.status;
    this.details = init.details;
    this.requestId = init.requestId;
    this.fromServer = init.fromServer;
  }
}

function isErrorBody(value: unknown): value is ErrorBody {
  if (typeof value !== 'object' || value === null || !('error' in value)) return false;
  const error = (value as { error: unknown }).error;
  return (
    typeof error === 'object' && error !== null && typeof (error as { code?: unknown }).code === 'string'
  );
}

async function errorFrom(response: Response): Promise<ApiError> {
  const body: unknown = await response.json().catch(() => null);
  if (isErrorBody(body)) {
    return new ApiError({ ...body.error, status: response.status, fromServer: true });
  }
  return new ApiError({
    code: 'HTTP_ERROR',
    status: response.status,
    message: `HTTP ${response.status}`,
    fromServer: false,
  });
}

export interface RequestOptions {
  lang: Lang;
  signal?: AbortSignal;
}

/** GET a JSON document; resolves with the parsed body or rejects with an ApiError. */
export async function getJson<T>(url: string, { lang, signal }: RequestOptions): Promise<T> {
  let response: Response;
  try {
    response = await fetch(url, {
      headers: { Accept: 'application/json, application/geo+json', 'Accept-Language': lang },
      credentials: 'same-origin',
      signal,
    });
  } catch (error) {
    if (signal?.aborted) throw error;
    throw new ApiError({ code: 'NETWORK_ERROR', status: 0, message: String(error), fromServer: false });
  }
  noteStatus(url, response.status);
  if (!response.ok) throw await errorFrom(response);
  try {
    return (await response.json()) as T;
  } catch {
    throw new ApiError({
      code: 'BAD_RESPONSE',
      status: response.status,
      message: 'invalid JSON',
      fromServer: false,
    });
  }
}

/** Builds `path?query` leaving out undefined values. */
export function withQuery(path: string, query: Record<string, string | number | undefined>): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) if (value !== undefined) params.set(key, String(value));
  const text = params.toString();
  return text ? `${path}?${text}` : path;
}

/** Sends a JSON body (POST, PUT, PATCH, DELETE) and parses the JSON answer; failures become ApiErrors. */
export async function sendJson<T>(
  method: 'POST' | 'PUT' | 'PATCH' | 'DELETE',
  url: string,
  body: unknown,
  { lang, signal }: RequestOptions,
): Promise<T> {
  let response: Response;
  try {
    response = await fetch(url, {
      method,
      credentials: 'same-origin',
      headers: {
        ...csrfHeaders(),
        Accept: 'application/json',
        'Accept-Language': lang,
        ...(body === undefined ? {} : { 'Content-Type': 'application/json' }),
      },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      signal,
    });
  } catch (error) {
    if (signal?.aborted) throw error;
    throw new ApiError({ code: 'NETWORK_ERROR', status: 0, message: String(error), fromServer: false });
  }
  noteStatus(url, response.status);
  if (!response.ok) throw await errorFrom(response);
  // 204 No Content (logout, password change) has no body to parse.
  if (response.status === 204) return undefined as T;
  return (await response.json()) as T;
}
