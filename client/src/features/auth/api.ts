/** Session endpoints (server/contracts/auth.ts): login, logout, the current account and password change. */
import type { Me } from '../../../../server/contracts/auth';
import { getJson, type RequestOptions, sendJson } from '../../api/http';

export const authApi = {
  me: (o: RequestOptions) => getJson<Me>('/api/auth/me', o),
  login: (body: { username: string; password: string }, o: RequestOptions) =>
    sendJson<Me>('POST', '/api/auth/login', body, o),
  logout: (o: RequestOptions) => sendJson<void>('POST', '/api/auth/logout', undefined, o),
  changePassword: (body: { current: string; next: string }, o: RequestOptions) =>
    sendJson<void>('POST', '/api/auth/password', body, o),
};
