/** Starts an app on port 0 over a database for integration tests, and a small typed fetch helper. */
import { createHash, randomBytes } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import express, { type Express } from 'express';
import pino from 'pino';
import type { Role } from '../../server/contracts/auth';
import { createApp } from '../../server/src/app';
import { type Config, loadConfig } from '../../server/src/config';
import type { Db } from '../../server/src/db/engine';
import { insertSession } from '../../server/src/modules/auth/auth.repository';
import { hashPassword } from '../../server/src/modules/auth/auth.service';

export interface TestServer {
  url: string;
  /** The account requests without their own cookie or Authorization header are made as (null: anonymous). */
  session: TestSession | null;
  close(): Promise<void>;
}

export interface TestAccount {
  username: string;
  role: Role;
  /** The jurisdiction grid; null only for administrators. */
  jurisdictionId: number | null;
  displayName?: string;
}

export interface TestSession {
  account: TestAccount;
  userId: number;
  /** Cookie header value. */
  cookie: string;
  csrfToken: string;
}

/** The default account of integration tests: an administrator (every grid, every permission). */
export const TEST_ADMIN: TestAccount = { username: 'test-admin', role: 'admin', jurisdictionId: null };

let passwordHash: Promise<string> | undefined;

/**
 * Makes (or reuses) an account and opens a session for it directly in the database — what logging in does,
 * without the argon2 cost on every test file. The password is random and never used.
 */
export async function openTestSession(db: Db, account: TestAccount): Promise<TestSession> {
  passwordHash ??= hashPassword(randomBytes(18).toString('base64'));
  const hash = await passwordHash;
  const { rows } = await db.query<{ id: number }>(
    `INSERT INTO app_user (username, display_name, role, jurisdiction_id, password_hash, must_change_password)
     VALUES ($1, $2, $3, $4, $5, false)
     ON CONFLICT (username) DO UPDATE SET role = EXCLUDED.role, jurisdiction_id = EXCLUDED.jurisdiction_id, active = true
     RETURNING id::int`,
    [account.username, account.displayName ?? account.username, account.role, account.jurisdictionId, hash],
  );
  const userId = (rows[0] as { id: number }).id;
  const token = randomBytes(32).toString('base64url');
  const csrfToken = randomBytes(24).toString('base64url');
  await insertSession(db, {
    tokenHash: createHash('sha256').update(token).digest('hex'),
    userId,
    csrfToken,
    days: 1,
    ip: null,
    userAgent: 'integration-test',
  });
  return { account, userId, cookie: `nongan_session=${token}`, csrfToken };
}

/** Headers that make a request as this session (cookie, and the CSRF token state-changing requests need). */
export function sessionHeaders(session: TestSession): Record<string, string> {
  return { cookie: session.cookie, 'x-csrf-token': session.csrfToken };
}

/**
 * The app with requests that carry no cookie and no Authorization header of their own made as `session`, as a
 * logged-in browser would make them (benchmarks use it too).
 */
export function appAs(inner: Express, session: TestSession | null): Express {
  const app = express();
  app.use((req, _res, next) => {
    if (session && req.headers.cookie === undefined && req.headers.authorization === undefined) {
      req.headers.cookie = session.cookie;
      req.headers['x-csrf-token'] ??= session.csrfToken;
    }
    next();
  });
  app.use(inner);
  return app;
}

/** An app over this database whose requests are made as the test administrator (benchmarks). */
export async function adminApp(db: Db, config: Config): Promise<Express> {
  return appAs(
    createApp({ db, config, logger: pino({ level: 'silent' }) }),
    await openTestSession(db, TEST_ADMIN),
  );
}

/**
 * Starts the app on a free port. Requests that carry no cookie and no Authorization header of their own are made
 * as `options.as` (default: an administrator), as a logged-in browser would make them; `as: null` leaves them
 * anonymous. Auth tests pass their own headers.
 */
export async function startServer(
  db: Db,
  env: Record<string, string> = {},
  options: { as?: TestAccount | null } = {},
): Promise<TestServer> {
  const config = loadConfig({ PORT: '0', LOG_LEVEL: 'silent', DEMO_DATA: 'off', ...env });
  const as = options.as === undefined ? TEST_ADMIN : options.as;
  const session = as ? await openTestSession(db, as) : null;
  const app = appAs(createApp({ db, config, logger: pino({ level: 'silent' }) }), session);
  const server: Server = await new Promise((resolve) => {
    const s = app.listen(0, '127.0.0.1', () => resolve(s));
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    session,
    close: () =>
      new Promise((resolve, reject) => {
        server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  };
}

export interface JsonResponse<T = unknown> {
  status: number;
  headers: Headers;
  body: T;
}

export async function request<T = unknown>(
  base: string,
  path: string,
  init: { method?: string; body?: unknown; headers?: Record<string, string>; rawBody?: string } = {},
): Promise<JsonResponse<T>> {
  const headers: Record<string, string> = { ...init.headers };
  let body: string | undefined = init.rawBody;
  if (init.body !== undefined) {
    body = JSON.stringify(init.body);
    headers['content-type'] ??= 'application/json';
  }
  const response = await fetch(`${base}${path}`, {
    method: init.method ?? 'GET',
    headers,
    ...(body === undefined ? {} : { body }),
  });
  const text = await response.text();
  let parsed: unknown = text;
  try {
    parsed = text ? JSON.parse(text) : null;
  } catch {
    // non-JSON bodies (tiles, HTML) are returned as text
  }
  return { status: response.status, headers: response.headers, body: parsed as T };
}
