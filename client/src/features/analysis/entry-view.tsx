/**
 * Entering results (录入与导入): one sample with its results (POST /api/residue/samples, judged on the way in, the
 * verdict of every result shown), or a lab's results sheet through the shared import wizard (target
 * "residue-results": column mapping remembered, datum choice, row report, all or nothing).
 */
import { type FormEvent, type ReactElement, useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { EnteredSample, ReferenceResponse } from '../../../../server/contracts/residue';
import { describeError } from '../../app/describe-error';
import { useLang } from '../../app/use-lang';
import type { MapHandle } from '../../map/map-handle';
import { ImportWizard } from '../imports/import-wizard';
import { analysisApi } from './api';
import { SAMPLE_KINDS, treeOrder } from './filter-bar';

const DATUMS = ['wgs84', 'cgcs2000', 'gcj02', 'bd09'] as const;
const PICK_OVERLAY = 'analysis-entry-point';

interface ResultRow {
  analyte: string;
  value: string;
  inhibition: string;
}

export function EntryView({
  map,
  reference,
  onError,
  onSaved,
}: {
  map: MapHandle;
  reference: ReferenceResponse | null;
  onError: (text: string) => void;
  onSaved: () => void;
}): ReactElement {
  const { t } = useTranslation();
  const lang = useLang();
  const options = useMemo(() => ({ lang }), [lang]);
  const [mode, setMode] = useState<'single' | 'import'>('single');
  const [code, setCode] = useState('');
  const [kind, setKind] = useState<(typeof SAMPLE_KINDS)[number]>('routine');
  const [date, setDate] = useState(new Date().toISOString().slice(0, 10));
  const [commodity, setCommodity] = useState('');
  const [subjectCode, setSubjectCode] = useState('');
  const [lab, setLab] = useState('');
  const [lon, setLon] = useState('');
  const [lat, setLat] = useState('');
  const [datum, setDatum] = useState<(typeof DATUMS)[number]>('wgs84');
  const [results, setResults] = useState<ResultRow[]>([{ analyte: '', value: '', inhibition: '' }]);
  const [picking, setPicking] = useState(false);
  const [saved, setSaved] = useState<EnteredSample | null>(null);
  const [busy, setBusy] = useState(false);
  const commodities = useMemo(() => treeOrder(reference?.commodities ?? []), [reference]);

  useEffect(() => {
    if (!picking) return;
    map.onMapClick(([x, y]) => {
      setLon(x.toFixed(6));
      setLat(y.toFixed(6));
      setDatum('wgs84');
      setPicking(false);
    });
    return () => map.onMapClick(null);
  }, [map, picking]);

  useEffect(() => {
    const x = Number(lon);
    const y = Number(lat);
    map.setOverlay(
      PICK_OVERLAY,
      'moves',
      lon && lat && Number.isFinite(x) && Number.isFinite(y)
        ? {
            type: 'FeatureCollection',
            features: [
              {
                type: 'Feature',
                id: 1,
                geometry: { type: 'Point', coordinates: [x, y] },
                properties: { id: 1 },
              },
            ],
          }
        : null,
    );
  }, [map, lon, lat]);
  useEffect(() => () => map.setOverlay(PICK_OVERLAY, 'moves', null), [map]);

  const setRow = (i: number, patch: Partial<ResultRow>) =>
    setResults(results.map((r, k) => (k === i ? { ...r, ...patch } : r)));

  const submit = (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setSaved(null);
    const optionalNumber = (v: string) => (v.trim() === '' ? null : Number(v));
    analysisApi
      .enterSample(
        {
          type: 'Feature',
          geometry: { type: 'Point', coordinates: [Number(lon), Number(lat)] },
          properties: {
            code: code.trim(),
            kind,
            sampledAt: date,
            commodity,
            ...(subjectCode.trim() ? { subjectCode: subjectCode.trim() } : {}),
            ...(lab.trim() ? { lab: lab.trim() } : {}),
            datum,
            results: results
              .filter((r) => r.analyte)
              .map((r) => ({
                analyte: r.analyte,
                value: optionalNumber(r.value),
                ...(r.inhibition.trim() ? { inhibitionPct: Number(r.inhibition) } : {}),
              })),
          },
        },
        options,
      )
      .then((s) => {
        setSaved(s);
        onSaved();
      })
      .catch((e: unknown) => onError(describeError(e, t)))
      .finally(() => setBusy(false));
  };

  return (
    <div className="analysis__view" data-testid="entry-view">
      <div className="analysis__row" role="tablist">
        <button type="button" role="tab" aria-selected={mode === 'single'} onClick={() => setMode('single')}>
          {t('analysis.entry.single')}
        </button>
        <button type="button" role="tab" aria-selected={mode === 'import'} onClick={() => setMode('import')}>
          {t('analysis.entry.importSheet')}
        </button>
      </div>
      {mode === 'import' ? (
        <ImportWizard target="residue-results" map={map} onCommitted={onSaved} />
      ) : (
        <form className="analysis__controls" onSubmit={submit} data-testid="entry-form">
          <label>
            {t('analysis.entry.code')}
            <input required value={code} onChange={(e) => setCode(e.target.value)} data-testid="entry-code" />
          </label>
          <label>
            {t('analysis.entry.kind')}
            <select value={kind} onChange={(e) => setKind(e.target.value as typeof kind)}>
              {SAMPLE_KINDS.map((k) => (
                <option key={k} value={k}>
                  {t(`enums.sampleKind.${k}`)}
                </option>
              ))}
            </select>
          </label>
          <label>
            {t('analysis.entry.date')}
            <input type="date" required value={date} onChange={(e) => setDate(e.target.value)} />
          </label>
          <label className="analysis__wide">
            {t('analysis.entry.commodity')}
            <select
              required
              value={commodity}
              onChange={(e) => setCommodity(e.target.value)}
              data-testid="entry-commodity"
            >
              <option value="" />
              {commodities.map(({ item, depth }) => (
                <option key={item.id} value={item.nameZh}>
                  {'\u3000'.repeat(depth)}
                  {item.nameZh} {item.nameEn}
                </option>
              ))}
            </select>
          </label>
          <label>
            {t('analysis.entry.subjectCode')}
            <input value={subjectCode} onChange={(e) => setSubjectCode(e.target.value)} />
          </label>
          <label>
            {t('analysis.entry.lab')}
            <input value={lab} onChange={(e) => setLab(e.target.value)} />
          </label>
          <label>
            {t('analysis.entry.lon')}
            <input
              required
              inputMode="decimal"
              value={lon}
              onChange={(e) => setLon(e.target.value)}
              data-testid="entry-lon"
            />
          </label>
          <label>
            {t('analysis.entry.lat')}
            <input
              required
              inputMode="decimal"
              value={lat}
              onChange={(e) => setLat(e.target.value)}
              data-testid="entry-lat"
            />
          </label>
          <label>
            {t('analysis.entry.datum')}
            <select value={datum} onChange={(e) => setDatum(e.target.value as typeof datum)}>
              {DATUMS.map((d) => (
                <option key={d} value={d}>
                  {t(`analysis.entry.datums.${d}`)}
                </option>
              ))}
            </select>
          </label>
          <button
            type="button"
            className="analysis__full"
            onClick={() => setPicking(true)}
            disabled={picking}
          >
            {picking ? t('analysis.entry.picking') : t('analysis.entry.pickOnMap')}
          </button>
          {results.map((r, i) => (
            <div key={i} className="analysis__result-row analysis__full">
              <label>
                {t('analysis.entry.analyte')}
                <select
                  value={r.analyte}
                  onChange={(e) => setRow(i, { analyte: e.target.value })}
                  data-testid="entry-analyte"
                >
                  <option value="" />
                  {(reference?.analytes ?? []).map((a) => (
                    <option key={a.id} value={a.nameZh}>
                      {a.nameZh} {a.nameEn}
                    </option>
                  ))}
                </select>
              </label>
              <label>
                {t('analysis.entry.value')}
                <input
                  inputMode="decimal"
                  value={r.value}
                  onChange={(e) => setRow(i, { value: e.target.value })}
                  data-testid="entry-value"
                />
              </label>
              {kind === 'rapid' && (
                <label>
                  {t('analysis.entry.inhibition')}
                  <input
                    inputMode="decimal"
                    value={r.inhibition}
                    onChange={(e) => setRow(i, { inhibition: e.target.value })}
                  />
                </label>
              )}
              {results.length > 1 && (
                <button type="button" onClick={() => setResults(results.filter((_, k) => k !== i))}>
                  {t('analysis.entry.remove')}
                </button>
              )}
            </div>
          ))}
          <button
            type="button"
            className="analysis__full"
            onClick={() => setResults([...results, { analyte: '', value: '', inhibition: '' }])}
          >
            {t('analysis.entry.addResult')}
          </button>
          <button
            type="submit"
            className="analysis__primary analysis__full"
            disabled={busy}
            data-testid="entry-save"
          >
            {t('analysis.entry.save')}
          </button>
        </form>
      )}
      {saved && mode === 'single' && (
        <div data-testid="entry-saved" className="analysis__saved">
          <p>
            {t('analysis.entry.saved', { code: saved.code, verdict: t(`enums.verdict.${saved.verdict}`) })}
          </p>
          <ul>
            {saved.results.map((r) => (
              <li key={r.analyte}>
                {t('analysis.entry.resultLine', {
                  analyte: r.analyte,
                  verdict: t(`enums.verdict.${r.verdict}`),
                  rule: r.rule,
                  limit: r.limitValue ?? '–',
                  standard: r.standard ?? '–',
                })}
              </li>
            ))}
          </ul>
        </div>
      )}
    </div>
  );
}
