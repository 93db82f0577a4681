/**
 * Accounts and sessions: login (POST /api/auth/login), logout, the current account (GET /api/auth/me, which also
 * hands the CSRF token every state-changing request must echo in X-CSRF-Token), password change, and the
 * administrators' account management (/api/admin/users).
 */
import { z } from 'zod';
import type { GridLevel } from './enums';

export const ROLES = [
  'admin',
  'county_official',
  'township_supervisor',
  'village_coordinator',
  'inspector',
  'analyst',
  'public',
] as const;
export type Role = (typeof ROLES)[number];

export const PERMISSIONS = [
  'read',
  'grids.edit',
  'roster.edit',
  'registry.edit',
  'samples.edit',
  'soil.edit',
  'patrols.record',
  'patrols.plan',
  'analysis.run',
  'settings.edit',
  'users.admin',
  'audit.read',
] as const;
export type Permission = (typeof PERMISSIONS)[number];

export const CSRF_HEADER = 'x-csrf-token';

const username = z
  .string()
  .trim()
  .toLowerCase()
  .regex(/^[a-z0-9][a-z0-9._-]{2,31}$/);

export const LoginRequest = z
  .object({ username: z.string().trim().toLowerCase().min(1).max(64), password: z.string().min(1).max(256) })
  .strict();

export const PasswordChange = z
  .object({ current: z.string().min(1).max(256), next: z.string().min(1).max(256) })
  .strict();

export const UserCreate = z
  .object({
    username,
    displayName: z.string().trim().min(1).max(40),
    role: z.enum(ROLES),
    /** Required except for administrators (null = the whole database). */
    jurisdictionId: z.number().int().positive().nullable(),
  })
  .strict();

export const UserPatch = z
  .object({
    version: z.number().int().positive(),
    displayName: z.string().trim().min(1).max(40).optional(),
    role: z.enum(ROLES).optional(),
    jurisdictionId: z.number().int().positive().nullable().optional(),
    active: z.boolean().optional(),
  })
  .strict();

/** POST /api/admin/users/:id/reset-password takes no parameters: an empty object or no body. */
export const ResetPasswordRequest = z.object({}).strict().optional();

export interface Account {
  id: number;
  username: string;
  displayName: string;
  role: Role;
  roleName: { zh: string; en: string };
  permissions: Permission[];
  jurisdiction: { id: number; code: string; name: string; level: GridLevel } | null;
  mustChangePassword: boolean;
}

export interface Me extends Account {
  csrfToken: string;
}

export interface AdminUser extends Account {
  active: boolean;
  lockedUntil: string | null;
  lastLoginAt: string | null;
  version: number;
}

/** Returned once, when an administrator creates an account or resets its password. */
export interface IssuedPassword {
  user: AdminUser;
  password: string;
}
