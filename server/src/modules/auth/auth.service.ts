/**
 * Logging in and out, changing passwords, and the first administrator. Passwords are hashed with argon2id; a
 * session is a random token in an HttpOnly cookie whose SHA-256 is the database key; too many failures lock the
 * account for a while, and the answer to a wrong username and to a wrong password is the same (and takes as long).
 */
import { createHash, randomBytes } from 'node:crypto';
import { hash, verify } from '@node-rs/argon2';
import type { Account } from '../../../contracts/auth';
import type { Db, Queryable } from '../../db/engine';
import { checkPassword, generatePassword } from '../../domain/auth/password-policy';
import { AppError } from '../../http/app-error';
import {
  accountById,
  countUsers,
  credentialsOf,
  deleteSession,
  deleteSessionsOf,
  insertSession,
  insertUser,
  recordFailure,
  recordSuccess,
  setPassword,
} from './auth.repository';

export interface AuthSettings {
  sessionDays: number;
  lockAfterFailures: number;
  lockMinutes: number;
}

export const tokenHash = (token: string) => createHash('sha256').update(token).digest('hex');
const newToken = () => randomBytes(32).toString('base64url');

/** Compared against when the username does not exist, so both failures cost the same time. */
let dummyHash: Promise<string> | null = null;

export const hashPassword = (password: string) => hash(password);

const invalid = () =>
  new AppError(
    'UNAUTHENTICATED',
    { reason: 'invalid_credentials' },
    { zh: '用户名或密码不正确', en: 'Wrong username or password' },
  );

export interface LoginResult {
  token: string;
  account: Account;
  csrfToken: string;
}

export async function login(
  db: Db,
  input: { username: string; password: string; ip: string | null; userAgent: string | null },
  settings: AuthSettings,
): Promise<LoginResult> {
  return db
    .transaction(
      async (tx) => {
        const credentials = await credentialsOf(tx, input.username);
        if (!credentials) {
          dummyHash ??= hash('not a password of anyone');
          await verify(await dummyHash, input.password);
          throw invalid();
        }
        if (credentials.lockedUntil && Date.parse(credentials.lockedUntil) > Date.now()) {
          throw new AppError(
            'ACCOUNT_LOCKED',
            { lockedUntil: credentials.lockedUntil },
            {
              zh: `登录失败次数过多，账户已暂时锁定，请于 ${credentials.lockedUntil} 之后再试或联系管理员`,
              en: `Too many failed logins: the account is locked until ${credentials.lockedUntil}; try later or ask an administrator`,
            },
          );
        }
        if (!(await verify(credentials.passwordHash, input.password)) || !credentials.active) {
          await recordFailure(tx, credentials.id, settings.lockAfterFailures, settings.lockMinutes);
          // The failure count must survive the refusal: it is committed, only the session is not created.
          return { failed: true as const };
        }
        await recordSuccess(tx, credentials.id);
        const token = newToken();
        const csrfToken = newToken();
        await insertSession(tx, {
          tokenHash: tokenHash(token),
          userId: credentials.id,
          csrfToken,
          days: settings.sessionDays,
          ip: input.ip,
          userAgent: input.userAgent,
        });
        return { token, csrfToken, account: (await accountById(tx, credentials.id)) as Account };
      },
      { user: `login:${input.username}` },
    )
    .then((result) => {
      if ('failed' in result) throw invalid();
      return result;
    });
}

export async function logout(db: Db, token: string): Promise<void> {
  await db.transaction((tx) => deleteSession(tx, tokenHash(token)));
}

function checkPolicy(password: string, username: string): void {
  const policy = checkPassword(password, username);
  if (!policy.ok) {
    throw new AppError('VALIDATION_FAILED', [{ path: 'body.next', message: policy.reason.en }], {
      zh: `新密码不符合要求：${policy.reason.zh}`,
      en: `The new password is not acceptable: ${policy.reason.en}`,
    });
  }
}

/** Changes the password and ends every other session of the account. */
export async function changePassword(
  db: Db,
  account: Account,
  sessionToken: string,
  current: string,
  next: string,
): Promise<void> {
  checkPolicy(next, account.username);
  await db.transaction(
    async (tx) => {
      const credentials = await credentialsOf(tx, account.username);
      if (!credentials || !(await verify(credentials.passwordHash, current))) {
        throw new AppError(
          'VALIDATION_FAILED',
          [{ path: 'body.current', message: 'wrong current password' }],
          {
            zh: '当前密码不正确',
            en: 'The current password is wrong',
          },
        );
      }
      await setPassword(tx, account.id, await hashPassword(next), false);
      await deleteSessionsOf(tx, account.id, tokenHash(sessionToken));
    },
    { user: account.username },
  );
}

/** A generated password for an account an administrator creates or resets (to be changed at first login). */
export async function issuePassword(tx: Queryable, userId: number): Promise<string> {
  const password = generatePassword((n) => randomBytes(n));
  await setPassword(tx, userId, await hashPassword(password), true);
  await deleteSessionsOf(tx, userId);
  return password;
}

/**
 * The first start: with no account at all, creates the administrator "admin" with ADMIN_PASSWORD or a generated
 * password, which is returned to be printed once (it must be changed at the first login). Never a default password.
 */
export async function ensureFirstAdmin(db: Db, fromEnvironment: string | undefined): Promise<string | null> {
  if ((await countUsers(db)) > 0) return null;
  if (fromEnvironment !== undefined) checkPolicy(fromEnvironment, 'admin');
  const password = fromEnvironment ?? generatePassword((n) => randomBytes(n));
  await db.transaction(
    async (tx) => {
      if ((await countUsers(tx)) > 0) return; // another server got there first
      await insertUser(tx, {
        username: 'admin',
        displayName: '系统管理员',
        role: 'admin',
        jurisdictionId: null,
        passwordHash: await hashPassword(password),
      });
      // A password the operator chose (ADMIN_PASSWORD) stands; a generated one must be replaced at first login.
      if (fromEnvironment !== undefined)
        await tx.query(`UPDATE app_user SET must_change_password = false WHERE username = 'admin'`);
    },
    { user: 'system' },
  );
  return fromEnvironment === undefined ? password : null;
}
