/**
 * The officials' dashboard (监管考核): pick a period and an indicator, see the grids of one level coloured by their
 * distance to target with a ranking beside the map, click a grid to drill down to its villages or to the records
 * behind its number; a trend chart of the parent and the distribution over the grids (ECharts, loaded on demand).
 */
import { type ReactElement, useCallback, useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ChildrenResponse } from '../../../../server/contracts/grids';
import {
  INDICATORS,
  type IndicatorId,
  type IndicatorsResponse,
} from '../../../../server/contracts/indicators';
import { describeError } from '../../app/describe-error';
import { useLang } from '../../app/use-lang';
import type { WorkspaceProps } from '../../app/workspaces';
import { dashboardApi, type Period } from './api';
import { Chart, type ChartSpec } from './chart';
import { CasesPanel } from './cases-panel';
import { CLASSES, classLabel, classOf, colorOf } from './classes';
import { formatValue, isShare } from './format';
import { PrintButton } from './print-dialog';
import { GridCard, Ranking } from './ranking';
import { RecordsList } from './records-list';
import { TargetForm } from './target-form';
import { useDashboardView } from '../views/use-dashboard-view';
import './dashboard.css';

const OVERLAY = 'dashboard-grids';

interface Level {
  id: number;
  name: string;
  level: 'county' | 'township';
}

function bboxOf(geometry: { coordinates: unknown }): [number, number, number, number] {
  let [w, s, e, n] = [Infinity, Infinity, -Infinity, -Infinity];
  const walk = (value: unknown): void => {
    if (Array.isArray(value) && typeof value[0] === 'number') {
      const [x, y] = value as [number, number];
      [w, e, s, n] = [Math.min(w, x), Math.max(e, x), Math.min(s, y), Math.max(n, y)];
    } else if (Array.isArray(value)) value.forEach(walk);
  };
  walk(geometry.coordinates);
  return [w, s, e, n];
}

const yearPeriod = (year: number): Period => ({ from: `${year}-01-01`, to: `${year}-12-31` });

export default function DashboardWorkspace({ county, map, onError }: WorkspaceProps): ReactElement {
  const { t } = useTranslation();
  const lang = useLang();
  const options = useMemo(() => ({ lang }), [lang]);
  const thisYear = new Date().getFullYear();
  const [period, setPeriod] = useState<Period>(yearPeriod(thisYear - 1));
  const [indicator, setIndicator] = useState<IndicatorId>('pass_rate');
  const [stack, setStack] = useState<Level[]>([{ id: county.id, name: county.name, level: 'county' }]);
  const [data, setData] = useState<IndicatorsResponse | null>(null);
  const [grids, setGrids] = useState<ChildrenResponse | null>(null);
  const [older, setOlder] = useState<{ key: string; points: { label: string; value: number | null }[] }>({
    key: '',
    points: [],
  });
  const [loadedKey, setLoadedKey] = useState('');
  const [refresh, setRefresh] = useState(0);
  const [selected, setSelected] = useState<number | null>(null);
  const [records, setRecords] = useState<{ id: number; name: string } | null>(null);
  // Saved views and presentation mode (features/views): publish what is shown, apply a view that is opened.
  useDashboardView({
    county,
    period,
    indicator,
    stack,
    selected,
    setPeriod,
    setIndicator,
    setStack,
    setSelected,
    nameOf: (id) => dashboardApi.children(id, options).then((c) => c.parent.properties.name),
  });
  const top = stack[stack.length - 1] as Level;
  const level = top.level === 'county' ? 'township' : 'village';

  const key = `${level}|${top.id}|${period.from}|${period.to}|${refresh}`;
  const loading = loadedKey !== key;
  const fail = useCallback((error: unknown) => onError(describeError(error, t)), [onError, t]);

  useEffect(() => {
    let live = true;
    Promise.all([
      dashboardApi.indicators(level, top.id, period, options),
      dashboardApi.children(top.id, options),
    ])
      .then(([d, g]) => {
        if (!live) return;
        setData(d);
        setGrids(g);
        setLoadedKey(key);
      })
      .catch(fail);
    return () => {
      live = false;
    };
  }, [key, level, top.id, period, options, fail]);

  // The trend: this period, the previous one (in the answer) and two more before it (two more requests, since
  // each answer carries the value of the period before it).
  const olderKey = `${key}|${indicator}`;
  useEffect(() => {
    if (!data?.parent) return;
    let live = true;
    (async () => {
      const points: { label: string; value: number | null }[] = [];
      let prev = data.previousPeriod;
      for (let i = 0; i < 2 && live; i++) {
        const answer = await dashboardApi.indicators(data.level, data.parent!.grid.id, prev, options);
        points.push({
          label: answer.previousPeriod.from.slice(0, 7),
          value: answer.parent?.values[indicator].previous ?? null,
        });
        prev = answer.previousPeriod;
      }
      if (live) setOlder({ key: olderKey, points });
    })().catch(fail);
    return () => {
      live = false;
    };
  }, [data, indicator, olderKey, options, fail]);

  const trend = useMemo(() => {
    if (!data?.parent) return [];
    const points = [
      { label: data.period.from.slice(0, 7), value: data.parent.values[indicator].value },
      { label: data.previousPeriod.from.slice(0, 7), value: data.parent.values[indicator].previous },
      ...(older.key === olderKey ? older.points : []),
    ];
    return points.reverse();
  }, [data, indicator, older, olderKey]);

  useEffect(() => {
    map.setBaseLayersMuted(true);
    map.onOverlayClick(OVERLAY, (ids) => {
      const id = Number(ids[0]);
      if (Number.isFinite(id)) setSelected(id);
    });
    return () => {
      map.setBaseLayersMuted(false);
      map.setOverlay(OVERLAY, 'choropleth', null);
      map.onOverlayClick(OVERLAY, null);
    };
  }, [map]);

  useEffect(() => {
    if (grids) map.fitBounds(bboxOf(grids.parent.geometry));
  }, [map, grids]);

  useEffect(() => {
    if (!grids || !data) return;
    const byId = new Map(data.units.map((u) => [u.grid.id, u]));
    map.setOverlay(OVERLAY, 'choropleth', {
      type: 'FeatureCollection',
      features: grids.features.map((f) => {
        const v = byId.get(f.id)?.values[indicator];
        // Where history does not reach back, the label says from when it does.
        const valueLabel = (x: typeof v) =>
          !x || x.value === null
            ? [
                t('dashboard.noData'),
                x?.noData === 'no_history' && x.historyStart
                  ? t('dashboard.historyStarts', { date: x.historyStart })
                  : null,
              ]
                .filter(Boolean)
                .join(' · ')
            : formatValue(indicator, x.value);
        return {
          type: 'Feature',
          id: f.id,
          geometry: f.geometry,
          properties: {
            id: f.id,
            name: f.properties.name,
            color: colorOf(classOf(v)),
            cls: classOf(v),
            label: `${f.properties.name}\n${valueLabel(v)}`,
          },
        };
      }),
    });
  }, [map, grids, data, indicator, t]);

  const unit = data?.units.find((u) => u.grid.id === selected) ?? null;
  const target = data?.targets.find((x) => x.indicator === indicator) ?? null;
  const distribution: ChartSpec | null = useMemo(() => {
    if (!data) return null;
    const sorted = [...data.units].sort(
      (a, b) => (b.values[indicator].value ?? -1) - (a.values[indicator].value ?? -1),
    );
    return {
      kind: 'bar',
      labels: sorted.map((u) => u.grid.name),
      values: sorted.map((u) => u.values[indicator].value),
      colors: sorted.map((u) => colorOf(classOf(u.values[indicator]))),
      target: data.units[0]?.values[indicator].target ?? 1,
      unit: isShare(indicator) ? 'share' : 'number',
    };
  }, [data, indicator]);
  const trendSpec: ChartSpec | null = useMemo(
    () =>
      data && trend.length > 0
        ? {
            kind: 'line',
            labels: trend.map((p) => p.label),
            values: trend.map((p) => p.value),
            target: data.units[0]?.values[indicator].target ?? 1,
            unit: isShare(indicator) ? 'share' : 'number',
          }
        : null,
    [trend, data, indicator],
  );

  const drill = (id: number, name: string) => {
    setStack((s) => [...s, { id, name, level: 'township' }]);
    setSelected(null);
    setRecords(null);
  };

  return (
    <div className="dashboard" data-testid="dashboard" aria-busy={loading}>
      <h2>{t('dashboard.title')}</h2>
      <div className="dashboard__controls">
        <label>
          {t('dashboard.year')}
          <select
            data-testid="year"
            value={period.from.slice(0, 4)}
            onChange={(e) => setPeriod(yearPeriod(Number(e.target.value)))}
          >
            {[0, 1, 2, 3, 4].map((k) => (
              <option key={k} value={thisYear - k}>
                {thisYear - k}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t('dashboard.from')}
          <input
            type="date"
            value={period.from}
            onChange={(e) => e.target.value && setPeriod({ ...period, from: e.target.value })}
          />
        </label>
        <label>
          {t('dashboard.to')}
          <input
            type="date"
            value={period.to}
            onChange={(e) => e.target.value && setPeriod({ ...period, to: e.target.value })}
          />
        </label>
        <label className="dashboard__wide">
          {t('dashboard.indicator')}
          <select
            data-testid="indicator"
            value={indicator}
            onChange={(e) => setIndicator(e.target.value as IndicatorId)}
          >
            {INDICATORS.map((id) => (
              <option key={id} value={id}>
                {t(`dashboard.names.${id}`)}
              </option>
            ))}
          </select>
        </label>
      </div>
      <nav className="dashboard__crumbs" aria-label={t('dashboard.up')}>
        {stack.map((s, i) => (
          <button
            key={s.id}
            type="button"
            disabled={i === stack.length - 1}
            onClick={() => {
              setStack(stack.slice(0, i + 1));
              setSelected(null);
              setRecords(null);
            }}
          >
            {s.name}
          </button>
        ))}
        <span>· {t(`dashboard.level.${level}`)}</span>
        <a className="dashboard__export" href={dashboardApi.exportUrl(level, top.id, period)} download>
          {t('dashboard.export')}
        </a>
        <PrintButton
          view={{ level, parentId: top.id, parentName: top.name, countyId: county.id, indicator, period }}
        />
      </nav>
      <ul className="dashboard__legend" aria-label={t('dashboard.legend.title')}>
        {CLASSES.map((c) => (
          <li key={c.key}>
            <span className="dashboard__swatch" style={{ background: c.color }} />
            {classLabel(indicator, c.key, lang)}
          </li>
        ))}
      </ul>
      {indicator === 'patrol_coverage' && <p className="dashboard__note">{t('dashboard.coverageRule')}</p>}
      {target && (
        <TargetForm
          key={`${target.indicator}-${target.version}`}
          target={target}
          onSaved={() => setRefresh((n) => n + 1)}
          onError={fail}
        />
      )}
      {indicator === 'enforcement_cases' && (
        <CasesPanel grid={top} period={period} onChanged={() => setRefresh((n) => n + 1)} onError={fail} />
      )}
      {loading && <p>{t('dashboard.loading')}</p>}
      {unit && (
        <GridCard
          unit={unit}
          indicator={indicator}
          canDrill={level === 'township'}
          onDrill={() => drill(unit.grid.id, unit.grid.name)}
          onRecords={() => setRecords({ id: unit.grid.id, name: unit.grid.name })}
        />
      )}
      {records && (
        <RecordsList
          key={`${records.id}-${indicator}-${period.from}-${period.to}`}
          indicator={indicator}
          grid={records}
          period={period}
          onClose={() => setRecords(null)}
          onError={fail}
        />
      )}
      {data && (
        <Ranking
          units={data.units}
          total={data.parent}
          indicator={indicator}
          selected={selected}
          onSelect={setSelected}
        />
      )}
      {trendSpec && (
        <section className="dashboard__charts">
          <h3>{t('dashboard.trendChart')}</h3>
          <Chart spec={trendSpec} label={t('dashboard.trendChart')} />
          {distribution && (
            <>
              <h3>{t('dashboard.distChart')}</h3>
              <Chart spec={distribution} label={t('dashboard.distChart')} />
            </>
          )}
        </section>
      )}
    </div>
  );
}
