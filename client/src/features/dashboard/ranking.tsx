/** The ranking table beside the choropleth (a list of cards on a phone), and the card of the selected grid. */
import type { ReactElement } from 'react';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import type { IndicatorId, IndicatorUnit, IndicatorValue } from '../../../../server/contracts/indicators';
import { useLang } from '../../app/use-lang';
import { formatNumber } from '../../lib/format';
import { classOf, colorOf, percent } from './classes';
import { formatDistance, formatValue, rankKey } from './format';

const ARROWS = { up: '↑', down: '↓', flat: '→' } as const;
/** What numerator / denominator mean where it is not "counted / all". */
const HINTS: Partial<Record<IndicatorId, 'quotaHint' | 'rapidHint' | 'casesHint' | 'rectHint' | 'soilHint'>> =
  {
    sampling_quota: 'quotaHint',
    rapid_tests: 'rapidHint',
    enforcement_cases: 'casesHint',
    open_rectifications: 'rectHint',
    soil_risk: 'soilHint',
  };

/** Why a value is missing: the reason, or for history not reaching back the day the history starts. */
export function noDataText(v: IndicatorValue, t: TFunction): string {
  return v.noData === 'no_history' && v.historyStart
    ? t('dashboard.noHistorySince', { date: v.historyStart })
    : t(`dashboard.noDataReasons.${v.noData ?? 'no_samples'}`);
}

export function ValueText({ v }: { v: IndicatorValue }): ReactElement {
  const { t } = useTranslation();
  if (v.value === null)
    return (
      <span className="dashboard__nodata" title={noDataText(v, t)}>
        {t('dashboard.noData')}
      </span>
    );
  return (
    <span>
      {formatValue(v.indicator, v.value)}
      {v.flag && (
        <span className="dashboard__warn" data-testid="flag" title={t(`dashboard.flags.${v.flag}`)}>
          {' '}
          ⚑ {t(`dashboard.flags.${v.flag}`)}
        </span>
      )}
      {v.smallSample && (
        <span
          className="dashboard__warn"
          title={t('dashboard.smallSample')}
          aria-label={t('dashboard.smallSample')}
        >
          {' '}
          ⚠
        </span>
      )}
    </span>
  );
}

export function Ranking({
  units,
  total,
  indicator,
  selected,
  onSelect,
}: {
  units: IndicatorUnit[];
  total: IndicatorUnit | null;
  indicator: IndicatorId;
  selected: number | null;
  onSelect: (id: number) => void;
}): ReactElement {
  const { t } = useTranslation();
  const sorted = [...units].sort(
    (a, b) =>
      rankKey(indicator, b.values[indicator].value) - rankKey(indicator, a.values[indicator].value) ||
      a.grid.code.localeCompare(b.grid.code),
  );
  const row = (u: IndicatorUnit, rank: number | null) => {
    const v = u.values[indicator];
    return (
      <tr
        key={u.grid.id}
        data-testid={rank === null ? 'ranking-total' : 'ranking-row'}
        data-grid={u.grid.id}
        aria-selected={selected === u.grid.id}
        onClick={rank === null ? undefined : () => onSelect(u.grid.id)}
      >
        <td data-label={t('dashboard.rank')}>
          <span className="dashboard__swatch" style={{ background: colorOf(classOf(v)) }} />
          {rank ?? ''}
        </td>
        <td data-label={t('dashboard.grid')}>
          {rank === null ? `${u.grid.name} · ${t('dashboard.total')}` : u.grid.name}
        </td>
        <td data-label={t('dashboard.value')} className="dashboard__num">
          <ValueText v={v} />
        </td>
        <td data-label={t('dashboard.counts')} className="dashboard__num">
          {v.numerator} / {v.denominator}
        </td>
        <td data-label={t('dashboard.distance')} className="dashboard__num">
          {formatDistance(indicator, v.distance)}
        </td>
        <td data-label={t('dashboard.previous')} className="dashboard__num">
          {v.trend ? `${ARROWS[v.trend]} ${formatValue(indicator, v.previous)}` : '—'}
        </td>
      </tr>
    );
  };
  return (
    <table className="dashboard__table" data-testid="ranking">
      <thead>
        <tr>
          <th>{t('dashboard.rank')}</th>
          <th>{t('dashboard.grid')}</th>
          <th>{t('dashboard.value')}</th>
          <th>{t('dashboard.counts')}</th>
          <th>{t('dashboard.distance')}</th>
          <th>{t('dashboard.previous')}</th>
        </tr>
      </thead>
      <tbody>
        {sorted.map((u, i) => row(u, i + 1))}
        {total && row(total, null)}
      </tbody>
    </table>
  );
}

export function GridCard({
  unit,
  indicator,
  canDrill,
  onDrill,
  onRecords,
}: {
  unit: IndicatorUnit;
  indicator: IndicatorId;
  canDrill: boolean;
  onDrill: () => void;
  onRecords: () => void;
}): ReactElement {
  const { t } = useTranslation();
  const lang = useLang();
  const v = unit.values[indicator];
  return (
    <section className="dashboard__card" data-testid="grid-card" aria-label={unit.grid.name}>
      <h3>
        {unit.grid.name} · {t(`dashboard.names.${indicator}`)}
      </h3>
      <p className="dashboard__big">
        <ValueText v={v} />
      </p>
      <dl>
        <dt>{t('dashboard.counts')}</dt>
        <dd>
          {v.numerator} / {v.denominator}
          {indicator in HINTS ? ` (${t(`dashboard.${HINTS[indicator]!}`)})` : ''}
        </dd>
        {v.interval && (
          <>
            <dt>{t('dashboard.interval')}</dt>
            <dd>
              {percent(v.interval[0])} – {percent(v.interval[1])}
            </dd>
          </>
        )}
        <dt>{t('dashboard.target')}</dt>
        <dd>
          {formatValue(indicator, v.target)} ·{' '}
          {v.met !== null
            ? t(v.met ? 'dashboard.met' : 'dashboard.notMet')
            : v.value === null
              ? '—'
              : t('dashboard.noMinimum')}
        </dd>
        <dt>{t('dashboard.previous')}</dt>
        <dd>
          {v.previous === null
            ? v.historyStart
              ? t('dashboard.historyStarts', { date: v.historyStart })
              : t(`dashboard.noDataReasons.${v.previousNoData ?? 'no_history'}`)
            : `${formatValue(indicator, v.previous)}${v.trend ? ` · ${t(`dashboard.trend.${v.trend}`)}` : ''}`}
        </dd>
        {v.noData && (
          <>
            <dt>{t('dashboard.noData')}</dt>
            <dd>
              {v.noData === 'no_history' && v.historyStart
                ? t('dashboard.historyStarts', { date: v.historyStart })
                : t(`dashboard.noDataReasons.${v.noData}`)}
            </dd>
          </>
        )}
        {v.soil && (
          <>
            <dt>{t('dashboard.soilStrictMu')}</dt>
            <dd data-testid="soil-strict-mu">
              {t('dashboard.mu', { mu: formatNumber(v.soil.strictControlMu, lang, 1) })}
              {v.soil.strictControlShare !== null ? ` · ${percent(v.soil.strictControlShare)}` : ''}
            </dd>
            <dt>{t('dashboard.soilSafeMu')}</dt>
            <dd data-testid="soil-safe-mu">
              {t('dashboard.mu', { mu: formatNumber(v.soil.safeUtilisationMu, lang, 1) })}
              {v.soil.safeUtilisationShare !== null ? ` · ${percent(v.soil.safeUtilisationShare)}` : ''}
            </dd>
            <dt>{t('dashboard.soilClassifiedMu')}</dt>
            <dd>{t('dashboard.mu', { mu: formatNumber(v.soil.classifiedMu, lang, 1) })}</dd>
          </>
        )}
      </dl>
      {v.smallSample && <p className="dashboard__warn">⚠ {t('dashboard.smallSample')}</p>}
      <div className="dashboard__actions">
        <button type="button" onClick={onRecords} data-testid="open-records">
          {t('dashboard.openRecords')}
        </button>
        {canDrill && (
          <button type="button" className="dashboard__primary" onClick={onDrill} data-testid="drill">
            {t('dashboard.drill')}
          </button>
        )}
      </div>
    </section>
  );
}
