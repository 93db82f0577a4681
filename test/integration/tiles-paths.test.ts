/**
 * The portable path (PGlite's) on random shapes: stars with and without holes, random-walk tracks and scattered
 * points, cut into tiles at several zooms. On both engines its tiles must be valid MVT (coordinates inside the
 * buffered extent, exterior rings positive, holes negative and after their exterior, no degenerate parts); on
 * PostgreSQL they must also match ST_AsMVT's within the golden tolerance.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LayerId } from '../../server/contracts/layers';
import type { Db } from '../../server/src/db/engine';
import { buildTile } from '../../tiles/src/index';
import { type TileLayer, loadLayers } from '../../tiles/src/registry';
import { type TileCoord, lonLatToTile } from '../../tiles/src/tile-coord';
import { type FixtureCounty, makeCounty, uniqueCode } from '../support/fixtures';
import { openTestDb, testEngine } from '../support/test-db';
import { type DecodedFeature, decodeTile, ringArea, tileDifferences, removeCounty } from './tiles-support';

let db: Db;
let county: FixtureCounty;
const layers = loadLayers();
const centres: [number, number][] = [];

/** A small deterministic generator (mulberry32), so a failure can be reproduced. */
function random(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A star-shaped (hence simple) ring around a centre, counter-clockwise, closed. */
function star(rand: () => number, [cx, cy]: [number, number], radius: number, points: number): string[] {
  const ring = Array.from({ length: points }, (_, i) => {
    const angle = (2 * Math.PI * i) / points;
    const r = radius * (0.5 + rand() / 2);
    return `${(cx + r * Math.cos(angle)).toFixed(7)} ${(cy + r * Math.sin(angle)).toFixed(7)}`;
  });
  return [...ring, ring[0]!];
}

async function insertShapes(rand: () => number): Promise<void> {
  const [w, s, e, n] = county.bbox;
  const inside = (margin: number): [number, number] => [
    w + margin + rand() * (e - w - 2 * margin),
    s + margin + rand() * (n - s - 2 * margin),
  ];
  for (let i = 0; i < 12; i++) {
    const centre = inside(0.06);
    const radius = 0.0005 + rand() ** 2 * 0.05;
    // Every third base has a hole: a smaller star (at most 0.2 r, the outer ring is at least 0.5 r), clockwise.
    const rings = [star(rand, centre, radius, 5 + Math.floor(rand() * 40))];
    if (i % 3 === 0) rings.push(star(rand, centre, radius * 0.4, 7).reverse());
    const base = `SRID=4326;MULTIPOLYGON((${rings.map((ring) => `(${ring.join(',')})`).join(',')}))`;
    const { rows } = await db.query<{ id: number }>(
      `INSERT INTO production_subject (code, name, type, geom, base_geom)
       VALUES ($1, '随机基地', 'large_grower', ST_SetSRID(ST_MakePoint($2, $3), 4326), ST_MakeValid(ST_GeomFromEWKT($4))) RETURNING id`,
      [uniqueCode('R'), centre[0], centre[1], base],
    );
    let [x, y] = centre;
    const track = Array.from(
      { length: 5 + Math.floor(rand() * 50) },
      () => `${(x += (rand() - 0.5) * 0.01).toFixed(7)} ${(y += (rand() - 0.5) * 0.01).toFixed(7)}`,
    );
    await db.query(
      `INSERT INTO patrol (subject_id, inspector_name, patrolled_at, outcome, geom) VALUES ($1, '随机', now(), 'compliant', ST_GeomFromText($2, 4326))`,
      [rows[0]!.id, `LINESTRING(${track.join(',')})`],
    );
    centres.push(centre);
  }
  for (let i = 0; i < 150; i++) {
    const [x, y] = inside(0.001);
    await db.query(
      `INSERT INTO sample (code, kind, verdict, sampled_at, commodity, commodity_category, geom)
       VALUES ($1, 'routine', $2, now(), '白菜', 'vegetable', ST_SetSRID(ST_MakePoint($3, $4), 4326))`,
      [uniqueCode('P'), ['pass', 'fail', 'pending'][i % 3], x, y],
    );
  }
}

beforeAll(async () => {
  db = await openTestDb();
  county = await makeCounty(db);
  await insertShapes(random(20240601));
});

afterAll(async () => {
  if (db && county) await removeCounty(db, county);
  await db?.close();
});

/** Tiles around every shape's centre at z8–z16, with their east and south neighbours. */
function tilesToCheck(): TileCoord[] {
  const seen = new Map<string, TileCoord>();
  for (const [lon, lat] of centres) {
    for (const z of [8, 10, 12, 14, 16]) {
      const { x, y } = lonLatToTile(lon, lat, z);
      for (const tile of [
        { z, x, y },
        { z, x: x + 1, y },
        { z, x, y: y + 1 },
      ])
        seen.set(`${tile.z}/${tile.x}/${tile.y}`, tile);
    }
  }
  return [...seen.values()];
}

function invalidities(features: DecodedFeature[]): string[] {
  const problems: string[] = [];
  for (const f of features) {
    const coordinates = f.parts.flat();
    if (coordinates.some(([x, y]) => x < -64 || x > 4160 || y < -64 || y > 4160))
      problems.push(`${f.id}: outside the buffered extent`);
    if (f.kind === 'line' && f.parts.some((line) => line.length < 2))
      problems.push(`${f.id}: a line of one point`);
    if (f.kind === 'polygon') {
      const areas = f.parts.map(ringArea);
      if (!(areas[0]! > 0)) problems.push(`${f.id}: first ring is not an exterior (area ${areas[0]})`);
      if (areas.some((a) => a === 0)) problems.push(`${f.id}: a ring without area`);
    }
  }
  return problems;
}

const LAYERS_UNDER_TEST: LayerId[] = ['subject-bases', 'patrols', 'samples'];

describe(`portable tiles of random shapes on ${testEngine()}`, () => {
  it('are valid vector tiles: coordinates in the buffered extent, rings oriented, no degenerate parts', async () => {
    for (const id of LAYERS_UNDER_TEST) {
      const layer = layers.get(id) as TileLayer;
      for (const tile of tilesToCheck()) {
        const features = decodeTile(await buildTile(db, layer, tile, 'portable', 10_000));
        expect({ id, tile, problems: invalidities(features) }).toEqual({ id, tile, problems: [] });
      }
    }
  });

  if (testEngine() === 'postgres') {
    it('match ST_AsMVT tiles: same features and properties, geometry within the golden tolerance', async () => {
      let compared = 0;
      for (const id of LAYERS_UNDER_TEST) {
        const layer = layers.get(id) as TileLayer;
        for (const tile of tilesToCheck()) {
          const postgis = decodeTile(await buildTile(db, layer, tile, 'postgis', 10_000));
          const portable = decodeTile(await buildTile(db, layer, tile, 'portable', 10_000));
          compared += postgis.length;
          expect({ id, tile, problems: tileDifferences(postgis, portable) }).toEqual({
            id,
            tile,
            problems: [],
          });
        }
      }
      expect(compared).toBeGreaterThan(100);
    });
  }
});
