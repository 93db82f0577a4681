/**
 * The text shown for a failed request. Server errors arrive already in the user's language (we send
 * Accept-Language); failures that never reached the server are translated here.
 */
import type { TFunction } from 'i18next';
import { ApiError } from '../api/http';

export function describeError(error: unknown, t: TFunction): string {
  if (error instanceof ApiError) {
    if (error.fromServer) return error.message;
    switch (error.code) {
      case 'NETWORK_ERROR':
        return t('errors.NETWORK_ERROR');
      case 'BAD_RESPONSE':
        return t('errors.BAD_RESPONSE');
      default:
        return t('errors.HTTP_ERROR', { status: error.status });
    }
  }
  if (error instanceof Error && error.message) return error.message;
  return t('errors.unknown');
}
