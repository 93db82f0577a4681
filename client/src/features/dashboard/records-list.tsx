/** The records behind one number (grids, subjects or samples), paged, with "only the ones that miss". */
import { type ReactElement, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { IndicatorId, IndicatorRecords } from '../../../../server/contracts/indicators';
import { useLang } from '../../app/use-lang';
import { dashboardApi, type Period } from './api';
import { chinaToday } from '../../lib/format';

/** The record's detail with its codes (sample kind, verdict, subject type) in the user's language. */
function useDetail(): (detail: string) => string {
  const { t } = useTranslation();
  const terms = t('dashboard.terms', { returnObjects: true }) as Record<string, string>;
  return (detail) =>
    detail
      .split(' · ')
      .map((part) => terms[part] ?? part)
      .join(' · ');
}

export function RecordsList({
  indicator,
  grid,
  period,
  onClose,
  onError,
}: {
  indicator: IndicatorId;
  grid: { id: number; name: string };
  period: Period;
  onClose: () => void;
  onError: (error: unknown) => void;
}): ReactElement {
  const { t } = useTranslation();
  const lang = useLang();
  const detail = useDetail();
  const [failing, setFailing] = useState(false);
  const [data, setData] = useState<IndicatorRecords | null>(null);
  const [offset, setOffset] = useState(0);

  useEffect(() => {
    let live = true;
    dashboardApi
      .records(indicator, grid.id, period, { failing, offset }, { lang })
      .then((page) => {
        if (!live) return;
        setData((prev) => (offset > 0 && prev ? { ...page, items: [...prev.items, ...page.items] } : page));
      })
      .catch(onError);
    return () => {
      live = false;
    };
  }, [indicator, grid.id, period, failing, offset, lang, onError]);

  return (
    <section className="dashboard__records" data-testid="records" aria-label={t('dashboard.records')}>
      <header>
        <h3>
          {t('dashboard.recordsOf', {
            grid: grid.name,
            indicator: t(`dashboard.names.${indicator}`),
            total: data?.total ?? '…',
          })}
        </h3>
        <button type="button" onClick={onClose}>
          {t('dashboard.close')}
        </button>
      </header>
      <label className="dashboard__check">
        <input
          type="checkbox"
          checked={failing}
          onChange={(e) => {
            setOffset(0);
            setFailing(e.target.checked);
          }}
        />
        {t('dashboard.onlyFailing')}
      </label>
      {data?.asOf && data.noData === 'no_history' ? (
        <p className="dashboard__warn" data-testid="records-as-of">
          {t('dashboard.recordsNoHistory', { start: data.historyStart ?? '—', date: data.asOf })}
        </p>
      ) : data?.asOf && data.asOf < chinaToday() ? (
        <p className="dashboard__hint" data-testid="records-as-of">
          {t('dashboard.recordsAsOf', { date: data.asOf })}
        </p>
      ) : null}
      <ul>
        {data?.items.map((r) => (
          <li key={r.id} data-testid="record" data-counts={r.counts}>
            <span className={r.counts ? 'dashboard__ok' : 'dashboard__bad'}>
              {r.counts ? t('dashboard.counted') : t('dashboard.notCounted')}
            </span>
            <strong>{r.code}</strong> {r.name}
            <small>
              {[r.township, r.village].filter(Boolean).join(' · ')} {r.date ?? ''} · {detail(r.detail)}
            </small>
          </li>
        ))}
      </ul>
      {data && data.items.length < data.total && (
        <button type="button" onClick={() => setOffset(data.items.length)}>
          {t('dashboard.more')}
        </button>
      )}
    </section>
  );
}
