/**
 * Tiles against server/contracts/layers.ts on the engine under test: the index, each TileJSON, and features whose
 * properties are exactly the contract's fields with the contract's types.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  LAYER_IDS,
  LAYERS,
  type LayerContract,
  type TileIndex,
  type TileJson,
} from '../../server/contracts/layers';
import type { Db } from '../../server/src/db/engine';
import { lonLatToTile, tileBounds } from '../../tiles/src/tile-coord';
import { type FixtureCounty, makeCounty, uniqueCode } from '../support/fixtures';
import { type TestServer, request, startServer } from '../support/http';
import { openTestDb, testEngine } from '../support/test-db';
import { insertFixtureRun } from '../fixtures/soil/zone-fixture';
import { decodeTile, removeCounty } from './tiles-support';

let db: Db;
let server: TestServer;
let county: FixtureCounty;

/** The z14 tile the test reads: the one around village 1's point. */
const tileOfVillage1 = () => lonLatToTile(...county.villagePoints[0]!, 14);

/** A row of every kind near the middle of that tile, with every nullable tile field filled in. */
async function fillCounty(): Promise<void> {
  const [west, south, east, north] = tileBounds(tileOfVillage1());
  const [lon, lat] = [(west + east) / 2, (south + north) / 2];
  const { rows } = await db.query<{ id: number }>(
    `INSERT INTO production_subject (code, name, type, credit_class, key_list, geom, base_geom)
     VALUES ($1, '齐全合作社', 'cooperative', 'B', true, ST_SetSRID(ST_MakePoint($2, $3), 4326),
       ST_Multi(ST_Buffer(ST_SetSRID(ST_MakePoint($2, $3), 4326), 0.002, 4))) RETURNING id`,
    [uniqueCode('C'), lon, lat],
  );
  const subjectId = rows[0]!.id;
  await db.query(
    `INSERT INTO sample (code, kind, verdict, sampled_at, commodity, commodity_category, subject_id, geom)
     VALUES ($1, 'rapid', 'suspected', '2024-03-01T00:00:00Z', '韭菜', 'vegetable', $2, ST_SetSRID(ST_MakePoint($3, $4), 4326))`,
    [uniqueCode('S'), subjectId, lon + 0.001, lat],
  );
  await db.query(
    `INSERT INTO soil_sample (code, sampled_on, land_use, ph, cd_mgkg, hg_mgkg, as_mgkg, pb_mgkg, cr_mgkg, cu_mgkg, ni_mgkg, zn_mgkg, geom)
     VALUES ($1, '2024-03-02', 'orchard', 6.5, 0.2, 0.1, 10, 30, 90, 40, 35, 100, ST_SetSRID(ST_MakePoint($2, $3), 4326))`,
    [uniqueCode('T'), lon - 0.001, lat],
  );
  await db.query(
    `INSERT INTO patrol (subject_id, inspector_name, patrolled_at, outcome, geom)
     VALUES ($1, '巡查员', '2024-03-03T00:00:00Z', 'compliant', ST_MakeLine(ST_SetSRID(ST_MakePoint($2, $3), 4326), ST_SetSRID(ST_MakePoint($2 + 0.002, $3 + 0.001), 4326)))`,
    [subjectId, lon, lat],
  );
  const [w, s, e, n] = [lon - 0.002, lat - 0.002, lon + 0.002, lat + 0.002];
  await insertFixtureRun(db, {
    gridId: county.countyId,
    zones: [{ class: 'strict_control', wkt: `POLYGON((${w} ${s},${e} ${s},${e} ${n},${w} ${n},${w} ${s}))` }],
  });
}

beforeAll(async () => {
  db = await openTestDb();
  county = await makeCounty(db);
  await fillCounty();
  server = await startServer(db);
});

afterAll(async () => {
  await server?.close();
  if (db && county) await removeCounty(db, county);
  await db?.close();
});

describe(`tile contract on ${testEngine()}`, () => {
  it('lists every contract layer in index.json with the absolute URL of its TileJSON', async () => {
    const { status, body } = await request<TileIndex>(server.url, '/tiles/index.json');
    expect(status).toBe(200);
    expect(body.layers.map((l) => l.id)).toEqual(LAYER_IDS);
    for (const layer of body.layers) {
      expect(layer).toEqual({
        id: layer.id,
        description: LAYERS[layer.id].description,
        geometry: LAYERS[layer.id].geometry,
        tilejson: `${server.url}/tiles/${layer.id}.json`,
      });
      expect((await fetch(layer.tilejson)).status).toBe(200);
    }
  });

  it('describes each layer in TileJSON 3.0.0 with absolute tile URLs, the contract zooms and fields, and bounds around the data', async () => {
    for (const id of LAYER_IDS) {
      const { status, body } = await request<TileJson>(server.url, `/tiles/${id}.json`);
      const contract = LAYERS[id];
      const fields = Object.fromEntries(
        Object.entries(contract.fields).map(([name, field]) => [name, field.description]),
      );
      expect(status).toBe(200);
      expect(body).toMatchObject({
        tilejson: '3.0.0',
        name: id,
        tiles: [`${server.url}/tiles/${id}/{z}/{x}/{y}.mvt`],
        minzoom: contract.minzoom,
        maxzoom: contract.maxzoom,
      });
      expect(body.vector_layers).toEqual([
        {
          id,
          description: contract.description,
          minzoom: contract.minzoom,
          maxzoom: contract.maxzoom,
          fields,
        },
      ]);
      // The layer has features in the test's tile, so its bounds must reach that tile (they also hold the demo).
      const [west, south, east, north] = body.bounds;
      const [tw, ts, te, tn] = tileBounds(tileOfVillage1());
      expect({ id, overlaps: west <= te && tw <= east && south <= tn && ts <= north }).toEqual({
        id,
        overlaps: true,
      });
    }
  });

  it('gives every feature exactly the contract fields that are not null, with the contract types', async () => {
    const kinds = { point: 'point', line: 'line', polygon: 'polygon' } as const;
    for (const id of LAYER_IDS) {
      const tile = tileOfVillage1();
      const response = await fetch(`${server.url}/tiles/${id}/${tile.z}/${tile.x}/${tile.y}.mvt`);
      const features = decodeTile(new Uint8Array(await response.arrayBuffer())).filter((f) => f.layer === id);
      expect({ id, count: features.length > 0 }).toEqual({ id, count: true });
      const contract: LayerContract = LAYERS[id];
      for (const feature of features) {
        // Only a county has no parent: every other field of these rows is filled in.
        const expected = Object.keys(contract.fields).filter(
          (name) => !(name === 'parent_id' && feature.properties.level === 'county'),
        );
        expect({ id, keys: Object.keys(feature.properties).sort() }).toEqual({ id, keys: expected.sort() });
        for (const [name, value] of Object.entries(feature.properties)) {
          expect({ id, name, type: typeof value }).toEqual({ id, name, type: contract.fields[name]?.type });
        }
        expect(feature.kind).toBe(kinds[contract.geometry]);
      }
    }
  });
});
