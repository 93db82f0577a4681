/**
 * Expected failures of the geostatistics code are values, not exceptions: `{ ok: false, reason, detail }` with a
 * reason from GEOSTATS_REASONS, so the HTTP layer can say in both languages what was wrong and where.
 */

export const GEOSTATS_REASONS = {
  TOO_FEW_POINTS: 'TOO_FEW_POINTS',
  DUPLICATE_LOCATIONS: 'DUPLICATE_LOCATIONS',
  NON_FINITE_VALUE: 'NON_FINITE_VALUE',
  SINGULAR_SYSTEM: 'SINGULAR_SYSTEM',
  VARIOGRAM_FIT_FAILED: 'VARIOGRAM_FIT_FAILED',
  INVALID_PARAMETER: 'INVALID_PARAMETER',
  EXTENT_TOO_LARGE: 'EXTENT_TOO_LARGE',
  TOO_MANY_CELLS: 'TOO_MANY_CELLS',
  EMPTY_AREA: 'EMPTY_AREA',
} as const;

export type GeostatsReason = (typeof GEOSTATS_REASONS)[keyof typeof GEOSTATS_REASONS];

export interface Failure {
  ok: false;
  reason: GeostatsReason;
  /** What exactly failed, for the message: indices of the points involved, the parameter, the limit. */
  detail: Record<string, unknown>;
}

export type Result<T> = { ok: true; value: T } | Failure;

export const fail = (reason: GeostatsReason, detail: Record<string, unknown> = {}): Failure => ({
  ok: false,
  reason,
  detail,
});

export const ok = <T>(value: T): { ok: true; value: T } => ({ ok: true, value });
