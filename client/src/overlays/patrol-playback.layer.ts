/**
 * GPS track playback (轨迹回放): timed tracks drawn with deck.gl's TripsLayer up to a moving clock, with a dot at each
 * trip's current position, and a small clock that plays, pauses, changes speed and seeks. Used by the patrol-plans
 * workspace and by presentation mode; nothing here knows about patrols beyond the trip shape.
 *
 *   const clock = createPlaybackClock({ start, end, speed: 300, onTick: (t) => map.setDeckLayers('playback',
 *     playbackLayers(trips, t)) });
 *   clock.play(); clock.setSpeed(900); clock.seek(start + 3600); clock.pause(); clock.dispose();
 *
 * Times are plain numbers in seconds (e.g. seconds after midnight); `speed` is playback seconds per real second.
 */
import type { Layer } from '@deck.gl/core';
import { TripsLayer } from '@deck.gl/geo-layers';
import { ScatterplotLayer } from '@deck.gl/layers';

export const PATROL_PLAYBACK_ID = 'patrol-playback';

export interface PlaybackTrip {
  id: string | number;
  /** [lon, lat] per point. */
  path: [number, number][];
  /** Seconds per point, ascending, same length as path. */
  timestamps: number[];
  color?: [number, number, number];
}

export interface PlaybackLayerOptions {
  /** How long a passed stretch stays visible, seconds (default 1800). */
  trailSeconds?: number;
  /** Layer id prefix (default PATROL_PLAYBACK_ID), so two playbacks can be on one map. */
  id?: string;
  /** Line width in pixels (default 4). */
  widthPixels?: number;
}

const DEFAULT_COLOR: [number, number, number] = [230, 85, 13];

/** The trip's position at time t (interpolated), or null before its first or after its last point. */
export function positionAt(trip: PlaybackTrip, t: number): [number, number] | null {
  const ts = trip.timestamps;
  if (!ts.length || t < ts[0]! || t > ts[ts.length - 1]!) return null;
  let i = 1;
  while (i < ts.length - 1 && ts[i]! < t) i++;
  const [t0, t1] = [ts[i - 1]!, ts[i]!];
  const f = t1 > t0 ? (t - t0) / (t1 - t0) : 1;
  const [a, b] = [trip.path[i - 1]!, trip.path[i]!];
  return [a[0] + (b[0] - a[0]) * f, a[1] + (b[1] - a[1]) * f];
}

/** The layers for time t: the trails (TripsLayer) and a dot where each active trip is. */
export function playbackLayers(
  trips: readonly PlaybackTrip[],
  t: number,
  o: PlaybackLayerOptions = {},
): Layer[] {
  const id = o.id ?? PATROL_PLAYBACK_ID;
  const heads = trips
    .map((trip) => ({ trip, position: positionAt(trip, t) }))
    .filter((h): h is { trip: PlaybackTrip; position: [number, number] } => h.position !== null);
  return [
    new TripsLayer<PlaybackTrip>({
      id: `${id}-trips`,
      data: trips as PlaybackTrip[],
      getPath: (d) => d.path,
      getTimestamps: (d) => d.timestamps,
      getColor: (d) => d.color ?? DEFAULT_COLOR,
      currentTime: t,
      trailLength: o.trailSeconds ?? 1800,
      fadeTrail: true,
      widthMinPixels: o.widthPixels ?? 4,
      capRounded: true,
      jointRounded: true,
    }),
    new ScatterplotLayer<(typeof heads)[number]>({
      id: `${id}-heads`,
      data: heads,
      getPosition: (h) => h.position,
      getFillColor: (h) => h.trip.color ?? DEFAULT_COLOR,
      getLineColor: [255, 255, 255],
      stroked: true,
      lineWidthMinPixels: 2,
      getRadius: 7,
      radiusUnits: 'pixels',
    }),
  ];
}

export interface PlaybackClock {
  play(): void;
  pause(): void;
  /** Playback seconds per real second. */
  setSpeed(speed: number): void;
  seek(t: number): void;
  state(): { time: number; playing: boolean; speed: number };
  dispose(): void;
}

/**
 * A clock from start to end driven by requestAnimationFrame: calls onTick(t) on every frame while playing and on
 * seek; stops (paused) at the end. `now` and `frame` can be replaced in tests.
 */
export function createPlaybackClock(o: {
  start: number;
  end: number;
  speed?: number;
  onTick: (t: number, playing: boolean) => void;
  now?: () => number;
  frame?: (cb: () => void) => number;
  cancelFrame?: (handle: number) => void;
}): PlaybackClock {
  const now = o.now ?? (() => performance.now());
  const frame = o.frame ?? ((cb: () => void) => requestAnimationFrame(cb));
  const cancel = o.cancelFrame ?? ((h: number) => cancelAnimationFrame(h));
  let time = o.start;
  let speed = o.speed ?? 300;
  let playing = false;
  let handle: number | null = null;
  let last = 0;
  const tick = () => {
    const at = now();
    time = Math.min(o.end, time + ((at - last) / 1000) * speed);
    last = at;
    if (time >= o.end) playing = false;
    o.onTick(time, playing);
    handle = playing ? frame(tick) : null;
  };
  const stop = () => {
    if (handle !== null) cancel(handle);
    handle = null;
  };
  return {
    play() {
      if (playing) return;
      if (time >= o.end) time = o.start;
      playing = true;
      last = now();
      handle = frame(tick);
    },
    pause() {
      playing = false;
      stop();
      o.onTick(time, false);
    },
    setSpeed(s) {
      speed = s;
    },
    seek(t) {
      time = Math.max(o.start, Math.min(o.end, t));
      last = now();
      o.onTick(time, playing);
    },
    state: () => ({ time, playing, speed }),
    dispose() {
      playing = false;
      stop();
    },
  };
}
