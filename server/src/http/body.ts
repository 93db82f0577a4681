import express, { type RequestHandler } from 'express';
import { AppError } from './app-error';

/** Largest JSON body accepted (a detailed production-base polygon fits easily). */
export const JSON_LIMIT = '2mb';

export const JSON_TYPES = ['application/json', 'application/geo+json'];

/**
 * Requests that carry a body must say it is JSON; anything else is 415 rather than silently ignored — except
 * multipart uploads to the given paths, whose routes read the body themselves.
 */
export function requireJsonBody(options: { uploadPaths?: string[] } = {}): RequestHandler {
  return (req, _res, next) => {
    const hasBody =
      Number(req.headers['content-length'] ?? 0) > 0 || req.headers['transfer-encoding'] !== undefined;
    if (req.method === 'POST' && options.uploadPaths?.includes(req.path) && req.is('multipart/form-data')) {
      next();
      return;
    }
    if (['POST', 'PUT', 'PATCH'].includes(req.method) && hasBody && !req.is(JSON_TYPES)) {
      next(new AppError('UNSUPPORTED_MEDIA_TYPE', { contentType: req.headers['content-type'] ?? null }));
      return;
    }
    next();
  };
}

export function jsonBody(): RequestHandler {
  return express.json({ type: JSON_TYPES, limit: JSON_LIMIT, strict: true });
}
