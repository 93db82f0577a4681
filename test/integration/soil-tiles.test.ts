/**
 * Golden tiles of the soil-zones layer: a fixed county at 106.00–106.08°E 11.00–11.06°N with fixed ids (910000000
 * and up), two runs, a zone with a hole and its island, and zones cut by a tile seam — decoded to text and compared
 * with test/golden/tiles/soil-zones.*.txt on both engines (BLESS=1 rewrites them); on PostgreSQL the portable path is
 * also compared with ST_AsMVT.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../../server/src/db/engine';
import { buildTile } from '../../tiles/src/index';
import { loadLayers } from '../../tiles/src/registry';
import { type TileCoord, lonLatToTile } from '../../tiles/src/tile-coord';
import { insertFixtureRun } from '../fixtures/soil/zone-fixture';
import { type TestServer, startServer } from '../support/http';
import { openTestDb, testEngine } from '../support/test-db';
import { decodeTile, formatGolden, parseGolden, tileDifferences } from './tiles-support';

const GOLDEN_DIR = path.resolve('test/golden/tiles');
const BLESS = process.env.BLESS === '1';
const COUNTY = 910000001;
const RUNS = [910000011, 910000012];
const box = (w: number, s: number, e: number, n: number) =>
  `(${w} ${s},${e} ${s},${e} ${n},${w} ${n},${w} ${s})`;
const hole = (w: number, s: number, e: number, n: number) =>
  `(${w} ${s},${w} ${n},${e} ${n},${e} ${s},${w} ${s})`;

async function remove(db: Db): Promise<void> {
  await db.query('DELETE FROM soil_zone_run WHERE id = ANY($1::bigint[])', [RUNS]);
  await db.query('DELETE FROM grid_unit WHERE id = $1', [COUNTY]);
}

const CASES: { tile: TileCoord; what: string }[] = [
  { tile: lonLatToTile(106.04, 11.03, 10), what: 'both runs over the whole county, newest first' },
  {
    tile: lonLatToTile(106.02, 11.03, 13),
    what: 'a strict-control zone inside a hole of the safe-utilisation zone',
  },
  { tile: lonLatToTile(106.07, 11.03, 14), what: 'a zone cut by the tile seam' },
];

describe(`golden soil-zones tiles on ${testEngine()}`, () => {
  let db: Db;
  let server: TestServer;

  beforeAll(async () => {
    db = await openTestDb();
    await remove(db);
    await db.query(
      `INSERT INTO grid_unit (id, code, name, level, geom) OVERRIDING SYSTEM VALUE
       VALUES ($1, '980201000000', '金土县', 'county', ST_GeomFromText($2, 4326))`,
      [COUNTY, `MULTIPOLYGON((${box(106.0, 11.0, 106.08, 11.06)}))`],
    );
    await insertFixtureRun(db, {
      gridId: COUNTY,
      runId: RUNS[0],
      zones: [
        {
          id: 910000021,
          class: 'safe_utilisation',
          wkt: `POLYGON(${box(106.0, 11.0, 106.04, 11.06)},${hole(106.015, 11.02, 106.025, 11.04)})`,
        },
        { id: 910000022, class: 'strict_control', wkt: `POLYGON(${box(106.015, 11.02, 106.025, 11.04)})` },
        { id: 910000023, class: 'priority_protection', wkt: `POLYGON(${box(106.04, 11.0, 106.08, 11.06)})` },
      ],
    });
    await insertFixtureRun(db, {
      gridId: COUNTY,
      runId: RUNS[1],
      metal: 'pb',
      zones: [{ id: 910000031, class: 'no_data', wkt: `POLYGON(${box(106.0, 11.0, 106.08, 11.06)})` }],
    });
    server = await startServer(db, { TILE_CACHE_MB: '0' });
  });

  afterAll(async () => {
    await server?.close();
    if (db) await remove(db);
    await db?.close();
  });

  for (const { tile, what } of CASES) {
    it(`serves soil-zones ${tile.z}/${tile.x}/${tile.y} as its golden file says (${what})`, async () => {
      const response = await fetch(`${server.url}/tiles/soil-zones/${tile.z}/${tile.x}/${tile.y}.mvt`);
      expect(response.status).toBe(200);
      const features = decodeTile(new Uint8Array(await response.arrayBuffer())).filter(
        (f) => f.id >= 910000000 && f.id < 910001000,
      );
      const file = path.join(GOLDEN_DIR, `soil-zones.${tile.z}-${tile.x}-${tile.y}.txt`);
      if (BLESS)
        fs.writeFileSync(file, formatGolden(`soil-zones ${tile.z}/${tile.x}/${tile.y} — ${what}`, features));
      const expected = parseGolden(fs.readFileSync(file, 'utf8'));
      expect(expected.length).toBeGreaterThan(0);
      expect(tileDifferences(expected, features)).toEqual([]);
    });
  }

  if (testEngine() === 'postgres') {
    it('builds the same soil-zones features with the portable path as with ST_AsMVT', async () => {
      const layer = loadLayers().get('soil-zones')!;
      for (const { tile } of CASES) {
        const postgis = decodeTile(await buildTile(db, layer, tile, 'postgis', 10_000));
        const portable = decodeTile(await buildTile(db, layer, tile, 'portable', 10_000));
        expect(tileDifferences(postgis, portable)).toEqual([]);
      }
    });
  }
});
