/**
 * Patrol-track playback for a chosen day inside presentation mode: the day's timed GPS tracks under the slide's
 * grid (GET /api/patrols/tracks) animated on the slide's map with the TripsLayer of
 * overlays/patrol-playback.layer.ts, one colour per inspector; play/pause and the clock in large type.
 */
import { type ReactElement, useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { TracksResponse } from '../../../../../server/contracts/patrol-activity';
import { getJson, withQuery } from '../../../api/http';
import { useLang } from '../../../app/use-lang';
import type { SlideMap } from '../../../map/slide-map';
import {
  createPlaybackClock,
  type PlaybackClock,
  type PlaybackTrip,
  playbackLayers,
  PATROL_PLAYBACK_ID,
} from '../../../overlays/patrol-playback.layer';
import { dayColor } from '../../../overlays/patrol-routes.layer';

/** Playback seconds per real second: a working day in about a minute. */
const SPEED = 600;

const clockText = (s: number) => {
  const m = Math.max(0, Math.round(s / 60));
  return `${String(Math.floor(m / 60)).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}`;
};

export interface PatrolPlaybackProps {
  map: SlideMap | null;
  /** The grid whose patrols are played (the slide's parent grid); undefined: all the account may see. */
  gridId: number | undefined;
  day: string | null;
  onDay: (day: string | null) => void;
  onNotice: (text: string | null) => void;
}

export function PatrolPlayback({ map, gridId, day, onDay, onNotice }: PatrolPlaybackProps): ReactElement {
  const { t } = useTranslation();
  const lang = useLang();
  const [open, setOpen] = useState(day !== null);
  const [tracks, setTracks] = useState<{ key: string; value: TracksResponse } | null>(null);
  const [time, setTime] = useState<number | null>(null);
  const [playing, setPlaying] = useState(false);
  const clock = useRef<PlaybackClock | null>(null);
  const key = `${day}|${gridId}`;

  useEffect(() => {
    if (!day) return;
    let live = true;
    getJson<TracksResponse>(withQuery('/api/patrols/tracks', { date: day, gridId }), { lang })
      .then((value) => live && setTracks({ key, value }))
      .catch((error: unknown) => live && onNotice(error instanceof Error ? error.message : String(error)));
    return () => {
      live = false;
    };
  }, [day, gridId, key, lang, onNotice]);

  const current = day && tracks?.key === key ? tracks.value : null;
  const trips: PlaybackTrip[] = useMemo(() => {
    const names = current?.inspectors.map((i) => i.name) ?? [];
    return (current?.trips ?? []).map((trip) => ({
      id: trip.patrolId,
      path: trip.path,
      timestamps: trip.timestamps,
      color: dayColor(names.indexOf(trip.inspector) + 1),
    }));
  }, [current]);

  useEffect(() => {
    if (!map || !current || current.start === null || current.end === null || !trips.length) return;
    const c = createPlaybackClock({
      start: current.start,
      end: current.end,
      speed: SPEED,
      onTick: (at, isPlaying) => {
        setTime(at);
        setPlaying(isPlaying);
        map.setDeckLayers(PATROL_PLAYBACK_ID, playbackLayers(trips, at, { widthPixels: 6 }));
      },
    });
    clock.current = c;
    const points = trips.flatMap((trip) => trip.path);
    const xs = points.map((p) => p[0]);
    const ys = points.map((p) => p[1]);
    map.fitTo([Math.min(...xs), Math.min(...ys), Math.max(...xs), Math.max(...ys)]);
    c.seek(current.start);
    c.play();
    return () => {
      c.dispose();
      clock.current = null;
      map.setDeckLayers(PATROL_PLAYBACK_ID, null);
    };
  }, [map, current, trips]);

  if (!open)
    return (
      <button type="button" className="pres-tool" data-testid="playback-open" onClick={() => setOpen(true)}>
        {t('views.presentation.playback')}
      </button>
    );
  const status = !day
    ? null
    : !current
      ? t('views.presentation.playbackLoading')
      : trips.length === 0
        ? t('views.presentation.playbackNone', { day })
        : t('views.presentation.playbackShowing', { day, n: trips.length });
  return (
    <div className="pres-tools" role="group" aria-label={t('views.presentation.playback')}>
      <label>
        <span>{t('views.presentation.playbackDay')}</span>
        <input
          type="date"
          data-testid="playback-day"
          value={day ?? ''}
          onChange={(e) => onDay(e.target.value || null)}
        />
      </label>
      {current && trips.length > 0 && (
        <button
          type="button"
          className="pres-tool"
          data-testid="playback-toggle"
          onClick={() => (playing ? clock.current?.pause() : clock.current?.play())}
        >
          {playing ? t('views.presentation.pause') : t('views.presentation.play')}
        </button>
      )}
      {time !== null && current && trips.length > 0 && (
        <strong className="pres-clock" data-testid="playback-clock">
          {clockText(time)}
        </strong>
      )}
      {status && (
        <span className="pres-status" data-testid="playback-status" role="status">
          {status}
        </span>
      )}
      <button
        type="button"
        className="pres-tool"
        onClick={() => {
          onDay(null);
          setOpen(false);
        }}
      >
        {t('views.presentation.playbackOff')}
      </button>
    </div>
  );
}
