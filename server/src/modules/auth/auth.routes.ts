/**
 * POST /api/auth/login · POST /api/auth/logout · GET /api/auth/me · POST /api/auth/password — and the
 * administrators' /api/admin/users. The session cookie is HttpOnly, SameSite=Lax, Secure over HTTPS.
 */
import { type Request, type Response, Router } from 'express';
import { LoginRequest, type Me, PasswordChange } from '../../../contracts/auth';
import type { Config } from '../../config';
import type { Db } from '../../db/engine';
import { AppError } from '../../http/app-error';
import { RateLimiter } from '../../http/rate-limit';
import { validate } from '../../http/validate';
import { requireAuth, SESSION_COOKIE } from './auth.middleware';
import { changePassword, login, logout } from './auth.service';

type AuthConfig = Pick<
  Config,
  'SESSION_DAYS' | 'LOGIN_LOCK_AFTER' | 'LOGIN_LOCK_MINUTES' | 'LOGIN_RATE_LIMIT'
>;

function setSessionCookie(req: Request, res: Response, token: string, days: number): void {
  res.cookie(SESSION_COOKIE, token, {
    httpOnly: true,
    sameSite: 'lax',
    secure: req.secure,
    path: '/',
    maxAge: days * 86_400_000,
  });
}

export function authRoutes(db: Db, config: AuthConfig): Router {
  const router = Router();
  // LOGIN_RATE_LIMIT attempts per address in 15 minutes; the account itself locks after LOGIN_LOCK_AFTER failures.
  const perAddress = new RateLimiter(config.LOGIN_RATE_LIMIT, 15 * 60_000);
  const settings = {
    sessionDays: config.SESSION_DAYS,
    lockAfterFailures: config.LOGIN_LOCK_AFTER,
    lockMinutes: config.LOGIN_LOCK_MINUTES,
  };

  router.post('/auth/login', async (req, res) => {
    const wait = perAddress.hit(req.ip ?? 'unknown');
    if (wait > 0) {
      res.setHeader('Retry-After', String(wait));
      throw new AppError('RATE_LIMITED', { retryAfterSeconds: wait });
    }
    const { username, password } = validate.body(req, LoginRequest);
    const result = await login(
      db,
      { username, password, ip: req.ip ?? null, userAgent: req.get('user-agent') ?? null },
      settings,
    );
    setSessionCookie(req, res, result.token, config.SESSION_DAYS);
    const body: Me = { ...result.account, csrfToken: result.csrfToken };
    res.json(body);
  });

  router.post('/auth/logout', async (req, res) => {
    if (req.auth?.sessionToken) await logout(db, req.auth.sessionToken);
    res.clearCookie(SESSION_COOKIE, { path: '/' });
    res.status(204).end();
  });

  router.get('/auth/me', requireAuth(), (req, res) => {
    const auth = req.auth!;
    const body: Me = { ...auth.account, csrfToken: auth.csrfToken ?? '' };
    res.setHeader('Cache-Control', 'no-store');
    res.json(body);
  });

  router.post('/auth/password', requireAuth(), async (req, res) => {
    const { current, next } = validate.body(req, PasswordChange);
    const auth = req.auth!;
    if (!auth.sessionToken) throw new AppError('FORBIDDEN', { reason: 'session_required' });
    await changePassword(db, auth.account, auth.sessionToken, current, next);
    res.status(204).end();
  });

  return router;
}
