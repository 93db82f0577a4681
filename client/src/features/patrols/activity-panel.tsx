/**
 * Patrol activity heat map and GPS track playback (巡查活动热力图、轨迹回放) in the patrol-plans workspace: the heat
 * map follows the workspace's period and scope; playback shows one day's tracks (all inspectors or one) with play /
 * pause, speed and a time slider (overlays/patrol-playback.layer.ts).
 */
import { type ReactElement, useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ActivityResponse, TracksResponse } from '../../../../server/contracts/patrol-activity';
import type { RequestOptions } from '../../api/http';
import type { MapHandle } from '../../map/map-handle';
import { patrolActivityHeatmap, PATROL_ACTIVITY_ID } from '../../overlays/patrol-activity-heatmap.layer';
import {
  createPlaybackClock,
  type PlaybackClock,
  type PlaybackTrip,
  playbackLayers,
  PATROL_PLAYBACK_ID,
} from '../../overlays/patrol-playback.layer';
import { dayColor } from '../../overlays/patrol-routes.layer';
import { patrolPlanApi, type Period } from './plan-api';

const SPEEDS = [60, 300, 900, 1800] as const;
const clock = (s: number) => {
  const m = Math.max(0, Math.round(s / 60));
  return `${String(Math.floor(m / 60)).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}`;
};

export function ActivityPanel(props: {
  map: MapHandle;
  period: Period;
  gridId: number | undefined;
  options: RequestOptions;
  onFail: (error: unknown) => void;
}): ReactElement {
  const { map, period, gridId, options, onFail } = props;
  const { t } = useTranslation();
  const [showHeat, setShowHeat] = useState(false);
  const [heat, setHeat] = useState<ActivityResponse | null>(null);
  const [date, setDate] = useState(period.to);
  const [inspector, setInspector] = useState('');
  const [tracks, setTracks] = useState<TracksResponse | null>(null);
  const [time, setTime] = useState(0);
  const [playing, setPlaying] = useState(false);
  const [speed, setSpeed] = useState<number>(300);
  const clockRef = useRef<PlaybackClock | null>(null);

  useEffect(() => {
    if (!showHeat) {
      map.setDeckLayers(PATROL_ACTIVITY_ID, null);
      return;
    }
    let live = true;
    patrolPlanApi
      .activity(period, gridId, options)
      .then((a) => {
        if (!live) return;
        setHeat(a);
        map.setDeckLayers(PATROL_ACTIVITY_ID, [patrolActivityHeatmap(a.points)]);
      })
      .catch(onFail);
    return () => {
      live = false;
    };
  }, [map, showHeat, period, gridId, options, onFail]);

  useEffect(() => {
    let live = true;
    patrolPlanApi
      .tracks(date, inspector || undefined, gridId, options)
      .then((r) => live && setTracks(r))
      .catch(onFail);
    return () => {
      live = false;
    };
  }, [date, inspector, gridId, options, onFail]);

  const trips: PlaybackTrip[] = useMemo(() => {
    const names = tracks?.inspectors.map((i) => i.name) ?? [];
    return (tracks?.trips ?? []).map((trip) => ({
      id: trip.patrolId,
      path: trip.path,
      timestamps: trip.timestamps,
      color: dayColor(names.indexOf(trip.inspector) + 1),
    }));
  }, [tracks]);

  const draw = useCallback(
    (at: number) => map.setDeckLayers(PATROL_PLAYBACK_ID, playbackLayers(trips, at)),
    [map, trips],
  );

  useEffect(() => {
    clockRef.current?.dispose();
    clockRef.current = null;
    if (!tracks || tracks.start === null || tracks.end === null || !trips.length) {
      map.setDeckLayers(PATROL_PLAYBACK_ID, null);
      return;
    }
    const c = createPlaybackClock({
      start: tracks.start,
      end: tracks.end,
      speed,
      onTick: (at, isPlaying) => {
        setTime(at);
        setPlaying(isPlaying);
        draw(at);
      },
    });
    clockRef.current = c;
    c.seek(tracks.end);
    const points = trips.flatMap((x) => x.path);
    const xs = points.map((p) => p[0]);
    const ys = points.map((p) => p[1]);
    if (points.length)
      map.fitBounds([
        Math.min(...xs) - 0.01,
        Math.min(...ys) - 0.01,
        Math.max(...xs) + 0.01,
        Math.max(...ys) + 0.01,
      ]);
    return () => c.dispose();
    // speed is applied through setSpeed below, without rebuilding the clock.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [tracks, trips, draw, map]);

  useEffect(() => clockRef.current?.setSpeed(speed), [speed]);

  useEffect(
    () => () => {
      map.setDeckLayers(PATROL_ACTIVITY_ID, null);
      map.setDeckLayers(PATROL_PLAYBACK_ID, null);
    },
    [map],
  );

  const hasTrips = Boolean(tracks && tracks.start !== null && trips.length);
  return (
    <>
      <section aria-labelledby="pp-activity" data-testid="activity">
        <h3 id="pp-activity">{t('patrolPlan.activity')}</h3>
        <label className="patrol-plan__check">
          <input
            type="checkbox"
            data-testid="show-activity"
            checked={showHeat}
            onChange={(e) => setShowHeat(e.target.checked)}
          />
          {t('patrolPlan.showActivity')}
        </label>
        {showHeat && heat && (
          <p data-testid="activity-count">{t('patrolPlan.activityCount', { count: heat.count })}</p>
        )}
      </section>
      <section aria-labelledby="pp-playback" data-testid="playback">
        <h3 id="pp-playback">{t('patrolPlan.playback')}</h3>
        <div className="patrol-plan__controls">
          <label>
            {t('patrolPlan.playbackDate')}
            <input
              type="date"
              data-testid="playback-date"
              value={date}
              onChange={(e) => e.target.value && setDate(e.target.value)}
            />
          </label>
          <label>
            {t('patrolPlan.inspector')}
            <select
              data-testid="playback-inspector"
              value={inspector}
              onChange={(e) => setInspector(e.target.value)}
            >
              <option value="">{t('patrolPlan.allInspectors')}</option>
              {tracks?.inspectors.map((i) => (
                <option key={i.name} value={i.name}>
                  {i.name} ({i.patrols})
                </option>
              ))}
            </select>
          </label>
        </div>
        {tracks && !hasTrips && <p className="patrol-plan__muted">{t('patrolPlan.noTracks')}</p>}
        {hasTrips && (
          <div className="patrol-plan__playback">
            <button
              type="button"
              data-testid="playback-toggle"
              onClick={() => (playing ? clockRef.current?.pause() : clockRef.current?.play())}
            >
              {playing ? t('patrolPlan.pause') : t('patrolPlan.play')}
            </button>
            <label>
              {t('patrolPlan.speed')}
              <select
                data-testid="playback-speed"
                value={speed}
                onChange={(e) => setSpeed(Number(e.target.value))}
              >
                {SPEEDS.map((s) => (
                  <option key={s} value={s}>
                    {s}×
                  </option>
                ))}
              </select>
            </label>
            <label className="patrol-plan__slider">
              <span>
                {t('patrolPlan.playbackTime')} <output data-testid="playback-time">{clock(time)}</output>
              </span>
              <input
                type="range"
                data-testid="playback-slider"
                min={tracks!.start!}
                max={tracks!.end!}
                step={10}
                value={time}
                onChange={(e) => clockRef.current?.seek(Number(e.target.value))}
              />
            </label>
            <span className="patrol-plan__muted">{t('patrolPlan.trips', { count: trips.length })}</span>
          </div>
        )}
      </section>
    </>
  );
}
