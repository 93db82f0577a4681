/**
 * The audit log (issue 9): every write of every domain table, with who, when, what, before and after.
 * GET /api/audit lists it newest first, filtered per record (table + row key) or per account; needs audit.read.
 */
import { z } from 'zod';

export const AuditQuery = z
  .object({
    table: z
      .string()
      .regex(/^[a-z_][a-z0-9_]{0,62}$/)
      .optional(),
    rowKey: z.string().max(200).optional(),
    actor: z.string().max(64).optional(),
    /** Entries older than this id (paging: pass the last id of the previous page). */
    before: z.coerce.number().int().positive().optional(),
    limit: z.coerce.number().int().min(1).max(500).default(100),
  })
  .strict();

export interface AuditEntry {
  id: number;
  at: string;
  actor: string;
  requestId: string | null;
  table: string;
  rowKey: string;
  action: 'insert' | 'update' | 'delete';
  before: Record<string, unknown> | null;
  after: Record<string, unknown> | null;
  /** Columns whose values differ between before and after (updates). */
  changed: string[];
}

export interface AuditPage {
  entries: AuditEntry[];
  /** Pass as `before` for the next page; null at the end. */
  next: number | null;
}
