/**
 * The one place that writes error responses: `{ error: { code, message, details, requestId } }`.
 * Messages follow the request's language; SQL, stack traces and row contents never reach the client.
 */
import type { ErrorRequestHandler, RequestHandler } from 'express';
import type { Logger } from 'pino';
import { type ErrorBody, errorMessage } from '../../contracts/errors';
import { AppError } from './app-error';
import { fromDbError } from './db-errors';
import { requestLang } from './lang';

interface BodyParserError extends Error {
  type?: string;
  status?: number;
  limit?: number;
}

function fromBodyParser(error: BodyParserError): AppError | null {
  switch (error.type) {
    case 'entity.parse.failed':
      return new AppError('INVALID_JSON', { reason: error.message.replace(/^.*?: /, '') });
    case 'entity.too.large':
      return new AppError('PAYLOAD_TOO_LARGE', { limitBytes: error.limit });
    case 'encoding.unsupported':
    case 'charset.unsupported':
      return new AppError('UNSUPPORTED_MEDIA_TYPE');
    default:
      return null;
  }
}

export function notFoundHandler(): RequestHandler {
  return (_req, _res, next) => next(new AppError('ROUTE_NOT_FOUND'));
}

export function errorHandler(logger: Logger): ErrorRequestHandler {
  return (error, req, res, _next) => {
    const appError =
      error instanceof AppError ? error : (fromBodyParser(error as BodyParserError) ?? fromDbError(error));
    const requestId = String(req.id ?? '');
    if (!appError) {
      logger.error({ err: error, requestId, method: req.method, url: req.originalUrl }, 'unhandled error');
    }
    const final = appError ?? new AppError('INTERNAL');
    if (res.headersSent) {
      res.destroy();
      return;
    }
    const lang = requestLang(req);
    const message = final.messages
      ? lang === 'en'
        ? final.messages.en
        : final.messages.zh
      : errorMessage(final.code, lang);
    const body: ErrorBody = {
      error: {
        code: final.code,
        message,
        ...(final.details === undefined ? {} : { details: final.details }),
        requestId,
      },
    };
    res.status(final.status).type('application/json').json(body);
  };
}
