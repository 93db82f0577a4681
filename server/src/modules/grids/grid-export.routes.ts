/**
 * Grids in and out (issue 3): the roster workbook (GET/PUT /api/grids/:id/roster.xlsx), the grids as GeoJSON and
 * zipped Shapefile (GET /api/grids/export.geojson|zip), and the import of grids from a file (POST /api/grids/import).
 * Mounted before the other grid routes: /grids/export.* must not be taken for /grids/:id.
 */
import { Router } from 'express';
import { IdParam } from '../../../contracts/api';
import { GridExportQuery, RosterUpload } from '../../../contracts/grid-exchange';
import type { Db } from '../../db/engine';
import { AppError } from '../../http/app-error';
import { validate } from '../../http/validate';
import { authorOf } from '../auth/auth.middleware';
import { sendXlsx } from '../exports/excel';
import { exportedGrids, exportName, gridsShapefileZip } from './grid-export';
import { gridImportRoutes } from './grid-import.routes';
import { importRosterWorkbook, rosterWorkbook } from './roster-excel';

/** Today in China (UTC+8). */
const today = () => new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10);

function attachment(filename: string): string {
  const ascii = filename.replace(/[^\x20-\x7e]/g, '_').replace(/"/g, '');
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(filename)}`;
}

export function gridExchangeRoutes(db: Db): Router {
  const router = Router();
  const read = <T>(fn: Parameters<typeof db.transaction<T>>[0]) => db.transaction(fn, { readOnly: true });

  /** GET /api/grids/:id/roster.xlsx — the roster of a grid and its children, laid out like the plan's table. */
  router.get('/grids/:id/roster.xlsx', async (req, res) => {
    const { id } = validate.params(req, IdParam);
    const book = await read((tx) => rosterWorkbook(tx, id, today()));
    sendXlsx(res, book.file, book.bytes);
  });

  /** PUT /api/grids/:id/roster.xlsx — replaces the roster of every grid the workbook lists; all or nothing. */
  router.put('/grids/:id/roster.xlsx', async (req, res) => {
    const { id } = validate.params(req, IdParam);
    const body = validate.body(req, RosterUpload);
    const bytes = Buffer.from(body.file, 'base64');
    if (!bytes.length)
      throw new AppError('VALIDATION_FAILED', [{ path: 'body.file', message: 'empty file' }], {
        zh: '文件为空',
        en: 'The file is empty',
      });
    res.json(await importRosterWorkbook(db, id, bytes, authorOf(req), body.dryRun));
  });

  /** GET /api/grids/export.geojson?level=&parentId= */
  router.get('/grids/export.geojson', async (req, res) => {
    const query = validate.query(req, GridExportQuery);
    const { name, features } = await read(async (tx) => ({
      name: await exportName(tx, query),
      features: await exportedGrids(tx, query),
    }));
    res
      .type('application/geo+json')
      .setHeader('Content-Disposition', attachment(`${name}.geojson`))
      .send(JSON.stringify({ type: 'FeatureCollection', features }));
  });

  /** GET /api/grids/export.zip?level=&parentId= — zipped Shapefile. */
  router.get('/grids/export.zip', async (req, res) => {
    const query = validate.query(req, GridExportQuery);
    const { name, features } = await read(async (tx) => ({
      name: await exportName(tx, query),
      features: await exportedGrids(tx, query),
    }));
    res
      .type('application/zip')
      .setHeader('Content-Disposition', attachment(`${name}.zip`))
      .send(gridsShapefileZip(name, features));
  });

  router.use(gridImportRoutes(db));
  return router;
}
