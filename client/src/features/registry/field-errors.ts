/**
 * Where a refused registry write goes wrong, for the editor: each problem of a 4xx error body located at the form
 * field it concerns ("body.properties.phone" → phone, "body.reason" → reason), and a version conflict (409) as who
 * changed the subject and when. Pure, so it is unit-tested.
 */
import { ERRORS } from '../../../../server/contracts/errors';

export interface RefusedWrite {
  code: string;
  message: string;
  details: unknown;
}

export type WriteProblem =
  | { kind: 'conflict'; by: string; at: string }
  | { kind: 'fields'; fields: Record<string, string>; message: string | null };

function fieldOf(path: string): string | null {
  if (path.startsWith('body.properties.')) return path.slice('body.properties.'.length).split('.')[0] ?? null;
  if (path === 'body.reason') return 'reason';
  if (path.startsWith('body.geometry')) return 'geometry';
  return null;
}

/**
 * The server's message is used at the field when it is specific (one detail, and not the generic "request not
 * valid"): it is already in the user's language, whereas some details are worded only in English.
 */
export function writeProblem(error: RefusedWrite): WriteProblem {
  if (error.code === 'VERSION_CONFLICT') {
    const d = (error.details ?? {}) as { updatedBy?: string; updatedAt?: string };
    return {
      kind: 'conflict',
      by: d.updatedBy ?? '?',
      at: (d.updatedAt ?? '').slice(0, 19).replace('T', ' '),
    };
  }
  const details = Array.isArray(error.details)
    ? (error.details as { path?: unknown; message?: unknown }[])
    : [];
  const generic =
    error.message === ERRORS.VALIDATION_FAILED.zh || error.message === ERRORS.VALIDATION_FAILED.en;
  const fields: Record<string, string> = {};
  for (const detail of details) {
    const field = typeof detail.path === 'string' ? fieldOf(detail.path) : null;
    if (!field || fields[field]) continue;
    const own = typeof detail.message === 'string' ? detail.message : null;
    fields[field] = details.length === 1 && !generic ? error.message : (own ?? error.message);
  }
  const located = Object.keys(fields).length > 0;
  return { kind: 'fields', fields, message: located && generic ? null : error.message };
}
