/**
 * Where failing samples concentrate (热力图): a kernel-density surface with the bandwidth in metres, or hexagons of a
 * radius in metres (both deck.gl, both on fixed colour classes), and a month-by-month slider with playback. The
 * failing samples of the filter are fetched once; the month only selects among them.
 */
import { type ReactElement, useCallback, useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { DrillDownResponse } from '../../../../server/contracts/analysis';
import { describeError } from '../../app/describe-error';
import { useLang } from '../../app/use-lang';
import type { MapHandle } from '../../map/map-handle';
import { analysisApi, type Filter } from './api';
import type * as HeatLayersModule from './heat-layers';
import { Legend } from './rates-view';
import { useLoaded } from './use-loaded';

type HeatLayers = typeof HeatLayersModule;

const DECK_GROUP = 'analysis-heat';
const LIMIT = 10_000;
type Mode = 'density' | 'hexagons';

const hex = (c: [number, number, number]) => `rgb(${c.join(',')})`;

/** The months from the first to the last sample (YYYY-MM). */
export function monthsBetween(first: string, last: string): string[] {
  const out: string[] = [];
  let [y, m] = first.split('-').map(Number) as [number, number];
  const [ly, lm] = last.split('-').map(Number) as [number, number];
  while (y < ly || (y === ly && m <= lm)) {
    out.push(`${y}-${String(m).padStart(2, '0')}`);
    m += 1;
    if (m > 12) [y, m] = [y + 1, 1];
  }
  return out;
}

export function HeatView({
  filter,
  map,
  onError,
}: {
  filter: Filter;
  map: MapHandle;
  onError: (text: string) => void;
}): ReactElement {
  const { t } = useTranslation();
  const lang = useLang();
  const options = useMemo(() => ({ lang }), [lang]);
  const [mode, setMode] = useState<Mode>('density');
  const [bandwidth, setBandwidth] = useState(1500);
  const [cell, setCell] = useState(1500);
  const key = JSON.stringify([filter, lang]);
  // 0: all months, else index + 1; a new filter starts again at "all months".
  const [monthState, setMonthState] = useState({ key, month: 0 });
  const month = monthState.key === key ? monthState.month : 0;
  const setMonth = useCallback(
    (next: number | ((m: number) => number)) =>
      setMonthState((s) => {
        const current = s.key === key ? s.month : 0;
        return { key, month: typeof next === 'function' ? next(current) : next };
      }),
    [key],
  );
  const [playing, setPlaying] = useState(false);
  const [layers, setLayers] = useState<HeatLayers | null>(null);

  useEffect(() => {
    let live = true;
    import('./heat-layers')
      .then((m) => live && setLayers(m))
      .catch((e: unknown) => onError(describeError(e, t)));
    return () => {
      live = false;
    };
  }, [onError, t]);

  const loaded: DrillDownResponse | null = useLoaded(
    key,
    () => analysisApi.samples(filter, { kind: 'all' }, true, LIMIT, options),
    (e) => onError(describeError(e, t)),
  );
  const rows = loaded?.rows ?? null;
  const total = loaded?.total ?? 0;

  const months = useMemo(() => {
    if (!rows?.length) return [];
    const sorted = rows.map((r) => r.sampledOn.slice(0, 7)).sort();
    return monthsBetween(sorted[0] as string, sorted[sorted.length - 1] as string);
  }, [rows]);

  const points = useMemo(() => {
    const wanted = month > 0 ? months[month - 1] : null;
    return (rows ?? [])
      .filter((r) => !wanted || r.sampledOn.startsWith(wanted))
      .map((r) => [r.lon, r.lat] as [number, number]);
  }, [rows, month, months]);

  useEffect(() => {
    if (!playing || months.length === 0) return;
    const timer = setInterval(() => setMonth((m) => (m >= months.length ? 1 : m + 1)), 1200);
    return () => clearInterval(timer);
  }, [playing, months.length, setMonth]);

  useEffect(() => {
    if (!layers) return;
    map.setDeckLayers(DECK_GROUP, layers.heatLayers(mode, points, bandwidth, cell));
  }, [map, layers, mode, points, bandwidth, cell]);

  useEffect(() => () => map.setDeckLayers(DECK_GROUP, null), [map]);

  const legend =
    mode === 'density'
      ? {
          title: t('analysis.heat.densityLegend'),
          items: (layers?.densityLegend() ?? []).map((c) => ({ label: c.label, color: hex(c.color) })),
        }
      : {
          title: t('analysis.heat.hexLegend'),
          items: (layers?.hexLegend() ?? []).map((c) => ({ label: c.label, color: hex(c.color) })),
        };

  return (
    <div className="analysis__view" data-testid="heat-view" aria-busy={!rows}>
      <div className="analysis__controls">
        <label>
          {t('analysis.heat.mode')}
          <select data-testid="heat-mode" value={mode} onChange={(e) => setMode(e.target.value as Mode)}>
            <option value="density">{t('analysis.heat.density')}</option>
            <option value="hexagons">{t('analysis.heat.hexagons')}</option>
          </select>
        </label>
        {mode === 'density' ? (
          <label>
            {t('analysis.heat.bandwidth')}: {bandwidth}
            <input
              type="range"
              data-testid="heat-bandwidth"
              min={200}
              max={5000}
              step={100}
              value={bandwidth}
              onChange={(e) => setBandwidth(Number(e.target.value))}
            />
          </label>
        ) : (
          <label>
            {t('analysis.heat.cell')}: {cell}
            <input
              type="range"
              data-testid="heat-cell"
              min={200}
              max={5000}
              step={100}
              value={cell}
              onChange={(e) => setCell(Number(e.target.value))}
            />
          </label>
        )}
      </div>
      <div className="analysis__controls">
        <label className="analysis__wide">
          {t('analysis.heat.month')}: {month > 0 ? months[month - 1] : t('analysis.heat.allMonths')}
          <input
            type="range"
            data-testid="heat-month"
            min={0}
            max={months.length}
            value={month}
            onChange={(e) => {
              setPlaying(false);
              setMonth(Number(e.target.value));
            }}
          />
        </label>
        <button
          type="button"
          data-testid="heat-play"
          disabled={!months.length}
          onClick={() => setPlaying(!playing)}
        >
          {playing ? t('analysis.heat.pause') : t('analysis.heat.play')}
        </button>
      </div>
      <Legend title={legend.title} items={legend.items} />
      {!rows && <p>{t('analysis.loading')}</p>}
      {rows && <p data-testid="heat-count">{t('analysis.heat.points', { count: points.length })}</p>}
      {rows && total > rows.length && (
        <p className="analysis__warn">{t('analysis.heat.truncated', { count: rows.length })}</p>
      )}
    </div>
  );
}
