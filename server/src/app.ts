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
import { apiDocsRoutes } from './modules/api-docs/api-docs.routes';
import { auditRoutes } from './modules/audit/audit.routes';
import { scopedDb, scopeStorage } from './db/scoped-db';
import { authenticate, csrfProtection } from './modules/auth/auth.middleware';
import { requestScope, requireRoutePermission } from './modules/auth/request-scope';
import { authRoutes } from './modules/auth/auth.routes';
import { userRoutes } from './modules/auth/users.routes';
import { boardRoutes } from './modules/boards/boards.routes';
import { ogcRoutes } from './modules/ogc/ogc.routes';
import { clientConfigRoutes } from './modules/client-config/client-config.routes';
import { gridRoutes } from './modules/grids/grids.routes';
import { gridExchangeRoutes } from './modules/grids/grid-export.routes';
import { healthRoutes } from './modules/health/health.routes';
import { importRoutes } from './modules/imports/imports.routes';
import { indicatorRoutes } from './modules/indicators/indicators.routes';
import { printRoutes } from './modules/print/print.routes';
import { caseRoutes } from './modules/cases/cases.routes';
import { patrolPlanRoutes } from './modules/patrols/patrol-plan.routes';
import { patrolRoutes } from './modules/patrols/patrols.routes';
import { registryRoutes } from './modules/registry/registry.routes';
import { residueRoutes } from './modules/residue/residue.routes';
import { sampleRoutes } from './modules/samples/samples.routes';
import { soilRoutes } from './modules/soil/soil.routes';
import { subjectRoutes } from './modules/subjects/subjects.routes';
import { viewRoutes } from './modules/views/views.routes';

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
  // Route code gets only the scoped database: every statement runs under the account's jurisdiction (issue 9).
  const scoped = scopedDb(db);

  const api = express.Router();
  api.use(requireJsonBody({ uploadPaths: ['/imports', '/grids/import', '/patrols/photos'] }), jsonBody());
  api.use(csrfProtection({ exempt: ['/auth/login'] }));
  // Before the guard: logging in and out, the current account, and the health probe.
  api.use(authRoutes(db, config));
  api.use(healthRoutes(db, deps.startedAt ?? Date.now()));
  api.use(requireRoutePermission(), requestScope(db));
  api.use(userRoutes(db));
  api.use(auditRoutes(scoped));
  api.use(clientConfigRoutes(scoped, config));
  api.use(gridExchangeRoutes(scoped));
  api.use(gridRoutes(scoped));
  api.use(subjectRoutes(scoped));
  api.use(sampleRoutes(scoped));
  api.use(soilRoutes(scoped));
  api.use(patrolPlanRoutes(scoped));
  api.use(patrolRoutes(scoped));
  api.use(importRoutes(scoped));
  api.use(registryRoutes(scoped));
  api.use(residueRoutes(scoped));
  api.use(analysisRoutes(scoped));
  api.use(indicatorRoutes(scoped));
  api.use(printRoutes(scoped, { maxPages: config.PRINT_MAX_PAGES }));
  api.use(caseRoutes(scoped));
  api.use(viewRoutes(scoped));
  api.use(apiDocsRoutes());
  api.use(notFoundHandler());
  app.use('/api', api);

  // Desktop GIS (QGIS, ArcGIS) reads tiles and features with HTTP Basic credentials; browsers use the session.
  const gisGuard = [requireRoutePermission({ basicRealm: true }), requestScope(db)];
  app.use(
    '/tiles',
    ...gisGuard,
    createTilesRouter({
      db: scoped,
      logger,
      cacheBytes: config.TILE_CACHE_MB * 1024 * 1024,
      timeoutMs: config.TILE_TIMEOUT_MS,
      httpError: (code, details) => new AppError(code, details),
      scopeKey: () => scopeStorage.getStore()?.key ?? 'none',
    }),
    notFoundHandler(),
  );

  app.use(
    '/ogc',
    ...gisGuard,
    ogcRoutes(scoped, config.PUBLIC_URL, { exportMaxFeatures: config.EXPORT_MAX_FEATURES }),
    notFoundHandler(),
  );
  app.use(boardRoutes(db, config.PUBLIC_URL));
  app.use(...clientApp(config.CLIENT_DIR));
  app.use(notFoundHandler());
  app.use(errorHandler(logger));
  return app;
}
