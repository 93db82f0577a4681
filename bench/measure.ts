/**
 * Measuring helpers any benchmark can use: run tasks with N in flight, fetch URLs from a worker thread, and print
 * throughput and percentiles in one line.
 *
 * Glossary:
 * - run: the milliseconds of each task (in list order), the wall time of the whole list, and the bytes produced.
 * - in flight: how many tasks run at once (a browser opens about 6–8 connections to one host).
 */
import { Worker } from 'node:worker_threads';

export interface Run {
  ms: number[];
  wall: number;
  bytes: number;
}

export interface Stats {
  count: number;
  perSecond: number;
  p50: number;
  p95: number;
  max: number;
}

/** Runs `task` for every item with `inFlight` running at once; `task` resolves to the bytes it produced. */
export async function measure<T>(
  items: readonly T[],
  inFlight: number,
  task: (item: T) => Promise<number>,
): Promise<Run> {
  const ms = new Array<number>(items.length);
  let next = 0;
  let bytes = 0;
  const started = performance.now();
  const lane = async () => {
    while (next < items.length) {
      const i = next++;
      const t0 = performance.now();
      const size = await task(items[i] as T);
      ms[i] = performance.now() - t0;
      bytes += size;
    }
  };
  await Promise.all(Array.from({ length: inFlight }, lane));
  return { ms, wall: performance.now() - started, bytes };
}

// Plain JavaScript for the worker: an HTTP client costs CPU, and on the server's event loop it would be counted
// as the server's time. Statuses other than 200 and 204 fail the run.
const CLIENT = `
const { parentPort, workerData } = require('node:worker_threads');
const { urls, inFlight } = workerData;
(async () => {
  const ms = new Array(urls.length);
  let next = 0, bytes = 0;
  const started = performance.now();
  const lane = async () => {
    while (next < urls.length) {
      const i = next++;
      const t0 = performance.now();
      const response = await fetch(urls[i]);
      const size = (await response.arrayBuffer()).byteLength;
      ms[i] = performance.now() - t0;
      if (response.status !== 200 && response.status !== 204) throw new Error(urls[i] + ': HTTP ' + response.status);
      bytes += size;
    }
  };
  await Promise.all(Array.from({ length: inFlight }, lane));
  parentPort.postMessage({ ms, wall: performance.now() - started, bytes });
})().catch((error) => parentPort.postMessage({ error: String(error) }));
`;

/** GETs every URL from a worker thread with `inFlight` requests at once. */
export function fetchAll(urls: readonly string[], inFlight: number): Promise<Run> {
  const worker = new Worker(CLIENT, { eval: true, workerData: { urls, inFlight } });
  return new Promise((resolve, reject) => {
    worker.once('message', (result: Run | { error: string }) => {
      void worker.terminate();
      if ('error' in result) reject(new Error(result.error));
      else resolve(result);
    });
    worker.once('error', reject);
  });
}

const percentile = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.floor(p * (sorted.length - 1)))] ?? NaN;

export function stats(run: Pick<Run, 'ms' | 'wall'>): Stats {
  const sorted = [...run.ms].sort((a, b) => a - b);
  return {
    count: sorted.length,
    perSecond: sorted.length / (run.wall / 1000),
    p50: percentile(sorted, 0.5),
    p95: percentile(sorted, 0.95),
    max: sorted.at(-1) ?? NaN,
  };
}

/** One line: name, count, throughput, p50, p95, max and (when given) kilobytes. */
export function report(name: string, run: Run, unit = 'tiles'): Stats {
  const s = stats(run);
  const cells = [
    name.padEnd(30),
    `${String(s.count).padStart(5)} ${unit}`,
    `${s.perSecond.toFixed(0).padStart(6)} ${unit}/s`,
    `p50 ${s.p50.toFixed(1).padStart(6)} ms`,
    `p95 ${s.p95.toFixed(1).padStart(6)} ms`,
    `max ${s.max.toFixed(0).padStart(5)} ms`,
    `${(run.bytes / 1024).toFixed(0).padStart(6)} kB`,
  ];
  console.log(`  ${cells.join('  ')}`);
  return s;
}

/** "a ÷ b" for throughput-free comparisons: wall time, p50 and p95. */
export function ratio(name: string, a: Run, b: Run): void {
  const [sa, sb] = [stats(a), stats(b)];
  const r = (x: number, y: number) => `${(x / y).toFixed(2)}×`;
  console.log(`  ${name}: wall ${r(a.wall, b.wall)}, p50 ${r(sa.p50, sb.p50)}, p95 ${r(sa.p95, sb.p95)}`);
}
