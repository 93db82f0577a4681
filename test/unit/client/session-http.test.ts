/**
 * The client's session handling (issue 9): writes carry the CSRF token of the session, reads do not need it; a
 * 401 outside /api/auth/* tells the login gate that the session ended (a wrong password at login does not); and
 * workspaces the account lacks the permission for are not offered.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { getJson, onSessionExpired, sendJson, setCsrfToken } from '../../../client/src/api/http';
import { workspacesFor } from '../../../client/src/app/workspaces';

interface Call {
  url: string;
  init: RequestInit;
}

function fakeFetch(status: number, body: unknown): Call[] {
  const calls: Call[] = [];
  vi.stubGlobal('fetch', (url: string, init: RequestInit) => {
    calls.push({ url, init });
    return Promise.resolve(
      new Response(status === 204 ? null : JSON.stringify(body), {
        status,
        headers: { 'Content-Type': 'application/json' },
      }),
    );
  });
  return calls;
}

afterEach(() => {
  vi.unstubAllGlobals();
  setCsrfToken(null);
});

describe('CSRF token', () => {
  it('goes with every write once the session is known, with the cookie of the same origin', async () => {
    const calls = fakeFetch(200, { ok: true });
    setCsrfToken('token-1');
    await sendJson('PATCH', '/api/grids/3', { name: 'x' }, { lang: 'zh-CN' });
    const headers = calls[0]?.init.headers as Record<string, string>;
    expect(headers['X-CSRF-Token']).toBe('token-1');
    expect(calls[0]?.init.credentials).toBe('same-origin');
  });

  it('is not sent before login, and a 204 answer resolves without a body', async () => {
    const calls = fakeFetch(204, null);
    await expect(sendJson('POST', '/api/auth/logout', undefined, { lang: 'en' })).resolves.toBeUndefined();
    expect((calls[0]?.init.headers as Record<string, string>)['X-CSRF-Token']).toBeUndefined();
  });
});

describe('session expiry', () => {
  const unauthenticated = { error: { code: 'UNAUTHENTICATED', message: '请先登录' } };

  it('a 401 of an ordinary request ends the session: listeners hear it and the token is dropped', async () => {
    const calls = fakeFetch(401, unauthenticated);
    const expired = vi.fn();
    const stop = onSessionExpired(expired);
    setCsrfToken('token-2');
    await expect(getJson('/api/grids', { lang: 'zh-CN' })).rejects.toMatchObject({ status: 401 });
    expect(expired).toHaveBeenCalledTimes(1);
    await expect(sendJson('POST', '/api/grids', {}, { lang: 'zh-CN' })).rejects.toMatchObject({
      status: 401,
    });
    expect((calls[1]?.init.headers as Record<string, string>)['X-CSRF-Token']).toBeUndefined();
    stop();
  });

  it('a wrong password at login or no session at start is not an expiry', async () => {
    fakeFetch(401, unauthenticated);
    const expired = vi.fn();
    const stop = onSessionExpired(expired);
    await expect(
      sendJson('POST', '/api/auth/login', { username: 'a', password: 'b' }, { lang: 'en' }),
    ).rejects.toMatchObject({
      code: 'UNAUTHENTICATED',
    });
    await expect(getJson('/api/auth/me', { lang: 'en' })).rejects.toMatchObject({ status: 401 });
    expect(expired).not.toHaveBeenCalled();
    stop();
  });
});

describe('workspaces by permission', () => {
  it('hides user administration and the audit log from accounts without the permission', () => {
    const supervisor = workspacesFor(['read', 'roster.edit', 'registry.edit']).map((w) => w.id);
    expect(supervisor).toContain('map');
    expect(supervisor).toContain('planning');
    expect(supervisor).not.toContain('users');
    expect(supervisor).not.toContain('audit');
    const official = workspacesFor(['read', 'grids.edit', 'audit.read']).map((w) => w.id);
    expect(official).toContain('audit');
    expect(official).not.toContain('users');
  });
});
