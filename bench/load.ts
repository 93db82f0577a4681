/**
 * Sustained load (issue 9): N concurrent clients (default 50) for S seconds (default 60) on loopback, each in turn
 * asking for a vector tile of the demo county, a page of the registry, a sample list or a grid card, as logged-in
 * users do; every tenth request of a client is a write (a subject's phone number changed with its version). The
 * clients run in a worker thread so the server's event loop is measured, not theirs. It prints requests/s, p50/p95,
 * errors by status, and the server's peak resident memory, against a baseline: one client for the same time.
 *
 *   npm run bench load -- --engine=pglite|postgres --clients=50 --seconds=60 --database=postgres://…/nongan_bench
 */
import type { AddressInfo } from 'node:net';
import { Worker } from 'node:worker_threads';
import { loadConfig } from '../server/src/config';
import type { Db } from '../server/src/db/engine';
import { migrate } from '../server/src/db/migrate';
import { PgDb } from '../server/src/db/pg-engine';
import { loadDemo } from '../server/src/modules/demo/demo.service';
import { lonLatToTile } from '../tiles/src/tile-coord';
import { openDemoTestDb } from '../test/support/demo-db';
import { adminApp } from '../test/support/http';

export const description =
  'sustained load: N clients × S seconds of tiles, API reads and writes; req/s, p95, peak memory';

const option = (args: string[], name: string, fallback: string) =>
  args.find((a) => a.startsWith(`--${name}=`))?.slice(name.length + 3) ?? fallback;

const CLIENT = `
const { parentPort, workerData } = require('node:worker_threads');
const { base, clients, seconds, reads, writes } = workerData;
(async () => {
  const ms = [];
  const statuses = {};
  const until = performance.now() + seconds * 1000;
  const one = async (c) => {
    for (let i = 0; performance.now() < until; i++) {
      const write = i % 10 === 9 && writes.length > 0;
      const t0 = performance.now();
      let status = 0;
      try {
        if (write) {
          const w = writes[(c + i) % writes.length];
          const current = await fetch(base + '/api/subjects/' + w);
          const feature = await current.json();
          const response = await fetch(base + '/api/subjects/' + w, {
            method: 'PATCH',
            headers: { 'content-type': 'application/json' },
            body: JSON.stringify({ version: feature.properties.version, properties: { phone: '139' + String(10000000 + c * 1000 + (i % 1000)) } }),
          });
          await response.arrayBuffer();
          // A 409 is the optimistic check doing its job when two clients edit the same subject.
          status = response.status === 409 ? 200 : response.status;
        } else {
          const response = await fetch(base + reads[(c * 7 + i) % reads.length]);
          await response.arrayBuffer();
          status = response.status === 204 ? 200 : response.status;
        }
      } catch (error) {
        status = -1;
      }
      ms.push(performance.now() - t0);
      statuses[status] = (statuses[status] || 0) + 1;
    }
  };
  const started = performance.now();
  await Promise.all(Array.from({ length: clients }, (_, c) => one(c)));
  parentPort.postMessage({ ms, statuses, wall: performance.now() - started });
})().catch((error) => parentPort.postMessage({ error: String(error) }));
`;

interface Result {
  ms: number[];
  statuses: Record<string, number>;
  wall: number;
}

function drive(workerData: Record<string, unknown>): Promise<Result> {
  const worker = new Worker(CLIENT, { eval: true, workerData });
  return new Promise((resolve, reject) => {
    worker.once('message', (result: Result | { error: string }) => {
      void worker.terminate();
      if ('error' in result) reject(new Error(result.error));
      else resolve(result);
    });
    worker.once('error', reject);
  });
}

async function openDb(engine: string, url: string): Promise<Db> {
  if (engine === 'pglite') return openDemoTestDb();
  const db = await PgDb.open({ connectionString: url });
  await migrate(db);
  const { rows } = await db.query(`SELECT 1 FROM demo_truth WHERE key = 'generator'`);
  if (rows.length === 0) await loadDemo(db);
  return db;
}

export async function run(args: string[]): Promise<void> {
  const engine = option(args, 'engine', 'pglite');
  const clients = Number(option(args, 'clients', '50'));
  const seconds = Number(option(args, 'seconds', '60'));
  const db = await openDb(
    engine,
    option(args, 'database', 'postgres://postgres@127.0.0.1:5432/nongan_bench'),
  );
  const app = await adminApp(db, loadConfig({ PORT: '0', LOG_LEVEL: 'silent', DEMO_DATA: 'off' }));
  const server = await new Promise<ReturnType<typeof app.listen>>((resolve) => {
    const s = app.listen(0, '127.0.0.1', () => resolve(s));
  });
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  try {
    const subjects = await db.query<{ id: number; lon: number; lat: number }>(
      `SELECT id::int, ST_X(geom) AS lon, ST_Y(geom) AS lat FROM production_subject WHERE geom IS NOT NULL ORDER BY id LIMIT 200`,
    );
    const grids = await db.query<{ id: number }>(`SELECT id::int FROM grid_unit ORDER BY id LIMIT 60`);
    const reads: string[] = [];
    subjects.rows.forEach((s, i) => {
      const t = lonLatToTile(s.lon, s.lat, 12 + (i % 4));
      reads.push(
        `/tiles/${['subjects', 'samples', 'grids-village', 'patrols'][i % 4]}/${t.z}/${t.x}/${t.y}.mvt`,
      );
      if (i % 4 === 0) reads.push(`/api/subjects/${s.id}`);
    });
    grids.rows.forEach((g) => reads.push(`/api/grids/${g.id}`));
    reads.push('/api/registry/subjects?limit=50', '/api/samples?verdict=fail', '/api/registry/freshness');
    // Writes go to subjects that no test relies on: the last ones of the demo registry.
    const writes = subjects.rows.slice(-20).map((s) => s.id);

    let peak = process.memoryUsage().rss;
    const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 200);
    const show = (name: string, r: Result) => {
      const sorted = [...r.ms].sort((a, b) => a - b);
      const p = (q: number) => sorted[Math.floor(q * (sorted.length - 1))] ?? NaN;
      const errors = Object.entries(r.statuses).filter(([s]) => s !== '200');
      console.log(
        `  ${name.padEnd(28)} ${String(sorted.length).padStart(6)} req  ${(sorted.length / (r.wall / 1000)).toFixed(0).padStart(5)} req/s  p50 ${p(0.5).toFixed(1).padStart(6)} ms  p95 ${p(0.95).toFixed(1).padStart(7)} ms  errors ${errors.length ? JSON.stringify(Object.fromEntries(errors)) : 0}`,
      );
      return sorted.length / (r.wall / 1000);
    };
    console.log(
      `  ${engine}, ${reads.length} read URLs, ${writes.length} subjects written, ${seconds} s each`,
    );
    const baseline = show('baseline: 1 client', await drive({ base, clients: 1, seconds, reads, writes }));
    const rssBefore = process.memoryUsage().rss;
    peak = rssBefore;
    const loaded = show(`${clients} clients`, await drive({ base, clients, seconds, reads, writes }));
    clearInterval(sampler);
    console.log(
      `  throughput ${clients} clients ÷ 1 client: ${(loaded / baseline).toFixed(2)}×; server RSS ${(rssBefore / 2 ** 20).toFixed(0)} MB before, peak ${(peak / 2 ** 20).toFixed(0)} MB under load (the process also holds the clients' worker)`,
    );
  } finally {
    server.closeAllConnections();
    server.close();
    await db.close();
  }
}
