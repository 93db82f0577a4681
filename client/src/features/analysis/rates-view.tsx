/**
 * Failure rate per grid or hexagon (不合格率分布): a choropleth on fixed classes of the empirical-Bayes smoothed (or raw)
 * failure rate, units with fewer than the minimum samples shown grey as "insufficient data", the pass rate with its
 * Wilson interval in the table. Clicking a unit (map or table) lists its samples.
 */
import type { TFunction } from 'i18next';
import { type ReactElement, useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { RatesResponse, UnitRate } from '../../../../server/contracts/analysis';
import { describeError } from '../../app/describe-error';
import { useLang } from '../../app/use-lang';
import type { MapHandle } from '../../map/map-handle';
import { analysisApi, downloadPost, type Filter, type Units, cleanFilter } from './api';
import type { DrillTarget } from './drill-panel';
import { INSUFFICIENT_COLOR, bboxOf, percent, rateColor, rateLegend } from './scales';
import { UnitsPicker } from './units-picker';
import { useLoaded } from './use-loaded';

export const UNITS_OVERLAY = 'analysis-units';

export function whereOf(unit: { id: string; gridId: number | null }, units: Units): DrillTarget['where'] {
  if (unit.gridId !== null) return { kind: 'grid', gridId: unit.gridId };
  return { kind: 'hexagon', id: unit.id, sizeM: units.kind === 'hexagon' ? units.sizeM : 1500 };
}

export function unitName(unit: { id: string; name: string | null }, t: TFunction): string {
  return unit.name ?? `${t('analysis.units.hexagon')} ${unit.id}`;
}

export function RatesView({
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
  const [minSamples, setMinSamples] = useState(10);
  const [smoothed, setSmoothed] = useState(true);
  const fitted = useRef(false);
  const data: RatesResponse | null = useLoaded(
    JSON.stringify([filter, units, minSamples, lang]),
    () => analysisApi.rates(filter, units, minSamples, options),
    (e) => onError(describeError(e, t)),
  );

  const byId = useMemo(() => new Map(data?.features.map((f) => [f.properties.id, f.properties])), [data]);

  useEffect(() => {
    map.onOverlayClick(UNITS_OVERLAY, (ids) => {
      const unit = byId.get(String(ids[0]));
      if (unit) onDrill({ name: unitName(unit, t), where: whereOf(unit, units) });
    });
  }, [map, byId, units, onDrill, t]);

  useEffect(
    () => () => {
      map.setOverlay(UNITS_OVERLAY, 'choropleth', null);
      map.onOverlayClick(UNITS_OVERLAY, null);
    },
    [map],
  );

  useEffect(() => {
    if (!data) return;
    map.setOverlay(UNITS_OVERLAY, 'choropleth', {
      type: 'FeatureCollection',
      features: data.features.map((f) => {
        const p = f.properties;
        const value = smoothed ? p.ebRate : p.rate;
        return {
          type: 'Feature',
          id: f.id,
          geometry: f.geometry as { type: string; coordinates: unknown },
          properties: {
            id: p.id,
            color: rateColor(value, p.insufficient),
            label: units.kind === 'grid' && units.level === 'township' ? `${p.name}\n${percent(value)}` : '',
          },
        };
      }),
    });
    if (!fitted.current) {
      const bbox = bboxOf(data.features);
      if (bbox) map.fitBounds(bbox);
      fitted.current = true;
    }
  }, [map, data, smoothed, units]);

  const rows = useMemo(
    () =>
      [...(data?.features.map((f) => f.properties) ?? [])]
        .filter((p) => p.samples > 0)
        .sort((a, b) => (b.ebRate ?? -1) - (a.ebRate ?? -1) || b.failures - a.failures),
    [data],
  );

  const exportTable = () =>
    downloadPost(
      '/api/analysis/export.xlsx',
      {
        title: t('analysis.tabs.rates'),
        columns: [
          { key: 'name', label: t('analysis.rates.grid') },
          { key: 'samples', label: t('analysis.rates.samples') },
          { key: 'failures', label: t('analysis.rates.failures') },
          { key: 'rate', label: t('analysis.rates.rate') },
          { key: 'ebRate', label: t('analysis.rates.ebRate') },
          { key: 'passRate', label: t('analysis.rates.passRate') },
          { key: 'passLo', label: 'Wilson lo' },
          { key: 'passHi', label: 'Wilson hi' },
          { key: 'insufficient', label: t('analysis.rates.insufficient') },
        ],
        rows: rows.map((p: UnitRate) => ({
          name: unitName(p, t),
          samples: p.samples,
          failures: p.failures,
          rate: p.rate,
          ebRate: p.ebRate,
          passRate: p.passRate,
          passLo: p.passInterval?.[0] ?? null,
          passHi: p.passInterval?.[1] ?? null,
          insufficient: p.insufficient,
        })),
      },
      'failure-rates.xlsx',
      options,
    ).catch((e: unknown) => onError(describeError(e, t)));

  const exportGeojson = () =>
    downloadPost(
      '/api/analysis/rates?download=failure-rates',
      { filter: cleanFilter(filter), units, minSamples, geometry: true },
      'failure-rates.geojson',
      options,
    ).catch((e: unknown) => onError(describeError(e, t)));

  const s = data?.summary;
  return (
    <div className="analysis__view" data-testid="rates-view" aria-busy={!data}>
      <div className="analysis__controls">
        <UnitsPicker units={units} onChange={setUnits} />
        <label>
          {t('analysis.rates.minSamples')}
          <input
            type="number"
            min={1}
            max={1000}
            value={minSamples}
            onChange={(e) => setMinSamples(Math.max(1, Number(e.target.value) || 1))}
          />
        </label>
        <label>
          {t('analysis.rates.value')}
          <select value={smoothed ? 'eb' : 'raw'} onChange={(e) => setSmoothed(e.target.value === 'eb')}>
            <option value="eb">{t('analysis.rates.eb')}</option>
            <option value="raw">{t('analysis.rates.raw')}</option>
          </select>
        </label>
      </div>
      <Legend
        title={t('analysis.rates.legend')}
        items={[...rateLegend(), { label: t('analysis.rates.insufficient'), color: INSUFFICIENT_COLOR }]}
      />
      {!data && <p>{t('analysis.loading')}</p>}
      {s && (
        <p data-testid="rates-summary">
          {t('analysis.rates.summary', {
            samples: s.samples,
            failures: s.failures,
            rate: percent(s.rate, 2),
            lo: percent(s.failInterval?.[0] ?? null, 2),
            hi: percent(s.failInterval?.[1] ?? null, 2),
          })}
          {s.insufficientUnits > 0 &&
            ` · ${t('analysis.rates.insufficientUnits', { count: s.insufficientUnits, min: s.minSamples })}`}
        </p>
      )}
      <div className="analysis__row">
        <button type="button" onClick={exportTable} disabled={!data}>
          {t('analysis.drill.export')}
        </button>
        <button type="button" onClick={exportGeojson} disabled={!data}>
          {t('analysis.hot.exportGeojson')}
        </button>
      </div>
      {data && (
        <div className="analysis__table-wrap">
          <table className="analysis__table" data-testid="rates-table">
            <thead>
              <tr>
                <th>{t('analysis.rates.grid')}</th>
                <th>{t('analysis.rates.failures')}</th>
                <th>{t('analysis.rates.rate')}</th>
                <th>{t('analysis.rates.ebRate')}</th>
                <th>{t('analysis.rates.passRate')}</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((p) => (
                <tr
                  key={p.id}
                  tabIndex={0}
                  className="analysis__clickable"
                  onClick={() => onDrill({ name: unitName(p, t), where: whereOf(p, units) })}
                >
                  <td>
                    <span
                      className="analysis__swatch"
                      style={{ background: rateColor(smoothed ? p.ebRate : p.rate, p.insufficient) }}
                    />
                    {unitName(p, t)}
                  </td>
                  <td>
                    {p.failures}/{p.samples}
                  </td>
                  <td>{percent(p.rate)}</td>
                  <td>{percent(p.ebRate)}</td>
                  <td>
                    {percent(p.passRate)}
                    {p.passInterval && ` (${percent(p.passInterval[0])}–${percent(p.passInterval[1])})`}
                    {p.insufficient && <em className="analysis__warn"> {t('analysis.rates.smallSample')}</em>}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </div>
  );
}

export function Legend({
  title,
  items,
}: {
  title: string;
  items: { label: string; color: string }[];
}): ReactElement {
  return (
    <figure className="analysis__legend" aria-label={title}>
      <figcaption>{title}</figcaption>
      <ul>
        {items.map((i) => (
          <li key={i.label}>
            <span className="analysis__swatch" style={{ background: i.color }} />
            {i.label}
          </li>
        ))}
      </ul>
    </figure>
  );
}
