/**
 * The dashboard's print dialog (打印与导出): the current view — level, parent, indicator, period — rendered by the
 * server as an A4/A3 PDF or a PNG at a chosen dpi (title and subtitle editable, layers chosen), an atlas with one
 * page per grid, the indicator table as Excel, and the county's annual report for the period's year.
 */
import { type ReactElement, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { IndicatorId } from '../../../../server/contracts/indicators';
import { describeError } from '../../app/describe-error';
import { useLang } from '../../app/use-lang';
import { downloadPost } from '../analysis/api';
import type { Period } from './api';
import './print.css';

export interface PrintView {
  level: 'township' | 'village';
  parentId: number;
  parentName: string;
  countyId: number;
  indicator: IndicatorId;
  period: Period;
}

type Busy = 'map' | 'atlas' | 'table' | 'report' | null;

export function PrintButton({ view }: { view: PrintView }): ReactElement {
  const { t } = useTranslation();
  const lang = useLang();
  const dialog = useRef<HTMLDialogElement>(null);
  const [size, setSize] = useState<'A4' | 'A3'>('A3');
  const [orientation, setOrientation] = useState<'landscape' | 'portrait'>('landscape');
  const [format, setFormat] = useState<'pdf' | 'png'>('pdf');
  const [dpi, setDpi] = useState(200);
  const [title, setTitle] = useState<string | null>(null);
  const [subtitle, setSubtitle] = useState('');
  const [labels, setLabels] = useState(true);
  const [subjects, setSubjects] = useState(false);
  const [busy, setBusy] = useState<Busy>(null);
  const [status, setStatus] = useState('');
  const [error, setError] = useState('');

  const year = view.period.from.slice(0, 4);
  const indicatorName = t(`dashboard.names.${view.indicator}` as never, { defaultValue: view.indicator });
  const defaultTitle = t('print.defaultTitle', { area: view.parentName, year, indicator: indicatorName });
  const shownTitle = title ?? defaultTitle;
  const viewBody = {
    level: view.level,
    parentId: view.parentId,
    indicator: view.indicator,
    from: view.period.from,
    to: view.period.to,
  };
  const texts = {
    ...(shownTitle.trim() ? { title: shownTitle.trim().slice(0, 60) } : {}),
    ...(subtitle.trim() ? { subtitle: subtitle.trim() } : {}),
  };

  const run = async (kind: Exclude<Busy, null>, url: string, body: unknown, file: string) => {
    setBusy(kind);
    setError('');
    setStatus(t('print.working'));
    try {
      await downloadPost(url, body, file, { lang });
      setStatus(t('print.done', { file }));
    } catch (e) {
      setStatus('');
      setError(describeError(e, t));
    } finally {
      setBusy(null);
    }
  };

  const base = `${view.parentName}-${view.indicator}-${view.period.from}-${view.period.to}`;
  return (
    <>
      <button type="button" data-testid="print-open" onClick={() => dialog.current?.showModal()}>
        {t('print.open')}
      </button>
      <dialog ref={dialog} className="print-dialog" data-testid="print-dialog" aria-labelledby="print-title">
        <header>
          <h3 id="print-title">{t('print.title')}</h3>
          <button type="button" onClick={() => dialog.current?.close()} aria-label={t('print.close')}>
            ×
          </button>
        </header>
        <div className="print-dialog__grid">
          <label>
            {t('print.paper')}
            <select
              data-testid="print-size"
              value={size}
              onChange={(e) => setSize(e.target.value as 'A4' | 'A3')}
            >
              <option value="A4">A4</option>
              <option value="A3">A3</option>
            </select>
          </label>
          <label>
            {t('print.orientation')}
            <select
              data-testid="print-orientation"
              value={orientation}
              onChange={(e) => setOrientation(e.target.value as 'landscape' | 'portrait')}
            >
              <option value="landscape">{t('print.landscape')}</option>
              <option value="portrait">{t('print.portrait')}</option>
            </select>
          </label>
          <label>
            {t('print.format')}
            <select
              data-testid="print-format"
              value={format}
              onChange={(e) => setFormat(e.target.value as 'pdf' | 'png')}
            >
              <option value="pdf">PDF</option>
              <option value="png">PNG</option>
            </select>
          </label>
          {format === 'png' && (
            <label>
              {t('print.dpi')}
              <select data-testid="print-dpi" value={dpi} onChange={(e) => setDpi(Number(e.target.value))}>
                {[150, 200, 300].map((d) => (
                  <option key={d} value={d}>
                    {d}
                  </option>
                ))}
              </select>
            </label>
          )}
        </div>
        <label className="print-dialog__wide">
          {t('print.mapTitle')}
          <input
            data-testid="print-title"
            value={shownTitle}
            maxLength={60}
            onChange={(e) => setTitle(e.target.value)}
          />
        </label>
        <label className="print-dialog__wide">
          {t('print.subtitle')}
          <input
            data-testid="print-subtitle"
            value={subtitle}
            maxLength={120}
            placeholder={t('print.subtitlePlaceholder')}
            onChange={(e) => setSubtitle(e.target.value)}
          />
        </label>
        <fieldset>
          <legend>{t('print.layers')}</legend>
          <label>
            <input type="checkbox" checked={labels} onChange={(e) => setLabels(e.target.checked)} />
            {t('print.labels')}
          </label>
          <label>
            <input type="checkbox" checked={subjects} onChange={(e) => setSubjects(e.target.checked)} />
            {t('print.subjects')}
          </label>
        </fieldset>
        <p className="print-dialog__note">{t('print.scopeNote')}</p>
        <div className="print-dialog__actions">
          <button
            type="button"
            className="dashboard__primary"
            data-testid="print-map"
            disabled={busy !== null}
            onClick={() =>
              run(
                'map',
                '/api/print/map',
                {
                  ...viewBody,
                  ...texts,
                  size,
                  orientation,
                  format,
                  ...(format === 'png' ? { dpi } : {}),
                  layers: [...(labels ? ['labels'] : []), ...(subjects ? ['subjects'] : [])],
                },
                `${base}-${size}.${format}`,
              )
            }
          >
            {t('print.exportMap')}
          </button>
          <button
            type="button"
            data-testid="print-atlas"
            disabled={busy !== null}
            onClick={() =>
              run(
                'atlas',
                '/api/print/atlas',
                { ...viewBody, ...(title ? { title: title.trim().slice(0, 60) } : {}), size, orientation },
                `${base}-atlas-${size}.pdf`,
              )
            }
          >
            {t('print.atlas')}
          </button>
          <button
            type="button"
            data-testid="print-table"
            disabled={busy !== null}
            onClick={() =>
              run(
                'table',
                '/api/print/indicators.xlsx',
                { level: view.level, parentId: view.parentId, from: view.period.from, to: view.period.to },
                `${base}.xlsx`,
              )
            }
          >
            {t('print.table')}
          </button>
          <button
            type="button"
            data-testid="print-report"
            disabled={busy !== null}
            onClick={() =>
              run(
                'report',
                '/api/print/annual-report',
                { countyId: view.countyId, year: Number(year), size: size === 'A3' ? 'A3' : 'A4' },
                `annual-report-${year}.pdf`,
              )
            }
          >
            {t('print.report', { year })}
          </button>
        </div>
        <p className="print-dialog__hint">{t('print.reportHint')}</p>
        <p role="status" aria-live="polite" data-testid="print-status">
          {status}
        </p>
        {error && (
          <p role="alert" className="print-dialog__error">
            {error}
          </p>
        )}
      </dialog>
    </>
  );
}
