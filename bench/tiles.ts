/**
 * Vector-tile benchmark: a fixed list of tiles over zooms 8–16 covering the demo county (~87.3°E 44.0°N), every
 * layer the contract shows at each zoom, fetched from a running server with 8 requests in flight, uncached; then the
 * same statements as plain SQL (ST_AsMVT on PostgreSQL; the portable query plus vt-pbf on PGlite, which has no
 * ST_AsMVT) with the same concurrency, and server ÷ SQL; then both one at a time, which shows what the server adds
 * to one tile without the two competing for the CPU; then the server with a warm cache. It prints, never asserts.
 *
 *   npm run bench tiles -- --engine=postgres|pglite|both --scale=1 --database=postgres://…/nongan_tiles
 */
import type { AddressInfo } from 'node:net';
import pg from 'pg';
import { LAYER_IDS, LAYERS, type LayerId } from '../server/contracts/layers';
import { loadConfig } from '../server/src/config';
import { adminApp } from '../test/support/http';
import type { Db } from '../server/src/db/engine';
import { migrate } from '../server/src/db/migrate';
import { PgDb } from '../server/src/db/pg-engine';
import { Rng } from '../server/src/domain/demo/prng';
import { loadDemo } from '../server/src/modules/demo/demo.service';
import { openDemoTestDb } from '../test/support/demo-db';
import { openCachedPglite, testEngine } from '../test/support/test-db';
import { STAMPS_SQL } from '../tiles/src/cache';
import { type TileRow, encodeTile } from '../tiles/src/encoder';
import { isThinned, tileParams } from '../tiles/src/mvt-sql';
import { loadLayers } from '../tiles/src/registry';
import { type TileCoord, lonLatToTile } from '../tiles/src/tile-coord';
import { type Run, fetchAll, measure, ratio, report, stats } from './measure';

export const description =
  'vector tiles: tiles/s and p50/p95 per engine, and the same tiles as plain SQL (server ÷ SQL)';

const IN_FLIGHT = 8;
/** Requests of the one-at-a-time comparison (the first of the list, all zooms and layers). */
const SEQUENTIAL = 600;
const COVER: [number, number, number, number] = [86.95, 43.75, 87.65, 44.25];
const PORTS = { postgres: 18201, pglite: 18202 } as const;
type Engine = keyof typeof PORTS;

interface Job {
  layer: LayerId;
  tile: TileCoord;
}

/** Every tile over COVER at z8–z11, then 40 fixed pseudo-random tiles over it at each of z12–z16. */
export function benchTiles(): TileCoord[] {
  const tiles: TileCoord[] = [];
  const rng = new Rng(816, 'bench-tiles');
  for (let z = 8; z <= 16; z++) {
    const nw = lonLatToTile(COVER[0], COVER[3], z);
    const se = lonLatToTile(COVER[2], COVER[1], z);
    const all: TileCoord[] = [];
    for (let x = nw.x; x <= se.x; x++) for (let y = nw.y; y <= se.y; y++) all.push({ z, x, y });
    if (z <= 11) tiles.push(...all);
    else for (let k = 0; k < 40; k++) tiles.push(all[Math.floor(rng.next() * all.length)]!);
  }
  return tiles;
}

/** Every (layer, tile) the map would request: each tile of the list for each layer visible at its zoom. */
export function benchJobs(): Job[] {
  return benchTiles().flatMap((tile) =>
    LAYER_IDS.filter((id) => tile.z >= LAYERS[id].minzoom).map((layer) => ({ layer, tile })),
  );
}

/** Loads the demo county at the given scale into an empty database, or checks the one there has that scale. */
async function ensureData(db: Db, scale: number): Promise<string> {
  const { rows } = await db.query<{ scale: number }>(
    `SELECT (value->>'scale')::float8 AS scale FROM demo_truth WHERE key = 'generator'`,
  );
  if (rows.length === 0) await loadDemo(db, { scale });
  else if (rows[0]!.scale !== scale) {
    throw new Error(`the database holds the demo county at scale ${rows[0]!.scale}, not ${scale}`);
  }
  return `demo county (scale ${scale})`;
}

async function openEngine(engine: Engine, scale: number, url: string): Promise<{ db: Db; data: string }> {
  if (engine === 'postgres') {
    const db = await PgDb.open({ connectionString: url, max: 10 });
    await migrate(db);
    const data = await ensureData(db, scale);
    await db.exec('ANALYZE');
    return { db, data };
  }
  // At scale 1 the test support's cached demo database (rebuilt when the generator changes) is the one to use.
  if (scale === 1 && testEngine() === 'pglite')
    return { db: await openDemoTestDb(), data: 'demo county (test cache, scale 1)' };
  let data = 'from the cached PGlite data directory';
  const db = await openCachedPglite(`bench-tiles-${scale}`, async (fresh) => {
    await migrate(fresh);
    data = await ensureData(fresh, scale);
  });
  return { db, data };
}

async function startServer(db: Db, port: number, cacheMb: number) {
  const config = loadConfig({
    PORT: String(port),
    DEMO_DATA: 'off',
    LOG_LEVEL: 'silent',
    TILE_CACHE_MB: String(cacheMb),
  });
  const app = await adminApp(db, config);
  const server = await new Promise<ReturnType<typeof app.listen>>((resolve) => {
    const s = app.listen(port, '127.0.0.1', () => resolve(s));
  });
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const urls = (jobs: Job[]) =>
    jobs.map(({ layer, tile: t }) => `${base}/tiles/${layer}/${t.z}/${t.x}/${t.y}.mvt`);
  return {
    fetch: (jobs: Job[], inFlight: number) => fetchAll(urls(jobs), inFlight),
    close: () =>
      new Promise<void>((resolve) => (server.closeAllConnections(), server.close(() => resolve()))),
  };
}

/** The statements the server runs, straight to the database: no HTTP, no transaction, no ETag, no cache. */
function plainSql(engine: Engine, db: Db, url: string) {
  const layers = loadLayers();
  const statement = ({ layer, tile }: Job) => {
    const definition = layers.get(layer)!;
    const variant = isThinned(definition, tile.z) ? 'thinned' : 'plain';
    const params = tileParams(definition, tile);
    return engine === 'postgres'
      ? { text: definition.sql.postgis[variant], params: [...params, layer] }
      : { text: definition.sql.portable[variant], params, fields: Object.keys(definition.contract.fields) };
  };
  if (engine === 'pglite') {
    const run = async (job: Job) => {
      const { text, params, fields } = statement(job);
      const { rows } = await db.query<TileRow>(text, params);
      return encodeTile(job.layer, rows, fields ?? []).byteLength;
    };
    return { run, close: async () => {} };
  }
  const pool = new pg.Pool({ connectionString: url, max: IN_FLIGHT, options: '-c jit=off' });
  const run = async (job: Job) => {
    const { text, params } = statement(job);
    const { rows } = await pool.query<{ tile: Buffer | null }>(text, params);
    return rows[0]?.tile?.byteLength ?? 0;
  };
  return { run, close: () => pool.end() };
}

function perLayer(jobs: Job[], run: Run): void {
  for (const id of LAYER_IDS) {
    const ms = jobs.flatMap((job, i) => (job.layer === id ? [run.ms[i]!] : []));
    const s = stats({ ms, wall: 1 });
    console.log(
      `      ${id.padEnd(16)} ${String(s.count).padStart(4)} tiles  p50 ${s.p50.toFixed(1).padStart(6)} ms  p95 ${s.p95.toFixed(1).padStart(6)} ms`,
    );
  }
}

async function stampMicroseconds(db: Db): Promise<number> {
  const t0 = performance.now();
  for (let i = 0; i < 300; i++) await db.query(STAMPS_SQL);
  return ((performance.now() - t0) / 300) * 1000;
}

async function benchEngine(engine: Engine, scale: number, url: string): Promise<void> {
  const { db, data } = await openEngine(engine, scale, url);
  const jobs = benchJobs();
  const few = jobs.filter((_, i) => i % Math.ceil(jobs.length / SEQUENTIAL) === 0);
  console.log(
    `\n${engine}: ${data}; ${benchTiles().length} tiles × visible layers = ${jobs.length} requests`,
  );
  try {
    const uncached = await startServer(db, PORTS[engine], 0);
    await uncached.fetch(jobs.slice(0, 200), IN_FLIGHT); // warm connections and the JavaScript JIT
    const server = await uncached.fetch(jobs, IN_FLIGHT);
    const serverOne = await uncached.fetch(few, 1);
    await uncached.close();
    const sql = plainSql(engine, db, url);
    const plain = await measure(jobs, IN_FLIGHT, sql.run);
    const plainOne = await measure(few, 1, sql.run);
    await sql.close();
    const cachedServer = await startServer(db, PORTS[engine], 64);
    await cachedServer.fetch(jobs, IN_FLIGHT);
    const cached = await cachedServer.fetch(jobs, IN_FLIGHT);
    const cachedOne = await cachedServer.fetch(few, 1);
    await cachedServer.close();

    const what = engine === 'postgres' ? 'plain SQL (ST_AsMVT)' : 'plain SQL + vt-pbf';
    console.log(`  ${IN_FLIGHT} in flight:`);
    report('server, uncached', server);
    perLayer(jobs, server);
    report(what, plain);
    ratio('server ÷ SQL', server, plain);
    report('server, warm cache', cached);
    console.log('  one at a time:');
    report('server, uncached', serverOne);
    report(what, plainOne);
    ratio('server ÷ SQL', serverOne, plainOne);
    // A cached tile costs the HTTP round trip, the counters' read and a lookup: the floor under every tile.
    const floor = report('server, warm cache', cachedOne);
    const adds = stats(serverOne).p50 - stats(plainOne).p50;
    console.log(
      `  per tile at p50 the server adds ${adds.toFixed(2)} ms, of which ${floor.p50.toFixed(2)} ms is the cached floor`,
    );
    console.log(`  layer_version read (once per request): ${(await stampMicroseconds(db)).toFixed(0)} µs`);
  } finally {
    await db.close();
  }
}

function option(args: string[], name: string, fallback: string): string {
  const found = args.find((arg) => arg.startsWith(`--${name}=`));
  return found ? found.slice(name.length + 3) : fallback;
}

export async function run(args: string[]): Promise<void> {
  const engine = option(args, 'engine', 'both');
  const scale = Number(option(args, 'scale', '1'));
  const fallbackUrl = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/nongan_tiles';
  const url = option(args, 'database', fallbackUrl);
  for (const name of ['postgres', 'pglite'] as const) {
    if (engine === 'both' || engine === name) await benchEngine(name, scale, url);
  }
}
