/**
 * The shared spreadsheet-import wizard (导入向导): upload an Excel/CSV file, map its columns to the target's fields
 * (the remembered or proposed mapping is offered), choose the coordinate datum or "addresses only", preview the rows
 * on the map with the row-by-row report (row, column, problem), then commit all or nothing. Reusable by target name:
 * <ImportWizard target="subjects" …/>, "residue-results", "soil-samples" — whatever GET /api/imports/targets lists.
 */
import { type ReactElement, useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type {
  ImportCommitResult,
  ImportFileSummary,
  ImportPreview,
  ImportTargetInfo,
} from '../../../../server/contracts/imports';
import { ApiError } from '../../api/http';
import { describeError } from '../../app/describe-error';
import { useLang } from '../../app/use-lang';
import type { MapHandle } from '../../map/map-handle';
import { type ImportBody, importsApi, type RejectedDetails } from './api';
import './imports.css';

export type DatumChoice = 'wgs84' | 'gcj02' | 'bd09' | 'none';
const DATUM_CHOICES: DatumChoice[] = ['wgs84', 'gcj02', 'bd09', 'none'];
const OVERLAY = 'import-preview';

export interface ImportWizardProps {
  /** Import target id (GET /api/imports/targets). */
  target: string;
  map: MapHandle;
  onCommitted?: (result: ImportCommitResult) => void;
  onClose?: () => void;
}

type Report = Pick<ImportPreview, 'problems' | 'problemCount' | 'mappingProblems'>;

function bboxOf(preview: ImportPreview): [number, number, number, number] | null {
  let [w, s, e, n] = [Infinity, Infinity, -Infinity, -Infinity];
  const walk = (value: unknown): void => {
    if (Array.isArray(value) && typeof value[0] === 'number') {
      w = Math.min(w, value[0] as number);
      e = Math.max(e, value[0] as number);
      s = Math.min(s, value[1] as number);
      n = Math.max(n, value[1] as number);
    } else if (Array.isArray(value)) value.forEach(walk);
  };
  for (const f of preview.preview.features) walk((f.geometry as { coordinates: unknown }).coordinates);
  if (!Number.isFinite(w)) return null;
  const pad = 0.005;
  return [w - pad, s - pad, e + pad, n + pad];
}

export function ImportWizard({ target, map, onCommitted, onClose }: ImportWizardProps): ReactElement {
  const { t } = useTranslation();
  const lang = useLang();
  const options = useMemo(() => ({ lang }), [lang]);
  const [info, setInfo] = useState<ImportTargetInfo | null>(null);
  const [file, setFile] = useState<ImportFileSummary | null>(null);
  const [sheet, setSheet] = useState<string | null>(null);
  const [mapping, setMapping] = useState<Record<string, string | null> | null>(null);
  const [datum, setDatum] = useState<DatumChoice>('wgs84');
  const [swapAxes, setSwapAxes] = useState(false);
  const [preview, setPreview] = useState<ImportPreview | null>(null);
  const [report, setReport] = useState<Report | null>(null);
  const [busy, setBusy] = useState<'upload' | 'preview' | 'commit' | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [result, setResult] = useState<ImportCommitResult | null>(null);
  const [inputKey, setInputKey] = useState(0);
  const reportRef = useRef<HTMLElement>(null);

  useEffect(() => {
    importsApi
      .targets(options)
      .then((targets) => setInfo(targets.find((x) => x.id === target) ?? null))
      .catch((e: unknown) => setError(describeError(e, t)));
  }, [target, options, t]);

  useEffect(() => () => map.setOverlay(OVERLAY, 'moves', null), [map]);

  // The report is what the user reads next (the column list above it is long).
  useEffect(() => {
    if (preview) reportRef.current?.scrollIntoView({ block: 'start' });
  }, [preview]);

  const coordinateFields = useMemo(
    () => (info?.fields ?? []).filter((f) => f.type === 'longitude' || f.type === 'latitude'),
    [info],
  );
  const label = (l: { zh: string; en: string }) => (lang === 'en' ? l.en : l.zh);

  const body = useCallback(
    (withMapping: boolean): ImportBody => {
      const chosen = withMapping && mapping ? { ...mapping } : undefined;
      if (chosen && datum === 'none') for (const f of coordinateFields) chosen[f.key] = null;
      return {
        target,
        ...(sheet ? { sheet } : {}),
        ...(chosen ? { mapping: chosen } : {}),
        ...(datum !== 'none' ? { datum } : {}),
        swapAxes: datum !== 'none' && swapAxes,
      };
    },
    [target, sheet, mapping, datum, swapAxes, coordinateFields],
  );

  const showPreview = useCallback(
    (next: ImportPreview) => {
      setPreview(next);
      setReport(next);
      setMapping(next.mapping);
      map.setOverlay(OVERLAY, 'moves', {
        type: 'FeatureCollection',
        features: next.preview.features.map((f) => ({
          type: 'Feature',
          id: f.properties.row,
          geometry: f.geometry as { type: string; coordinates: unknown },
          properties: { id: f.properties.row, row: f.properties.row },
        })),
      });
      const bbox = bboxOf(next);
      if (bbox) map.fitBounds(bbox);
    },
    [map],
  );

  const runPreview = async (id: string, request: ImportBody) => {
    setBusy('preview');
    setError(null);
    try {
      showPreview(await importsApi.preview(id, request, options));
    } catch (e) {
      setError(describeError(e, t));
    } finally {
      setBusy(null);
    }
  };

  const onFile = async (chosen: File | undefined) => {
    if (!chosen) return;
    setBusy('upload');
    setError(null);
    setResult(null);
    setPreview(null);
    setReport(null);
    try {
      const summary = await importsApi.upload(chosen, options);
      setFile(summary);
      const first = summary.sheets[0]?.name ?? null;
      setSheet(first);
      setBusy(null);
      await runPreview(summary.id, { target, ...(first ? { sheet: first } : {}) });
    } catch (e) {
      setError(describeError(e, t));
      setBusy(null);
    }
  };

  const commit = async () => {
    if (!file) return;
    setBusy('commit');
    setError(null);
    try {
      const done = await importsApi.commit(file.id, body(true), options);
      setResult(done);
      map.setOverlay(OVERLAY, 'moves', null);
      onCommitted?.(done);
    } catch (e) {
      if (e instanceof ApiError && e.fromServer && e.details && typeof e.details === 'object') {
        const details = e.details as Partial<RejectedDetails>;
        if (details.problems) {
          setReport({
            problems: details.problems,
            problemCount: details.problemCount ?? details.problems.length,
            mappingProblems: details.mappingProblems ?? [],
          });
        }
      }
      setError(`${describeError(e, t)} ${t('imports.rejected')}`);
    } finally {
      setBusy(null);
    }
  };

  const restart = () => {
    setFile(null);
    setPreview(null);
    setReport(null);
    setResult(null);
    setMapping(null);
    setError(null);
    setInputKey((k) => k + 1);
    map.setOverlay(OVERLAY, 'moves', null);
  };

  const sheetInfo = file?.sheets.find((s) => s.name === sheet) ?? null;
  const headers = preview?.headers ?? sheetInfo?.headers ?? [];
  const mappingNote =
    preview &&
    t(
      preview.mappingSource === 'remembered'
        ? 'imports.mappingRemembered'
        : preview.mappingSource === 'proposed'
          ? 'imports.mappingProposed'
          : 'imports.mappingRequest',
    );

  return (
    <div className="import-wizard" data-testid="import-wizard" data-target={target}>
      <header className="import-wizard__header">
        <h3>
          {t('imports.title')}
          {info ? ` · ${label(info.label)}` : ''}
        </h3>
        {onClose && (
          <button type="button" onClick={onClose} data-testid="import-close">
            {t('imports.close')}
          </button>
        )}
      </header>

      <section className="import-wizard__step">
        <h4>{t('imports.step1')}</h4>
        <label className="import-wizard__field">
          <span>{t('imports.file')}</span>
          <input
            key={inputKey}
            type="file"
            accept=".xlsx,.xls,.csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet,text/csv"
            onChange={(event) => void onFile(event.target.files?.[0])}
            disabled={busy !== null}
            data-testid="import-file"
          />
        </label>
        {busy === 'upload' && <p className="import-wizard__hint">{t('imports.uploading')}</p>}
        {file && file.sheets.length > 1 && (
          <label className="import-wizard__field">
            <span>{t('imports.sheet')}</span>
            <select
              value={sheet ?? ''}
              onChange={(event) => {
                setSheet(event.target.value);
                setMapping(null);
                void runPreview(file.id, { target, sheet: event.target.value });
              }}
            >
              {file.sheets.map((s) => (
                <option key={s.name} value={s.name}>
                  {`${s.name} · ${t('imports.rows', { count: s.rowCount })}`}
                </option>
              ))}
            </select>
          </label>
        )}
        {file && sheetInfo && (
          <p className="import-wizard__hint">
            {file.filename} · {t('imports.rows', { count: sheetInfo.rowCount })} ·{' '}
            {t('imports.headerRow', { row: sheetInfo.headerRow })}
          </p>
        )}
      </section>

      {file && info && mapping && !result && (
        <section className="import-wizard__step" data-testid="import-mapping">
          <h4>{t('imports.step2')}</h4>
          {mappingNote && <p className="import-wizard__hint">{mappingNote}</p>}
          <div className="import-wizard__mapping">
            {info.fields.map((field) => {
              const off = datum === 'none' && coordinateFields.includes(field);
              return (
                <label key={field.key} className="import-wizard__map-row">
                  <span>
                    {label(field.label)}
                    {field.required && <em> *{t('imports.required')}</em>}
                  </span>
                  <select
                    value={off ? '' : (mapping[field.key] ?? '')}
                    disabled={off}
                    onChange={(event) => setMapping({ ...mapping, [field.key]: event.target.value || null })}
                    data-field={field.key}
                  >
                    <option value="">{t('imports.notImported')}</option>
                    {headers.map((h) => (
                      <option key={h} value={h}>
                        {h}
                      </option>
                    ))}
                  </select>
                </label>
              );
            })}
          </div>
          {coordinateFields.length > 0 && (
            <fieldset className="import-wizard__datum">
              <legend>{t('imports.datum')}</legend>
              {DATUM_CHOICES.map((d) => (
                <label key={d}>
                  <input
                    type="radio"
                    name={`datum-${target}`}
                    value={d}
                    checked={datum === d}
                    onChange={() => setDatum(d)}
                    data-testid={`datum-${d}`}
                  />
                  {t(`imports.datums.${d}`)}
                </label>
              ))}
              {datum !== 'none' && (
                <label>
                  <input
                    type="checkbox"
                    checked={swapAxes}
                    onChange={(event) => setSwapAxes(event.target.checked)}
                  />
                  {t('imports.swapAxes')}
                </label>
              )}
            </fieldset>
          )}
          <div className="import-wizard__actions">
            <button
              type="button"
              onClick={() => void runPreview(file.id, body(true))}
              disabled={busy !== null}
              data-testid="import-preview"
            >
              {busy === 'preview' ? t('imports.previewing') : t('imports.preview')}
            </button>
          </div>
        </section>
      )}

      {error && (
        <p className="import-wizard__error" role="alert" data-testid="import-error">
          {error}
        </p>
      )}

      {preview && report && !result && (
        <section className="import-wizard__step" data-testid="import-report" ref={reportRef}>
          <h4>{t('imports.step3')}</h4>
          <p className="import-wizard__summary" data-testid="import-summary">
            {t('imports.summary', {
              rows: preview.rowCount,
              valid: preview.validRowCount,
              problems: report.problemCount + report.mappingProblems.length,
            })}
          </p>
          <p className="import-wizard__hint">
            {t('imports.onMap', { count: preview.preview.features.length })}
          </p>
          {report.mappingProblems.length > 0 && (
            <>
              <h5>{t('imports.mappingProblems')}</h5>
              <ul className="import-wizard__mapping-problems">
                {report.mappingProblems.map((p, i) => (
                  <li key={i}>{p.message}</li>
                ))}
              </ul>
            </>
          )}
          {report.problemCount > 0 ? (
            <>
              <p className="import-wizard__warn">{t('imports.hasProblems')}</p>
              <h5>{t('imports.report')}</h5>
              <div className="import-wizard__table-wrap">
                <table className="import-wizard__table" data-testid="import-problems">
                  <thead>
                    <tr>
                      <th>{t('imports.row')}</th>
                      <th>{t('imports.column')}</th>
                      <th>{t('imports.problem')}</th>
                    </tr>
                  </thead>
                  <tbody>
                    {report.problems.map((p, i) => (
                      <tr key={i} data-row={p.row}>
                        <td>{p.row}</td>
                        <td>{p.column ?? '—'}</td>
                        <td>{p.message}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
              {report.problemCount > report.problems.length && (
                <p className="import-wizard__hint">
                  {t('imports.more', { count: report.problemCount - report.problems.length })}
                </p>
              )}
            </>
          ) : (
            report.mappingProblems.length === 0 && <p className="import-wizard__ok">{t('imports.allGood')}</p>
          )}
          <div className="import-wizard__actions">
            <button
              type="button"
              className="import-wizard__primary"
              onClick={() => void commit()}
              disabled={busy !== null || report.problemCount > 0 || report.mappingProblems.length > 0}
              data-testid="import-commit"
            >
              {busy === 'commit' ? t('imports.committing') : t('imports.commit')}
            </button>
            <button type="button" onClick={restart} data-testid="import-restart">
              {t('imports.another')}
            </button>
          </div>
        </section>
      )}

      {result && (
        <section className="import-wizard__step">
          <p className="import-wizard__ok" role="status" data-testid="import-result">
            {t('imports.committed', { inserted: result.inserted, updated: result.updated })}
          </p>
          <button type="button" onClick={restart}>
            {t('imports.another')}
          </button>
        </section>
      )}
    </div>
  );
}
