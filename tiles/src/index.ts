/**
 * The vector-tile router, mounted by the server at /tiles:
 *   GET /index.json                 every layer with the absolute URL of its TileJSON
 *   GET /{layer}.json               TileJSON 3.0.0
 *   GET /{layer}/{z}/{x}/{y}.mvt    the tile: 200, 204 (empty), 304 (If-None-Match), 400, 404, 503
 * It knows nothing of the server beyond TilesDeps; docs/life-of-a-tile-request.md follows one request through it.
 */
import { type Request, type Response, Router } from 'express';
import type { Logger } from 'pino';
import type { ErrorCode } from '../../server/contracts/errors';
import { isLayerId } from '../../server/contracts/layers';
import { STAMPS_SQL, StampReader, TileCache, etagMatches, layerEtag } from './cache';
import { type TileRow, encodeTile } from './encoder';
import { BOUNDS_PARAMS, type MvtPath, isThinned, tileParams } from './mvt-sql';
import { type TileLayer, loadLayers } from './registry';
import { type TileCoord, parseTileCoord } from './tile-coord';
import { type Bounds, baseUrl, dataBounds, tileIndex, tileJson } from './tilejson';

export type { MvtPath } from './mvt-sql';

export interface TileQueryable {
  query<R = Record<string, unknown>>(
    text: string,
    params?: readonly unknown[],
  ): Promise<{ rows: R[]; rowCount: number }>;
}

/** The part of the server's database the tiles use (server/src/db/engine.ts Db satisfies it). */
export interface TileDb extends TileQueryable {
  readonly engine: 'pglite' | 'postgres';
  /** One read-only statement with a time limit in a single round trip (PostgreSQL enforces both). */
  read<R = Record<string, unknown>>(
    text: string,
    params: readonly unknown[],
    options?: { statementTimeoutMs?: number },
  ): Promise<{ rows: R[]; rowCount: number }>;
}

export interface TilesDeps {
  db: TileDb;
  logger: Logger;
  /** Bytes of encoded tiles kept in memory; 0 disables the cache. */
  cacheBytes: number;
  /** A tile statement running longer is cancelled (PostgreSQL only) and answered 503 TILE_TIMEOUT. */
  timeoutMs: number;
  /** Makes the error the server's error handler turns into `{ error: { code, message, details, requestId } }`. */
  httpError: (code: ErrorCode, details?: unknown) => Error;
  /** Who encodes: PostgreSQL's ST_AsMVT, 'postgis', or Node, 'portable'. Default: postgis on PostgreSQL, portable on PGlite. */
  mvtPath?: MvtPath;
  /**
   * What the current request may see (its jurisdiction), when the database limits rows per account: it becomes
   * part of every cache key and ETag, so one account is never served a tile built for another.
   */
  scopeKey?: () => string;
}

export const TILE_CONTENT_TYPE = 'application/vnd.mapbox-vector-tile';
// Clients may keep tiles but must ask every time: inspectors' writes change them at any moment. Tiles differ by
// account (jurisdiction), so shared caches must not keep them.
const CACHE_CONTROL = 'private, no-cache';
const QUERY_TIMEOUT = '57014';
const SLOW_TILE_MS = 1000;

function isQueryCanceled(error: unknown): boolean {
  return typeof error === 'object' && error !== null && (error as { code?: unknown }).code === QUERY_TIMEOUT;
}

/** Builds one tile's bytes (empty when the tile has no feature) on the chosen path. */
export async function buildTile(
  db: TileDb,
  layer: TileLayer,
  coord: TileCoord,
  path: MvtPath,
  timeoutMs: number,
): Promise<Uint8Array> {
  const variant = isThinned(layer, coord.z) ? 'thinned' : 'plain';
  const params = tileParams(layer, coord);
  const fields = Object.keys(layer.contract.fields);
  const options = { statementTimeoutMs: timeoutMs };
  if (path === 'postgis') {
    const sql = layer.sql.postgis[variant];
    const { rows } = await db.read<{ tile: Uint8Array | null }>(sql, [...params, layer.id], options);
    return rows[0]?.tile ?? new Uint8Array(0);
  }
  const { rows } = await db.read<TileRow>(layer.sql.portable[variant], params, options);
  return encodeTile(layer.id, rows, fields);
}

/** The tile service behind the router: layers, validators, cache and building, for one database. */
class TileService {
  readonly layers = loadLayers();
  private readonly path: MvtPath;
  private readonly cache: TileCache;
  private readonly stamps: StampReader;
  private readonly boundsByLayer = new Map<string, { etag: string; bounds: Bounds }>();

  constructor(private readonly deps: TilesDeps) {
    this.path = deps.mvtPath ?? (deps.db.engine === 'postgres' ? 'postgis' : 'portable');
    this.cache = new TileCache(deps.cacheBytes);
    this.stamps = new StampReader(async () => {
      const { rows } = await deps.db.query<{ source: string; stamp: string }>(STAMPS_SQL);
      return new Map(rows.map((row) => [row.source, row.stamp]));
    });
  }

  layerOf(id: string): TileLayer {
    const layer = isLayerId(id) ? this.layers.get(id) : undefined;
    if (layer === undefined) throw this.deps.httpError('UNKNOWN_LAYER', { layer: id });
    return layer;
  }

  scope(): string {
    return this.deps.scopeKey?.() ?? '';
  }

  async etagOf(layer: TileLayer): Promise<string> {
    return layerEtag(layer.hash, layer.sources, await this.stamps.current(), this.scope());
  }

  /** The data's extent, computed again only when the layer's ETag has changed. */
  async boundsOf(layer: TileLayer): Promise<Bounds> {
    const etag = await this.etagOf(layer);
    const boundsKey = `${layer.id}|${this.scope()}`;
    const known = this.boundsByLayer.get(boundsKey);
    if (known?.etag === etag) return known.bounds;
    const { rows } = await this.deps.db.read<Record<string, number | null>>(layer.boundsSql, BOUNDS_PARAMS, {
      statementTimeoutMs: this.deps.timeoutMs,
    });
    const row = rows[0];
    const bounds = dataBounds(
      row && [row.west ?? null, row.south ?? null, row.east ?? null, row.north ?? null],
    );
    this.boundsByLayer.set(boundsKey, { etag, bounds });
    return bounds;
  }

  /** Builds a tile, logging slow ones (a layer's limits or thinning may need tuning) and timeouts. */
  async build(layer: TileLayer, coord: TileCoord): Promise<Uint8Array> {
    const { db, timeoutMs, logger, httpError } = this.deps;
    const started = performance.now();
    try {
      const tile = await buildTile(db, layer, coord, this.path, timeoutMs);
      const ms = Math.round(performance.now() - started);
      if (ms >= SLOW_TILE_MS)
        logger.warn({ layer: layer.id, ...coord, ms, bytes: tile.byteLength }, 'slow tile');
      return tile;
    } catch (error) {
      if (!isQueryCanceled(error)) throw error;
      logger.warn({ layer: layer.id, ...coord, timeoutMs }, 'tile statement cancelled by the timeout');
      throw httpError('TILE_TIMEOUT', { timeoutMs });
    }
  }

  parse(layer: TileLayer, z: string, x: string, y: string): TileCoord {
    const coord = parseTileCoord(z, x, y, layer.contract.maxzoom);
    if (coord.ok) return coord.value;
    const detail = { path: `params.${coord.path}`, message: coord.message, code: coord.reason };
    throw this.deps.httpError('BAD_TILE_COORDINATES', [detail]);
  }

  async serveTile(req: Request, res: Response, yText: string): Promise<void> {
    const layer = this.layerOf(String(req.params.layer));
    const coord = this.parse(layer, String(req.params.z), String(req.params.x), yText);
    res.setHeader('Cache-Control', CACHE_CONTROL);
    // Below the layer's minzoom there is nothing to draw, whatever the data.
    if (coord.z < layer.contract.minzoom) return void res.status(204).end();
    const etag = await this.etagOf(layer);
    res.setHeader('ETag', etag);
    if (etagMatches(req.get('if-none-match'), etag)) return void res.status(304).end();
    const key = TileCache.key(layer.id, etag, coord.z, coord.x, coord.y);
    const { tile, hit } = await this.cache.getOrBuild(key, () => this.build(layer, coord));
    res.setHeader('X-Tile-Cache', hit ? 'hit' : 'miss');
    if (tile.byteLength === 0) return void res.status(204).end();
    res.type(TILE_CONTENT_TYPE).send(Buffer.from(tile.buffer, tile.byteOffset, tile.byteLength));
  }
}

const requestBase = (req: Request) => baseUrl(req.protocol, req.get('host'), req.baseUrl);

export function createTilesRouter(deps: TilesDeps): Router {
  const tiles = new TileService(deps);
  const router = Router();
  router.get('/index.json', (req, res) => {
    res.setHeader('Cache-Control', CACHE_CONTROL);
    res.json(tileIndex(tiles.layers.values(), requestBase(req)));
  });
  router.get('/:file', async (req, res, next) => {
    const match = /^(.+)\.json$/.exec(String(req.params.file));
    if (!match) return next();
    const layer = tiles.layerOf(match[1] as string);
    const bounds = await tiles.boundsOf(layer);
    res.setHeader('Cache-Control', CACHE_CONTROL);
    res.json(tileJson(layer, requestBase(req), bounds));
  });
  router.get('/:layer/:z/:x/:file', async (req, res, next) => {
    const match = /^(.*)\.mvt$/.exec(String(req.params.file));
    if (!match) return next();
    await tiles.serveTile(req, res, match[1] as string);
  });
  return router;
}
