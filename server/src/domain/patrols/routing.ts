/**
 * Daily patrol routes from a station (docs/patrols.md, "Routes"): pure domain code, no road network.
 * - travel distance = great-circle distance × detour factor (default 1.3); travel time = distance ÷ speed (30 km/h);
 * - days are filled by a sweep around the station (by bearing; cheapest insertion checks the day's stops and hours
 *   including the return); each day's stops are then ordered by nearest neighbour from the station, 2-opt and
 *   Or-opt (moving runs of 1–3 stops) on the closed tour station → stops → station;
 * - subjects are taken in the order given (highest priority first) up to days × maxStopsPerDay; the rest and those
 *   that do not fit in a day are returned as unplaced with a reason;
 * - optional time windows per subject (minutes after the day's start at the station): a stop reached before its
 *   window opens waits; one that cannot be reached before the window closes is not placed there, and a subject no
 *   day can take because of its window is unplaced with the reason `time_window`;
 * - travel can be given as a matrix (minutes and km, e.g. from a road network); without one it is the great circle.
 */

export interface LonLat {
  lon: number;
  lat: number;
}

/** Service must start within [open, close], minutes after the day's start at the station. */
export interface TimeWindow {
  open: number;
  close: number;
}

export interface RouteSubject extends LonLat {
  id: number;
  serviceMinutes: number;
  window?: TimeWindow | undefined;
}

/** Travel between the station (index 0) and the subjects (1…n, in the order given): minutes and km. */
export interface TravelMatrix {
  minutes: number[][];
  km: number[][];
}

export interface RoutingOptions {
  days: number;
  maxStopsPerDay: number;
  maxHoursPerDay: number;
  speedKmh: number;
  detourFactor: number;
}

export const DEFAULT_ROUTING = { speedKmh: 30, detourFactor: 1.3 } as const;

export type UnplacedReason = 'over_capacity' | 'over_hours' | 'too_far' | 'time_window';

export interface PlannedStop {
  subjectId: number;
  seq: number;
  legKm: number;
  arriveMinute: number;
  /** Waiting for the time window to open, minutes (0 without a window). */
  waitMinutes: number;
  serviceMinutes: number;
  window?: TimeWindow | undefined;
}

export interface PlannedDay {
  day: number;
  stops: PlannedStop[];
  distanceKm: number;
  travelMinutes: number;
  serviceMinutes: number;
  waitMinutes: number;
  /** Travel + waiting + service, minutes. */
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

/** Great-circle travel: km = great circle × detour, minutes = km ÷ speed. */
export function greatCircleTravel(
  station: LonLat,
  points: readonly LonLat[],
  detour: number,
  speedKmh: number,
): TravelMatrix {
  const km = distanceMatrix(station, points, detour);
  return { km, minutes: km.map((row) => row.map((x) => (x / speedKmh) * 60)) };
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
/** Days with windows and at most this many stops also get the perturbation round (kick), which costs n searches. */
const KICK_MAX_STOPS = 10;

/** 2-opt on the closed tour with the station fixed at both ends; improves in place until no move helps. */
export function twoOpt(
  d: readonly (readonly number[])[],
  order: number[],
  accept?: (candidate: number[]) => boolean,
): number[] {
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
          const candidate = [...order.slice(0, i), ...order.slice(i, j + 1).reverse(), ...order.slice(j + 1)];
          if (accept && !accept(candidate)) continue;
          order.splice(0, n, ...candidate);
          improved = true;
        }
      }
    }
  }
  return order;
}

/** Or-opt: move runs of 1–3 consecutive stops (either direction) to a better place; repeats until stable. */
export function orOpt(
  d: readonly (readonly number[])[],
  order: number[],
  accept?: (candidate: number[]) => boolean,
): number[] {
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
            if (tourLength(d, candidate) < base - EPS && (!accept || accept(candidate))) {
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

export interface ScheduledStop {
  node: number;
  arrive: number;
  wait: number;
  leg: number;
}

export interface Schedule {
  /** Every window met (service starts no later than the window's close). */
  ok: boolean;
  /** Back at the station, minutes after the start (travel + waiting + service). */
  end: number;
  /** Minutes past the windows' close, summed (0 when ok). */
  late: number;
  stops: ScheduledStop[];
}

/**
 * Times along a closed tour over a travel-minutes matrix: a stop reached before its window opens waits for it; a
 * stop reached after its window closes makes the schedule not ok. `windowOf`/`serviceOf` take matrix indices.
 */
export function schedule(
  t: readonly (readonly number[])[],
  order: readonly number[],
  serviceOf: (i: number) => number,
  windowOf: (i: number) => TimeWindow | undefined,
): Schedule {
  let clock = 0;
  let prev = 0;
  let late = 0;
  const stops: ScheduledStop[] = [];
  for (const i of order) {
    const leg = t[prev]![i]!;
    clock += leg;
    const arrive = clock;
    const w = windowOf(i);
    let wait = 0;
    if (w) {
      if (clock > w.close + EPS) late += clock - w.close;
      if (clock < w.open) wait = w.open - clock;
    }
    clock += wait + serviceOf(i);
    stops.push({ node: i, arrive, wait, leg });
    prev = i;
  }
  return { ok: late === 0, end: clock + t[prev]![0]!, late, stops };
}

/** The number of subjects a plan can hold (days × stops a day); the rest are `over_capacity`. */
export const planCapacity = (o: Pick<RoutingOptions, 'days' | 'maxStopsPerDay'>) => o.days * o.maxStopsPerDay;

/**
 * Plans the days; `subjects` in priority order (highest first). `travel`, when given, covers the station and the
 * first planCapacity(o) subjects (index 0 = station); without it the great circle × detour ÷ speed is used.
 */
export function planRoutes(
  station: LonLat,
  subjects: readonly RouteSubject[],
  o: RoutingOptions,
  travel?: TravelMatrix,
): PlanResult {
  const capacity = planCapacity(o);
  const chosen = subjects.slice(0, capacity);
  const unplaced: PlanResult['unplaced'] = subjects
    .slice(capacity)
    .map((s) => ({ subjectId: s.id, reason: 'over_capacity' as const }));
  const m = travel ?? greatCircleTravel(station, chosen, o.detourFactor, o.speedKmh);
  const t = m.minutes;
  const limit = o.maxHoursPerDay * 60;
  const service = (i: number) => chosen[i - 1]!.serviceMinutes;
  const windowOf = (i: number) => chosen[i - 1]!.window;
  const plan = (order: readonly number[]) => schedule(t, order, service, windowOf);
  const fits = (order: readonly number[]) => {
    const s = plan(order);
    return s.ok && s.end <= limit + EPS;
  };

  const left = new Set<number>();
  for (let i = 1; i <= chosen.length; i++) {
    const w = windowOf(i);
    if (t[0]![i]! + service(i) + t[i]![0]! > limit)
      unplaced.push({ subjectId: chosen[i - 1]!.id, reason: 'too_far' });
    else if (w && (t[0]![i]! > w.close + EPS || Math.max(t[0]![i]!, w.open) + service(i) + t[i]![0]! > limit))
      unplaced.push({ subjectId: chosen[i - 1]!.id, reason: 'time_window' });
    else left.add(i);
  }
  // Days are filled by a sweep around the station (by bearing), so each day covers one sector instead of picking
  // up scattered leftovers: a subject joins the day at its cheapest feasible insertion point if the day still fits.
  const cosLat = Math.cos(rad(station.lat));
  const bearing = (i: number) =>
    Math.atan2(chosen[i - 1]!.lat - station.lat, (chosen[i - 1]!.lon - station.lon) * cosLat);
  const sweep = [...left].sort((a, b) => bearing(a) - bearing(b) || a - b);
  /** Cheapest feasible insertion of each node into the tour, in the order given; null when one does not fit. */
  const insertAll = (tour: number[], nodes: readonly number[]): number[] | null => {
    for (const n of nodes) {
      let best: number[] | null = null;
      let bestEnd = Infinity;
      for (let k = 0; k <= tour.length; k++) {
        const candidate = [...tour.slice(0, k), n, ...tour.slice(k)];
        const s = plan(candidate);
        if (s.ok && s.end <= limit + EPS && s.end < bestEnd) [best, bestEnd] = [candidate, s.end];
      }
      if (!best) return null;
      tour = best;
    }
    return tour;
  };
  /**
   * When cheapest insertion cannot add a windowed subject to a day, the day is built again: the windowed stops in
   * the order their windows close, then the others by cheapest insertion.
   */
  const rebuild = (nodes: readonly number[]): number[] | null => {
    const timed = nodes.filter((i) => windowOf(i)).sort((a, b) => windowOf(a)!.close - windowOf(b)!.close);
    const tour = insertAll([], timed);
    const full =
      tour &&
      insertAll(
        tour,
        nodes.filter((i) => !windowOf(i)),
      );
    return full;
  };
  /**
   * With windows the day's length includes waiting, which the tour length does not see: this local search moves runs
   * of 1–3 stops (either direction), reverses segments and swaps two stops, taking the best move while the day gets
   * shorter (or as short with less travel). From an infeasible order it first reduces the lateness
   * and the overtime, then the day's length.
   */
  const penalty = (s: Schedule) => s.late + Math.max(0, s.end - limit);
  const shortenDay = (order: number[]): number[] => {
    let best = plan(order);
    let improved = true;
    while (improved) {
      improved = false;
      const candidates: number[][] = [];
      for (let len = 1; len <= 3; len++)
        for (let i = 0; i + len <= order.length; i++) {
          const run = order.slice(i, i + len);
          const rest = [...order.slice(0, i), ...order.slice(i + len)];
          for (let k = 0; k <= rest.length; k++)
            for (const seg of len > 1 ? [run, [...run].reverse()] : [run])
              if (k !== i || seg !== run) candidates.push([...rest.slice(0, k), ...seg, ...rest.slice(k)]);
        }
      for (let i = 0; i < order.length - 1; i++)
        for (let j = i + 1; j < order.length; j++) {
          if (j > i + 1)
            candidates.push([
              ...order.slice(0, i),
              ...order.slice(i, j + 1).reverse(),
              ...order.slice(j + 1),
            ]);
          const swapped = [...order];
          [swapped[i], swapped[j]] = [order[j]!, order[i]!];
          candidates.push(swapped);
        }
      // Best improvement; ties on the cost are broken by less travel, to cross the plateaus that waiting makes.
      let [next, nextS, nextLen] = [order, best, tourLength(t, order)];
      for (const c of candidates) {
        const s = plan(c);
        const len = tourLength(t, c);
        const [a, b] = [penalty(s), penalty(nextS)];
        if (
          a < b - EPS ||
          (a < b + EPS && (s.end < nextS.end - EPS || (s.end < nextS.end + EPS && len < nextLen - EPS)))
        )
          [next, nextS, nextLen] = [c, s, len];
      }
      if (next !== order) [order, best, improved] = [next, nextS, true];
    }
    return order;
  };
  /**
   * One round of perturbation for days with windows (shortenDay stops at local optima two moves away from better
   * days): each stop in turn is moved to the front of the day and the day shortened again; the best day is kept.
   */
  const kick = (order: number[]): number[] => {
    let best = order;
    let bestEnd = plan(order).end;
    for (let i = 1; i < order.length; i++) {
      const tried = shortenDay([order[i]!, ...order.slice(0, i), ...order.slice(i + 1)]);
      const s = plan(tried);
      if (s.ok && s.end <= limit + EPS && s.end < bestEnd - EPS) [best, bestEnd] = [tried, s.end];
    }
    return best;
  };
  /** Time-aware nearest neighbour: next is the stop whose service can start soonest (travel and waiting). */
  const earliestStart = (nodes: readonly number[]): number[] => {
    const rest = new Set(nodes);
    const order: number[] = [];
    let [at, clock] = [0, 0];
    while (rest.size) {
      let best = -1;
      let bestStart = Infinity;
      for (const n of rest) {
        const start = Math.max(clock + t[at]![n]!, windowOf(n)?.open ?? 0);
        const late = start > (windowOf(n)?.close ?? Infinity) + EPS;
        if (!late && start < bestStart) [best, bestStart] = [n, start];
      }
      if (best < 0) return [...order, ...rest];
      order.push(best);
      rest.delete(best);
      [at, clock] = [best, bestStart + service(best)];
    }
    return order;
  };
  /** Subjects a day had room for (stops and hours) but whose window no position in it could meet. */
  const windowBlocked = new Set<number>();
  const days: PlannedDay[] = [];
  for (let day = 1; day <= o.days; day++) {
    let tour: number[] = [];
    for (const n of sweep) {
      if (tour.length >= o.maxStopsPerDay) break;
      if (!left.has(n)) continue;
      let best: number[] | null = null;
      let bestEnd = Infinity;
      let roomIgnoringWindow = false;
      for (let k = 0; k <= tour.length; k++) {
        const candidate = [...tour.slice(0, k), n, ...tour.slice(k)];
        const s = plan(candidate);
        if (!s.ok) {
          if (!roomIgnoringWindow && windowOf(n)) {
            const loose = schedule(t, candidate, service, (i) => (i === n ? undefined : windowOf(i)));
            roomIgnoringWindow = loose.ok && loose.end <= limit + EPS;
          }
          continue;
        }
        if (s.end <= limit + EPS && s.end < bestEnd) [best, bestEnd] = [candidate, s.end];
      }
      if (!best && roomIgnoringWindow) best = rebuild([...tour, n]);
      if (!best) {
        if (roomIgnoringWindow) windowBlocked.add(n);
        continue;
      }
      tour = best;
      left.delete(n);
    }
    // Order: nearest neighbour + 2-opt + Or-opt over travel minutes, and the insertion tour improved by moves that
    // keep the windows and hours; with windows also the day rebuilt by closing time, each then shortened by
    // shortenDay (waiting counts). The shortest feasible one is kept, so the day never exceeds what it was checked
    // against.
    const hasWindows = tour.some((i) => windowOf(i));
    const starts = [solveTour(t, tour), orOpt(t, twoOpt(t, [...tour], fits), fits)];
    if (hasWindows) starts.push(rebuild(tour) ?? tour, earliestStart(tour));
    let ends = starts.map((order) => ({ order, s: plan(order) }));
    if (hasWindows) {
      // Small days: every start is shortened and kicked; larger ones: only the best feasible start, shortened.
      const small = tour.length <= KICK_MAX_STOPS;
      const ranked = ends
        .filter((e) => small || (e.s.ok && e.s.end <= limit + EPS))
        .sort((a, b) => a.s.end - b.s.end)
        .slice(0, small ? undefined : 1);
      ends = [
        ...ends,
        ...ranked.map((e) => {
          const order = small ? kick(shortenDay(e.order)) : shortenDay(e.order);
          return { order, s: plan(order) };
        }),
      ];
    }
    const feasible = ends.filter((e) => e.s.ok && e.s.end <= limit + EPS);
    if (!feasible.length) throw new Error('route exceeds the day limit after improvement');
    const chosenDay = feasible.reduce((a, b) => (b.s.end < a.s.end - EPS ? b : a));
    const stops: PlannedStop[] = chosenDay.s.stops.map((st, k) => ({
      subjectId: chosen[st.node - 1]!.id,
      seq: k + 1,
      legKm: m.km[k === 0 ? 0 : chosenDay.s.stops[k - 1]!.node]![st.node]!,
      arriveMinute: st.arrive,
      waitMinutes: st.wait,
      serviceMinutes: service(st.node),
      window: windowOf(st.node),
    }));
    const last = chosenDay.order.at(-1) ?? 0;
    const km = stops.reduce((x, s) => x + s.legKm, 0) + m.km[last]![0]!;
    const serviceMinutes = stops.reduce((x, s) => x + s.serviceMinutes, 0);
    const waitMinutes = stops.reduce((x, s) => x + s.waitMinutes, 0);
    days.push({
      day,
      stops,
      distanceKm: km,
      travelMinutes: chosenDay.s.end - serviceMinutes - waitMinutes,
      serviceMinutes,
      waitMinutes,
      totalMinutes: chosenDay.s.end,
    });
  }
  for (const i of left)
    unplaced.push({
      subjectId: chosen[i - 1]!.id,
      reason: windowBlocked.has(i) ? 'time_window' : 'over_hours',
    });
  return { days, unplaced };
}
