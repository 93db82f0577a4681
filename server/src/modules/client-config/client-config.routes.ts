/**
 * GET /api/config: what the map client needs before it can draw: the county to frame and the basemap to use.
 * Without a configured basemap the client draws the app's own data on a plain background (works offline).
 */
import { Router } from 'express';
import type { ClientConfig } from '../../../contracts/api';
import type { Config } from '../../config';
import type { Db } from '../../db/engine';

const TIANDITU_HOSTS = [0, 1, 2, 3, 4, 5, 6, 7].map((n) => `https://t${n}.tianditu.gov.cn`);

function tiandituUrls(layer: 'vec' | 'cva', key: string): string[] {
  const query =
    `SERVICE=WMTS&REQUEST=GetTile&VERSION=1.0.0&LAYER=${layer}&STYLE=default&TILEMATRIXSET=w&FORMAT=tiles` +
    `&TILEMATRIX={z}&TILEROW={y}&TILECOL={x}&tk=${encodeURIComponent(key)}`;
  return TIANDITU_HOSTS.map((host) => `${host}/${layer}_w/wmts?${query}`);
}

export function basemapFor(
  config: Pick<Config, 'BASEMAP_URL' | 'BASEMAP_ATTRIBUTION' | 'TIANDITU_KEY'>,
): ClientConfig['basemap'] {
  if (config.BASEMAP_URL) {
    return {
      kind: 'xyz',
      tiles: [config.BASEMAP_URL],
      attribution: config.BASEMAP_ATTRIBUTION ?? '',
      maxzoom: 18,
    };
  }
  if (config.TIANDITU_KEY) {
    return {
      kind: 'tianditu',
      tiles: tiandituUrls('vec', config.TIANDITU_KEY),
      labelTiles: tiandituUrls('cva', config.TIANDITU_KEY),
      attribution: '© 天地图 Tianditu',
      maxzoom: 18,
    };
  }
  return { kind: 'none' };
}

export function clientConfigRoutes(db: Db, config: Config): Router {
  const router = Router();
  router.get('/config', async (_req, res) => {
    const { rows } = await db.query<{
      id: number;
      code: string;
      name: string;
      w: number;
      s: number;
      e: number;
      n: number;
    }>(
      `SELECT id, code, name, ST_XMin(geom) AS w, ST_YMin(geom) AS s, ST_XMax(geom) AS e, ST_YMax(geom) AS n
       FROM grid_unit WHERE level = 'county' ORDER BY id LIMIT 1`,
    );
    const county = rows[0];
    const body: ClientConfig = {
      county: county
        ? {
            id: county.id,
            code: county.code,
            name: county.name,
            bbox: [county.w, county.s, county.e, county.n],
          }
        : null,
      basemap: basemapFor(config),
    };
    res.json(body);
  });
  return router;
}
