/**
 * Translates database errors caused by the request's data into AppErrors, so that a client's mistake the database
 * caught (a duplicate code, a point outside every grid) answers 4xx with a message, never 500 or SQL text.
 */
import { AppError } from './app-error';

interface PgLikeError {
  code?: string;
  constraint?: string;
  message?: string;
  table?: string;
}

const CONSTRAINT_MESSAGES: Record<string, { zh: string; en: string }> = {
  grid_unit_code_key: { zh: '网格编码已存在', en: 'A grid with this code already exists' },
  grid_unit_name_in_parent_key: {
    zh: '同一上级网格下已有同名网格',
    en: 'A sibling grid already has this name',
  },
  grid_unit_code_prefix: {
    zh: '网格编码必须以上级网格编码开头',
    en: 'The grid code must start with its parent’s code',
  },
  grid_unit_parent_level: { zh: '上级网格的层级不对', en: 'The parent grid is not one level up' },
  grid_person_role_level: {
    zh: '该职责不属于此层级的网格',
    en: 'This role does not belong to a grid of this level',
  },
  production_subject_code_key: {
    zh: '生产主体编码已存在',
    en: 'A production subject with this code already exists',
  },
  production_subject_inside_grid: {
    zh: '生产主体位置不在任何村级网格内',
    en: 'The subject’s location is not inside any village grid',
  },
  sample_code_key: { zh: '样品编号已存在', en: 'A sample with this code already exists' },
  sample_inside_grid: {
    zh: '采样位置不在任何村级网格内',
    en: 'The sampling place is not inside any village grid',
  },
  soil_sample_code_key: { zh: '土壤样品编号已存在', en: 'A soil sample with this code already exists' },
  soil_sample_inside_grid: {
    zh: '土壤采样点不在任何村级网格内',
    en: 'The soil sampling point is not inside any village grid',
  },
};

export function isPgError(error: unknown): error is PgLikeError & Error {
  return (
    error instanceof Error &&
    typeof (error as PgLikeError).code === 'string' &&
    /^[0-9A-Z]{5}$/.test((error as PgLikeError).code ?? '')
  );
}

/** An AppError for errors caused by the data, or null for faults of the server (which stay 500). */
export function fromDbError(error: unknown): AppError | null {
  if (!isPgError(error)) return null;
  const constraint = error.constraint;
  const messages = constraint ? CONSTRAINT_MESSAGES[constraint] : undefined;
  const details = constraint ? { constraint } : undefined;
  switch (error.code) {
    case '23505':
      return new AppError('DUPLICATE', details, messages);
    case '23514':
    case '23502':
    case '23P01':
      if (constraint?.endsWith('_inside_grid')) return new AppError('OUTSIDE_COUNTY', details, messages);
      return new AppError('CONSTRAINT_VIOLATION', details, messages);
    case '23503':
      return new AppError('REFERENCE_NOT_FOUND', details, messages);
    case '22P02':
    case '22003':
    case '22007':
    case '22008':
    case '22023':
      return new AppError('VALIDATION_FAILED', details);
    case '42501':
      // Row-level security refused a row: it lies (or would lie) outside the account's jurisdiction.
      if (/row-level security/i.test(error.message ?? ''))
        return new AppError('OUTSIDE_JURISDICTION', { table: error.table });
      return null;
    case '57014':
      return new AppError('UNAVAILABLE', { reason: 'statement_timeout' });
    case 'XX000':
      if (/geometry|geos|lwgeom|self-intersection|ring/i.test(error.message ?? ''))
        return new AppError('INVALID_GEOMETRY');
      return null;
    default:
      return null;
  }
}
