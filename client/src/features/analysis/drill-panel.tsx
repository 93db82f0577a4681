/**
 * What lies behind a grid, hexagon or scan cluster (钻取): its samples with their failing results, and the counts by
 * analyte, commodity and subject; the four tables export to one Excel workbook (POST /api/analysis/samples.xlsx).
 */
import { type ReactElement, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { DrillDownResponse } from '../../../../server/contracts/analysis';
import { describeError } from '../../app/describe-error';
import { useLang } from '../../app/use-lang';
import { useLoaded } from './use-loaded';
import { analysisApi, downloadPost, type Filter, samplesBody, type Where } from './api';

export interface DrillTarget {
  name: string;
  where: Where;
}

export function DrillPanel({
  target,
  filter,
  onClose,
  onError,
}: {
  target: DrillTarget;
  filter: Filter;
  onClose: () => void;
  onError: (text: string) => void;
}): ReactElement {
  const { t } = useTranslation();
  const lang = useLang();
  const options = useMemo(() => ({ lang }), [lang]);
  const [onlyFailures, setOnlyFailures] = useState(true);
  const [busy, setBusy] = useState(false);
  const data: DrillDownResponse | null = useLoaded(
    JSON.stringify([filter, target.where, onlyFailures, lang]),
    () => analysisApi.samples(filter, target.where, onlyFailures, 500, options),
    (e) => onError(describeError(e, t)),
  );

  const exportExcel = () => {
    setBusy(true);
    downloadPost(
      '/api/analysis/samples.xlsx',
      samplesBody(filter, target.where, onlyFailures),
      'samples.xlsx',
      options,
    )
      .catch((e: unknown) => onError(describeError(e, t)))
      .finally(() => setBusy(false));
  };

  return (
    <section className="analysis__drill" data-testid="drill-panel" aria-busy={!data}>
      <header>
        <h3>{t('analysis.drill.title', { name: target.name })}</h3>
        <button type="button" onClick={onClose}>
          {t('analysis.drill.close')}
        </button>
      </header>
      <div className="analysis__row">
        <label className="analysis__check">
          <input type="checkbox" checked={onlyFailures} onChange={(e) => setOnlyFailures(e.target.checked)} />
          {t('analysis.drill.onlyFailures')}
        </label>
        <button type="button" data-testid="drill-export" disabled={busy || !data} onClick={exportExcel}>
          {t('analysis.drill.export')}
        </button>
      </div>
      {!data && <p>{t('analysis.loading')}</p>}
      {data && (
        <>
          <p data-testid="drill-total">{t('analysis.drill.total', { total: data.total })}</p>
          {data.rows.length === 0 ? (
            <p>{t('analysis.drill.none')}</p>
          ) : (
            <div className="analysis__table-wrap">
              <table className="analysis__table" data-testid="drill-samples">
                <thead>
                  <tr>
                    <th>{t('analysis.drill.code')}</th>
                    <th>{t('analysis.drill.date')}</th>
                    <th>{t('analysis.drill.commodity')}</th>
                    <th>{t('analysis.drill.findings')}</th>
                    <th>{t('analysis.drill.place')}</th>
                    <th>{t('analysis.drill.subject')}</th>
                  </tr>
                </thead>
                <tbody>
                  {data.rows.map((r) => (
                    <tr
                      key={r.id}
                      data-testid="drill-row"
                      className={r.failed ? 'analysis__failed' : undefined}
                    >
                      <td>{r.code}</td>
                      <td>{r.sampledOn}</td>
                      <td>{r.commodity}</td>
                      <td>
                        {r.findings.length
                          ? r.findings
                              .map(
                                (f) =>
                                  `${f.analyte} ${f.value ?? '–'}${f.limitValue !== null ? ` > ${f.limitValue}` : ''}${f.standard ? ` (${f.standard})` : ''}`,
                              )
                              .join('；')
                          : t(`enums.verdict.${r.verdict}`, { defaultValue: r.verdict })}
                      </td>
                      <td>{[r.township, r.village].filter(Boolean).join(' ')}</td>
                      <td>{r.subjectName ?? '–'}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
          <div className="analysis__counts">
            <div>
              <h4>{t('analysis.drill.analytes')}</h4>
              <ul data-testid="drill-analytes">
                {data.byAnalyte.map((a) => (
                  <li key={a.analyte}>
                    {a.analyte} · {a.failures}
                  </li>
                ))}
              </ul>
            </div>
            <div>
              <h4>{t('analysis.drill.commodities')}</h4>
              <ul>
                {data.byCommodity.map((c) => (
                  <li key={c.commodity}>
                    {c.commodity} · {c.failures}/{c.samples}
                  </li>
                ))}
              </ul>
            </div>
            <div>
              <h4>{t('analysis.drill.subjects')}</h4>
              <ul data-testid="drill-subjects">
                {data.bySubject.map((s) => (
                  <li key={s.code}>
                    {s.name} · {s.failures}/{s.samples}
                  </li>
                ))}
              </ul>
            </div>
          </div>
        </>
      )}
    </section>
  );
}
