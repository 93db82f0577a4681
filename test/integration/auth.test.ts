/**
 * Accounts and sessions on both engines: login with an HttpOnly SameSite cookie, the same refusal for a wrong
 * username and a wrong password, lockout after repeated failures, CSRF tokens on state-changing requests, password
 * changes that end the other sessions, administrators managing accounts, Basic credentials for GIS clients (reads
 * only), and a first administrator whose password is generated, never a default.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { IssuedPassword, Me } from '../../server/contracts/auth';
import type { ErrorBody } from '../../server/contracts/errors';
import type { Db } from '../../server/src/db/engine';
import { insertUser } from '../../server/src/modules/auth/auth.repository';
import { ensureFirstAdmin, hashPassword } from '../../server/src/modules/auth/auth.service';
import { makeCounty } from '../support/fixtures';
import { startServer, type TestServer } from '../support/http';
import { openTestDb, testEngine } from '../support/test-db';

let db: Db;
let server: TestServer;
let townshipId: number;
const PASSWORD = 'Zhen-Gu-Cun-2026';

const unique = (prefix: string) => `${prefix}${process.pid}${Math.random().toString(36).slice(2, 7)}`;

async function makeUser(role: string, jurisdictionId: number | null): Promise<string> {
  const username = unique(role.slice(0, 3));
  await db.transaction(async (tx) => {
    const id = await insertUser(tx, {
      username,
      displayName: '测试',
      role: role as 'admin',
      jurisdictionId,
      passwordHash: await hashPassword(PASSWORD),
    });
    await tx.query('UPDATE app_user SET must_change_password = false WHERE id = $1', [id]);
  });
  return username;
}

interface Session {
  cookie: string;
  csrf: string;
  me: Me;
}

async function post(path: string, body: unknown, headers: Record<string, string> = {}) {
  const response = await fetch(`${server.url}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'accept-language': 'en', ...headers },
    body: JSON.stringify(body),
  });
  const text = await response.text();
  return { response, body: (text ? JSON.parse(text) : null) as unknown };
}

async function logIn(username: string, password = PASSWORD): Promise<Session> {
  const { response, body } = await post('/api/auth/login', { username, password });
  expect(response.status, JSON.stringify(body)).toBe(200);
  const cookie = (response.headers.get('set-cookie') ?? '').split(';')[0] as string;
  return { cookie, csrf: (body as Me).csrfToken, me: body as Me };
}

const authed = (session: Session) => ({ cookie: session.cookie, 'x-csrf-token': session.csrf });

beforeAll(async () => {
  db = await openTestDb();
  server = await startServer(db, {}, { as: null });
  townshipId = (await makeCounty(db)).townshipIds[0];
});
afterAll(async () => {
  await server.close();
  await db.close();
});

describe(`accounts and sessions (${testEngine()})`, () => {
  it('logs in with an HttpOnly, SameSite session cookie and tells the account its role, permissions and jurisdiction', async () => {
    const username = await makeUser('township_supervisor', townshipId);
    const { response } = await post('/api/auth/login', { username, password: PASSWORD });
    const cookie = response.headers.get('set-cookie') ?? '';
    expect(cookie).toMatch(/^nongan_session=[A-Za-z0-9_-]{40,};/);
    expect(cookie).toContain('HttpOnly');
    expect(cookie).toContain('SameSite=Lax');
    const session = await logIn(username);
    const me = await fetch(`${server.url}/api/auth/me`, { headers: { cookie: session.cookie } });
    expect(me.status).toBe(200);
    expect(await me.json()).toMatchObject({
      username,
      role: 'township_supervisor',
      permissions: expect.arrayContaining(['read', 'registry.edit']),
      jurisdiction: { id: townshipId, level: 'township' },
    });
    expect(JSON.stringify(session.me)).not.toContain('argon2');
  });

  it('refuses a wrong password and an unknown username with the same message', async () => {
    const username = await makeUser('analyst', townshipId);
    const wrong = await post('/api/auth/login', { username, password: 'not-the-password' });
    const unknown = await post('/api/auth/login', { username: 'nobody-here', password: 'whatever-it-is' });
    expect(wrong.response.status).toBe(401);
    expect(unknown.response.status).toBe(401);
    expect((wrong.body as ErrorBody).error.message).toBe((unknown.body as ErrorBody).error.message);
  });

  it('locks an account after five failures in a row, even against the right password, and says until when', async () => {
    const username = await makeUser('inspector', townshipId);
    for (let i = 0; i < 5; i++)
      expect(
        (await post('/api/auth/login', { username, password: `wrong-${i}-password` })).response.status,
      ).toBe(401);
    const locked = await post('/api/auth/login', { username, password: PASSWORD });
    expect(locked.response.status).toBe(423);
    expect((locked.body as ErrorBody).error.message).toMatch(/locked until/);
  });

  it('refuses a state-changing request of a session without its CSRF token', async () => {
    const session = await logIn(await makeUser('county_official', townshipId));
    const missing = await post(
      '/api/auth/password',
      { current: PASSWORD, next: 'Another-Good-Pass-7' },
      { cookie: session.cookie },
    );
    expect(missing.response.status).toBe(403);
    expect((missing.body as ErrorBody).error.code).toBe('CSRF_FAILED');
    const forged = await post(
      '/api/auth/password',
      { current: PASSWORD, next: 'Another-Good-Pass-7' },
      { cookie: session.cookie, 'x-csrf-token': 'guessed' },
    );
    expect(forged.response.status).toBe(403);
  });

  it('changes a password under the policy and ends the account’s other sessions', async () => {
    const username = await makeUser('analyst', townshipId);
    const [first, second] = [await logIn(username), await logIn(username)];
    const weak = await post('/api/auth/password', { current: PASSWORD, next: '12345' }, authed(first));
    expect(weak.response.status).toBe(400);
    const changed = await post(
      '/api/auth/password',
      { current: PASSWORD, next: 'Shi-He-Zhen-Lab-9' },
      authed(first),
    );
    expect(changed.response.status).toBe(204);
    expect((await fetch(`${server.url}/api/auth/me`, { headers: { cookie: first.cookie } })).status).toBe(
      200,
    );
    expect((await fetch(`${server.url}/api/auth/me`, { headers: { cookie: second.cookie } })).status).toBe(
      401,
    );
    await logIn(username, 'Shi-He-Zhen-Lab-9');
  });

  it('lets an administrator create an account with a one-time password that must be changed, and reset it', async () => {
    const admin = await logIn(await makeUser('admin', null));
    const created = await post(
      '/api/admin/users',
      {
        username: unique('new'),
        displayName: '李协管',
        role: 'village_coordinator',
        jurisdictionId: townshipId,
      },
      authed(admin),
    );
    expect(created.response.status).toBe(201);
    const issued = created.body as IssuedPassword;
    expect(issued.password).toMatch(/^[A-Za-z0-9]{16}$/);
    expect(issued.user.mustChangePassword).toBe(true);
    const user = await logIn(issued.user.username, issued.password);
    expect(user.me.mustChangePassword).toBe(true);
    const reset = await post(`/api/admin/users/${issued.user.id}/reset-password`, {}, authed(admin));
    expect((reset.body as IssuedPassword).password).not.toBe(issued.password);
    expect((await fetch(`${server.url}/api/auth/me`, { headers: { cookie: user.cookie } })).status).toBe(401);
  });

  it('keeps account management to administrators, and needs a jurisdiction for every non-administrator', async () => {
    const official = await logIn(await makeUser('county_official', townshipId));
    expect(
      (await fetch(`${server.url}/api/admin/users`, { headers: { cookie: official.cookie } })).status,
    ).toBe(403);
    const admin = await logIn(await makeUser('admin', null));
    const noGrid = await post(
      '/api/admin/users',
      { username: unique('x'), displayName: '无辖区', role: 'analyst', jurisdictionId: null },
      authed(admin),
    );
    expect(noGrid.response.status).toBe(400);
  });

  it('accepts Basic credentials for reads (GIS clients) but not for writes', async () => {
    const username = await makeUser('analyst', townshipId);
    const basic = `Basic ${Buffer.from(`${username}:${PASSWORD}`).toString('base64')}`;
    expect((await fetch(`${server.url}/api/auth/me`, { headers: { authorization: basic } })).status).toBe(
      200,
    );
    const write = await post(
      '/api/auth/password',
      { current: PASSWORD, next: 'Whatever-Else-42' },
      { authorization: basic },
    );
    expect(write.response.status).toBe(401);
  });

  it('creates the first administrator with a generated password only when there is no account at all', async () => {
    // The shared test database already has accounts: nothing is created and nothing is printed.
    expect(await ensureFirstAdmin(db, undefined)).toBeNull();
  });
});
