/**
 * Patrol-route benchmark (issue 6): plans 5 days × 25 stops from 400 due subjects scattered over a 40 km township
 * (nearest neighbour + 2-opt + Or-opt per day, great-circle × 1.3 at 30 km/h) and reports the time; and the tour
 * length of the heuristic against the brute-force optimum on small random instances (ratio); the same with time windows
 * on a third of the subjects (the day's length, waiting included, against the shortest window-keeping order).
 * Prints, never asserts.
 *
 *   npm run bench patrols -- --runs=5 --instances=200
 */
import { performance } from 'node:perf_hooks';
import {
  type RouteSubject,
  distanceMatrix,
  greatCircleTravel,
  planRoutes,
  schedule,
  solveTour,
  tourLength,
} from '../server/src/domain/patrols/routing';

export const description =
  'patrol routes: 5 days × 25 stops from 400 due subjects (time, with and without time windows); tour vs optimum, n ≤ 8';

const STATION = { lon: 87.3, lat: 44.0 };

function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function option(args: string[], name: string, fallback: number): number {
  const hit = args.find((a) => a.startsWith(`--${name}=`));
  return hit ? Number(hit.split('=')[1]) : fallback;
}

function optimum(d: number[][], nodes: number[]): number {
  let best = Infinity;
  const used = new Array<boolean>(nodes.length).fill(false);
  const order: number[] = [];
  const walk = (len: number, at: number) => {
    if (len >= best) return;
    if (order.length === nodes.length) {
      best = Math.min(best, len + d[at]![0]!);
      return;
    }
    for (const [i, n] of nodes.entries()) {
      if (used[i]) continue;
      used[i] = true;
      order.push(n);
      walk(len + d[at]![n]!, n);
      order.pop();
      used[i] = false;
    }
  };
  walk(0, 0);
  return best;
}

export async function run(args: string[]): Promise<void> {
  const runs = option(args, 'runs', 5);
  const instances = option(args, 'instances', 200);
  const random = rng(6);
  // ±0.25° longitude × ±0.18° latitude ≈ 40 × 40 km around the station.
  const subjects: RouteSubject[] = Array.from({ length: 400 }, (_, i) => ({
    id: i + 1,
    lon: STATION.lon + (random() - 0.5) * 0.5,
    lat: STATION.lat + (random() - 0.5) * 0.36,
    serviceMinutes: 10,
  }));
  const options = { days: 5, maxStopsPerDay: 25, maxHoursPerDay: 10, speedKmh: 30, detourFactor: 1.3 };
  const times: number[] = [];
  let placed = 0;
  let km = 0;
  for (let r = 0; r < runs; r++) {
    const t0 = performance.now();
    const plan = planRoutes(STATION, subjects, options);
    times.push(performance.now() - t0);
    placed = plan.days.reduce((n, d) => n + d.stops.length, 0);
    km = plan.days.reduce((n, d) => n + d.distanceKm, 0);
  }
  times.sort((a, b) => a - b);
  console.log(
    `plan 5 days × 25 stops from 400 subjects: median ${times[Math.floor(times.length / 2)]!.toFixed(1)} ms ` +
      `(min ${times[0]!.toFixed(1)}, max ${times.at(-1)!.toFixed(1)}, ${runs} runs); ${placed} stops placed, ${km.toFixed(1)} km`,
  );

  const ratios: number[] = [];
  for (let k = 0; k < instances; k++) {
    const n = 4 + (k % 5);
    const pts = Array.from({ length: n }, () => ({
      lon: STATION.lon + (random() - 0.5) * 0.5,
      lat: STATION.lat + (random() - 0.5) * 0.36,
    }));
    const d = distanceMatrix(STATION, pts, 1.3);
    const nodes = pts.map((_, i) => i + 1);
    ratios.push(tourLength(d, solveTour(d, nodes)) / optimum(d, nodes));
  }
  ratios.sort((a, b) => a - b);
  const mean = ratios.reduce((a, b) => a + b, 0) / ratios.length;
  const optimal = ratios.filter((r) => r < 1 + 1e-9).length;
  console.log(
    `tour length ÷ optimum on ${instances} instances of 4–8 stops: mean ${mean.toFixed(4)}, ` +
      `p95 ${ratios[Math.floor(0.95 * (ratios.length - 1))]!.toFixed(4)}, max ${ratios.at(-1)!.toFixed(4)}; ` +
      `optimal in ${optimal} of ${instances}`,
  );

  // Time windows: a third of the subjects can only be visited in a 1–3 h window of the day.
  const windowed: RouteSubject[] = subjects.map((x, i) => {
    const open = Math.floor(random() * 360);
    return i % 3 ? x : { ...x, window: { open, close: open + 60 + Math.floor(random() * 120) } };
  });
  const wTimes: number[] = [];
  let wPlaced = 0;
  let wByWindow = 0;
  for (let r = 0; r < runs; r++) {
    const t0 = performance.now();
    const plan = planRoutes(STATION, windowed, options);
    wTimes.push(performance.now() - t0);
    wPlaced = plan.days.reduce((n, d) => n + d.stops.length, 0);
    wByWindow = plan.unplaced.filter((u) => u.reason === 'time_window').length;
  }
  wTimes.sort((a, b) => a - b);
  console.log(
    `the same with time windows on every third subject: median ${wTimes[Math.floor(wTimes.length / 2)]!.toFixed(1)} ms ` +
      `(max ${wTimes.at(-1)!.toFixed(1)}); ${wPlaced} stops placed, ${wByWindow} left out for their window`,
  );

  const wRatios: number[] = [];
  let missed = 0;
  for (let k = 0; k < instances; k++) {
    const n = 4 + (k % 4);
    const pts: RouteSubject[] = Array.from({ length: n }, (_, i) => {
      const open = Math.floor(random() * 240);
      return {
        id: i + 1,
        lon: STATION.lon + (random() - 0.5) * 0.4,
        lat: STATION.lat + (random() - 0.5) * 0.3,
        serviceMinutes: 15 + Math.floor(random() * 30),
        window: random() < 0.5 ? { open, close: open + 60 + Math.floor(random() * 120) } : undefined,
      };
    });
    const m = greatCircleTravel(STATION, pts, 1.3, 30);
    let best = Infinity;
    const permute = (prefix: number[], rest: number[]) => {
      if (!rest.length) {
        const s = schedule(
          m.minutes,
          prefix,
          (i) => pts[i - 1]!.serviceMinutes,
          (i) => pts[i - 1]!.window,
        );
        if (s.ok) best = Math.min(best, s.end);
      }
      for (const [i, x] of rest.entries())
        permute([...prefix, x], [...rest.slice(0, i), ...rest.slice(i + 1)]);
    };
    permute(
      [],
      pts.map((_, i) => i + 1),
    );
    if (!Number.isFinite(best) || best > 600) continue;
    const plan = planRoutes(STATION, pts, { ...options, days: 1, maxHoursPerDay: 10 }, m);
    if (plan.unplaced.length) missed += 1;
    else wRatios.push(plan.days[0]!.totalMinutes / best);
  }
  wRatios.sort((a, b) => a - b);
  const wMean = wRatios.reduce((a, b) => a + b, 0) / Math.max(1, wRatios.length);
  console.log(
    `day length ÷ optimum with time windows on ${wRatios.length + missed} solvable instances of 4–7 stops: ` +
      `mean ${wMean.toFixed(4)}, max ${(wRatios.at(-1) ?? NaN).toFixed(4)}; ` +
      `a stop left out that the optimum places: ${missed}`,
  );
}
