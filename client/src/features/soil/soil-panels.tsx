/** The samples legend and card, the overlay of production subjects on risky zones, and the editable standard. */
import { type ReactElement, useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type {
  OverlayResponse,
  OverlayRow,
  ZoneDetail,
  SoilSampleListProperties,
  SoilStandardValueView,
  SoilStandardView,
} from '../../../../server/contracts/soil';
import { ApiError } from '../../api/http';
import { describeError } from '../../app/describe-error';
import { useLang } from '../../app/use-lang';
import { formatNumber } from '../../lib/format';
import { SOIL_CLASS_COLORS } from '../../overlays/soil-zones.layer';
import { type OverlayClass, overlayExcel, soilApi } from './api';

const CLASSES = ['priority_protection', 'safe_utilisation', 'strict_control'] as const;

export function SampleLegend({ counts }: { counts: Record<string, number> }): ReactElement {
  const { t } = useTranslation();
  return (
    <ul className="soil-legend" data-testid="sample-legend">
      {CLASSES.map((k) => (
        <li key={k}>
          <span className="soil-swatch" style={{ background: SOIL_CLASS_COLORS[k] }} />
          {t(`soilZones.classes.${k}`)} <strong>{counts[k] ?? 0}</strong>
        </li>
      ))}
    </ul>
  );
}

export function SampleCard({ sample }: { sample: SoilSampleListProperties }): ReactElement {
  const { t } = useTranslation();
  const lang = useLang();
  const c = sample.classification;
  return (
    <article className="soil-card" data-testid="soil-sample-card">
      <h4>
        <span className="mono">{sample.code}</span> · {sample.sampledOn} · pH{' '}
        {formatNumber(sample.ph, lang, 2)}
      </h4>
      <p>
        {t('soilZones.samples.overall')}:{' '}
        <strong style={{ color: SOIL_CLASS_COLORS[c.overall ?? 'no_data'] }}>
          {c.overall ? t(`soilZones.classes.${c.overall}`) : '—'}
        </strong>
      </p>
      <div className="soil-scroll">
        <table className="data-table">
          <thead>
            <tr>
              <th scope="col">{t('soilZones.samples.metal')}</th>
              <th scope="col">{t('soilZones.samples.value')}</th>
              <th scope="col">{t('soilZones.samples.ratio')}</th>
              <th scope="col">{t('soilZones.samples.klass')}</th>
            </tr>
          </thead>
          <tbody>
            {c.metals.map((m) => (
              <tr key={m.metal}>
                <th scope="row">{t(`enums.soilMetal.${m.metal}`)}</th>
                <td>{formatNumber(m.valueMgkg, lang, 3)}</td>
                <td>{formatNumber(m.ratio, lang, 2)}</td>
                <td>{t(`soilZones.classes.${m.class}`)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </article>
  );
}

/** Subjects in risky zones; `zoneClass` (the clicked zone's class) leaves out the class and the other class's area. */
function OverlayTable({
  rows,
  zoneClass,
}: {
  rows: OverlayRow[];
  zoneClass?: 'safe_utilisation' | 'strict_control';
}): ReactElement {
  const { t } = useTranslation();
  const lang = useLang();
  const share = (mu: number, base: number | null) =>
    base ? `${formatNumber(Math.min(1, mu / base) * 100, lang, 0)}%` : '—';
  const strict = zoneClass !== 'safe_utilisation';
  const safe = zoneClass !== 'strict_control';
  return (
    <div className="soil-scroll">
      <table className="data-table soil-overlay-table" data-testid="overlay-table">
        <thead>
          <tr>
            <th scope="col">{t('soilZones.overlay.subject')}</th>
            <th scope="col">{t('soilZones.overlay.village')}</th>
            {!zoneClass && <th scope="col">{t('soilZones.overlay.klass')}</th>}
            {strict && <th scope="col">{t('soilZones.overlay.strictMu')}</th>}
            {safe && <th scope="col">{t('soilZones.overlay.safeMu')}</th>}
            <th scope="col">{t('soilZones.overlay.share')}</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr key={r.subject.id} data-class={r.class}>
              <td>{r.subject.name}</td>
              <td>{r.village?.name ?? '—'}</td>
              {!zoneClass && (
                <td>
                  <span className="soil-swatch" style={{ background: SOIL_CLASS_COLORS[r.class] }} />
                  {t(`soilZones.classes.${r.class}`)}
                </td>
              )}
              {strict && <td>{formatNumber(r.strictControlMu, lang, 1)}</td>}
              {safe && <td>{formatNumber(r.safeUtilisationMu, lang, 1)}</td>}
              <td>{share(r.strictControlMu + r.safeUtilisationMu, r.baseAreaMu)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** The subjects in a run's risky zones, per grid with the areas in 亩, a class filter and the Excel export. */
export function OverlayView({
  overlay,
  klass,
  onClass,
}: {
  overlay: OverlayResponse;
  klass: OverlayClass | null;
  onClass: (k: OverlayClass | null) => void;
}): ReactElement {
  const { t } = useTranslation();
  const lang = useLang();
  const mu = (v: number) => formatNumber(v, lang, 1);
  return (
    <section data-testid="overlay" className="soil-overlay">
      <h3>{t('soilZones.overlay.title')}</h3>
      <div className="soil-overlay__bar">
        <label>
          {t('soilZones.overlay.classFilter')}{' '}
          <select
            data-testid="overlay-class"
            value={klass ?? ''}
            onChange={(e) => onClass((e.target.value || null) as OverlayClass | null)}
          >
            <option value="">{t('soilZones.overlay.bothClasses')}</option>
            <option value="strict_control">{t('soilZones.classes.strict_control')}</option>
            <option value="safe_utilisation">{t('soilZones.classes.safe_utilisation')}</option>
          </select>
        </label>
        <a
          className="button"
          data-testid="overlay-excel"
          href={overlayExcel(overlay.run.id, klass ? { class: klass } : {})}
          download={`soil-run-${overlay.run.id}-subjects.xlsx`}
        >
          {t('soilZones.overlay.excel')}
        </a>
      </div>
      <p data-testid="overlay-totals">
        {overlay.run.name}:{' '}
        {t('soilZones.overlay.totals', {
          strict: overlay.totals.strictControl,
          safe: overlay.totals.safeUtilisation,
        })}
        {' · '}
        {t('soilZones.overlay.areaTotals', {
          strict: mu(overlay.totals.strictControlMu),
          safe: mu(overlay.totals.safeUtilisationMu),
        })}
      </p>
      {overlay.groups.length === 0 && <p className="soil-note">{t('soilZones.overlay.empty')}</p>}
      {overlay.groups.map((g) => (
        <section key={g.grid.id} className="soil-overlay__group" data-testid="overlay-group">
          <h4>
            {g.township && g.township.id !== g.grid.id ? `${g.township.name} · ` : ''}
            {g.grid.name}
          </h4>
          <p className="soil-note">
            {t('soilZones.overlay.group', {
              subjects: g.subjects,
              strict: mu(g.strictControlMu),
              safe: mu(g.safeUtilisationMu),
            })}
          </p>
          <OverlayTable rows={g.rows} />
        </section>
      ))}
    </section>
  );
}

/** The zone clicked on the map: its class and area, the subjects inside it and their Excel list. */
export function ZoneCard({ detail, onClose }: { detail: ZoneDetail; onClose: () => void }): ReactElement {
  const { t } = useTranslation();
  const lang = useLang();
  const p = detail.zone.properties;
  const ref = useRef<HTMLElement>(null);
  useEffect(() => {
    // A block body: Chromium's scrollIntoView may return a promise, which React would take for a cleanup.
    ref.current?.scrollIntoView?.({ block: 'nearest' });
  }, [detail]);
  return (
    <article ref={ref} className="soil-card soil-zone-card" data-testid="zone-card" data-class={p.class}>
      <header className="soil-zone-card__head">
        <h4>
          <span className="soil-swatch" style={{ background: SOIL_CLASS_COLORS[p.class] }} />
          {t('soilZones.zone.title')}: {t(`soilZones.classes.${p.class}`)}
        </h4>
        <button type="button" onClick={onClose} aria-label={t('soilZones.zone.close')}>
          ×
        </button>
      </header>
      <p className="soil-note">
        {detail.run.name} · {t('soilZones.zone.area', { mu: formatNumber(p.areaMu, lang, 1) })}
      </p>
      {detail.subjects.length ? (
        <>
          <p>{t('soilZones.zone.subjects', { count: detail.subjects.length })}</p>
          <OverlayTable
            rows={detail.subjects}
            zoneClass={p.class === 'strict_control' || p.class === 'safe_utilisation' ? p.class : undefined}
          />
          <a
            className="button"
            data-testid="zone-excel"
            href={overlayExcel(detail.run.id, { zoneId: Number(detail.zone.id) })}
            download={`soil-zone-${String(detail.zone.id)}-subjects.xlsx`}
          >
            {t('soilZones.zone.excel')}
          </a>
        </>
      ) : (
        <p className="soil-note">{t('soilZones.zone.none')}</p>
      )}
    </article>
  );
}

function StandardRow({
  value,
  onSaved,
  onError,
}: {
  value: SoilStandardValueView;
  onSaved: (conflict: boolean) => void;
  onError: (text: string) => void;
}): ReactElement {
  const { t } = useTranslation();
  const lang = useLang();
  const [editing, setEditing] = useState(false);
  const [mgkg, setMgkg] = useState(String(value.valueMgkg));
  const [source, setSource] = useState(value.source);
  const save = () => {
    soilApi
      .patchValue(value.id, { version: value.version, valueMgkg: Number(mgkg), source }, { lang })
      .then(() => {
        setEditing(false);
        onSaved(false);
      })
      .catch((e: unknown) => {
        if (e instanceof ApiError && e.status === 409) {
          setEditing(false);
          onSaved(true);
        } else onError(describeError(e, t));
      });
  };
  const ph =
    value.phAbove === null && value.phUpTo === null
      ? '—'
      : `${value.phAbove ?? ''}${value.phAbove !== null ? ' <' : ''} pH${value.phUpTo !== null ? ` ≤ ${value.phUpTo}` : ''}`;
  return (
    <tr data-testid={`standard-${value.id}`}>
      <th scope="row">{t(`enums.soilMetal.${value.metal}`)}</th>
      <td>{t(`soilZones.standards.kinds.${value.kind}`)}</td>
      <td>{t(`soilZones.standards.columns.${value.landUseColumn}`)}</td>
      <td>{ph}</td>
      <td>
        {editing ? (
          <input type="number" step="any" min={0} value={mgkg} onChange={(e) => setMgkg(e.target.value)} />
        ) : (
          formatNumber(value.valueMgkg, lang, 3)
        )}
      </td>
      <td>{editing ? <input value={source} onChange={(e) => setSource(e.target.value)} /> : value.source}</td>
      <td className="soil-actions">
        {editing ? (
          <>
            <button type="button" className="primary" onClick={save}>
              {t('soilZones.standards.save')}
            </button>
            <button type="button" onClick={() => setEditing(false)}>
              {t('soilZones.standards.cancel')}
            </button>
          </>
        ) : (
          <button type="button" onClick={() => setEditing(true)}>
            {t('soilZones.standards.edit')}
          </button>
        )}
      </td>
    </tr>
  );
}

export function StandardsView({ onError }: { onError: (text: string) => void }): ReactElement {
  const { t } = useTranslation();
  const lang = useLang();
  const options = useMemo(() => ({ lang }), [lang]);
  const [standard, setStandard] = useState<SoilStandardView | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const load = useCallback(() => {
    soilApi
      .standards(options)
      .then(setStandard)
      .catch((e: unknown) => onError(describeError(e, t)));
  }, [options, onError, t]);
  useEffect(load, [load]);
  if (!standard) return <p>{t('soilZones.loading')}</p>;
  return (
    <section data-testid="standards">
      <h3>
        {standard.code} {standard.title}
      </h3>
      {notice && (
        <p className="soil-warnings" role="status">
          {notice}
        </p>
      )}
      <div className="soil-scroll">
        <table className="data-table">
          <thead>
            <tr>
              <th scope="col">{t('soilZones.standards.metal')}</th>
              <th scope="col">{t('soilZones.standards.kind')}</th>
              <th scope="col">{t('soilZones.standards.column')}</th>
              <th scope="col">{t('soilZones.standards.ph')}</th>
              <th scope="col">{t('soilZones.standards.value')}</th>
              <th scope="col">{t('soilZones.standards.source')}</th>
              <th scope="col" />
            </tr>
          </thead>
          <tbody>
            {standard.values.map((v) => (
              <StandardRow
                key={`${v.id}-${v.version}`}
                value={v}
                onError={onError}
                onSaved={(conflict) => {
                  setNotice(conflict ? t('soilZones.standards.conflict') : null);
                  load();
                }}
              />
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}
