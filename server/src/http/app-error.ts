import { ERRORS, type ErrorCode } from '../../contracts/errors';

/** An expected failure of a request: becomes `{ error: { code, message, details } }` with the code's status. */
export class AppError extends Error {
  readonly status: number;

  constructor(
    readonly code: ErrorCode,
    readonly details?: unknown,
    /** Replaces the code's generic message, in both languages. */
    readonly messages?: { zh: string; en: string },
  ) {
    super(messages?.en ?? ERRORS[code].en);
    this.name = 'AppError';
    this.status = ERRORS[code].status;
  }
}
