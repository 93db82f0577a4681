/**
 * Account management for administrators (/api/admin/users): list, create (a generated password is returned once
 * and must be changed at first login), change role, jurisdiction, name or active state (with the version: 409 on
 * a concurrent change), and reset a password. Accounts are never deleted: they are the authors of records.
 */
import { Router } from 'express';
import { IdParam } from '../../../contracts/api';
import { type IssuedPassword, ResetPasswordRequest, UserCreate, UserPatch } from '../../../contracts/auth';
import type { Db, Queryable } from '../../db/engine';
import { AppError } from '../../http/app-error';
import { validate } from '../../http/validate';
import { authorOf, requirePermission } from './auth.middleware';
import { adminUserById, deleteSessionsOf, insertUser, listUsers, updateUser } from './auth.repository';
import { hashPassword, issuePassword } from './auth.service';

async function checkJurisdiction(tx: Queryable, role: string, jurisdictionId: number | null): Promise<void> {
  if (jurisdictionId === null) {
    if (role !== 'admin') {
      throw new AppError('VALIDATION_FAILED', [{ path: 'body.jurisdictionId', message: 'required' }], {
        zh: '除管理员外，每个账户都要指定管辖网格',
        en: 'Every account but an administrator needs a jurisdiction grid',
      });
    }
    return;
  }
  const { rows } = await tx.query('SELECT 1 FROM grid_unit WHERE id = $1', [jurisdictionId]);
  if (rows.length === 0)
    throw new AppError('REFERENCE_NOT_FOUND', [{ path: 'body.jurisdictionId', id: jurisdictionId }]);
}

export function userRoutes(db: Db): Router {
  const router = Router();
  router.use('/admin', requirePermission('users.admin'));

  router.get('/admin/users', async (_req, res) => {
    res.json(await listUsers(db));
  });

  router.post('/admin/users', async (req, res) => {
    const input = validate.body(req, UserCreate);
    const issued = await db.transaction(
      async (tx) => {
        await checkJurisdiction(tx, input.role, input.jurisdictionId);
        // A placeholder hash until issuePassword sets the generated one (the column accepts only argon2id hashes).
        const id = await insertUser(tx, {
          ...input,
          passwordHash: await hashPassword(`unset-${Date.now()}-${Math.random()}`),
        });
        const password = await issuePassword(tx, id);
        return { user: (await adminUserById(tx, id))!, password } satisfies IssuedPassword;
      },
      { user: authorOf(req) },
    );
    res.status(201).json(issued);
  });

  router.patch('/admin/users/:id', async (req, res) => {
    const { id } = validate.params(req, IdParam);
    const patch = validate.body(req, UserPatch);
    const user = await db.transaction(
      async (tx) => {
        const current = await adminUserById(tx, id, true);
        if (!current) throw new AppError('NOT_FOUND', { resource: 'user', id });
        if (current.version !== patch.version) {
          throw new AppError('VERSION_CONFLICT', {
            currentVersion: current.version,
            yourVersion: patch.version,
          });
        }
        if (
          id === req.auth?.account.id &&
          (patch.active === false || (patch.role && patch.role !== 'admin'))
        ) {
          throw new AppError(
            'FORBIDDEN',
            { reason: 'own_account' },
            {
              zh: '不能停用自己或取消自己的管理员角色',
              en: 'You cannot deactivate yourself or remove your own administrator role',
            },
          );
        }
        const role = patch.role ?? current.role;
        const jurisdictionId =
          patch.jurisdictionId === undefined ? (current.jurisdiction?.id ?? null) : patch.jurisdictionId;
        await checkJurisdiction(tx, role, jurisdictionId);
        await updateUser(tx, id, patch);
        if (patch.active === false || patch.role !== undefined || patch.jurisdictionId !== undefined)
          await deleteSessionsOf(tx, id);
        return adminUserById(tx, id);
      },
      { user: authorOf(req) },
    );
    res.json(user);
  });

  router.post('/admin/users/:id/reset-password', async (req, res) => {
    const { id } = validate.params(req, IdParam);
    validate.body(req, ResetPasswordRequest);
    const issued = await db.transaction(
      async (tx) => {
        if (!(await adminUserById(tx, id, true))) throw new AppError('NOT_FOUND', { resource: 'user', id });
        const password = await issuePassword(tx, id);
        return { user: (await adminUserById(tx, id))!, password } satisfies IssuedPassword;
      },
      { user: authorOf(req) },
    );
    res.json(issued);
  });

  return router;
}
