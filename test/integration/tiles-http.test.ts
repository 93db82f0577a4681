/**
 * The tile endpoints over real HTTP on the engine under test: status codes and the error shape, validators and
 * freshness after writes, TileJSON and the index, and properties exactly as the contract lists them.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ERRORS } from '../../server/contracts/errors';
import type { Db } from '../../server/src/db/engine';
import { type TileCoord, lonLatToTile } from '../../tiles/src/tile-coord';
import { type FixtureCounty, makeCounty, uniqueCode } from '../support/fixtures';
import { type TestServer, request, startServer } from '../support/http';
import { openTestDb, testEngine } from '../support/test-db';
import { decodeTile, removeCounty } from './tiles-support';

let db: Db;
let server: TestServer;
let county: FixtureCounty;

beforeAll(async () => {
  db = await openTestDb();
  county = await makeCounty(db);
  server = await startServer(db);
});

afterAll(async () => {
  await server?.close();
  if (db && county) await removeCounty(db, county);
  await db?.close();
});

const tileAt = ([lon, lat]: [number, number], z: number) => lonLatToTile(lon, lat, z);
const tilePath = (layer: string, { z, x, y }: TileCoord) => `/tiles/${layer}/${z}/${x}/${y}.mvt`;
const getTile = (layer: string, tile: TileCoord, headers: Record<string, string> = {}) =>
  fetch(`${server.url}${tilePath(layer, tile)}`, { headers });
const bytesOf = async (response: Response) => new Uint8Array(await response.arrayBuffer());

async function insertSample(point: [number, number], verdict = 'pass'): Promise<number> {
  const { rows } = await db.query<{ id: number }>(
    `INSERT INTO sample (code, kind, verdict, sampled_at, commodity, commodity_category, geom)
     VALUES ($1, 'routine', $2, now(), '芹菜', 'vegetable', ST_SetSRID(ST_MakePoint($3, $4), 4326)) RETURNING id`,
    [uniqueCode('S'), verdict, point[0], point[1]],
  );
  return rows[0]!.id;
}

describe(`tile errors on ${testEngine()}`, () => {
  it('answers 404 UNKNOWN_LAYER in the app error shape for a tile or TileJSON of a layer that does not exist', async () => {
    for (const path of ['/tiles/no-such-layer/1/0/0.mvt', '/tiles/no-such-layer.json']) {
      const response = await request<{
        error: { code: string; message: string; requestId: string; details: unknown };
      }>(server.url, path);
      expect(response.status).toBe(404);
      expect(response.body.error).toMatchObject({
        code: 'UNKNOWN_LAYER',
        message: ERRORS.UNKNOWN_LAYER.zh,
        details: { layer: 'no-such-layer' },
      });
      expect(response.body.error.requestId).toEqual(expect.any(String));
    }
  });

  it('answers 400 BAD_TILE_COORDINATES for non-integers, zooms beyond the layer, and columns or rows outside the zoom', async () => {
    for (const [z, x, y, path] of [
      ['a', '0', '0', 'params.z'],
      ['1.5', '0', '0', 'params.z'],
      ['3', '-1', '0', 'params.x'],
      ['3', '0', '1e2', 'params.y'],
      ['17', '0', '0', 'params.z'],
      ['3', '8', '0', 'params.x'],
      ['3', '0', '8', 'params.y'],
    ]) {
      const response = await request<{ error: { code: string; details: { path: string }[] } }>(
        server.url,
        `/tiles/samples/${z}/${x}/${y}.mvt`,
      );
      expect({ z, x, y, status: response.status, code: response.body.error.code }).toEqual({
        z,
        x,
        y,
        status: 400,
        code: 'BAD_TILE_COORDINATES',
      });
      expect(response.body.error.details[0]?.path).toBe(path);
    }
  });

  it('answers 204 with no body for an empty tile and for a zoom below the layer minzoom', async () => {
    const empty = await getTile('patrols', tileAt([county.bbox[0] + 0.01, county.bbox[1] + 0.01], 16));
    expect(empty.status).toBe(204);
    expect((await bytesOf(empty)).byteLength).toBe(0);
    const belowMinzoom = await getTile('subject-bases', tileAt(county.villagePoints[0]!, 9));
    expect(belowMinzoom.status).toBe(204);
  });

  it('answers 503 TILE_TIMEOUT when the tile statement is cancelled by the statement timeout', async () => {
    const slow: Db = {
      ...db,
      engine: db.engine,
      query: (text, params) => db.query(text, params),
      exec: (sql) => db.exec(sql),
      transaction: (fn, options) => db.transaction(fn, options),
      close: async () => {},
      // PostgreSQL cancels the sleep at TILE_TIMEOUT_MS (on the read-only sessions opened with that timeout);
      // PGlite has no timer, so it reports the same error code.
      read: (text, params, options) =>
        db.engine === 'postgres'
          ? db.read('SELECT pg_sleep(2)', [], options).then(() => db.read(text, params, options))
          : Promise.reject(
              Object.assign(new Error('canceling statement due to statement timeout'), { code: '57014' }),
            ),
    };
    const slowServer = await startServer(slow, { TILE_TIMEOUT_MS: '100', TILE_CACHE_MB: '0' });
    try {
      const response = await request<{ error: { code: string } }>(
        slowServer.url,
        tilePath('grids-village', tileAt(county.villagePoints[0]!, 12)),
      );
      expect(response.status).toBe(503);
      expect(response.body.error.code).toBe('TILE_TIMEOUT');
    } finally {
      await slowServer.close();
    }
  });
});

describe(`tile validators and freshness on ${testEngine()}`, () => {
  it('serves a tile as application/vnd.mapbox-vector-tile with an ETag and Cache-Control private, no-cache', async () => {
    const response = await getTile('grids-village', tileAt(county.villagePoints[0]!, 12));
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('application/vnd.mapbox-vector-tile');
    expect(response.headers.get('cache-control')).toBe('private, no-cache');
    expect(response.headers.get('etag')).toMatch(/^"[0-9a-f]{12}-[0-9a-f]{16}"$/);
    expect(decodeTile(await bytesOf(response)).map((f) => f.id)).toContain(county.villageIds[0]);
  });

  it('answers 304 without building the tile when If-None-Match carries the current ETag', async () => {
    let reads = 0;
    const counting: Db = {
      ...db,
      engine: db.engine,
      query: (text, params) => db.query(text, params),
      exec: (sql) => db.exec(sql),
      transaction: (fn, options) => db.transaction(fn, options),
      close: async () => {},
      read: (text, params, options) => (reads++, db.read(text, params, options)),
    };
    const countingServer = await startServer(counting, { TILE_CACHE_MB: '0' });
    try {
      const path = `${countingServer.url}${tilePath('grids-village', tileAt(county.villagePoints[1]!, 13))}`;
      // A concurrent write by another test file may change the ETag between the two requests (then the tile must
      // be rebuilt); retry until both requests saw the same data, and check that the second built nothing.
      let checked = false;
      for (let attempt = 0; attempt < 10 && !checked; attempt++) {
        reads = 0;
        const etag = (await fetch(path)).headers.get('etag')!;
        expect(reads).toBe(1);
        const again = await fetch(path, { headers: { 'If-None-Match': `W/${etag}, "other"` } });
        if (again.headers.get('etag') !== etag) continue;
        expect(again.status).toBe(304);
        expect((await bytesOf(again)).byteLength).toBe(0);
        expect(reads).toBe(1);
        checked = true;
      }
      expect(checked).toBe(true);
    } finally {
      await countingServer.close();
    }
  });

  it('changes the ETag and the content of a tile as soon as a row under it is written', async () => {
    const tile = tileAt(county.villagePoints[2]!, 14);
    const before = await getTile('samples', tile);
    const etag = before.headers.get('etag')!;
    const id = await insertSample(county.villagePoints[2]!, 'pass');
    const after = await getTile('samples', tile, { 'If-None-Match': etag });
    expect(after.status).toBe(200);
    expect(after.headers.get('etag')).not.toBe(etag);
    expect(decodeTile(await bytesOf(after)).find((f) => f.id === id)?.properties.verdict).toBe('pass');
    await db.query(`UPDATE sample SET verdict = 'fail' WHERE id = $1`, [id]);
    const updated = await getTile('samples', tile, { 'If-None-Match': after.headers.get('etag')! });
    expect(updated.status).toBe(200);
    expect(decodeTile(await bytesOf(updated)).find((f) => f.id === id)?.properties.verdict).toBe('fail');
  });

  it('serves a repeated tile from the cache and rebuilds it after a write to a source table', async () => {
    const tile = tileAt(county.villagePoints[3]!, 12);
    // Other test files write to the shared database at any moment, which rightly changes the ETag between two
    // requests; what must hold is that a second request under the SAME ETag is served from the cache.
    let pair: [Response, Response] | null = null;
    for (let attempt = 0; attempt < 10 && pair === null; attempt++) {
      const first = await getTile('grids-village', tile);
      const second = await getTile('grids-village', tile);
      if (first.headers.get('etag') === second.headers.get('etag')) pair = [first, second];
    }
    expect(pair?.[1].headers.get('x-tile-cache')).toBe('hit');
    await db.query('DELETE FROM grid_person WHERE grid_id = $1', [county.villageIds[3]]);
    const rebuilt = await getTile('grids-village', tile);
    expect(rebuilt.headers.get('x-tile-cache')).toBe('miss');
    expect(
      decodeTile(await bytesOf(rebuilt)).find((f) => f.id === county.villageIds[3])?.properties.staffed,
    ).toBe(false);
  });
});
