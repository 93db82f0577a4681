/**
 * The roster workbook and grid files in the planning panel: download / upload the roster table (网格定人) of the
 * area being edited, export its child grids (GeoJSON, Shapefile), and the import dialog — file, datum, column
 * mapping, preview on the map with the problems listed, then commit.
 */
import { type ReactElement, useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type {
  GridImportReport,
  RosterImportResult,
  RosterProblem,
} from '../../../../server/contracts/grid-exchange';
import type { Lang } from '../../../../server/contracts/errors';
import { ApiError } from '../../api/http';
import type { MapHandle } from '../../map/map-handle';
import { exchangeApi, type ImportChoices } from './exchange-api';
import { useCan } from '../auth/session';

interface Props {
  parentId: number;
  map: MapHandle;
  lang: Lang;
  readOnly: boolean;
  /** After anything was written: reload the panel. */
  onChanged: () => void;
  onError: (error: unknown) => void;
}

type Datum = ImportChoices['datum'];

export function GridExchange({ parentId, map, lang, readOnly, onChanged, onError }: Props): ReactElement {
  const { t } = useTranslation();
  // Accounts without the permission see the downloads but not the uploads (issue 9).
  const canEditRoster = useCan('roster.edit');
  const canEditGrids = useCan('grids.edit');
  const rosterLocked = readOnly || !canEditRoster;
  const gridsLocked = readOnly || !canEditGrids;
  const [rosterResult, setRosterResult] = useState<RosterImportResult | null>(null);
  const [rosterError, setRosterError] = useState<{ message: string; problems: RosterProblem[] } | null>(null);
  const [open, setOpen] = useState(false);

  const uploadRoster = async (file: File | undefined) => {
    if (!file) return;
    setRosterResult(null);
    setRosterError(null);
    try {
      setRosterResult(await exchangeApi.uploadRoster(parentId, file, { lang }));
      onChanged();
    } catch (error) {
      if (error instanceof ApiError && error.fromServer)
        setRosterError({
          message: error.message,
          problems: (error.details as { problems?: RosterProblem[] } | undefined)?.problems ?? [],
        });
      else onError(error);
    }
  };

  return (
    <>
      <section className="planning__section" data-testid="roster-exchange">
        <h3>{t('gridExchange.roster')}</h3>
        <p className="exchange__hint">{t('gridExchange.rosterHint')}</p>
        <div className="planning__tools">
          <a
            className="button-link"
            href={exchangeApi.rosterUrl(parentId)}
            download
            data-testid="roster-download"
          >
            {t('gridExchange.rosterDownload')}
          </a>
          <label className={`button-link file-button ${rosterLocked ? 'file-button--disabled' : ''}`}>
            {t('gridExchange.rosterUpload')}
            <input
              type="file"
              accept=".xlsx,.xls,.csv"
              disabled={rosterLocked}
              data-testid="roster-upload"
              onChange={(event) => {
                void uploadRoster(event.target.files?.[0]);
                event.target.value = '';
              }}
            />
          </label>
        </div>
        {rosterResult && (
          <p className="planning__status" role="status" data-testid="roster-result">
            {t('gridExchange.rosterDone', { grids: rosterResult.grids.length, people: rosterResult.people })}
          </p>
        )}
        {rosterError && (
          <div className="exchange__problems" role="alert" data-testid="roster-problems">
            <p>{rosterError.message}</p>
            <ul>
              {rosterError.problems.slice(0, 30).map((p, i) => (
                <li key={i}>
                  {t('gridExchange.rosterRow', { row: p.row })}
                  {p.column ? ` ${t('gridExchange.rosterColumn', { column: p.column })}` : ''}：
                  {lang === 'en' ? p.message.en : p.message.zh}
                </li>
              ))}
            </ul>
          </div>
        )}
      </section>

      <section className="planning__section">
        <h3>{t('gridExchange.exchange')}</h3>
        <div className="planning__tools">
          <button
            type="button"
            className="primary"
            onClick={() => setOpen(true)}
            disabled={gridsLocked || open}
            data-testid="import-open"
          >
            {t('gridExchange.import')}
          </button>
          <a
            className="button-link"
            href={exchangeApi.exportUrl(parentId, 'geojson')}
            download
            data-testid="export-geojson"
          >
            {t('gridExchange.exportGeojson')}
          </a>
          <a
            className="button-link"
            href={exchangeApi.exportUrl(parentId, 'zip')}
            download
            data-testid="export-shapefile"
          >
            {t('gridExchange.exportShapefile')}
          </a>
        </div>
        {open && (
          <ImportDialog
            parentId={parentId}
            map={map}
            lang={lang}
            onClose={() => setOpen(false)}
            onImported={onChanged}
            onError={onError}
          />
        )}
      </section>
    </>
  );
}

function ImportDialog({
  parentId,
  map,
  lang,
  onClose,
  onImported,
  onError,
}: {
  parentId: number;
  map: MapHandle;
  lang: Lang;
  onClose: () => void;
  onImported: () => void;
  onError: (error: unknown) => void;
}): ReactElement {
  const { t } = useTranslation();
  const [file, setFile] = useState<File | null>(null);
  const [datum, setDatum] = useState<Datum>('wgs84');
  const [mode, setMode] = useState<ImportChoices['mode']>('replace');
  const [nameField, setNameField] = useState('');
  const [codeField, setCodeField] = useState('');
  const [report, setReport] = useState<GridImportReport | null>(null);
  const [message, setMessage] = useState<string | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const clearMap = useCallback(() => {
    map.setOverlay('planning-import', 'planning-grids', null);
    map.setOverlay('planning-import-problems', 'problems', null);
  }, [map]);
  useEffect(() => clearMap, [clearMap]);

  // The preview on the map: the grids as they would be, and the features with problems in red.
  useEffect(() => {
    if (!report) return clearMap();
    const grids = report.result?.grids ?? [];
    map.setOverlay('planning-import', 'planning-grids', {
      type: 'FeatureCollection',
      features: grids.map((g, index) => ({ ...g, properties: { ...g.properties, index } })),
    });
    const bad = report.features.filter((f) => f.properties.problems > 0 && f.geometry);
    const points = report.problems.filter((p) => p.at);
    map.setOverlay('planning-import-problems', 'problems', {
      type: 'FeatureCollection',
      features: [
        ...bad.map((f) => ({
          type: 'Feature' as const,
          id: f.row,
          geometry: f.geometry,
          properties: { id: f.row, label: `${f.row} ${f.properties.name ?? ''}` },
        })),
        ...points.map((p, i) => ({
          type: 'Feature' as const,
          id: 10_000 + i,
          geometry: { type: 'Point' as const, coordinates: p.at as [number, number] },
          properties: { id: 10_000 + i, label: p.row ? String(p.row) : '!' },
        })),
      ],
    });
  }, [map, report, clearMap]);

  const send = async (dryRun: boolean) => {
    if (!file) return;
    setBusy(true);
    setMessage(null);
    setDone(null);
    try {
      const result = await exchangeApi.importGrids(
        file,
        { parentId, datum, mode, nameField, codeField, dryRun },
        { lang },
      );
      setReport(result);
      if (!nameField && result.file.mapping.name) setNameField(result.file.mapping.name);
      if (!codeField && result.file.mapping.code) setCodeField(result.file.mapping.code);
      if (!dryRun && result.ok) {
        setDone(t('gridExchange.imported', { count: result.features.length, id: result.result?.changeId }));
        setReport(null);
        onImported();
      }
    } catch (error) {
      if (error instanceof ApiError && error.fromServer) {
        setMessage(error.message);
        const details = error.details as GridImportReport | undefined;
        setReport(details && 'problems' in details ? details : null);
      } else onError(error);
    } finally {
      setBusy(false);
    }
  };

  const columns = report?.file.columns ?? [];
  return (
    <div
      className="exchange__dialog"
      role="dialog"
      aria-label={t('gridExchange.importTitle')}
      data-testid="import-dialog"
    >
      <h4>{t('gridExchange.importTitle')}</h4>
      <p className="exchange__hint">{t('gridExchange.importHint')}</p>
      <label className="planning__field">
        <span>{t('gridExchange.file')}</span>
        <input
          type="file"
          accept=".geojson,.json,.zip,.kml"
          data-testid="import-file"
          onChange={(event) => {
            setFile(event.target.files?.[0] ?? null);
            setReport(null);
            setNameField('');
            setCodeField('');
            setMessage(null);
          }}
        />
      </label>
      <div className="exchange__row">
        <label className="planning__field">
          <span>{t('gridExchange.datum')}</span>
          <select
            value={datum}
            onChange={(e) => setDatum(e.target.value as Datum)}
            data-testid="import-datum"
          >
            <option value="wgs84">{t('gridExchange.datumWgs84')}</option>
            <option value="gcj02">{t('gridExchange.datumGcj02')}</option>
            <option value="bd09">{t('gridExchange.datumBd09')}</option>
          </select>
        </label>
        <label className="planning__field">
          <span>{t('gridExchange.mode')}</span>
          <select
            value={mode}
            onChange={(e) => setMode(e.target.value as ImportChoices['mode'])}
            data-testid="import-mode"
          >
            <option value="replace">{t('gridExchange.modeReplace')}</option>
            <option value="add">{t('gridExchange.modeAdd')}</option>
          </select>
        </label>
      </div>
      {columns.length > 0 && (
        <div className="exchange__row">
          <label className="planning__field">
            <span>{t('gridExchange.nameField')}</span>
            <select
              value={nameField}
              onChange={(e) => setNameField(e.target.value)}
              data-testid="import-name-field"
            >
              {columns.map((c) => (
                <option key={c} value={c}>
                  {c}
                </option>
              ))}
            </select>
          </label>
          <label className="planning__field">
            <span>{t('gridExchange.codeField')}</span>
            <select
              value={codeField}
              onChange={(e) => setCodeField(e.target.value)}
              data-testid="import-code-field"
            >
              <option value="">{t('gridExchange.noCode')}</option>
              {columns.map((c) => (
                <option key={c} value={c}>
                  {c}
                </option>
              ))}
            </select>
          </label>
        </div>
      )}
      <div className="planning__tools">
        <button
          type="button"
          onClick={() => void send(true)}
          disabled={!file || busy}
          data-testid="import-preview"
        >
          {t('gridExchange.preview')}
        </button>
        <button
          type="button"
          className="primary"
          onClick={() => void send(false)}
          disabled={!report?.ok || busy}
          data-testid="import-commit"
        >
          {t('gridExchange.commit')}
        </button>
        <button type="button" onClick={onClose} data-testid="import-close">
          {t('gridExchange.close')}
        </button>
      </div>
      {message && (
        <p className="exchange__error" role="alert" data-testid="import-message">
          {message}
        </p>
      )}
      {done && (
        <p className="planning__status" role="status" data-testid="import-done">
          {done}
        </p>
      )}
      {report && (
        <div className="exchange__report" data-testid="import-report">
          <p>
            {t('gridExchange.format', {
              format: report.file.format,
              count: report.file.featureCount,
              crs: report.file.sourceCrs,
            })}
          </p>
          {report.ok ? (
            <>
              <p className="exchange__ok">
                {t('gridExchange.ok', { pct: report.result?.topology?.coveragePct ?? '—' })}
              </p>
              <ul>
                {(report.result?.moveSummary ?? []).map((m, i) => (
                  <li key={i}>
                    {t('gridExchange.moves', { count: m.count, from: m.from ?? '—', to: m.to ?? '—' })}
                  </li>
                ))}
              </ul>
            </>
          ) : (
            <div className="exchange__problems">
              <p>{t('gridExchange.problems', { count: report.problems.length })}</p>
              <ul>
                {report.problems.slice(0, 50).map((p, i) => (
                  <li key={i}>
                    <strong>
                      {p.row ? t('gridExchange.feature', { row: p.row }) : t('gridExchange.wholeFile')}
                    </strong>{' '}
                    {lang === 'en' ? p.message.en : p.message.zh}
                  </li>
                ))}
              </ul>
            </div>
          )}
        </div>
      )}
    </div>
  );
}
