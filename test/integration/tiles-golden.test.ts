/**
 * Golden tiles: a fixed county (tiles-fixture.ts) served over HTTP and decoded to text, compared with one golden
 * file per case under test/golden/tiles/ — the same file on both engines, geometry within a tolerance.
 * BLESS=1 rewrites the files from the engine under test (npm run bless). On PostgreSQL the portable path is also
 * compared with ST_AsMVT for every case.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../../server/src/db/engine';
import { type LayerId, LAYERS } from '../../server/contracts/layers';
import { buildTile } from '../../tiles/src/index';
import { loadLayers } from '../../tiles/src/registry';
import { type TileCoord, lonLatToTile } from '../../tiles/src/tile-coord';
import { type TestServer, startServer } from '../support/http';
import { openTestDb, testEngine } from '../support/test-db';
import { IDS, SEAM_LON, TRIO_POINTS, makeGoldenCounty, removeGoldenCounty } from './tiles-fixture';
import { decodeTile, formatGolden, parseGolden, tileDifferences } from './tiles-support';

const GOLDEN_DIR = path.resolve('test/golden/tiles');
const BLESS = process.env.BLESS === '1';

const west12 = lonLatToTile(SEAM_LON - 0.01, 10.02, 12);
const east12 = lonLatToTile(SEAM_LON + 0.01, 10.02, 12);
const county10 = lonLatToTile(105.03, 10.02, 10);
const trio14 = lonLatToTile(...TRIO_POINTS.fail, 14);
const base13 = lonLatToTile(105.05, 10.035, 13);
const base14 = lonLatToTile(105.05, 10.035, 14);

const CASES: { layer: LayerId; tile: TileCoord; what: string }[] = [
  { layer: 'grids-county', tile: county10, what: 'the whole county in one tile' },
  {
    layer: 'grids-township',
    tile: west12,
    what: 'a township cut by the tile seam, the neighbour in the buffer',
  },
  { layer: 'grids-village', tile: west12, what: 'a village with a hole and the village in the hole' },
  { layer: 'grids-village', tile: east12, what: 'villages clipped to the buffered tile' },
  { layer: 'grid-labels', tile: county10, what: 'labels thinned below z12, higher levels first' },
  { layer: 'grid-labels', tile: west12, what: 'every label at z12' },
  {
    layer: 'subjects',
    tile: west12,
    what: 'a subject on the east seam of the tile; retired subjects absent',
  },
  { layer: 'subjects', tile: east12, what: 'the same subject on the west seam of the next tile' },
  { layer: 'subject-bases', tile: base13, what: 'a base with a hole' },
  {
    layer: 'subject-bases',
    tile: base14,
    what: 'the base cut by two tile seams, its hole opened by the cut',
  },
  { layer: 'samples', tile: county10, what: 'thinned samples: the failure of a crowded cell survives' },
  { layer: 'samples', tile: trio14, what: 'every sample at z14, dates in China Standard Time' },
  { layer: 'soil-samples', tile: west12, what: 'rounded values; metals not measured are absent' },
  { layer: 'patrols', tile: west12, what: 'a track leaving the tile through its buffer' },
  { layer: 'patrols', tile: east12, what: 'the same track entering the next tile' },
];

const fileOf = (layer: string, { z, x, y }: TileCoord) =>
  path.join(GOLDEN_DIR, `${layer}.${z}-${x}-${y}.txt`);

describe(`golden tiles on ${testEngine()}`, () => {
  let db: Db;
  let server: TestServer;

  beforeAll(async () => {
    db = await openTestDb();
    await makeGoldenCounty(db);
    server = await startServer(db, { TILE_CACHE_MB: '0' });
  });

  afterAll(async () => {
    await server?.close();
    if (db) await removeGoldenCounty(db);
    await db?.close();
  });

  const fetchTile = async (layer: string, { z, x, y }: TileCoord) => {
    const response = await fetch(`${server.url}/tiles/${layer}/${z}/${x}/${y}.mvt`);
    expect([200, 204]).toContain(response.status);
    return new Uint8Array(await response.arrayBuffer());
  };

  for (const { layer, tile, what } of CASES) {
    it(`serves ${layer} ${tile.z}/${tile.x}/${tile.y} as its golden file says (${what})`, async () => {
      const features = decodeTile(await fetchTile(layer, tile));
      const file = fileOf(layer, tile);
      if (BLESS) {
        fs.mkdirSync(GOLDEN_DIR, { recursive: true });
        fs.writeFileSync(file, formatGolden(`${layer} ${tile.z}/${tile.x}/${tile.y} — ${what}`, features));
      }
      const expected = parseGolden(fs.readFileSync(file, 'utf8'));
      expect(expected.length).toBeGreaterThan(0);
      expect(tileDifferences(expected, features)).toEqual([]);
    });
  }

  it('puts a point on a tile seam in both tiles, at x = 4096 in the west one and x = 0 in the east one', async () => {
    const inWest = decodeTile(await fetchTile('subjects', west12)).find((f) => f.id === IDS.edgeSubject);
    const inEast = decodeTile(await fetchTile('subjects', east12)).find((f) => f.id === IDS.edgeSubject);
    expect(inWest?.parts[0]?.[0]?.[0]).toBe(4096);
    expect(inEast?.parts[0]?.[0]?.[0]).toBe(0);
    expect(inWest?.parts[0]?.[0]?.[1]).toBe(inEast?.parts[0]?.[0]?.[1]);
    expect(inWest?.properties).toEqual(inEast?.properties);
  });

  it('keeps the failed sample of a crowded cell below z12 and all three samples at z14', async () => {
    const ids = (features: { id: number }[]) =>
      features.map((f) => f.id).filter((id) => Object.values(IDS.trio).includes(id as never));
    expect(ids(decodeTile(await fetchTile('samples', county10)))).toEqual([IDS.trio.fail]);
    expect(ids(decodeTile(await fetchTile('samples', trio14))).sort()).toEqual(
      Object.values(IDS.trio).sort(),
    );
  });

  it('answers 204 with no body for a layer with nothing in the tile', async () => {
    const far = lonLatToTile(105.06, 10.045, 14);
    const response = await fetch(`${server.url}/tiles/soil-samples/${far.z}/${far.x}/${far.y}.mvt`);
    expect(response.status).toBe(204);
    expect((await response.arrayBuffer()).byteLength).toBe(0);
  });

  if (testEngine() === 'postgres') {
    it('builds the same features with the portable path as with ST_AsMVT for every golden case', async () => {
      const layers = loadLayers();
      for (const { layer, tile } of CASES) {
        const definition = layers.get(layer)!;
        const postgis = decodeTile(await buildTile(db, definition, tile, 'postgis', 10_000));
        const portable = decodeTile(await buildTile(db, definition, tile, 'portable', 10_000));
        expect({ layer, tile, problems: tileDifferences(postgis, portable) }).toEqual({
          layer,
          tile,
          problems: [],
        });
        expect(Object.keys(LAYERS[layer].fields)).toEqual(
          expect.arrayContaining(portable.flatMap((f) => Object.keys(f.properties))),
        );
      }
    });
  }
});
