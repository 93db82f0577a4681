/**
 * Hot spots of residue failures (热点分析): Gi* (exact binomial p-values on the samples pooled by neighbourhood, FDR
 * corrected) or local Moran's I (seeded permutations) on grids or hexagons, global Moran's I with z and p; the
 * Bernoulli spatial scan's clusters with their relative risk; the space-time trend class of each unit. Clicking a
 * unit (map or list) or a cluster lists its samples.
 */
import { type ReactElement, useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type {
  AreaHotspotsResponse,
  HotspotClass,
  ScanResponse,
  TrendsResponse,
} from '../../../../server/contracts/analysis';
import { describeError } from '../../app/describe-error';
import { useLang } from '../../app/use-lang';
import type { MapHandle } from '../../map/map-handle';
import { analysisApi, cleanFilter, downloadPost, type Filter, type Units, type WeightsChoice } from './api';
import type { DrillTarget } from './drill-panel';
import { Legend, UNITS_OVERLAY, unitName, whereOf } from './rates-view';
import { GI_CLASSES, HOT_COLORS, LISA_CLASSES, TREND_COLORS, bboxOf, isHot, percent } from './scales';
import { UnitsPicker } from './units-picker';
import { DEFAULT_WEIGHTS, WeightsForm, weightsBody } from './weights-form';

const SCAN_OVERLAY = 'analysis-scan';
const fmt = (v: number | null | undefined, digits = 3) =>
  v === null || v === undefined ? '–' : v.toFixed(digits);
const fmtP = (p: number | null | undefined) =>
  p === null || p === undefined ? '–' : p < 0.001 ? p.toExponential(1) : p.toFixed(3);

export function HotspotsView({
  filter,
  map,
  onDrill,
  onError,
}: {
  filter: Filter;
  map: MapHandle;
  onDrill: (target: DrillTarget) => void;
  onError: (text: string) => void;
}): ReactElement {
  const { t } = useTranslation();
  const lang = useLang();
  const options = useMemo(() => ({ lang }), [lang]);
  const [units, setUnits] = useState<Units>({ kind: 'grid', level: 'village' });
  const [weights, setWeights] = useState<WeightsChoice>(DEFAULT_WEIGHTS);
  // Answers carry the filter they were computed for; a new filter makes them stale (not shown).
  const filterKey = JSON.stringify(filter);
  const [resultState, setResult] = useState<{
    key: string;
    data: AreaHotspotsResponse;
    units: Units;
    method: string;
  } | null>(null);
  const result = resultState?.key === filterKey ? resultState : null;
  const [busy, setBusy] = useState<'hot' | 'scan' | 'trends' | null>(null);
  const [scanParams, setScanParams] = useState({ maxShare: 0.25, replications: 999, seed: 42 });
  const [scanState, setScan] = useState<{ key: string; data: ScanResponse } | null>(null);
  const scan = scanState?.key === filterKey ? scanState.data : null;
  const [period, setPeriod] = useState<'month' | 'quarter' | 'year'>('quarter');
  const [trendsState, setTrends] = useState<{ key: string; data: TrendsResponse } | null>(null);
  const trends = trendsState?.key === filterKey ? trendsState.data : null;
  // What the unit map shows: the hot spot classes, the trend classes, or whether each unit was hot in one period.
  const [trendsUnits, setTrendsUnits] = useState<Units | null>(null);
  const [shows, setShows] = useState<'classes' | 'trend' | number>('classes');
  const [playing, setPlaying] = useState(false);
  const fail = (e: unknown) => onError(describeError(e, t));

  const run = () => {
    setBusy('hot');
    analysisApi
      .areaHotspots(filter, units, weightsBody(weights), options)
      .then((data) => {
        setResult({ key: filterKey, data, units, method: weights.method });
        const bbox = bboxOf(data.features);
        if (bbox) map.fitBounds(bbox);
      })
      .catch(fail)
      .finally(() => setBusy(null));
  };
  const runScan = () => {
    setBusy('scan');
    analysisApi
      .scan(filter, scanParams, options)
      .then((data) => setScan({ key: filterKey, data }))
      .catch(fail)
      .finally(() => setBusy(null));
  };
  const runTrends = () => {
    setBusy('trends');
    analysisApi
      .trends(filter, units, period, options)
      .then((data) => {
        setTrends({ key: filterKey, data });
        setTrendsUnits(units);
      })
      .catch(fail)
      .finally(() => setBusy(null));
  };

  const byId = useMemo(
    () => new Map(result?.data.features.map((f) => [f.properties.id, f.properties]) ?? []),
    [result],
  );

  // Trends join the map only when they were computed on the same units as the hot spots.
  const trendById = useMemo(
    () =>
      trends && result && JSON.stringify(trendsUnits) === JSON.stringify(result.units)
        ? new Map(trends.units.map((u) => [u.id, u]))
        : null,
    [trends, result, trendsUnits],
  );
  const mapShows = trendById ? shows : 'classes';
  const periodCount = trends?.periods.length ?? 0;

  useEffect(() => {
    if (!playing || !periodCount) return;
    const timer = setInterval(
      () => setShows((s) => (typeof s === 'number' && s + 1 < periodCount ? s + 1 : 0)),
      1200,
    );
    return () => clearInterval(timer);
  }, [playing, periodCount]);

  useEffect(() => {
    if (!result) {
      map.setOverlay(UNITS_OVERLAY, 'choropleth', null);
      return;
    }
    map.setOverlay(UNITS_OVERLAY, 'choropleth', {
      type: 'FeatureCollection',
      features: result.data.features.map((f) => {
        const p = f.properties;
        const cls: HotspotClass | 'none' = p.class ?? 'none';
        const trend = trendById?.get(p.id);
        let color = HOT_COLORS[cls];
        let label = isHot(p.class) ? unitName(p, t) : '';
        if (mapShows === 'trend') {
          color = TREND_COLORS[trend?.class ?? 'none'];
          label = trend && trend.class !== 'none' ? unitName(p, t) : '';
        } else if (typeof mapShows === 'number') {
          const hot = trend?.series[mapShows]?.hot ?? false;
          color = hot ? HOT_COLORS.hot_95 : HOT_COLORS.not_significant;
          label = hot ? unitName(p, t) : '';
        }
        return {
          type: 'Feature',
          id: f.id,
          geometry: f.geometry as { type: string; coordinates: unknown },
          properties: { id: p.id, cls, color, label },
        };
      }),
    });
    map.onOverlayClick(UNITS_OVERLAY, (ids) => {
      const unit = byId.get(String(ids[0]));
      if (unit) onDrill({ name: unitName(unit, t), where: whereOf(unit, result.units) });
    });
  }, [map, result, byId, onDrill, t, trendById, mapShows]);

  useEffect(() => {
    if (!scan) {
      map.setOverlay(SCAN_OVERLAY, 'problems', null);
      map.onOverlayClick(SCAN_OVERLAY, null);
      return;
    }
    map.setOverlay(SCAN_OVERLAY, 'problems', {
      type: 'FeatureCollection',
      // Only significant clusters are drawn (the list shows every one with its p-value).
      features: scan.features
        .filter((f) => f.properties.p <= 0.05)
        .map((f) => ({
          type: 'Feature',
          id: f.id,
          geometry: f.geometry as { type: string; coordinates: unknown },
          properties: {
            id: f.id,
            label: `${t('analysis.hot.cluster', { rank: f.properties.rank })} RR ${f.properties.relativeRisk.toFixed(1)}`,
          },
        })),
    });
    map.onOverlayClick(SCAN_OVERLAY, (ids) => {
      const c = scan.features.find((f) => f.id === Number(ids[0]));
      if (c)
        onDrill({
          name: t('analysis.hot.cluster', { rank: c.properties.rank }),
          where: { kind: 'circle', centre: c.properties.centre, radiusM: c.properties.radiusM },
        });
    });
  }, [map, scan, onDrill, t]);

  useEffect(
    () => () => {
      map.setOverlay(UNITS_OVERLAY, 'choropleth', null);
      map.onOverlayClick(UNITS_OVERLAY, null);
      map.setOverlay(SCAN_OVERLAY, 'problems', null);
      map.onOverlayClick(SCAN_OVERLAY, null);
    },
    [map],
  );

  const significant = useMemo(
    () =>
      (result?.data.features.map((f) => f.properties) ?? [])
        .filter((p) => p.class && p.class !== 'not_significant')
        .sort((a, b) => Math.abs(b.z ?? 0) - Math.abs(a.z ?? 0)),
    [result],
  );
  const classes = result?.method === 'local_moran' ? LISA_CLASSES : GI_CLASSES;
  const global = result?.data.global;

  const exportGeojson = () =>
    downloadPost(
      '/api/analysis/area-hotspots?download=hotspots',
      { filter: cleanFilter(filter), units, geometry: true, ...weightsBody(weights) },
      'hotspots.geojson',
      options,
    ).catch(fail);
  const exportScan = () =>
    downloadPost(
      '/api/analysis/scan?download=scan-clusters',
      { filter: cleanFilter(filter), ...scanParams },
      'scan-clusters.geojson',
      options,
    ).catch(fail);

  return (
    <div className="analysis__view" data-testid="hotspots-view">
      <div className="analysis__controls">
        <UnitsPicker units={units} onChange={setUnits} />
        <WeightsForm value={weights} onChange={setWeights} />
      </div>
      <div className="analysis__row">
        <button
          type="button"
          className="analysis__primary"
          data-testid="run-hotspots"
          disabled={busy !== null}
          onClick={run}
        >
          {busy === 'hot' ? t('analysis.hot.running') : t('analysis.hot.run')}
        </button>
        <button type="button" disabled={!result} onClick={exportGeojson}>
          {t('analysis.hot.exportGeojson')}
        </button>
      </div>
      {result && (
        <>
          <Legend
            title={t('analysis.hot.legend')}
            items={classes.map((c) => ({ label: t(`analysis.hot.classes.${c}`), color: HOT_COLORS[c] }))}
          />
          {global && (
            <p data-testid="global-moran">
              {t('analysis.hot.global', {
                I: fmt(global.I, 4),
                z: fmt(global.z, 2),
                p: fmtP(global.p),
                n: global.n,
              })}
            </p>
          )}
          {result.data.islands.length > 0 && (
            <p className="analysis__warn">
              {t('analysis.hot.islands', { count: result.data.islands.length })}
            </p>
          )}
          {result.data.warnings.map((w) => (
            <p key={w.code} className="analysis__warn">
              {lang === 'en' ? w.en : w.zh}
            </p>
          ))}
          {result.method !== 'global_moran' && (
            <>
              <h3>{t('analysis.hot.significant')}</h3>
              {significant.length === 0 ? (
                <p>{t('analysis.hot.noneSignificant')}</p>
              ) : (
                <div className="analysis__table-wrap">
                  <table className="analysis__table" data-testid="hot-table">
                    <thead>
                      <tr>
                        <th>{t('analysis.rates.grid')}</th>
                        <th>{t('analysis.hot.class')}</th>
                        <th>{t('analysis.hot.z')}</th>
                        <th>{t('analysis.hot.pAdj')}</th>
                        <th>{t('analysis.rates.failures')}</th>
                      </tr>
                    </thead>
                    <tbody>
                      {significant.map((p) => (
                        <tr
                          key={p.id}
                          data-testid="hot-row"
                          data-class={p.class ?? ''}
                          data-failures={p.failures}
                          tabIndex={0}
                          className="analysis__clickable"
                          onClick={() => onDrill({ name: unitName(p, t), where: whereOf(p, result.units) })}
                        >
                          <td>
                            <span
                              className="analysis__swatch"
                              style={{ background: HOT_COLORS[p.class ?? 'none'] }}
                            />
                            {unitName(p, t)}
                          </td>
                          <td>{t(`analysis.hot.classes.${p.class ?? 'none'}`)}</td>
                          <td>{fmt(p.z, 2)}</td>
                          <td>{fmtP(p.pAdjusted)}</td>
                          <td>
                            {p.failures}/{p.samples} ({percent(p.rate)})
                          </td>
                        </tr>
                      ))}
                    </tbody>
                  </table>
                </div>
              )}
            </>
          )}
        </>
      )}

      <h3>{t('analysis.hot.scan')}</h3>
      <div className="analysis__controls">
        <label>
          {t('analysis.hot.maxShare')}
          <input
            type="number"
            min={0.05}
            max={0.5}
            step={0.05}
            value={scanParams.maxShare}
            onChange={(e) => setScanParams({ ...scanParams, maxShare: Number(e.target.value) || 0.25 })}
          />
        </label>
        <label>
          {t('analysis.hot.replications')}
          <input
            type="number"
            min={9}
            max={9999}
            value={scanParams.replications}
            onChange={(e) => setScanParams({ ...scanParams, replications: Number(e.target.value) || 999 })}
          />
        </label>
        <label>
          {t('analysis.hot.seed')}
          <input
            type="number"
            min={0}
            value={scanParams.seed}
            onChange={(e) => setScanParams({ ...scanParams, seed: Number(e.target.value) || 0 })}
          />
        </label>
      </div>
      <div className="analysis__row">
        <button type="button" data-testid="run-scan" disabled={busy !== null} onClick={runScan}>
          {busy === 'scan' ? t('analysis.hot.running') : t('analysis.hot.runScan')}
        </button>
        <button type="button" disabled={!scan} onClick={exportScan}>
          {t('analysis.hot.exportGeojson')}
        </button>
      </div>
      {scan && scan.features.length === 0 && <p>{t('analysis.hot.noClusters')}</p>}
      {scan && scan.features.length > 0 && (
        <ul className="analysis__list" data-testid="scan-clusters">
          {scan.features.map((f) => (
            <li key={f.id} className={f.properties.p > 0.05 ? 'analysis__muted' : undefined}>
              <button
                type="button"
                className="analysis__link"
                onClick={() =>
                  onDrill({
                    name: t('analysis.hot.cluster', { rank: f.properties.rank }),
                    where: { kind: 'circle', centre: f.properties.centre, radiusM: f.properties.radiusM },
                  })
                }
              >
                {t('analysis.hot.cluster', { rank: f.properties.rank })}
              </button>{' '}
              {t('analysis.hot.clusterRow', {
                radius: Math.round(f.properties.radiusM),
                failures: f.properties.failures,
                samples: f.properties.samples,
                expected: f.properties.expected.toFixed(1),
                rr: f.properties.relativeRisk.toFixed(2),
                p: fmtP(f.properties.p),
              })}
            </li>
          ))}
        </ul>
      )}

      <h3>{t('analysis.hot.trends')}</h3>
      <div className="analysis__row">
        <label>
          {t('analysis.hot.period')}
          <select value={period} onChange={(e) => setPeriod(e.target.value as typeof period)}>
            {(['month', 'quarter', 'year'] as const).map((p) => (
              <option key={p} value={p}>
                {t(`analysis.hot.periods.${p}`)}
              </option>
            ))}
          </select>
        </label>
        <button type="button" data-testid="run-trends" disabled={busy !== null} onClick={runTrends}>
          {busy === 'trends' ? t('analysis.hot.running') : t('analysis.hot.runTrends')}
        </button>
      </div>
      {trends && trendById && (
        <div className="analysis__row" data-testid="trend-map">
          <label>
            {t('analysis.hot.mapShows')}
            <select
              value={String(mapShows)}
              onChange={(e) => {
                setPlaying(false);
                const v = e.target.value;
                setShows(v === 'classes' || v === 'trend' ? v : Number(v));
              }}
            >
              <option value="classes">{t('analysis.hot.legend')}</option>
              <option value="trend">{t('analysis.hot.trends')}</option>
              {trends.periods.map((p, i) => (
                <option key={p} value={i}>
                  {t('analysis.hot.hotIn', { period: p })}
                </option>
              ))}
            </select>
          </label>
          <button type="button" onClick={() => setPlaying(!playing)}>
            {playing ? t('analysis.heat.pause') : t('analysis.heat.play')}
          </button>
        </div>
      )}
      {trends && mapShows === 'trend' && (
        <Legend
          title={t('analysis.hot.trends')}
          items={(Object.keys(TREND_COLORS) as (keyof typeof TREND_COLORS)[]).map((c) => ({
            label: t(`analysis.hot.trendClasses.${c}`),
            color: TREND_COLORS[c],
          }))}
        />
      )}
      {trends && (
        <ul className="analysis__list" data-testid="trend-list">
          {trends.units
            .filter((u) => u.class !== 'none')
            .map((u) => (
              <li key={u.id}>
                <span className="analysis__swatch" style={{ background: TREND_COLORS[u.class] }} />
                {t('analysis.hot.trendRow', {
                  name: unitName(u, t),
                  cls: t(`analysis.hot.trendClasses.${u.class}`),
                  hot: u.series.filter((s) => s.hot).length,
                  periods: trends.periods.length,
                })}
              </li>
            ))}
        </ul>
      )}
      <p className="analysis__note">
        {t('analysis.hot.notExposed')}
        {t('analysis.hot.notExposedList')}
      </p>
    </div>
  );
}
