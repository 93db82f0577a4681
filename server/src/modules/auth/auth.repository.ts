import type { Account, AdminUser, Permission, Role } from '../../../contracts/auth';
import type { Queryable } from '../../db/engine';

const ACCOUNT_COLUMNS = `u.id, u.username, u.display_name AS "displayName", u.role,
  json_build_object('zh', r.name_zh, 'en', r.name_en) AS "roleName", r.permissions,
  CASE WHEN g.id IS NULL THEN NULL ELSE json_build_object('id', g.id, 'code', g.code, 'name', g.name, 'level', g.level) END AS jurisdiction,
  u.must_change_password AS "mustChangePassword"`;

const ACCOUNT_FROM = `app_user u JOIN app_role r ON r.role = u.role LEFT JOIN grid_unit g ON g.id = u.jurisdiction_id`;

export interface Credentials {
  id: number;
  username: string;
  passwordHash: string;
  active: boolean;
  failedLogins: number;
  lockedUntil: string | null;
}

export async function credentialsOf(db: Queryable, username: string): Promise<Credentials | null> {
  const { rows } = await db.query<Credentials>(
    `SELECT id, username, password_hash AS "passwordHash", active, failed_logins AS "failedLogins", locked_until AS "lockedUntil"
     FROM app_user WHERE username = $1`,
    [username],
  );
  return rows[0] ?? null;
}

export async function accountById(db: Queryable, id: number): Promise<Account | null> {
  const { rows } = await db.query<Account>(`SELECT ${ACCOUNT_COLUMNS} FROM ${ACCOUNT_FROM} WHERE u.id = $1`, [
    id,
  ]);
  return rows[0] ?? null;
}

export async function recordFailure(
  db: Queryable,
  id: number,
  lockAfter: number,
  lockMinutes: number,
): Promise<void> {
  await db.query(
    `UPDATE app_user SET failed_logins = failed_logins + 1,
       locked_until = CASE WHEN failed_logins + 1 >= $2 THEN now() + make_interval(mins => $3::int) ELSE locked_until END
     WHERE id = $1`,
    [id, lockAfter, lockMinutes],
  );
}

export async function recordSuccess(db: Queryable, id: number): Promise<void> {
  await db.query(
    `UPDATE app_user SET failed_logins = 0, locked_until = NULL, last_login_at = now() WHERE id = $1`,
    [id],
  );
}

export async function insertSession(
  db: Queryable,
  session: {
    tokenHash: string;
    userId: number;
    csrfToken: string;
    days: number;
    ip: string | null;
    userAgent: string | null;
  },
): Promise<void> {
  await db.query(
    `INSERT INTO app_session (token_hash, user_id, csrf_token, expires_at, ip, user_agent)
     VALUES ($1, $2, $3, now() + make_interval(days => $4::int), $5, $6)`,
    [
      session.tokenHash,
      session.userId,
      session.csrfToken,
      session.days,
      session.ip,
      session.userAgent?.slice(0, 300) ?? null,
    ],
  );
}

export interface SessionRow {
  userId: number;
  csrfToken: string;
  lastSeenAt: string;
}

/** A live session of an active account; expired sessions are not returned. */
export async function sessionByHash(db: Queryable, tokenHash: string): Promise<SessionRow | null> {
  const { rows } = await db.query<SessionRow>(
    `SELECT s.user_id AS "userId", s.csrf_token AS "csrfToken", s.last_seen_at AS "lastSeenAt"
     FROM app_session s JOIN app_user u ON u.id = s.user_id
     WHERE s.token_hash = $1 AND s.expires_at > now() AND u.active`,
    [tokenHash],
  );
  return rows[0] ?? null;
}

export async function touchSession(db: Queryable, tokenHash: string): Promise<void> {
  await db.query(`UPDATE app_session SET last_seen_at = now() WHERE token_hash = $1`, [tokenHash]);
}

export async function deleteSession(db: Queryable, tokenHash: string): Promise<void> {
  await db.query(`DELETE FROM app_session WHERE token_hash = $1`, [tokenHash]);
}

/** Ends every session of an account (password changed or reset, account deactivated), except one to keep. */
export async function deleteSessionsOf(
  db: Queryable,
  userId: number,
  keep: string | null = null,
): Promise<void> {
  await db.query(`DELETE FROM app_session WHERE user_id = $1 AND token_hash IS DISTINCT FROM $2`, [
    userId,
    keep,
  ]);
}

export async function deleteExpiredSessions(db: Queryable): Promise<number> {
  return (await db.query(`DELETE FROM app_session WHERE expires_at <= now()`)).rowCount;
}

export async function setPassword(
  db: Queryable,
  id: number,
  hash: string,
  mustChange: boolean,
): Promise<void> {
  await db.query(
    `UPDATE app_user SET password_hash = $2, must_change_password = $3, failed_logins = 0, locked_until = NULL WHERE id = $1`,
    [id, hash, mustChange],
  );
}

export async function countUsers(db: Queryable): Promise<number> {
  return (await db.query<{ n: number }>(`SELECT count(*) AS n FROM app_user`)).rows[0]?.n ?? 0;
}

export async function insertUser(
  db: Queryable,
  user: {
    username: string;
    displayName: string;
    role: Role;
    jurisdictionId: number | null;
    passwordHash: string;
  },
): Promise<number> {
  const { rows } = await db.query<{ id: number }>(
    `INSERT INTO app_user (username, display_name, role, jurisdiction_id, password_hash) VALUES ($1, $2, $3, $4, $5) RETURNING id`,
    [user.username, user.displayName, user.role, user.jurisdictionId, user.passwordHash],
  );
  return (rows[0] as { id: number }).id;
}

const ADMIN_COLUMNS = `${ACCOUNT_COLUMNS}, u.active, u.locked_until AS "lockedUntil", u.last_login_at AS "lastLoginAt", u.version`;

export async function listUsers(db: Queryable): Promise<AdminUser[]> {
  return (
    await db.query<AdminUser>(
      `SELECT ${ADMIN_COLUMNS} FROM ${ACCOUNT_FROM} ORDER BY r.sort_order, u.username`,
    )
  ).rows;
}

export async function adminUserById(db: Queryable, id: number, lock = false): Promise<AdminUser | null> {
  const { rows } = await db.query<AdminUser>(
    `SELECT ${ADMIN_COLUMNS} FROM ${ACCOUNT_FROM} WHERE u.id = $1 ${lock ? 'FOR UPDATE OF u' : ''}`,
    [id],
  );
  return rows[0] ?? null;
}

export async function updateUser(
  db: Queryable,
  id: number,
  patch: {
    displayName?: string | undefined;
    role?: Role | undefined;
    jurisdictionId?: number | null | undefined;
    active?: boolean | undefined;
  },
): Promise<void> {
  await db.query(
    `UPDATE app_user SET
       display_name = coalesce($2, display_name),
       role = coalesce($3, role),
       jurisdiction_id = CASE WHEN $4 THEN $5::bigint ELSE jurisdiction_id END,
       active = coalesce($6, active)
     WHERE id = $1`,
    [
      id,
      patch.displayName ?? null,
      patch.role ?? null,
      patch.jurisdictionId !== undefined,
      patch.jurisdictionId ?? null,
      patch.active ?? null,
    ],
  );
}

export function hasPermission(account: Pick<Account, 'permissions'>, permission: Permission): boolean {
  return account.permissions.includes(permission);
}
