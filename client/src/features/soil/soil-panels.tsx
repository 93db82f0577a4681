/** The samples legend and card, the overlay of production subjects on risky zones, and the editable standard. */
import { type ReactElement, useCallback, useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type {
  OverlayResponse,
  SoilSampleListProperties,
  SoilStandardValueView,
  SoilStandardView,
} from '../../../../server/contracts/soil';
import { ApiError } from '../../api/http';
import { describeError } from '../../app/describe-error';
import { useLang } from '../../app/use-lang';
import { formatNumber } from '../../lib/format';
import { SOIL_CLASS_COLORS } from '../../overlays/soil-zones.layer';
import { soilApi } from './api';

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

export function OverlayView({ overlay }: { overlay: OverlayResponse }): ReactElement {
  const { t } = useTranslation();
  const lang = useLang();
  const rows = overlay.groups.flatMap((g) => g.rows);
  const share = (mu: number, base: number | null) =>
    base ? `${formatNumber(Math.min(1, mu / base) * 100, lang, 0)}%` : '—';
  return (
    <section data-testid="overlay">
      <h3>{t('soilZones.overlay.title')}</h3>
      <p data-testid="overlay-totals">
        {overlay.run.name}:{' '}
        {t('soilZones.overlay.totals', {
          strict: overlay.totals.strictControl,
          safe: overlay.totals.safeUtilisation,
        })}
      </p>
      <div className="soil-scroll">
        <table className="data-table" data-testid="overlay-table">
          <thead>
            <tr>
              <th scope="col">{t('soilZones.overlay.subject')}</th>
              <th scope="col">{t('soilZones.overlay.village')}</th>
              <th scope="col">{t('soilZones.overlay.klass')}</th>
              <th scope="col">{t('soilZones.overlay.strictMu')}</th>
              <th scope="col">{t('soilZones.overlay.safeMu')}</th>
              <th scope="col">{t('soilZones.overlay.share')}</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => (
              <tr key={r.subject.id} data-class={r.class}>
                <td>{r.subject.name}</td>
                <td>{r.village?.name ?? '—'}</td>
                <td>
                  <span className="soil-swatch" style={{ background: SOIL_CLASS_COLORS[r.class] }} />
                  {t(`soilZones.classes.${r.class}`)}
                </td>
                <td>{formatNumber(r.strictControlMu, lang, 1)}</td>
                <td>{formatNumber(r.safeUtilisationMu, lang, 1)}</td>
                <td>{share(r.strictControlMu + r.safeUtilisationMu, r.baseAreaMu)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
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
