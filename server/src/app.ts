/**
 * createApp(deps): the Express application, with no globals — tests build as many as they like.
 * /api (JSON API), /tiles (vector tiles, mounted from tiles/), and the built client with an SPA fallback.
 */
import fs from 'node:fs';
import path from 'node:path';
import express, { type Express, type RequestHandler } from 'express';
import type { Logger } from 'pino';
import { pinoHttp } from 'pino-http';
import { createTilesRouter } from '../../tiles/src/index';
import type { Config } from './config';
import type { Db } from './db/engine';
import { AppError } from './http/app-error';
import { jsonBody, requireJsonBody } from './http/body';
import { errorHandler, notFoundHandler } from './http/error-handler';
import { genRequestId } from './http/request-id';
import { securityHeaders } from './http/security-headers';
import { analysisRoutes } from './modules/analysis/analysis.routes';
import { authenticate, csrfProtection } from './modules/auth/auth.middleware';
import { authRoutes } from './modules/auth/auth.routes';
import { userRoutes } from './modules/auth/users.routes';
import { boardRoutes } from './modules/boards/boards.routes';
import { ogcRoutes } from './modules/ogc/ogc.routes';
import { clientConfigRoutes } from './modules/client-config/client-config.routes';
import { gridRoutes } from './modules/grids/grids.routes';
import { healthRoutes } from './modules/health/health.routes';
import { importRoutes } from './modules/imports/imports.routes';
import { patrolRoutes } from './modules/patrols/patrols.routes';
import { registryRoutes } from './modules/registry/registry.routes';
import { residueRoutes } from './modules/residue/residue.routes';
import { sampleRoutes } from './modules/samples/samples.routes';
import { soilRoutes } from './modules/soil/soil.routes';
import { subjectRoutes } from './modules/subjects/subjects.routes';

export interface AppDeps {
  db: Db;
  config: Config;
  logger: Logger;
  startedAt?: number;
}

function clientApp(clientDir: string): RequestHandler[] {
  const dir = path.resolve(clientDir);
  const index = path.join(dir, 'index.html');
  const statics = express.static(dir, {
    index: false,
    setHeaders(res, file) {
      // Vite puts content hashes in asset names: those can be cached for good; index.html must not be.
      if (file.includes(`${path.sep}assets${path.sep}`))
        res.setHeader('Cache-Control', 'public, max-age=31536000, immutable');
    },
  });
  const fallback: RequestHandler = (req, res, next) => {
    if (req.method !== 'GET' && req.method !== 'HEAD') return next();
    if (!fs.existsSync(index)) {
      res
        .status(503)
        .type('text/plain; charset=utf-8')
        .send('客户端尚未构建：请运行 npm run build。\nThe client has not been built: run npm run build.\n');
      return;
    }
    res.setHeader('Cache-Control', 'no-cache');
    res.sendFile(index);
  };
  return [statics, fallback];
}

export function createApp(deps: AppDeps): Express {
  const { db, config, logger } = deps;
  const app = express();
  app.disable('x-powered-by');
  app.set('trust proxy', config.TRUST_PROXY);
  app.set('etag', false); // tiles and API set their own validators
  app.use(
    pinoHttp({
      logger,
      genReqId: genRequestId,
      autoLogging: { ignore: (req) => req.url?.startsWith('/assets/') ?? false },
      customLogLevel: (_req, res, error) =>
        error || res.statusCode >= 500 ? 'error' : res.statusCode >= 400 ? 'warn' : 'debug',
    }),
  );
  app.use(securityHeaders(config));
  app.use(authenticate(db));

  const api = express.Router();
  api.use(requireJsonBody({ uploadPaths: ['/imports'] }), jsonBody());
  api.use(csrfProtection({ exempt: ['/auth/login'] }));
  api.use(authRoutes(db, config));
  api.use(userRoutes(db));
  api.use(healthRoutes(db, deps.startedAt ?? Date.now()));
  api.use(clientConfigRoutes(db, config));
  api.use(gridRoutes(db));
  api.use(subjectRoutes(db));
  api.use(sampleRoutes(db));
  api.use(soilRoutes(db));
  api.use(patrolRoutes(db));
  api.use(importRoutes(db));
  api.use(registryRoutes(db));
  api.use(residueRoutes(db));
  api.use(analysisRoutes(db));
  api.use(notFoundHandler());
  app.use('/api', api);

  app.use(
    '/tiles',
    createTilesRouter({
      db,
      logger,
      cacheBytes: config.TILE_CACHE_MB * 1024 * 1024,
      timeoutMs: config.TILE_TIMEOUT_MS,
      httpError: (code, details) => new AppError(code, details),
    }),
    notFoundHandler(),
  );

  app.use('/ogc', ogcRoutes(db, config.PUBLIC_URL), notFoundHandler());
  app.use(boardRoutes(db, config.PUBLIC_URL));
  app.use(...clientApp(config.CLIENT_DIR));
  app.use(notFoundHandler());
  app.use(errorHandler(logger));
  return app;
}
