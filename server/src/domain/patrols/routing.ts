/**
 * Daily patrol routes from a station (docs/patrols.md, "Routes"): pure domain code, no road network.
 * - travel distance = great-circle distance × detour factor (default 1.3); travel time = distance ÷ speed (30 km/h);
 * - days are filled by a sweep around the station (by bearing; cheapest insertion checks the day's stops and hours
 *   including the return); each day's stops are then ordered by nearest neighbour from the station, 2-opt and
 *   Or-opt (moving runs of 1–3 stops) on the closed tour station → stops → station;
 * - subjects are taken in the order given (highest priority first) up to days × maxStopsPerDay; the rest and those
 *   that do not fit in a day are returned as unplaced with a reason.
 */

export interface LonLat {
  lon: number;
  lat: number;
}

export interface RouteSubject extends LonLat {
  id: number;
  serviceMinutes: number;
}

export interface RoutingOptions {
  days: number;
  maxStopsPerDay: number;
  maxHoursPerDay: number;
  speedKmh: number;
  detourFactor: number;
}

export const DEFAULT_ROUTING = { speedKmh: 30, detourFactor: 1.3 } as const;

export type UnplacedReason = 'over_capacity' | 'over_hours' | 'too_far';

export interface PlannedStop {
  subjectId: number;
  seq: number;
  legKm: number;
  arriveMinute: number;
  serviceMinutes: number;
}

export interface PlannedDay {
  day: number;
  stops: PlannedStop[];
  distanceKm: number;
  travelMinutes: number;
  serviceMinutes: number;
  /** Travel + service, minutes. */
  totalMinutes: number;
}

export interface PlanResult {
  days: PlannedDay[];
  unplaced: { subjectId: number; reason: UnplacedReason }[];
}

const EARTH_RADIUS_KM = 6371.0088;
const rad = (d: number) => (d * Math.PI) / 180;

/** Great-circle (haversine) distance, km. */
export function greatCircleKm(a: LonLat, b: LonLat): number {
  const dLat = rad(b.lat - a.lat);
  const dLon = rad(b.lon - a.lon);
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(rad(a.lat)) * Math.cos(rad(b.lat)) * Math.sin(dLon / 2) ** 2;
  return 2 * EARTH_RADIUS_KM * Math.asin(Math.min(1, Math.sqrt(h)));
}

/** Symmetric distance matrix; index 0 is the station. */
export function distanceMatrix(station: LonLat, points: readonly LonLat[], detour: number): number[][] {
  const all = [station, ...points];
  return all.map((a) => all.map((b) => greatCircleKm(a, b) * detour));
}

/** Length of the closed tour 0 → order… → 0 over the matrix. */
export function tourLength(d: readonly (readonly number[])[], order: readonly number[]): number {
  let len = 0;
  let prev = 0;
  for (const i of order) {
    len += d[prev]![i]!;
    prev = i;
  }
  return len + d[prev]![0]!;
}

/** Nearest-neighbour order of the given node indices (matrix indices, ≥ 1) from the station. */
export function nearestNeighbour(d: readonly (readonly number[])[], nodes: readonly number[]): number[] {
  const left = new Set(nodes);
  const order: number[] = [];
  let at = 0;
  while (left.size) {
    let best = -1;
    for (const n of left) if (best < 0 || d[at]![n]! < d[at]![best]!) best = n;
    order.push(best);
    left.delete(best);
    at = best;
  }
  return order;
}

const EPS = 1e-9;

/** 2-opt on the closed tour with the station fixed at both ends; improves in place until no move helps. */
export function twoOpt(d: readonly (readonly number[])[], order: number[]): number[] {
  const n = order.length;
  const node = (i: number) => (i < 0 || i >= n ? 0 : order[i]!);
  let improved = true;
  while (improved) {
    improved = false;
    for (let i = 0; i < n - 1; i++) {
      for (let j = i + 1; j < n; j++) {
        // Reverse order[i..j]: edges (i-1,i) and (j,j+1) become (i-1,j) and (i,j+1).
        const a = node(i - 1);
        const b = node(i);
        const c = node(j);
        const e = node(j + 1);
        const delta = d[a]![c]! + d[b]![e]! - d[a]![b]! - d[c]![e]!;
        if (delta < -EPS) {
          order.splice(i, j - i + 1, ...order.slice(i, j + 1).reverse());
          improved = true;
        }
      }
    }
  }
  return order;
}

/** Or-opt: move runs of 1–3 consecutive stops (either direction) to a better place; repeats until stable. */
export function orOpt(d: readonly (readonly number[])[], order: number[]): number[] {
  let improved = true;
  while (improved) {
    improved = false;
    const base = tourLength(d, order);
    outer: for (let len = 1; len <= 3; len++) {
      for (let i = 0; i + len <= order.length; i++) {
        const run = order.slice(i, i + len);
        const rest = [...order.slice(0, i), ...order.slice(i + len)];
        for (let k = 0; k <= rest.length; k++) {
          if (k === i) continue;
          for (const seg of len > 1 ? [run, [...run].reverse()] : [run]) {
            const candidate = [...rest.slice(0, k), ...seg, ...rest.slice(k)];
            if (tourLength(d, candidate) < base - EPS) {
              order.splice(0, order.length, ...candidate);
              improved = true;
              break outer;
            }
          }
        }
      }
    }
  }
  return order;
}

/** A short closed tour through the nodes: nearest neighbour, then 2-opt and Or-opt until neither helps. */
export function solveTour(d: readonly (readonly number[])[], nodes: readonly number[]): number[] {
  const order = nearestNeighbour(d, nodes);
  for (let round = 0; round < 10; round++) {
    const before = tourLength(d, order);
    twoOpt(d, order);
    orOpt(d, order);
    if (tourLength(d, order) >= before - EPS) break;
  }
  return order;
}

/** Plans the days; `subjects` in priority order (highest first). */
export function planRoutes(
  station: LonLat,
  subjects: readonly RouteSubject[],
  o: RoutingOptions,
): PlanResult {
  const capacity = o.days * o.maxStopsPerDay;
  const chosen = subjects.slice(0, capacity);
  const unplaced: PlanResult['unplaced'] = subjects
    .slice(capacity)
    .map((s) => ({ subjectId: s.id, reason: 'over_capacity' as const }));
  const d = distanceMatrix(station, chosen, o.detourFactor);
  const minutes = (km: number) => (km / o.speedKmh) * 60;
  const limit = o.maxHoursPerDay * 60;
  const service = (i: number) => chosen[i - 1]!.serviceMinutes;
  const dayTime = (order: readonly number[]) =>
    minutes(tourLength(d, order)) + order.reduce((t, i) => t + service(i), 0);

  const left = new Set<number>();
  for (let i = 1; i <= chosen.length; i++) {
    if (minutes(2 * d[0]![i]!) + service(i) > limit)
      unplaced.push({ subjectId: chosen[i - 1]!.id, reason: 'too_far' });
    else left.add(i);
  }
  // Days are filled by a sweep around the station (by bearing), so each day covers one sector instead of picking
  // up scattered leftovers: a subject joins the day at its cheapest insertion point if the day still fits.
  const cosLat = Math.cos(rad(station.lat));
  const bearing = (i: number) =>
    Math.atan2(chosen[i - 1]!.lat - station.lat, (chosen[i - 1]!.lon - station.lon) * cosLat);
  const sweep = [...left].sort((a, b) => bearing(a) - bearing(b) || a - b);
  const days: PlannedDay[] = [];
  for (let day = 1; day <= o.days; day++) {
    const tour: number[] = [];
    let tourKm = 0;
    let serviceSum = 0;
    for (const n of sweep) {
      if (tour.length >= o.maxStopsPerDay) break;
      if (!left.has(n)) continue;
      let bestAt = 0;
      let bestDelta = Infinity;
      for (let k = 0; k <= tour.length; k++) {
        const a = k === 0 ? 0 : tour[k - 1]!;
        const b = k === tour.length ? 0 : tour[k]!;
        const delta = d[a]![n]! + d[n]![b]! - d[a]![b]!;
        if (delta < bestDelta) [bestAt, bestDelta] = [k, delta];
      }
      if (minutes(tourKm + bestDelta) + serviceSum + service(n) > limit) continue;
      tour.splice(bestAt, 0, n);
      tourKm += bestDelta;
      serviceSum += service(n);
      left.delete(n);
    }
    // Order: nearest neighbour + 2-opt + Or-opt; the insertion tour improved the same way is the fallback, so the
    // day is never longer than the tour that was checked against the hours.
    const constructed = solveTour(d, tour);
    const inserted = orOpt(d, twoOpt(d, [...tour]));
    const improved = tourLength(d, constructed) <= tourLength(d, inserted) + EPS ? constructed : inserted;
    if (dayTime(improved) > limit + EPS) throw new Error('route exceeds the day limit after improvement');
    const stops: PlannedStop[] = [];
    let clock = 0;
    let prev = 0;
    let km = 0;
    for (const [k, i] of improved.entries()) {
      const leg = d[prev]![i]!;
      clock += minutes(leg);
      km += leg;
      stops.push({
        subjectId: chosen[i - 1]!.id,
        seq: k + 1,
        legKm: leg,
        arriveMinute: clock,
        serviceMinutes: service(i),
      });
      clock += service(i);
      prev = i;
    }
    km += d[prev]![0]!;
    const serviceMinutes = improved.reduce((t, i) => t + service(i), 0);
    days.push({
      day,
      stops,
      distanceKm: km,
      travelMinutes: minutes(km),
      serviceMinutes,
      totalMinutes: minutes(km) + serviceMinutes,
    });
  }
  for (const i of left) unplaced.push({ subjectId: chosen[i - 1]!.id, reason: 'over_hours' });
  return { days, unplaced };
}
