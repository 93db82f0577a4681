/** Patrol routes: the heuristic against brute force on small seeded instances, and the daily limits. */
import { describe, expect, it } from 'vitest';
import {
  type RouteSubject,
  distanceMatrix,
  greatCircleKm,
  planRoutes,
  solveTour,
  tourLength,
} from '../../../../server/src/domain/patrols/routing';
import { riskScore } from '../../../../server/src/domain/patrols/risk';

/** Mulberry32: a small seeded generator so the instances are the same on every run. */
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

function bruteForce(d: number[][], nodes: number[]): number {
  let best = Infinity;
  const permute = (prefix: number[], rest: number[]) => {
    if (!rest.length) best = Math.min(best, tourLength(d, prefix));
    for (const [i, n] of rest.entries()) permute([...prefix, n], [...rest.slice(0, i), ...rest.slice(i + 1)]);
  };
  permute([], nodes);
  return best;
}

const STATION = { lon: 87.3, lat: 44.0 };

describe('tour heuristic', () => {
  it('is one degree of latitude ≈ 111.2 km on the great circle', () => {
    expect(greatCircleKm({ lon: 87, lat: 44 }, { lon: 87, lat: 45 })).toBeCloseTo(111.19, 1);
  });

  it('stays within 5 % of the optimum on 60 random instances of 3–8 stops', () => {
    const random = rng(20261123);
    let worst = 1;
    for (let k = 0; k < 60; k++) {
      const n = 3 + (k % 6);
      const pts = Array.from({ length: n }, () => ({
        lon: 87.1 + random() * 0.4,
        lat: 43.9 + random() * 0.3,
      }));
      const d = distanceMatrix(STATION, pts, 1.3);
      const nodes = pts.map((_, i) => i + 1);
      const order = solveTour(d, nodes);
      expect([...order].sort((a, b) => a - b)).toEqual(nodes);
      worst = Math.max(worst, tourLength(d, order) / bruteForce(d, nodes));
    }
    expect(worst).toBeLessThanOrEqual(1.05);
  });
});

describe('daily plans', () => {
  const subjects: RouteSubject[] = Array.from({ length: 12 }, (_, i) => ({
    id: 100 + i,
    lon: 87.3 + 0.01 * ((i % 4) + 1),
    lat: 44.0 + 0.01 * Math.floor(i / 4),
    serviceMinutes: 30,
  }));
  const options = { days: 2, maxStopsPerDay: 5, maxHoursPerDay: 8, speedKmh: 30, detourFactor: 1.3 };

  it('keeps the stops per day, leaves the lowest priorities out for capacity and starts at the station', () => {
    const plan = planRoutes(STATION, subjects, options);
    expect(plan.days.map((d) => d.stops.length)).toEqual([5, 5]);
    expect(plan.unplaced).toEqual([
      { subjectId: 110, reason: 'over_capacity' },
      { subjectId: 111, reason: 'over_capacity' },
    ]);
    const first = plan.days[0]!.stops[0]!;
    const s = subjects.find((x) => x.id === first.subjectId)!;
    expect(first.legKm).toBeCloseTo(greatCircleKm(STATION, s) * 1.3, 6);
    expect(first.arriveMinute).toBeCloseTo((first.legKm / 30) * 60, 6);
  });

  it('stops adding stops when the day would run over its hours, and names subjects too far for any day', () => {
    const far = { id: 999, lon: 90, lat: 44, serviceMinutes: 30 }; // ~215 km away: 2 × 280 km at 30 km/h
    const plan = planRoutes(STATION, [far, ...subjects.slice(0, 6)], {
      ...options,
      days: 1,
      maxStopsPerDay: 10,
      maxHoursPerDay: 2,
    });
    const day = plan.days[0]!;
    expect(day.totalMinutes).toBeLessThanOrEqual(120);
    expect(day.stops.length).toBeLessThan(6);
    expect(plan.unplaced).toContainEqual({ subjectId: 999, reason: 'too_far' });
    expect(plan.unplaced.filter((u) => u.reason === 'over_hours').length).toBe(6 - day.stops.length);
  });
});

describe('days by sector', () => {
  it('gives each day one side of the station instead of mixing both', () => {
    const side = (dir: number, base: number): RouteSubject[] =>
      Array.from({ length: 5 }, (_, i) => ({
        id: base + i,
        lon: STATION.lon + dir * (0.05 + 0.01 * i),
        lat: STATION.lat + 0.004 * (i % 2),
        serviceMinutes: 20,
      }));
    // Priority order alternates east and west, as a risk ranking would.
    const east = side(1, 1);
    const west = side(-1, 11);
    const mixed = east.flatMap((e, i) => [e, west[i]!]);
    const plan = planRoutes(STATION, mixed, {
      days: 2,
      maxStopsPerDay: 5,
      maxHoursPerDay: 8,
      speedKmh: 30,
      detourFactor: 1.3,
    });
    const sides = plan.days.map((d) => new Set(d.stops.map((s) => (s.subjectId < 10 ? 'east' : 'west'))));
    expect(sides.map((s) => s.size)).toEqual([1, 1]);
    expect(plan.unplaced).toEqual([]);
  });
});

describe('risk score', () => {
  it('is the sum of its factor contributions', () => {
    const r = riskScore({
      subjectId: 1,
      overdueDays: 50,
      creditClass: 'C',
      keyList: true,
      failingSamples: 1,
      rectifyFindings: 1,
      referFindings: 0,
      strictControlZone: true,
    });
    expect(r.factors).toEqual({
      overdue: 10,
      credit_class: 15,
      key_list: 20,
      failing_samples: 15,
      patrol_findings: 10,
      soil_strict_control: 15,
    });
    expect(r.score).toBe(85);
  });
});
