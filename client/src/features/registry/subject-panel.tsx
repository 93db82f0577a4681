/**
 * One subject in the registry workspace: its card (with the key-list rule that put it on the list, possible
 * duplicates, the decision history and the links to its public board and printable A4 board), the editor,
 * retire/restore with a reason, and placing or moving it by clicking the map. The map frames the subject, its point
 * and its base polygon highlighted.
 */
import { type ReactElement, useCallback, useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { SubjectFeature } from '../../../../server/contracts/api';
import type { CreditClass } from '../../../../server/contracts/enums';
import { ApiError } from '../../api/http';
import { describeError } from '../../app/describe-error';
import { useLang } from '../../app/use-lang';
import { chinaToday, formatMu } from '../../lib/format';
import type { MapHandle } from '../../map/map-handle';
import { Badge, type Tone } from '../../ui/badge';
import { FieldList } from '../../ui/field-list';
import { PeopleList, PhoneLink, Section, Stamped } from '../inspector/parts';
import { registryApi, type SubjectEventRow } from './api';
import { SubjectForm } from './subject-form';

const CREDIT_TONE: Record<CreditClass, Tone> = { A: 'good', B: 'warn', C: 'bad' };
const POINT = 'registry-point';
const BASE = 'registry-base';

function bboxOf(coordinates: unknown): [number, number, number, number] {
  let [w, s, e, n] = [Infinity, Infinity, -Infinity, -Infinity];
  const walk = (value: unknown): void => {
    if (Array.isArray(value) && typeof value[0] === 'number') {
      w = Math.min(w, value[0] as number);
      e = Math.max(e, value[0] as number);
      s = Math.min(s, value[1] as number);
      n = Math.max(n, value[1] as number);
    } else if (Array.isArray(value)) value.forEach(walk);
  };
  walk(coordinates);
  return [w, s, e, n];
}

/** Frames the subject on the map: its point, and its base outlined. */
export function showSubjectOnMap(map: MapHandle, feature: SubjectFeature | null): void {
  const point = feature?.geometry ?? null;
  const base = feature?.properties.base ?? null;
  map.setOverlay(
    BASE,
    'selection',
    base
      ? {
          type: 'FeatureCollection',
          features: [{ type: 'Feature', id: 1, geometry: base, properties: { id: 1 } }],
        }
      : null,
  );
  map.setOverlay(
    POINT,
    'moves',
    point && feature
      ? {
          type: 'FeatureCollection',
          features: [{ type: 'Feature', id: feature.id, geometry: point, properties: { id: feature.id } }],
        }
      : null,
  );
  if (!point && !base) return;
  const [w, s, e, n] = bboxOf([base?.coordinates ?? [], point?.coordinates ?? []]);
  const pad = 0.004;
  map.fitBounds([w - pad, s - pad, e + pad, n + pad]);
}

export function clearSubjectOnMap(map: MapHandle): void {
  map.setOverlay(BASE, 'selection', null);
  map.setOverlay(POINT, 'moves', null);
}

type Mode = 'view' | 'edit' | 'retire' | 'place';

export interface SubjectPanelProps {
  id: number;
  map: MapHandle;
  onBack: () => void;
  onSelect: (id: number) => void;
  /** After a write: the list refreshes. */
  onChanged: () => void;
}

export function SubjectPanel({ id, map, onBack, onSelect, onChanged }: SubjectPanelProps): ReactElement {
  const { t } = useTranslation();
  const lang = useLang();
  const options = useMemo(() => ({ lang }), [lang]);
  const [feature, setFeature] = useState<SubjectFeature | null>(null);
  const [events, setEvents] = useState<SubjectEventRow[]>([]);
  const [mode, setMode] = useState<Mode>('view');
  const [error, setError] = useState<string | null>(null);
  const [status, setStatus] = useState<string | null>(null);
  const [reason, setReason] = useState('');
  const [effectiveOn, setEffectiveOn] = useState(chinaToday());
  const [reload, setReload] = useState(0);

  useEffect(() => {
    let live = true;
    Promise.all([registryApi.subject(id, options), registryApi.events(id, options)])
      .then(([f, e]) => {
        if (!live) return;
        setFeature(f);
        setEvents(e);
        setError(null);
      })
      .catch((e: unknown) => live && setError(describeError(e, t)));
    return () => {
      live = false;
    };
  }, [id, reload, options, t]);

  useEffect(() => {
    if (feature) showSubjectOnMap(map, feature);
  }, [map, feature]);

  useEffect(() => () => clearSubjectOnMap(map), [map]);

  // Placing: the next click on the map is the subject's location (PATCH geometry with the version).
  const place = useCallback(
    (lngLat: [number, number]) => {
      if (!feature) return;
      map.onMapClick(null);
      const coordinates: [number, number] = [Number(lngLat[0].toFixed(6)), Number(lngLat[1].toFixed(6))];
      registryApi
        .patch(
          feature.properties.id,
          { version: feature.properties.version, geometry: { type: 'Point', coordinates } } as never,
          options,
        )
        .then((saved) => {
          setFeature(saved);
          setMode('view');
          setStatus(t('registry.card.placed'));
          onChanged();
        })
        .catch((e: unknown) => {
          setMode('view');
          setError(describeError(e, t));
        });
    },
    [feature, map, options, t, onChanged],
  );

  useEffect(() => {
    if (mode !== 'place') return;
    map.onMapClick(place);
    const onKey = (event: KeyboardEvent) => {
      if (event.key === 'Escape') setMode('view');
    };
    window.addEventListener('keydown', onKey);
    return () => {
      map.onMapClick(null);
      window.removeEventListener('keydown', onKey);
    };
  }, [mode, map, place]);

  const retireOrRestore = async () => {
    if (!feature) return;
    const action = feature.properties.status === 'active' ? 'retire' : 'restore';
    try {
      const saved = await registryApi.retire(
        feature.properties.id,
        action,
        { version: feature.properties.version, reason: reason.trim(), effectiveOn },
        options,
      );
      setFeature(saved);
      setMode('view');
      setReason('');
      setReload((n) => n + 1);
      onChanged();
    } catch (e) {
      setError(e instanceof ApiError ? e.message : describeError(e, t));
    }
  };

  const back = (
    <button type="button" className="registry__back" onClick={onBack} data-testid="card-back">
      ← {t('registry.card.back')}
    </button>
  );

  if (!feature)
    return (
      <div className="registry__card">
        {back}
        {error ? (
          <p className="registry__alert" role="alert">
            {error}
          </p>
        ) : (
          <p className="registry__hint">{t('registry.loading')}</p>
        )}
      </div>
    );

  const p = feature.properties;
  if (mode === 'edit')
    return (
      <div className="registry__card">
        <SubjectForm
          key={`${p.id}-${p.version}`}
          subject={feature}
          onSaved={(saved) => {
            setFeature(saved);
            setMode('view');
            setStatus(t('registry.form.saved'));
            setReload((n) => n + 1);
            onChanged();
          }}
          onCancel={() => setMode('view')}
          onReload={() => {
            setFeature(null);
            setReload((n) => n + 1);
          }}
        />
      </div>
    );

  const list = (values: string[]) => (values.length ? values.join(lang === 'en' ? ', ' : '、') : '—');
  const retired = p.status === 'retired';
  const boardUrl = `${p.boardPath}${lang === 'en' ? '?lang=en' : ''}`;
  const printUrl = `${p.boardPath}?print=1${lang === 'en' ? '&lang=en' : ''}`;

  return (
    <div className="registry__card" data-testid="registry-card" data-subject-id={p.id}>
      {back}
      <header className="registry__card-header">
        <small>{t(`enums.subjectType.${p.type}`)}</small>
        <h3>{p.name}</h3>
        <div className="registry__badges">
          <Badge tone={p.creditClass ? CREDIT_TONE[p.creditClass] : 'neutral'}>
            {t('registry.creditClass')}{' '}
            {p.creditClass ? t(`enums.creditClass.${p.creditClass}`) : t('registry.creditNone')}
          </Badge>
          {p.keyList && <Badge tone="warn">{t('registry.keyList')}</Badge>}
          {retired && <Badge>{t('registry.retired')}</Badge>}
          {!feature.geometry && <Badge tone="info">{t('registry.noLocation')}</Badge>}
          {p.possibleDuplicates.length > 0 && <Badge tone="bad">{t('registry.duplicate')}</Badge>}
        </div>
      </header>
      {status && (
        <p className="registry__ok" role="status" data-testid="card-status">
          {status}
        </p>
      )}
      {error && (
        <p className="registry__alert" role="alert" data-testid="card-error">
          {error}
        </p>
      )}
      {retired && p.retiredAt && (
        <p className="registry__alert">
          {t('registry.card.retiredOn', { date: p.retiredAt.slice(0, 10), reason: p.retiredReason ?? '' })}
        </p>
      )}
      <div className="registry__actions">
        {!retired && (
          <button type="button" onClick={() => setMode('edit')} data-testid="card-edit">
            {t('registry.card.edit')}
          </button>
        )}
        {!retired &&
          (mode === 'place' ? (
            <button type="button" onClick={() => setMode('view')} data-testid="card-place-cancel">
              {t('registry.card.cancelPlace')}
            </button>
          ) : (
            <button type="button" onClick={() => setMode('place')} data-testid="card-place">
              {feature.geometry ? t('registry.card.move') : t('registry.card.place')}
            </button>
          ))}
        <button
          type="button"
          onClick={() => setMode(mode === 'retire' ? 'view' : 'retire')}
          data-testid="card-retire"
        >
          {retired ? t('registry.card.restore') : t('registry.card.retire')}
        </button>
      </div>
      {mode === 'place' && (
        <p className="registry__hint registry__hint--strong">{t('registry.card.placeHint')}</p>
      )}
      {mode === 'retire' && (
        <div className="registry__retire">
          <label className="subject-form__field">
            <span>{retired ? t('registry.card.restoreReason') : t('registry.card.retireReason')}</span>
            <input value={reason} onChange={(e) => setReason(e.target.value)} data-testid="retire-reason" />
          </label>
          <label className="subject-form__field">
            <span>{t('registry.card.effectiveOn')}</span>
            <input type="date" value={effectiveOn} onChange={(e) => setEffectiveOn(e.target.value)} />
          </label>
          <button
            type="button"
            className="registry__primary"
            onClick={() => void retireOrRestore()}
            disabled={!reason.trim()}
            data-testid="retire-confirm"
          >
            {retired ? t('registry.card.confirmRestore') : t('registry.card.confirmRetire')}
          </button>
        </div>
      )}
      <div className="registry__links">
        <a href={boardUrl} target="_blank" rel="noreferrer" data-testid="board-link">
          {t('registry.card.board')}
        </a>
        <a href={printUrl} target="_blank" rel="noreferrer" data-testid="board-print">
          {t('registry.card.printBoard')}
        </a>
      </div>
      <FieldList
        fields={[
          { label: t('registry.form.code'), value: <span className="mono">{p.code}</span> },
          {
            label: t('registry.form.creditCode'),
            value: p.creditCode && <span className="mono">{p.creditCode}</span>,
          },
          { label: t('registry.form.legalRep'), value: p.legalRep },
          {
            label: t('registry.form.legalRepIdNumber'),
            value: p.legalRepIdNumberMasked && <span className="mono">{p.legalRepIdNumberMasked}</span>,
          },
          {
            label: t('registry.form.phone'),
            value: (
              <span data-testid="card-phone">
                <PhoneLink phone={p.phone} />
              </span>
            ),
          },
          { label: t('registry.form.address'), value: p.address },
          {
            label: t('registry.grid'),
            value: [p.township?.name, p.village?.name].filter(Boolean).join(' · ') || null,
          },
          {
            label: t('registry.form.mainProducts'),
            value: list(p.mainProducts.map((x) => t(`enums.productCategory.${x}`))),
          },
          {
            label: t('registry.form.certifications'),
            value: list(p.certifications.map((x) => t(`enums.certification.${x}`))),
          },
          { label: t('registry.traceability'), value: p.traceability ? t('registry.yes') : t('registry.no') },
          {
            label: t('registry.issuesCertificate'),
            value: p.issuesCertificate ? t('registry.yes') : t('registry.no'),
          },
          {
            label: t('registry.card.internalController'),
            value: p.internalControllerName && (
              <>
                {p.internalControllerName} <PhoneLink phone={p.internalControllerPhone} />
              </>
            ),
          },
          {
            label: t('registry.card.location'),
            value: feature.geometry
              ? (feature.geometry.coordinates as number[]).map((c) => c.toFixed(5)).join(', ')
              : t('registry.noLocation'),
          },
          {
            label: t('registry.card.base'),
            value:
              p.baseAreaMu !== null
                ? t('subject.baseAreaValue', { value: formatMu(p.baseAreaMu, lang) })
                : null,
          },
        ]}
      />
      {p.keyList && (
        <Section title={t('registry.card.keyListRule')}>
          <ul className="registry__reasons" data-testid="key-list-reasons">
            {p.keyListReasons.length ? (
              p.keyListReasons.map((r, i) => <li key={i}>{lang === 'en' ? r.en : r.zh}</li>)
            ) : (
              <li>{t('registry.card.keyListManual')}</li>
            )}
          </ul>
        </Section>
      )}
      {p.possibleDuplicates.length > 0 && (
        <Section title={t('registry.card.duplicates')}>
          <ul className="registry__reasons" data-testid="duplicates">
            {p.possibleDuplicates.map((d) => (
              <li key={d.id}>
                <button type="button" className="registry__link-button" onClick={() => onSelect(d.id)}>
                  {d.name}
                </button>{' '}
                <small>
                  {d.why === 'credit_code' ? t('registry.card.dupCode') : t('registry.card.dupName')}
                </small>
              </li>
            ))}
          </ul>
        </Section>
      )}
      {p.responsible.length > 0 && (
        <Section title={t('subject.responsible')}>
          <PeopleList people={p.responsible} />
        </Section>
      )}
      <Section title={t('registry.card.history')}>
        {events.length === 0 ? (
          <p className="registry__hint">{t('registry.card.noHistory')}</p>
        ) : (
          <ul className="registry__events" data-testid="events">
            {events.map((e) => (
              <li key={e.id}>
                <strong>{t(`registry.card.event.${e.kind}`)}</strong>
                {e.fromValue !== null || e.toValue !== null
                  ? ` ${e.fromValue ?? '—'} → ${e.toValue ?? '—'}`
                  : ''}
                <div>{e.reason}</div>
                <small>
                  {e.effectiveOn} · {e.createdBy}
                </small>
              </li>
            ))}
          </ul>
        )}
      </Section>
      <Stamped stamp={p} />
    </div>
  );
}
