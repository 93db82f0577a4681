/** Account administration (/api/admin/users) and the audit log (/api/audit); see server/contracts/auth.ts, audit.ts. */
import type { GridSummary } from '../../../../server/contracts/api';
import type { AuditPage } from '../../../../server/contracts/audit';
import type { AdminUser, IssuedPassword, Role } from '../../../../server/contracts/auth';
import { getJson, type RequestOptions, sendJson, withQuery } from '../../api/http';

export interface UserDraft {
  username: string;
  displayName: string;
  role: Role;
  jurisdictionId: number | null;
}

export interface UserChange {
  version: number;
  displayName?: string;
  role?: Role;
  jurisdictionId?: number | null;
  active?: boolean;
}

export interface AuditFilter {
  table?: string;
  rowKey?: string;
  actor?: string;
}

export const adminApi = {
  users: (o: RequestOptions) => getJson<AdminUser[]>('/api/admin/users', o),
  create: (draft: UserDraft, o: RequestOptions) =>
    sendJson<IssuedPassword>('POST', '/api/admin/users', draft, o),
  update: (id: number, change: UserChange, o: RequestOptions) =>
    sendJson<AdminUser>('PATCH', `/api/admin/users/${id}`, change, o),
  resetPassword: (id: number, o: RequestOptions) =>
    sendJson<IssuedPassword>('POST', `/api/admin/users/${id}/reset-password`, {}, o),
  grids: (o: RequestOptions) => getJson<GridSummary[]>('/api/grids', o),
  audit: (filter: AuditFilter, before: number | null, o: RequestOptions) =>
    getJson<AuditPage>(
      withQuery('/api/audit', {
        table: filter.table || undefined,
        rowKey: filter.rowKey || undefined,
        actor: filter.actor || undefined,
        before: before ?? undefined,
        limit: 50,
      }),
      o,
    ),
};
