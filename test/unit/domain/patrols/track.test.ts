/**
 * Track checks against hand-computed fixtures on the equator, where 0.001° of longitude or latitude is
 * 2π · 6 371 008.8 m / 360 000 = 111.195 m (turf's mean earth radius).
 */
import { describe, expect, it } from 'vitest';
import type { Polygon } from 'geojson';
import {
  DEFAULT_TRACK_SETTINGS,
  type SubjectPlace,
  type TrackFix,
  checkTrack,
  distanceToPlace,
  futureFixes,
} from '../../../../server/src/domain/patrols/track';

const M_PER_MILLIDEG = 111.195;
/** A base of 0.001° × 0.001° (≈ 111 m square) at the origin. */
const base: Polygon = {
  type: 'Polygon',
  coordinates: [
    [
      [0, 0],
      [0.001, 0],
      [0.001, 0.001],
      [0, 0.001],
      [0, 0],
    ],
  ],
};
const place: SubjectPlace = { base, location: [0.0005, 0.0005] };
const T0 = Date.UTC(2026, 4, 10, 2, 0, 0);
const fix = (lon: number, lat: number, seconds: number): TrackFix => ({ lon, lat, t: T0 + seconds * 1000 });

describe('distance of the record from the subject', () => {
  it('is 0 inside the base and the distance to its edge outside', () => {
    expect(distanceToPlace([0.0005, 0.0005], place)).toBe(0);
    // 0.004° east of the east edge, near the equator: 4 × 111.195 = 444.8 m
    expect(distanceToPlace([0.005, 0.0005], place)).toBeCloseTo(4 * M_PER_MILLIDEG, -1);
  });

  it('measures to the location when the subject has no base', () => {
    expect(distanceToPlace([0.0005, 0.0035], { base: null, location: [0.0005, 0.0005] })).toBeCloseTo(
      3 * M_PER_MILLIDEG,
      0,
    );
  });

  it('flags a record taken more than 500 m away for review, not one 445 m away', () => {
    const near = checkTrack([0.005, 0.0005], [], place);
    expect(near.flags).toEqual([]);
    const far = checkTrack([0.006, 0.0005], [], place); // 5 × 111.195 = 556 m
    expect(far.distanceFromBaseM).toBeGreaterThan(550);
    expect(far.distanceFromBaseM).toBeLessThan(560);
    expect(far.flags).toEqual(['far_from_base']);
  });

  it('flags a record without a position', () => {
    expect(checkTrack(null, [], place).flags).toEqual(['no_position']);
  });

  it('takes the distance limit from the settings', () => {
    const strict = { ...DEFAULT_TRACK_SETTINGS, maxDistanceM: 400 };
    expect(checkTrack([0.005, 0.0005], [], place, strict).flags).toEqual(['far_from_base']);
  });
});

describe('track verification', () => {
  it('verifies a track that stays 5 minutes inside the base buffered by 50 m', () => {
    // six fixes a minute apart, the second 40 m (0.00036°) outside the west edge: inside the buffer
    const track = [0, 60, 120, 180, 240, 300].map((s, i) =>
      fix(i === 1 ? -0.00036 : 0.0002 + i * 0.0001, 0.0005, s),
    );
    const check = checkTrack([0.0005, 0.0005], track, place);
    expect(check.dwellSeconds).toBe(300);
    expect(check.trackVerified).toBe(true);
    expect(check.flags).toEqual([]);
  });

  it('does not verify four minutes, nor a stay broken by a fix 111 m outside', () => {
    const short = [0, 60, 120, 180, 240].map((s) => fix(0.0005, 0.0005, s));
    expect(checkTrack([0.0005, 0.0005], short, place).trackVerified).toBe(false);
    const broken = [0, 60, 120, 180, 240, 300, 360].map((s, i) => fix(i === 3 ? 0.002 : 0.0005, 0.0005, s));
    const check = checkTrack([0.0005, 0.0005], broken, place);
    expect(check.dwellSeconds).toBe(120); // 0–120 s, then 240–360 s: two stays of 2 minutes
    expect(check.trackVerified).toBe(false);
  });

  it('takes buffer and dwell time from the settings', () => {
    const track = [0, 60, 120].map((s) => fix(-0.00036, 0.0005, s)); // 40 m outside
    const lenient = { ...DEFAULT_TRACK_SETTINGS, dwellSeconds: 120 };
    expect(checkTrack([0.0005, 0.0005], track, place, lenient).trackVerified).toBe(true);
    expect(checkTrack([0.0005, 0.0005], track, place, { ...lenient, bufferM: 30 }).trackVerified).toBe(false);
  });
});

describe('implausible tracks', () => {
  it('flags 1.11 km in 20 s (200 km/h) as an impossible speed, not in 60 s (66.7 km/h)', () => {
    const fast = checkTrack([0.0005, 0.0005], [fix(0, 0, 0), fix(0.01, 0, 20)], place);
    expect(fast.maxSpeedKmh).toBeCloseTo(200.2, 0);
    expect(fast.flags).toContain('impossible_speed');
    const slow = checkTrack([0.0005, 0.0005], [fix(0, 0, 0), fix(0.01, 0, 60)], place);
    expect(slow.maxSpeedKmh).toBeCloseTo(66.7, 0);
    expect(slow.flags).toEqual([]);
  });

  it('flags a 111 km jump even when it took long enough', () => {
    const check = checkTrack([0.0005, 0.0005], [fix(0, 0, 0), fix(1, 0, 3 * 3600)], place);
    expect(check.maxSpeedKmh).toBeCloseTo(37.1, 0);
    expect(check.flags).toEqual(['track_jump']);
  });

  it('flags two fixes at the same instant far apart', () => {
    expect(checkTrack([0.0005, 0.0005], [fix(0, 0, 0), fix(0.001, 0, 0)], place).flags).toContain(
      'impossible_speed',
    );
  });

  it('flags perfectly regular spacing and timing as mocked, not a walk with uneven steps', () => {
    const mocked = Array.from({ length: 8 }, (_, i) => fix(i * 0.0001, 0.0005, i * 10));
    expect(checkTrack([0.0005, 0.0005], mocked, place).flags).toEqual(['regular_track']);
    const steps = [0, 0.00008, 0.00021, 0.00027, 0.0004, 0.00046, 0.00061, 0.00066];
    const walked = steps.map((lon, i) => fix(lon, 0.0005, i * 10 + (i % 3)));
    expect(checkTrack([0.0005, 0.0005], walked, place).flags).toEqual([]);
  });
});

describe('future timestamps', () => {
  it('finds fixes more than the tolerance in the future', () => {
    const now = T0 + 600_000;
    const track = [fix(0, 0, 0), fix(0, 0, 600 + 200), fix(0, 0, 600 + 400)];
    expect(futureFixes(track, now, DEFAULT_TRACK_SETTINGS.futureToleranceMs)).toEqual([2]);
  });
});
