/**
 * Who is asking: the session cookie (browsers) or HTTP Basic credentials (desktop GIS such as QGIS reading /ogc
 * and /tiles — accepted for reads only, since browsers resend Basic credentials on their own), and the guards on
 * top: requireAuth (401), requirePermission (403) and CSRF (403) for every state-changing request of a session.
 *
 * Glossary:
 * - session token: random, in the HttpOnly cookie nongan_session; the database keeps only its SHA-256.
 * - CSRF token: per session, handed out by GET /api/auth/me and login; state-changing requests echo it in
 *   X-CSRF-Token (a page of another site can make the browser send the cookie, but cannot read the token).
 */
import { createHash } from 'node:crypto';
import { verify } from '@node-rs/argon2';
import type { Request, RequestHandler } from 'express';
import { LRUCache } from 'lru-cache';
import { type Account, CSRF_HEADER, type Permission } from '../../../contracts/auth';
import type { Db } from '../../db/engine';
import { accountById, credentialsOf, sessionByHash, touchSession } from './auth.repository';
import { AppError } from '../../http/app-error';

export const SESSION_COOKIE = 'nongan_session';

export interface AuthContext {
  account: Account;
  /** The raw session token (cookie); null for Basic credentials. */
  sessionToken: string | null;
  csrfToken: string | null;
}

declare module 'express-serve-static-core' {
  interface Request {
    auth?: AuthContext | null;
  }
}

export function readCookie(req: Request, name: string): string | null {
  for (const part of (req.headers.cookie ?? '').split(';')) {
    const [key, ...value] = part.trim().split('=');
    if (key === name) return decodeURIComponent(value.join('='));
  }
  return null;
}

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

/** Verified Basic credentials for a few minutes: argon2 is deliberately slow, and a map asks for many tiles. */
const basicCache = new LRUCache<string, { userId: number; passwordHash: string }>({
  max: 500,
  ttl: 5 * 60_000,
});

async function fromBasic(db: Db, header: string): Promise<Account | null> {
  const decoded = Buffer.from(header.slice(6), 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  if (colon < 0) return null;
  const username = decoded.slice(0, colon).trim().toLowerCase();
  const credentials = await credentialsOf(db, username);
  if (
    !credentials ||
    !credentials.active ||
    (credentials.lockedUntil && Date.parse(credentials.lockedUntil) > Date.now())
  )
    return null;
  const key = sha256(header);
  const cached = basicCache.get(key);
  // A cached success only counts while the password it was checked against is still the account's.
  if (!(cached && cached.passwordHash === credentials.passwordHash)) {
    if (!(await verify(credentials.passwordHash, decoded.slice(colon + 1)))) return null;
    basicCache.set(key, { userId: credentials.id, passwordHash: credentials.passwordHash });
  }
  return accountById(db, credentials.id);
}

const TOUCH_EVERY_MS = 60_000;

/** Resolves req.auth from the session cookie or Basic credentials; never refuses by itself. */
export function authenticate(db: Db): RequestHandler {
  return async (req, _res, next) => {
    try {
      req.auth = null;
      const token = readCookie(req, SESSION_COOKIE);
      if (token) {
        const hash = sha256(token);
        const session = await sessionByHash(db, hash);
        const account = session && (await accountById(db, session.userId));
        if (session && account) {
          req.auth = { account, sessionToken: token, csrfToken: session.csrfToken };
          if (Date.now() - Date.parse(session.lastSeenAt) > TOUCH_EVERY_MS) await touchSession(db, hash);
        }
      } else if (
        req.headers.authorization?.startsWith('Basic ') &&
        (req.method === 'GET' || req.method === 'HEAD')
      ) {
        const account = await fromBasic(db, req.headers.authorization);
        if (account) req.auth = { account, sessionToken: null, csrfToken: null };
      }
      next();
    } catch (error) {
      next(error);
    }
  };
}

/** 401 without an account; `realm` makes GIS clients offer a login prompt. */
export function requireAuth(options: { basicRealm?: boolean } = {}): RequestHandler {
  return (req, res, next) => {
    if (req.auth) return next();
    if (options.basicRealm) res.setHeader('WWW-Authenticate', 'Basic realm="nongan", charset="UTF-8"');
    next(new AppError('UNAUTHENTICATED'));
  };
}

export function requirePermission(permission: Permission): RequestHandler {
  return (req, _res, next) => {
    if (!req.auth) return next(new AppError('UNAUTHENTICATED'));
    if (!req.auth.account.permissions.includes(permission))
      return next(new AppError('FORBIDDEN', { permission }));
    next();
  };
}

const SAFE = new Set(['GET', 'HEAD', 'OPTIONS']);

/** State-changing requests of a browser session must echo the session's CSRF token. */
export function csrfProtection(options: { exempt: string[] }): RequestHandler {
  return (req, _res, next) => {
    if (SAFE.has(req.method) || options.exempt.includes(req.path) || !req.auth?.sessionToken) return next();
    if (req.get(CSRF_HEADER) !== req.auth.csrfToken) return next(new AppError('CSRF_FAILED'));
    next();
  };
}

/** The author recorded on rows written by this request. */
export function authorOf(req: Request): string {
  return req.auth ? req.auth.account.username : 'anonymous';
}
