/**
 * POST /api/grids/import?parentId=&datum=&nameField=&codeField=&mode=&dryRun= (multipart, field "file") — grids
 * from GeoJSON, a zipped Shapefile or KML into a parent: a preview by default (dryRun=true: checked and done, then
 * rolled back), committed with dryRun=false. Both answer the row-by-row report; a commit with problems is 422.
 */
import { Router } from 'express';
import { GridImportQuery } from '../../../contracts/grid-exchange';
import type { Db } from '../../db/engine';
import { validate } from '../../http/validate';
import { authorOf } from '../auth/auth.middleware';
import { receiveFile } from '../imports/upload';
import { GRID_FILE_LIMIT } from './grid-import';
import { importGrids } from './grid-import.service';

export function gridImportRoutes(db: Db): Router {
  const router = Router();
  router.post('/grids/import', async (req, res) => {
    const query = validate.query(req, GridImportQuery);
    const file = await receiveFile(req, GRID_FILE_LIMIT);
    res.json(await importGrids(db, file.bytes, file.filename, query, authorOf(req)));
  });
  return router;
}
