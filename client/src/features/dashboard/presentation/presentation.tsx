/**
 * Presentation mode (issue 8, item 3): the saved views of a deck shown full screen like slides, in large type and
 * without the app's chrome. Each slide applies its view — layers, camera, period, indicator — and can compare two
 * periods with a swipe divider or side by side (two synchronised maps), and play back a day's patrol tracks.
 *
 * Keys: → ↓ PageDown Space next, ← ↑ PageUp previous, Home/End first/last, Esc exits (leaving full screen exits
 * too). Without the Fullscreen API (phones, kiosks) the presentation fills the window instead.
 */
import { type ReactElement, useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { createPortal } from 'react-dom';
import { useTranslation } from 'react-i18next';
import type { ClientConfig } from '../../../../../server/contracts/api';
import type { IndicatorValue } from '../../../../../server/contracts/indicators';
import type { SavedView } from '../../../../../server/contracts/views';
import { describeError } from '../../../app/describe-error';
import { viewsApi } from '../../views/api';
import { useLang } from '../../../app/use-lang';
import type { TileSources } from '../../../map/style/sources';
import type { Period } from '../api';
import { CLASSES, classLabel, percent } from '../classes';
import { enterFullscreen, exitFullscreen, isFullscreen } from './fullscreen';
import { PatrolPlayback } from './playback';
import { choropleth, periodLabel, type SlideData, SlideLoader, yearBefore } from './slides';
import { SlideMap } from '../../../map/slide-map';
import { SwipeDivider } from './swipe-divider';
import './presentation.css';

export type CompareMode = 'off' | 'swipe' | 'side';

export interface PresentationProps {
  views: readonly SavedView[];
  start: number;
  config: ClientConfig;
  sources: TileSources;
  county: { id: number; name: string };
  onClose: () => void;
  /** A view whose comparison or playback day was saved from the presentation. */
  onSaved?: (view: SavedView) => void;
}

/** Dashboard slides keep only the grid outlines under the choropleth, as the dashboard itself does. */
const DASHBOARD_LAYERS = new Set(['county', 'township']);

const NEXT = new Set(['ArrowRight', 'ArrowDown', 'PageDown', ' ', 'Spacebar']);
const PREV = new Set(['ArrowLeft', 'ArrowUp', 'PageUp']);

export default function Presentation(props: PresentationProps): ReactElement {
  const { config, sources, county, onClose, onSaved } = props;
  const [views, setViews] = useState(props.views);
  const { t } = useTranslation();
  const lang = useLang();
  const loader = useMemo(() => new SlideLoader(county, { lang }), [county, lang]);
  const [index, setIndex] = useState(() => Math.min(Math.max(props.start, 0), views.length - 1));
  const view = views[index]!;
  const state = view.state;
  const dashboard = state.workspace === 'dashboard';
  const [mode, setMode] = useState<CompareMode>(state.compare?.mode ?? 'off');
  const [periodB, setPeriodB] = useState<Period>(state.compare?.period ?? yearBefore(state.period));
  const [day, setDay] = useState<string | null>(state.patrolDay);
  const [split, setSplit] = useState(0.5);
  const [data, setData] = useState<{ key: string; value: SlideData } | null>(null);
  const [dataB, setDataB] = useState<{ key: string; value: SlideData['b'] } | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [camera, setCamera] = useState('');
  const [rendered, setRendered] = useState(0);
  const root = useRef<HTMLDivElement>(null);
  const boxA = useRef<HTMLDivElement>(null);
  const boxB = useRef<HTMLDivElement>(null);
  const [mapA, setMapA] = useState<SlideMap | null>(null);
  const [mapB, setMapB] = useState<SlideMap | null>(null);
  const comparing = dashboard && mode !== 'off';
  const latestClose = useRef(onClose);
  useEffect(() => {
    latestClose.current = onClose;
  });
  const fail = useCallback((error: unknown) => setNotice(describeError(error, t)), [t]);

  // A new slide brings its own comparison and playback settings.
  const [shown, setShown] = useState(index);
  if (shown !== index) {
    setShown(index);
    setMode(state.compare?.mode ?? 'off');
    setPeriodB(state.compare?.period ?? yearBefore(state.period));
    setDay(state.patrolDay);
  }

  const go = useCallback(
    (to: number) => setIndex(Math.min(Math.max(to, 0), views.length - 1)),
    [views.length],
  );

  // Full screen where the browser allows it; leaving full screen (Esc) ends the presentation.
  useEffect(() => {
    let entered = false;
    const element = root.current;
    if (element)
      void enterFullscreen(element).then((ok) => {
        entered = ok;
        if (!ok) setNotice(t('views.presentation.noFullscreen'));
      });
    const onChange = () => {
      if (entered && !isFullscreen()) latestClose.current();
    };
    document.addEventListener('fullscreenchange', onChange);
    return () => {
      document.removeEventListener('fullscreenchange', onChange);
      entered = false;
      void exitFullscreen();
    };
  }, [t]);

  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (event.key === 'Escape') {
        event.preventDefault();
        latestClose.current();
        return;
      }
      const target = event.target as HTMLElement | null;
      if (target?.closest('input, select, textarea, [data-own-keys]')) return;
      if (NEXT.has(event.key)) go(index + 1);
      else if (PREV.has(event.key)) go(index - 1);
      else if (event.key === 'Home') go(0);
      else if (event.key === 'End') go(views.length - 1);
      else return;
      event.preventDefault();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [go, index, views.length]);

  // Map A lives as long as the presentation; map B while two periods are compared.
  useEffect(() => {
    if (!boxA.current) return;
    const created = new SlideMap(boxA.current, config, sources, setNotice);
    const report = () => {
      const c = created.camera();
      setCamera(`${c.center[0].toFixed(4)},${c.center[1].toFixed(4)},${c.zoom.toFixed(2)}`);
    };
    created.map.on('moveend', report);
    created.map.on('idle', () => setRendered(created.renderedGrids()));
    void created.ready.then(() => {
      report();
      setMapA(created);
    });
    return () => {
      setMapA(null);
      created.destroy();
    };
  }, [config, sources]);

  useEffect(() => {
    if (!comparing || !boxB.current) return;
    const created = new SlideMap(boxB.current, config, sources, setNotice);
    void created.ready.then(() => setMapB(created));
    return () => {
      setMapB(null);
      created.destroy();
    };
  }, [comparing, config, sources]);

  // The two maps follow each other.
  useEffect(() => {
    if (!mapA || !mapB) return;
    let syncing = false;
    const follow = (from: SlideMap, to: SlideMap) => () => {
      if (syncing) return;
      syncing = true;
      to.jumpTo(from.camera());
      syncing = false;
    };
    const ab = follow(mapA, mapB);
    const ba = follow(mapB, mapA);
    mapA.map.on('move', ab);
    mapB.map.on('move', ba);
    ab();
    return () => {
      mapA.map.off('move', ab);
      mapB.map.off('move', ba);
    };
  }, [mapA, mapB]);

  // The slide's camera and layers.
  useEffect(() => {
    if (!mapA) return;
    const layers = dashboard ? state.layers.filter((l) => DASHBOARD_LAYERS.has(l)) : state.layers;
    mapA.setLayers(layers);
    mapB?.setLayers(layers);
    mapA.frame(state.camera);
  }, [mapA, mapB, state, dashboard]);

  // The slide's indicator data (and the next slide's, fetched ahead); the comparison period's separately, so
  // switching the comparison on or to another year keeps the slide's own map on screen.
  const dataKey = `${view.id}|${view.version}`;
  const compareKey = `${dataKey}|${periodB.from}|${periodB.to}`;
  useEffect(() => {
    if (!dashboard) return;
    let live = true;
    loader
      .load(state, null)
      .then((value) => {
        if (live) setData({ key: dataKey, value });
      })
      .catch((error: unknown) => {
        if (live) fail(error);
      });
    const next = views[index + 1];
    if (next?.state.workspace === 'dashboard') void loader.load(next.state, null).catch(() => undefined);
    return () => {
      live = false;
    };
  }, [loader, state, dashboard, dataKey, views, index, fail]);
  useEffect(() => {
    if (!dashboard || !comparing) return;
    let live = true;
    loader
      .load(state, periodB)
      .then((value) => {
        if (live) setDataB({ key: compareKey, value: value.b });
      })
      .catch((error: unknown) => {
        if (live) fail(error);
      });
    return () => {
      live = false;
    };
  }, [loader, state, dashboard, comparing, periodB, compareKey, fail]);

  const current = dashboard && data?.key === dataKey ? data.value : null;
  const currentB = comparing && current && dataB?.key === compareKey ? dataB.value : null;
  const noData = t('views.presentation.noData');
  useEffect(() => {
    if (!mapA) return;
    mapA.setChoropleth(current ? choropleth(current.grids, current.a, state.indicator, noData) : null);
  }, [mapA, current, state.indicator, noData]);
  useEffect(() => {
    if (!mapB) return;
    mapB.setChoropleth(
      current && currentB ? choropleth(current.grids, currentB, state.indicator, noData) : null,
    );
  }, [mapB, current, currentB, state.indicator, noData]);

  // The comparison and playback day shown now become part of the view, so the slide opens with them next time.
  const [saving, setSaving] = useState(false);
  const saveSlide = async () => {
    setSaving(true);
    try {
      const saved = await viewsApi.update(
        view.id,
        {
          version: view.version,
          state: {
            ...state,
            compare: comparing ? { period: periodB, mode } : null,
            patrolDay: day,
          },
        },
        { lang },
      );
      setViews((list) => list.map((v) => (v.id === saved.id ? saved : v)));
      onSaved?.(saved);
      setNotice(t('views.saved', { name: saved.name }));
    } catch (error) {
      fail(error);
    } finally {
      setSaving(false);
    }
  };

  const indicatorName = t(`dashboard.names.${state.indicator}` as 'dashboard.names.pass_rate');
  const labelA = periodLabel(state.period);
  const labelB = periodLabel(periodB);
  const parentName = current?.grids.parent.properties.name ?? '';
  const subtitle = dashboard
    ? [indicatorName, labelA, `${parentName} ${t(`views.presentation.levels.${state.level}`)}`].join(' · ')
    : t('views.presentation.mapOnly');
  const total = (answer: SlideData['a'] | null | undefined): IndicatorValue | null =>
    answer?.parent?.values[state.indicator] ?? null;

  const stageClass = `pres-stage pres-stage--${comparing ? mode : 'off'}`;
  return createPortal(
    <div
      ref={root}
      className="presentation"
      data-testid="presentation"
      role="dialog"
      aria-modal="true"
      aria-label={t('views.presentation.label')}
    >
      <header className="pres-title">
        <h1 data-testid="slide-title">{view.name}</h1>
        <p>{subtitle}</p>
      </header>

      <div
        className={stageClass}
        data-testid="presentation-stage"
        data-slide={index}
        data-indicator={dashboard ? state.indicator : ''}
        data-period={dashboard ? `${state.period.from}/${state.period.to}` : ''}
        data-period-b={comparing ? `${periodB.from}/${periodB.to}` : ''}
        data-compare={comparing ? mode : 'off'}
        data-features={current?.grids.features.length ?? 0}
        data-camera={camera}
        data-rendered={rendered}
        aria-busy={dashboard && (!current || (comparing && !currentB))}
      >
        <div ref={boxA} className="pres-map pres-map--a">
          {comparing && <span className="pres-map__label pres-map__label--a">{labelA}</span>}
        </div>
        {comparing && (
          <div
            ref={boxB}
            className="pres-map pres-map--b"
            style={mode === 'swipe' ? { clipPath: `inset(0 0 0 ${split * 100}%)` } : undefined}
          >
            <span className="pres-map__label pres-map__label--b">{labelB}</span>
          </div>
        )}
        {comparing && mode === 'swipe' && (
          <SwipeDivider
            value={split}
            onChange={setSplit}
            label={t('views.presentation.divider', { a: labelA, b: labelB })}
          />
        )}
        {dashboard && (!current || (comparing && !currentB)) && (
          <p className="pres-loading">{t('views.presentation.loading')}</p>
        )}
      </div>

      {dashboard && (
        <aside className="pres-facts" aria-label={indicatorName}>
          <Figure
            label={comparing ? labelA : `${parentName} ${t('dashboard.total')}`}
            value={total(current?.a)}
            loading={!current}

            testId="figure-a"
          />
          {comparing && (
            <Figure label={labelB} value={total(currentB)} loading={!currentB} testId="figure-b" />
          )}
          <ul className="pres-legend">
            {CLASSES.map((c) => (
              <li key={c.key}>
                <span style={{ background: c.color }} />
                {classLabel(state.indicator, c.key, lang)}
              </li>
            ))}
          </ul>
        </aside>
      )}

      {notice && (
        <p className="pres-notice" role="status">
          {notice}
          <button type="button" onClick={() => setNotice(null)} aria-label={t('views.close')}>
            ×
          </button>
        </p>
      )}

      <footer className="pres-controls">
        <button
          type="button"
          className="pres-btn"
          onClick={() => go(index - 1)}
          disabled={index === 0}
          aria-label={t('views.presentation.prev')}
          data-testid="slide-prev"
        >
          ‹
        </button>
        <span className="pres-counter" data-testid="slide-counter" aria-live="polite">
          <span aria-hidden="true">
            {index + 1} / {views.length}
          </span>
          <span className="sr-only">
            {t('views.presentation.counter', { n: index + 1, total: views.length })}
          </span>
        </span>
        <button
          type="button"
          className="pres-btn"
          onClick={() => go(index + 1)}
          disabled={index === views.length - 1}
          aria-label={t('views.presentation.next')}
          data-testid="slide-next"
        >
          ›
        </button>
        {dashboard && (
          <div className="pres-tools" role="group" aria-label={t('views.presentation.compare')}>
            <select
              aria-label={t('views.presentation.compare')}
              data-testid="compare-mode"
              value={mode}
              onChange={(e) => setMode(e.target.value as CompareMode)}
            >
              <option value="off">{t('views.presentation.compareOff')}</option>
              <option value="swipe">{t('views.presentation.swipe')}</option>
              <option value="side">{t('views.presentation.side')}</option>
            </select>
            {comparing && (
              <label>
                <span>{t('views.presentation.periodB')}</span>
                <select
                  data-testid="compare-year"
                  value={periodB.from.slice(0, 4)}
                  onChange={(e) => {
                    const shift = Number(state.period.from.slice(0, 4)) - Number(e.target.value);
                    let p = state.period;
                    for (let k = 0; k < shift; k++) p = yearBefore(p);
                    setPeriodB(p);
                  }}
                >
                  {[1, 2, 3, 4].map((k) => {
                    const year = Number(state.period.from.slice(0, 4)) - k;
                    return (
                      <option key={k} value={year}>
                        {year}
                      </option>
                    );
                  })}
                </select>
              </label>
            )}
          </div>
        )}
        <PatrolPlayback
          map={mapA}
          gridId={state.parentId ?? undefined}
          day={day}
          onDay={setDay}
          onNotice={setNotice}
        />
        {dashboard && (comparing || day !== null) && (
          <button
            type="button"
            className="pres-tool"
            data-testid="slide-save"
            disabled={saving}
            title={t('views.presentation.saveSlideHint')}
            onClick={() => void saveSlide()}
          >
            {t('views.presentation.saveSlide')}
          </button>
        )}
        <span className="pres-keys" aria-hidden="true">
          {t('views.presentation.keys')}
        </span>
        <button
          type="button"
          className="pres-btn pres-btn--exit"
          onClick={onClose}
          aria-label={t('views.presentation.exit')}
          title={t('views.presentation.exit')}
          data-testid="presentation-exit"
        >
          ✕
        </button>
      </footer>
    </div>,
    document.body,
  );
}

function Figure({
  label,
  value,
  loading,
  testId,
}: {
  label: string;
  value: IndicatorValue | null;
  loading: boolean;
  testId: string;
}): ReactElement {
  const { t } = useTranslation();
  return (
    <div className="pres-figure" data-testid={testId}>
      <span className="pres-figure__label">{label}</span>
      <strong className="pres-figure__value">
        {loading
          ? '…'
          : value && value.value !== null
            ? percent(value.value)
            : t('views.presentation.noData')}
      </strong>
      {value && (
        <span className="pres-figure__meta">
          {value.value === null &&
            value.noData &&
            `${t(`dashboard.noDataReasons.${value.noData}` as 'dashboard.noDataReasons.no_samples')} · `}
          {t('views.presentation.target', { value: percent(value.target) })}
          {value.previous !== null &&
            ` · ${t('views.presentation.previous', { value: percent(value.previous) })}`}
        </span>
      )}
    </div>
  );
}
