/**
 * Plausibility checks of a patrol record's position and GPS track (issue 6, item 4), pure functions over
 * WGS84 coordinates with great-circle distances (turf):
 *
 * - the distance of the record's position from the subject's base (0 inside it; the subject's location when it has
 *   no base): farther than `maxDistanceM` (default 500 m) → flagged `far_from_base` for review;
 * - "track-verified" when the track stays inside the base buffered by `bufferM` (default 50 m) for `dwellSeconds`
 *   (default 300 s) without leaving it;
 * - an impossible speed between two fixes (> `maxSpeedKmh`, default 150 km/h) → `impossible_speed`; a single step
 *   longer than `jumpM` (default 5 km) → `track_jump`; perfectly regular spacing and timing, as a simulator
 *   produces and a walking inspector does not → `regular_track`;
 * - fixes timestamped in the future (beyond a clock tolerance) are refused by the caller: `futureFixes` finds them.
 */
import { distance, point, pointToPolygonDistance } from '@turf/turf';
import type { MultiPolygon, Polygon } from 'geojson';

export type LonLat = [number, number];

export interface TrackFix {
  lon: number;
  lat: number;
  /** Time of the fix, milliseconds since the epoch. */
  t: number;
}

export interface TrackSettings {
  maxDistanceM: number;
  bufferM: number;
  dwellSeconds: number;
  maxSpeedKmh: number;
  jumpM: number;
  /** Fewest steps for the regularity test (shorter tracks are never called regular). */
  regularMinSteps: number;
  /** Coefficient of variation of step length and step time below which a track is "perfectly regular". */
  regularMaxCv: number;
  /** How far in the future a timestamp may lie (phone clocks drift), milliseconds. */
  futureToleranceMs: number;
}

export const DEFAULT_TRACK_SETTINGS: TrackSettings = {
  maxDistanceM: 500,
  bufferM: 50,
  dwellSeconds: 300,
  maxSpeedKmh: 150,
  jumpM: 5000,
  regularMinSteps: 6,
  regularMaxCv: 0.01,
  futureToleranceMs: 5 * 60 * 1000,
};

export const TRACK_FLAGS = [
  'far_from_base',
  'impossible_speed',
  'track_jump',
  'regular_track',
  'no_position',
] as const;
export type TrackFlag = (typeof TRACK_FLAGS)[number];

/** Where the subject is: its base polygon(s) and/or its location point. */
export interface SubjectPlace {
  base: Polygon | MultiPolygon | null;
  location: LonLat | null;
}

export interface TrackCheck {
  /** Metres from the position to the base (0 inside), or to the location; null without position or place. */
  distanceFromBaseM: number | null;
  /** Longest continuous stay inside the buffered base, seconds. */
  dwellSeconds: number;
  trackVerified: boolean;
  /** Highest speed between two consecutive fixes, km/h (null with fewer than two fixes). */
  maxSpeedKmh: number | null;
  flags: TrackFlag[];
}

/** Metres from a point to the subject's place: 0 inside the base, else to its edge; to the location without a base. */
export function distanceToPlace(p: LonLat, place: SubjectPlace): number | null {
  if (place.base) {
    const polygons =
      place.base.type === 'Polygon'
        ? [place.base.coordinates]
        : (place.base.coordinates as Polygon['coordinates'][]);
    let best = Infinity;
    for (const rings of polygons) {
      const d = pointToPolygonDistance(
        point(p),
        { type: 'Polygon', coordinates: rings },
        { units: 'meters' },
      );
      best = Math.min(best, Math.max(0, d));
    }
    return best;
  }
  if (place.location) return distance(point(p), point(place.location), { units: 'meters' });
  return null;
}

/** Indices of fixes later than now + tolerance. */
export function futureFixes(track: readonly TrackFix[], now: number, toleranceMs: number): number[] {
  return track.flatMap((f, i) => (f.t > now + toleranceMs ? [i] : []));
}

const cv = (values: number[]): number => {
  const mean = values.reduce((a, b) => a + b, 0) / values.length;
  if (mean === 0) return 0;
  const variance = values.reduce((a, b) => a + (b - mean) ** 2, 0) / values.length;
  return Math.sqrt(variance) / mean;
};

/** The checks of one record. The track must be in time order (the caller sorts or refuses it). */
export function checkTrack(
  position: LonLat | null,
  track: readonly TrackFix[],
  place: SubjectPlace,
  settings: TrackSettings = DEFAULT_TRACK_SETTINGS,
): TrackCheck {
  const flags = new Set<TrackFlag>();
  const distanceFromBaseM = position ? distanceToPlace(position, place) : null;
  if (!position) flags.add('no_position');
  else if (distanceFromBaseM !== null && distanceFromBaseM > settings.maxDistanceM)
    flags.add('far_from_base');

  const inside = track.map((f) => {
    const d = distanceToPlace([f.lon, f.lat], place);
    return d !== null && d <= settings.bufferM;
  });
  let longest = 0;
  let run = 0;
  let maxSpeedKmh: number | null = null;
  const stepM: number[] = [];
  const stepS: number[] = [];
  for (let i = 1; i < track.length; i++) {
    const a = track[i - 1] as TrackFix;
    const b = track[i] as TrackFix;
    const metres = distance(point([a.lon, a.lat]), point([b.lon, b.lat]), { units: 'meters' });
    const seconds = (b.t - a.t) / 1000;
    stepM.push(metres);
    stepS.push(seconds);
    const kmh = seconds > 0 ? metres / 1000 / (seconds / 3600) : metres > 1 ? Infinity : 0;
    maxSpeedKmh = maxSpeedKmh === null ? kmh : Math.max(maxSpeedKmh, kmh);
    if (kmh > settings.maxSpeedKmh) flags.add('impossible_speed');
    if (metres > settings.jumpM) flags.add('track_jump');
    if (inside[i - 1] && inside[i]) {
      run += seconds;
      longest = Math.max(longest, run);
    } else {
      run = 0;
    }
  }
  if (
    stepM.length >= settings.regularMinSteps &&
    stepM.every((m) => m > 0.5) &&
    cv(stepM) < settings.regularMaxCv &&
    cv(stepS) < settings.regularMaxCv
  ) {
    flags.add('regular_track');
  }
  return {
    distanceFromBaseM: distanceFromBaseM === null ? null : Math.round(distanceFromBaseM * 10) / 10,
    dwellSeconds: Math.round(longest),
    trackVerified: longest >= settings.dwellSeconds,
    maxSpeedKmh: maxSpeedKmh === null ? null : Math.round(maxSpeedKmh * 10) / 10,
    flags: TRACK_FLAGS.filter((f) => flags.has(f)),
  };
}
