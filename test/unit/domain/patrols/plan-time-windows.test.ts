/**
 * Patrol routes with time windows and service times, on small instances checked by hand (travel minutes given as a
 * matrix), and against the brute-force optimum (shortest day that meets every window) on seeded random instances.
 */
import { describe, expect, it } from 'vitest';
import {
  type RouteSubject,
  type TimeWindow,
  type TravelMatrix,
  greatCircleTravel,
  planRoutes,
  schedule,
} from '../../../../server/src/domain/patrols/routing';

const STATION = { lon: 125.0, lat: 44.4 };
const options = { days: 1, maxStopsPerDay: 10, maxHoursPerDay: 8, speedKmh: 30, detourFactor: 1.3 };
/** Travel where km = minutes ÷ 2 (30 km/h), so the legs are easy to check. */
const matrix = (minutes: number[][]): TravelMatrix => ({
  minutes,
  km: minutes.map((r) => r.map((x) => x / 2)),
});
const subject = (id: number, dLon: number, window?: TimeWindow): RouteSubject => ({
  id,
  lon: STATION.lon + dLon,
  lat: STATION.lat,
  serviceMinutes: 10,
  window,
});

describe('time windows, checked by hand', () => {
  // Station S — A — B on one road: S→A 10 min, A→B 10 min, S→B 20 min; 10 min on site each.
  const line = matrix([
    [0, 10, 20],
    [10, 0, 10],
    [20, 10, 0],
  ]);

  it('without windows visits A then B and is back after 60 minutes', () => {
    const plan = planRoutes(STATION, [subject(1, 0.01), subject(2, 0.02)], options, line);
    const day = plan.days[0]!;
    expect(day.stops.map((s) => [s.subjectId, s.arriveMinute, s.waitMinutes])).toEqual([
      [1, 10, 0],
      [2, 30, 0],
    ]);
    expect([day.totalMinutes, day.travelMinutes, day.serviceMinutes, day.waitMinutes]).toEqual([
      60, 40, 20, 0,
    ]);
    expect(day.distanceKm).toBe(20);
  });

  it('waits for a window that opens later and takes the order that waits least (B first: 70 min, not 100)', () => {
    // A only from minute 50 to 60. A first: arrive 10, wait 40, leave 60, B at 70, back at 100.
    // B first: B at 20, leave 30, A at 40, wait 10, leave 60, back at 70.
    const plan = planRoutes(
      STATION,
      [subject(1, 0.01, { open: 50, close: 60 }), subject(2, 0.02)],
      options,
      line,
    );
    const day = plan.days[0]!;
    expect(day.stops.map((s) => [s.subjectId, s.arriveMinute, s.waitMinutes])).toEqual([
      [2, 20, 0],
      [1, 40, 10],
    ]);
    expect(day.totalMinutes).toBe(70);
    expect(day.waitMinutes).toBe(10);
    expect(plan.unplaced).toEqual([]);
  });

  it('lists a subject whose window closes before anyone can get there as "time_window"', () => {
    // A closes at minute 5 but is 10 minutes from the station.
    const plan = planRoutes(
      STATION,
      [subject(1, 0.01, { open: 0, close: 5 }), subject(2, 0.02)],
      options,
      line,
    );
    expect(plan.unplaced).toEqual([{ subjectId: 1, reason: 'time_window' }]);
    expect(plan.days[0]!.stops.map((s) => s.subjectId)).toEqual([2]);
  });

  // A east and B west of the station, 10 minutes each way, 20 minutes apart; both must be started by minute 15.
  const opposite = matrix([
    [0, 10, 10],
    [10, 0, 20],
    [10, 20, 0],
  ]);
  const both = [subject(1, 0.01, { open: 0, close: 15 }), subject(2, -0.01, { open: 0, close: 15 })];

  it('cannot meet two early windows on opposite sides in one day: the second is "time_window"', () => {
    // A first: A at 10, leave 20, B at 40 > 15. B first: the same the other way round.
    const plan = planRoutes(STATION, both, options, opposite);
    expect(plan.days[0]!.stops.map((s) => s.subjectId)).toEqual([1]);
    expect(plan.unplaced).toEqual([{ subjectId: 2, reason: 'time_window' }]);
  });

  it('puts them on two days when there are two', () => {
    const plan = planRoutes(STATION, both, { ...options, days: 2 }, opposite);
    expect(plan.days.map((d) => d.stops.map((s) => [s.subjectId, s.arriveMinute]))).toEqual([
      [[1, 10]],
      [[2, 10]],
    ]);
    expect(plan.days.map((d) => d.totalMinutes)).toEqual([30, 30]);
    expect(plan.unplaced).toEqual([]);
  });

  it('still calls a subject that does not fit the hours "over_hours", not "time_window"', () => {
    // 55 minutes a day: A alone takes 30 min and B alone 50, but both take 60 in either order.
    const plan = planRoutes(
      STATION,
      [subject(1, 0.01), subject(2, 0.02, { open: 0, close: 400 })],
      { ...options, maxHoursPerDay: 55 / 60 },
      line,
    );
    expect(plan.days[0]!.stops.map((s) => s.subjectId)).toEqual([1]);
    expect(plan.unplaced).toEqual([{ subjectId: 2, reason: 'over_hours' }]);
  });

  it('uses the service time of each subject', () => {
    const long = { ...subject(1, 0.01), serviceMinutes: 45 };
    const plan = planRoutes(STATION, [long, subject(2, 0.02)], options, line);
    expect(plan.days[0]!.stops.map((s) => [s.arriveMinute, s.serviceMinutes])).toEqual([
      [10, 45],
      [65, 10],
    ]);
    expect(plan.days[0]!.totalMinutes).toBe(95);
  });
});

/** Mulberry32 (seeded). */
function rng(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** The shortest day (back at the station) over all orders that meet every window; Infinity when none does. */
function optimumEnd(m: TravelMatrix, subjects: RouteSubject[]): number {
  let best = Infinity;
  const nodes = subjects.map((_, i) => i + 1);
  const permute = (prefix: number[], rest: number[]) => {
    if (!rest.length) {
      const s = schedule(
        m.minutes,
        prefix,
        (i) => subjects[i - 1]!.serviceMinutes,
        (i) => subjects[i - 1]!.window,
      );
      if (s.ok) best = Math.min(best, s.end);
    }
    for (const [i, n] of rest.entries()) permute([...prefix, n], [...rest.slice(0, i), ...rest.slice(i + 1)]);
  };
  permute([], nodes);
  return best;
}

describe('time windows against the optimum', () => {
  it('places every stop and stays within 5 % of the shortest window-keeping day on random instances', () => {
    const random = rng(6_2026);
    let solvable = 0;
    let worst = 1;
    for (let k = 0; k < 80; k++) {
      const n = 3 + (k % 5);
      const subjects: RouteSubject[] = Array.from({ length: n }, (_, i) => {
        const open = Math.floor(random() * 240);
        return {
          id: i + 1,
          lon: STATION.lon + (random() - 0.5) * 0.4,
          lat: STATION.lat + (random() - 0.5) * 0.3,
          serviceMinutes: 15 + Math.floor(random() * 30),
          window: random() < 0.5 ? { open, close: open + 60 + Math.floor(random() * 120) } : undefined,
        };
      });
      const m = greatCircleTravel(STATION, subjects, 1.3, 30);
      const best = optimumEnd(m, subjects);
      if (!Number.isFinite(best) || best > 10 * 60) continue;
      solvable += 1;
      const plan = planRoutes(STATION, subjects, { ...options, maxHoursPerDay: 10 }, m);
      expect(plan.unplaced).toEqual([]);
      worst = Math.max(worst, plan.days[0]!.totalMinutes / best);
    }
    expect(solvable).toBeGreaterThan(30);
    expect(worst).toBeLessThanOrEqual(1.05);
  });
});
