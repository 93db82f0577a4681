/**
 * Patrol plans (巡查计划): for the county or a township and a period — compliance with the frequency rules per grid,
 * the coverage choropleth and the blind spots (subjects and villages not patrolled for N days) on the map, the
 * priority list with each risk factor's contribution, and a plan form that draws the daily routes from the
 * township station, with daily summaries, GPX download and Amap/Baidu navigation links per stop.
 */
import { type ReactElement, useCallback, useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { GridSummary } from '../../../../server/contracts/api';
import type {
  BlindSpotsResponse,
  ComplianceResponse,
  CoverageResponse,
  PatrolPlan,
  PrioritiesResponse,
} from '../../../../server/contracts/patrol-plans';
import { describeError } from '../../app/describe-error';
import { useLang } from '../../app/use-lang';
import type { WorkspaceProps } from '../../app/workspaces';
import { dayColor, patrolRouteLayers, PATROL_ROUTES_ID } from '../../overlays/patrol-routes.layer';
import { ActivityPanel } from './activity-panel';
import { patrolPlanApi, type Period } from './plan-api';
import './plan-workspace.css';

const COVERAGE = 'patrol-coverage';
const FACTORS = [
  'overdue',
  'credit_class',
  'key_list',
  'failing_samples',
  'patrol_findings',
  'soil_strict_control',
] as const;
const REASONS = ['over_capacity', 'over_hours', 'too_far', 'no_location', 'time_window', 'removed'] as const;
const TRAVEL_REASONS = [
  'requested',
  'no_pgrouting',
  'no_road_network',
  'off_network',
  'unreachable',
] as const;
const BLIND_VILLAGES = 'patrol-blind-villages';
const BLIND_SUBJECTS = 'patrol-blind-subjects';

/** Coverage classes: fixed so the legend does not move with the data. */
export const COVERAGE_CLASSES = [
  { min: 0.9, color: '#1a9641', label: '≥ 90 %' },
  { min: 0.7, color: '#a6d96a', label: '70–90 %' },
  { min: 0.5, color: '#fdae61', label: '50–70 %' },
  { min: 0, color: '#d7191c', label: '< 50 %' },
] as const;
const colorOf = (v: number | null) =>
  v === null ? '#c8c8c8' : (COVERAGE_CLASSES.find((c) => v >= c.min - 1e-9)?.color ?? '#d7191c');
const pct = (v: number | null) => (v === null ? '—' : `${(v * 100).toFixed(1)} %`);

function todayCst(): string {
  return new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 10);
}

function bboxOf(
  features: readonly { geometry: { coordinates: unknown } | null }[],
): [number, number, number, number] {
  let [w, s, e, n] = [Infinity, Infinity, -Infinity, -Infinity];
  const walk = (value: unknown): void => {
    if (Array.isArray(value) && typeof value[0] === 'number') {
      const [x, y] = value as [number, number];
      [w, e, s, n] = [Math.min(w, x), Math.max(e, x), Math.min(s, y), Math.max(n, y)];
    } else if (Array.isArray(value)) value.forEach(walk);
  };
  for (const f of features) if (f.geometry) walk(f.geometry.coordinates);
  return [w, s, e, n];
}

export default function PatrolPlanWorkspace({ county, map, onError }: WorkspaceProps): ReactElement {
  const { t } = useTranslation();
  const lang = useLang();
  const options = useMemo(() => ({ lang }), [lang]);
  const today = todayCst();
  const [period, setPeriod] = useState<Period>({ from: `${today.slice(0, 4)}-01-01`, to: today });
  const [townships, setTownships] = useState<GridSummary[]>([]);
  const [townshipId, setTownshipId] = useState<number | null>(null);
  const [loaded, setLoaded] = useState<{
    key: string;
    compliance: ComplianceResponse;
    coverage: CoverageResponse;
  } | null>(null);
  const [blindDays, setBlindDays] = useState(365);
  const [blind, setBlind] = useState<BlindSpotsResponse | null>(null);
  const [showBlind, setShowBlind] = useState(true);
  const [ranked, setRanked] = useState<PrioritiesResponse | null>(null);
  const [form, setForm] = useState({ startDate: today, days: 3, maxStopsPerDay: 10, maxHoursPerDay: 8 });
  const [plan, setPlanState] = useState<PatrolPlan | null>(null);
  const [busy, setBusy] = useState(false);
  /** Unsaved stop lists per day (subject ids in order), or null. */
  const [draft, setDraft] = useState<Record<number, number[]> | null>(null);
  const [cancelReason, setCancelReason] = useState<string | null>(null);
  const setPlan = useCallback((p: PatrolPlan | null) => {
    setPlanState(p);
    setDraft(null);
    setCancelReason(null);
  }, []);
  const fail = useCallback((error: unknown) => onError(describeError(error, t)), [onError, t]);
  const scopeId = townshipId ?? county.id;
  const key = `${scopeId}|${period.from}|${period.to}`;
  const compliance = loaded?.key === key ? loaded.compliance : null;
  const coverage = loaded?.key === key ? loaded.coverage : null;
  const priorities = townshipId && ranked?.grid.id === townshipId ? ranked : null;
  const pickTownship = (id: number | null) => {
    setTownshipId(id);
    setPlan(null);
  };
  const names = useMemo(() => {
    const m = new Map<number, string>();
    for (const x of priorities?.subjects ?? []) m.set(x.id, x.name);
    for (const u of plan?.unplaced ?? []) m.set(u.subjectId, u.name);
    for (const d of plan?.routes ?? []) for (const x of d.stops) m.set(x.subject.id, x.subject.name);
    return m;
  }, [plan, priorities]);
  const dayIds = (day: number) =>
    draft?.[day] ?? plan?.routes.find((d) => d.day === day)?.stops.map((x) => x.subject.id) ?? [];
  const inPlan = new Set((plan?.routes ?? []).flatMap((d) => dayIds(d.day)));
  const addable = [...names.keys()].filter((id) => !inPlan.has(id));
  const changeDay = (day: number, ids: number[]) => setDraft({ ...(draft ?? {}), [day]: ids });
  const move = (day: number, i: number, by: number) => {
    const ids = [...dayIds(day)];
    const j = i + by;
    if (j < 0 || j >= ids.length) return;
    [ids[i], ids[j]] = [ids[j]!, ids[i]!];
    changeDay(day, ids);
  };
  const saveEdits = () => {
    if (!plan || !draft) return;
    setBusy(true);
    patrolPlanApi
      .edit(
        plan.id,
        {
          version: plan.version,
          routes: Object.entries(draft).map(([day, subjectIds]) => ({ day: Number(day), subjectIds })),
        },
        options,
      )
      .then(setPlan)
      .catch(fail)
      .finally(() => setBusy(false));
  };
  const cancelPlan = () => {
    if (!plan || !cancelReason?.trim()) return;
    setBusy(true);
    patrolPlanApi
      .cancel(plan.id, plan.version, cancelReason.trim(), options)
      .then(setPlan)
      .catch(fail)
      .finally(() => setBusy(false));
  };
  const editable = plan?.status === 'active';

  useEffect(() => {
    patrolPlanApi.townships(options).then(setTownships).catch(fail);
  }, [options, fail]);

  useEffect(() => {
    let live = true;
    Promise.all([
      patrolPlanApi.compliance(scopeId, period, options),
      patrolPlanApi.coverage(townshipId ? 'village' : 'township', townshipId ?? undefined, period, options),
    ])
      .then(([c, g]) => {
        if (live) setLoaded({ key, compliance: c, coverage: g });
      })
      .catch(fail);
    return () => {
      live = false;
    };
  }, [key, scopeId, townshipId, period, options, fail]);

  useEffect(() => {
    let live = true;
    patrolPlanApi
      .blindSpots(blindDays, townshipId ?? undefined, options)
      .then((b) => live && setBlind(b))
      .catch(fail);
    return () => {
      live = false;
    };
  }, [blindDays, townshipId, options, fail]);

  useEffect(() => {
    if (!townshipId) return;
    let live = true;
    patrolPlanApi
      .priorities(townshipId, today, options)
      .then((p) => live && setRanked(p))
      .catch(fail);
    return () => {
      live = false;
    };
  }, [townshipId, today, options, fail]);

  useEffect(() => {
    map.setBaseLayersMuted(true);
    return () => {
      map.setBaseLayersMuted(false);
      map.setOverlay(COVERAGE, 'choropleth', null);
      map.setOverlay(BLIND_VILLAGES, 'problems', null);
      map.setOverlay(BLIND_SUBJECTS, 'moves', null);
      map.setDeckLayers(PATROL_ROUTES_ID, null);
      map.onOverlayClick(COVERAGE, null);
    };
  }, [map]);

  useEffect(() => {
    map.onOverlayClick(COVERAGE, (ids) => {
      const id = Number(ids[0]);
      if (!townshipId && townships.some((g) => g.id === id)) pickTownship(id);
    });
  }, [map, townshipId, townships]);

  useEffect(() => {
    if (!coverage) return;
    map.setOverlay(COVERAGE, 'choropleth', {
      type: 'FeatureCollection',
      features: coverage.features.map((f) => ({
        type: 'Feature',
        id: f.id,
        geometry: f.geometry,
        properties: {
          id: f.id,
          color: colorOf(f.properties.coverage),
          label: `${f.properties.grid.name}\n${pct(f.properties.coverage)}`,
        },
      })),
    });
    if (coverage.features.length) map.fitBounds(bboxOf(coverage.features));
  }, [map, coverage]);

  useEffect(() => {
    const villages = showBlind && blind ? blind.features.filter((f) => f.properties.kind === 'village') : [];
    const subjects = showBlind && blind ? blind.features.filter((f) => f.properties.kind === 'subject') : [];
    map.setOverlay(BLIND_VILLAGES, 'problems', {
      type: 'FeatureCollection',
      features: villages.map((f) => ({ ...f, properties: { id: f.id, label: f.properties.name } })),
    });
    map.setOverlay(BLIND_SUBJECTS, 'moves', {
      type: 'FeatureCollection',
      features: subjects.map((f) => ({ ...f, properties: { id: f.id, name: f.properties.name } })),
    });
  }, [map, blind, showBlind]);

  useEffect(() => {
    if (!plan) {
      map.setDeckLayers(PATROL_ROUTES_ID, null);
      return;
    }
    const station: [number, number] = [plan.station.lon, plan.station.lat];
    const days = plan.routes.map((d) => ({
      day: d.day,
      path: [station, ...d.stops.map((s): [number, number] => [s.lon, s.lat]), station],
      stops: d.stops.map((s) => ({ position: [s.lon, s.lat] as [number, number], seq: s.seq })),
    }));
    map.setDeckLayers(PATROL_ROUTES_ID, patrolRouteLayers(days, station));
    const points = days.flatMap((d) => d.path);
    if (points.length > 1) map.fitBounds(bboxOf([{ geometry: { coordinates: points } }]));
  }, [map, plan]);

  const makePlan = () => {
    if (!townshipId) return;
    setBusy(true);
    patrolPlanApi
      .plan({ gridId: townshipId, ...form }, options)
      .then(setPlan)
      .catch(fail)
      .finally(() => setBusy(false));
  };

  const blindVillages = blind?.features.filter((f) => f.properties.kind === 'village').length ?? 0;
  const blindSubjects = blind?.features.filter((f) => f.properties.kind === 'subject').length ?? 0;

  return (
    <div className="patrol-plan" data-testid="patrol-plan" aria-busy={!compliance}>
      <h2>{t('patrolPlan.title')}</h2>
      <div className="patrol-plan__controls">
        <label>
          {t('patrolPlan.scope')}
          <select
            data-testid="township"
            value={townshipId ?? ''}
            onChange={(e) => pickTownship(e.target.value ? Number(e.target.value) : null)}
          >
            <option value="">{t('patrolPlan.county')}</option>
            {townships.map((g) => (
              <option key={g.id} value={g.id}>
                {g.name}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t('patrolPlan.from')}
          <input
            type="date"
            value={period.from}
            onChange={(e) => e.target.value && setPeriod({ ...period, from: e.target.value })}
          />
        </label>
        <label>
          {t('patrolPlan.to')}
          <input
            type="date"
            value={period.to}
            onChange={(e) => e.target.value && setPeriod({ ...period, to: e.target.value })}
          />
        </label>
      </div>

      <section aria-labelledby="pp-coverage">
        <h3 id="pp-coverage">{t('patrolPlan.coverage')}</h3>
        <p className="patrol-plan__note">{t('patrolPlan.coverageLegend')}</p>
        <ul className="patrol-plan__legend">
          {COVERAGE_CLASSES.map((c) => (
            <li key={c.label}>
              <span className="patrol-plan__swatch" style={{ background: c.color }} />
              {c.label}
            </li>
          ))}
        </ul>
      </section>

      <section aria-labelledby="pp-blind" data-testid="blind-spots">
        <h3 id="pp-blind">{t('patrolPlan.blindSpots')}</h3>
        <div className="patrol-plan__controls">
          <label>
            {t('patrolPlan.blindDays', { days: '' })}
            <input
              type="number"
              min={1}
              max={3650}
              value={blindDays}
              onChange={(e) => Number(e.target.value) > 0 && setBlindDays(Number(e.target.value))}
            />
          </label>
          <label className="patrol-plan__check">
            <input type="checkbox" checked={showBlind} onChange={(e) => setShowBlind(e.target.checked)} />
            {t('patrolPlan.showBlind')}
          </label>
        </div>
        {blind && (
          <p data-testid="blind-summary">
            {t('patrolPlan.blindCount', { villages: blindVillages, subjects: blindSubjects })}
          </p>
        )}
        {blind && blindVillages > 0 && (
          <ul className="patrol-plan__chips">
            {blind.features
              .filter((f) => f.properties.kind === 'village')
              .map((f) => (
                <li key={f.id}>{f.properties.name}</li>
              ))}
          </ul>
        )}
      </section>

      <section aria-labelledby="pp-compliance">
        <h3 id="pp-compliance">{t('patrolPlan.compliance')}</h3>
        {!compliance && <p>{t('patrolPlan.loading')}</p>}
        {compliance && (
          <table className="patrol-plan__table" data-testid="compliance">
            <thead>
              <tr>
                <th>{t('patrolPlan.grid')}</th>
                <th>{t('patrolPlan.subjects')}</th>
                <th>{t('patrolPlan.required')}</th>
                <th>{t('patrolPlan.done')}</th>
                <th>{t('patrolPlan.rate')}</th>
                <th>{t('patrolPlan.overdue')}</th>
              </tr>
            </thead>
            <tbody>
              {compliance.units.map((u) => (
                <tr
                  key={u.grid.id}
                  className={u.grid.level === 'township' ? 'patrol-plan__row--link' : undefined}
                  onClick={() => u.grid.level === 'township' && pickTownship(u.grid.id)}
                >
                  <td>{u.grid.name}</td>
                  <td>{u.subjects}</td>
                  <td>{u.required}</td>
                  <td>{u.done}</td>
                  <td>{u.complianceRate === null ? t('patrolPlan.noRequirement') : pct(u.complianceRate)}</td>
                  <td>{u.overdue.length}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>

      <section aria-labelledby="pp-priorities">
        <h3 id="pp-priorities">{t('patrolPlan.priorities')}</h3>
        {!townshipId && <p>{t('patrolPlan.pickTownship')}</p>}
        {priorities && (
          <>
            <ol className="patrol-plan__priorities" data-testid="priorities">
              {priorities.subjects.slice(0, 15).map((s) => (
                <li key={s.id}>
                  <div>
                    <strong>{s.name}</strong> <span className="patrol-plan__muted">{s.code}</span>
                    <span className={`patrol-plan__status patrol-plan__status--${s.status}`}>
                      {t(`patrolPlan.status.${s.status}`)}
                    </span>
                    <span className="patrol-plan__score">
                      {t('patrolPlan.score')} {s.score}
                    </span>
                  </div>
                  <ul className="patrol-plan__factors">
                    {FACTORS.filter((k) => (s.factors[k] ?? 0) > 0).map((k) => (
                      <li key={k}>
                        {t(`patrolPlan.factors.${k}`)} +{s.factors[k]}
                      </li>
                    ))}
                  </ul>
                </li>
              ))}
            </ol>
            {priorities.skippedFactors.some((f) => f.factor === 'residue_hotspot') && (
              <p className="patrol-plan__muted">{t('patrolPlan.skippedHotspot')}</p>
            )}
          </>
        )}
      </section>

      <ActivityPanel
        map={map}
        period={period}
        gridId={townshipId ?? undefined}
        options={options}
        onFail={fail}
      />

      {townshipId && (
        <section aria-labelledby="pp-plan">
          <h3 id="pp-plan">{t('patrolPlan.plan')}</h3>
          <form
            className="patrol-plan__controls"
            onSubmit={(e) => {
              e.preventDefault();
              makePlan();
            }}
          >
            <label>
              {t('patrolPlan.startDate')}
              <input
                type="date"
                value={form.startDate}
                onChange={(e) => e.target.value && setForm({ ...form, startDate: e.target.value })}
              />
            </label>
            <label>
              {t('patrolPlan.days')}
              <input
                data-testid="plan-days"
                type="number"
                min={1}
                max={31}
                value={form.days}
                onChange={(e) => setForm({ ...form, days: Number(e.target.value) })}
              />
            </label>
            <label>
              {t('patrolPlan.maxStops')}
              <input
                type="number"
                min={1}
                max={100}
                value={form.maxStopsPerDay}
                onChange={(e) => setForm({ ...form, maxStopsPerDay: Number(e.target.value) })}
              />
            </label>
            <label>
              {t('patrolPlan.maxHours')}
              <input
                type="number"
                min={0.5}
                max={16}
                step={0.5}
                value={form.maxHoursPerDay}
                onChange={(e) => setForm({ ...form, maxHoursPerDay: Number(e.target.value) })}
              />
            </label>
            <button type="submit" disabled={busy} data-testid="make-plan">
              {busy ? t('patrolPlan.planning') : t('patrolPlan.makePlan')}
            </button>
          </form>
          {plan && (
            <div data-testid="plan" data-version={plan.version} data-status={plan.status}>
              <p>
                <strong>{t('patrolPlan.planTitle', { id: plan.id, grid: plan.grid.name })}</strong>{' '}
                <span className="patrol-plan__muted">
                  {t('patrolPlan.version', { version: plan.version })}
                </span>{' '}
                <a href={patrolPlanApi.gpxUrl(plan.id)} download data-testid="gpx">
                  {t('patrolPlan.gpx')}
                </a>
              </p>
              <p className="patrol-plan__muted" data-testid="travel-model">
                {t(`patrolPlan.travel.${plan.travel.model}`)}
                {plan.travel.reason &&
                  TRAVEL_REASONS.includes(plan.travel.reason as (typeof TRAVEL_REASONS)[number]) &&
                  `（${t(`patrolPlan.travel.reasons.${plan.travel.reason as (typeof TRAVEL_REASONS)[number]}`)}）`}
              </p>
              {plan.status === 'cancelled' && (
                <p className="patrol-plan__cancelled" data-testid="plan-cancelled">
                  {t('patrolPlan.cancelled', { reason: plan.cancelReason ?? '' })}
                </p>
              )}
              {plan.routes.map((d) => (
                <details
                  key={d.day}
                  className="patrol-plan__day"
                  open={d.day === 1}
                  data-testid={`day-${d.day}`}
                >
                  <summary>
                    <span
                      className="patrol-plan__swatch"
                      style={{ background: `rgb(${dayColor(d.day).join(',')})` }}
                    />
                    {t('patrolPlan.day', { day: d.day, date: d.date })} ·{' '}
                    {t('patrolPlan.daySummary', {
                      stops: d.stops.length,
                      km: d.distanceKm.toFixed(1),
                      hours: (d.totalMinutes / 60).toFixed(1),
                    })}
                    {d.overMinutes > 0 && (
                      <span className="patrol-plan__warn">
                        {' '}
                        {t('patrolPlan.over', { minutes: Math.round(d.overMinutes) })}
                      </span>
                    )}
                  </summary>
                  <ol className="patrol-plan__stops">
                    {dayIds(d.day).map((id, i, ids) => {
                      const stop = draft?.[d.day] ? undefined : d.stops.find((x) => x.subject.id === id);
                      return (
                        <li key={id} data-testid="stop" data-subject={id}>
                          <span className="patrol-plan__stop-name">{names.get(id) ?? id}</span>
                          {stop?.window && (
                            <span className="patrol-plan__muted"> {t('patrolPlan.window', stop.window)}</span>
                          )}
                          {stop && stop.waitMinutes > 0.5 && (
                            <span className="patrol-plan__muted">
                              {' '}
                              {t('patrolPlan.wait', { minutes: Math.round(stop.waitMinutes) })}
                            </span>
                          )}
                          {stop && stop.lateMinutes > 0 && (
                            <span className="patrol-plan__warn">
                              {' '}
                              {t('patrolPlan.late', { minutes: Math.round(stop.lateMinutes) })}
                            </span>
                          )}
                          {stop && (
                            <>
                              {' '}
                              <a href={stop.nav.amap} target="_blank" rel="noreferrer">
                                {t('patrolPlan.amap')}
                              </a>{' '}
                              <a href={stop.nav.baidu} target="_blank" rel="noreferrer">
                                {t('patrolPlan.baidu')}
                              </a>
                            </>
                          )}
                          {editable && (
                            <span className="patrol-plan__stop-tools">
                              <button
                                type="button"
                                aria-label={t('patrolPlan.moveUp')}
                                title={t('patrolPlan.moveUp')}
                                disabled={i === 0}
                                onClick={() => move(d.day, i, -1)}
                              >
                                ↑
                              </button>
                              <button
                                type="button"
                                aria-label={t('patrolPlan.moveDown')}
                                title={t('patrolPlan.moveDown')}
                                disabled={i === ids.length - 1}
                                onClick={() => move(d.day, i, 1)}
                              >
                                ↓
                              </button>
                              <button
                                type="button"
                                data-testid="remove-stop"
                                aria-label={t('patrolPlan.remove')}
                                title={t('patrolPlan.remove')}
                                onClick={() =>
                                  changeDay(
                                    d.day,
                                    ids.filter((x) => x !== id),
                                  )
                                }
                              >
                                ✕
                              </button>
                            </span>
                          )}
                        </li>
                      );
                    })}
                  </ol>
                  {editable && addable.length > 0 && (
                    <select
                      data-testid={`add-stop-${d.day}`}
                      value=""
                      aria-label={t('patrolPlan.addStop')}
                      onChange={(e) =>
                        e.target.value && changeDay(d.day, [...dayIds(d.day), Number(e.target.value)])
                      }
                    >
                      <option value="">{t('patrolPlan.addStop')}</option>
                      {addable.map((id) => (
                        <option key={id} value={id}>
                          {names.get(id)}
                        </option>
                      ))}
                    </select>
                  )}
                </details>
              ))}
              {editable && (
                <div className="patrol-plan__actions">
                  {draft && (
                    <>
                      <button type="button" data-testid="save-edits" disabled={busy} onClick={saveEdits}>
                        {t('patrolPlan.saveEdits')}
                      </button>
                      <button type="button" onClick={() => setDraft(null)}>
                        {t('patrolPlan.discardEdits')}
                      </button>
                    </>
                  )}
                  {cancelReason === null ? (
                    <button type="button" data-testid="cancel-plan" onClick={() => setCancelReason('')}>
                      {t('patrolPlan.cancelPlan')}
                    </button>
                  ) : (
                    <>
                      <label>
                        {t('patrolPlan.cancelReason')}
                        <input
                          data-testid="cancel-reason"
                          value={cancelReason}
                          maxLength={200}
                          onChange={(e) => setCancelReason(e.target.value)}
                        />
                      </label>
                      <button
                        type="button"
                        data-testid="confirm-cancel"
                        disabled={busy || !cancelReason.trim()}
                        onClick={cancelPlan}
                      >
                        {t('patrolPlan.confirmCancel')}
                      </button>
                    </>
                  )}
                </div>
              )}
              {plan.unplaced.length > 0 && (
                <details>
                  <summary>{t('patrolPlan.unplaced', { count: plan.unplaced.length })}</summary>
                  <ul>
                    {plan.unplaced.slice(0, 50).map((u) => (
                      <li key={u.subjectId}>
                        {u.name} —{' '}
                        {REASONS.includes(u.reason as (typeof REASONS)[number])
                          ? t(`patrolPlan.reasons.${u.reason as (typeof REASONS)[number]}`)
                          : u.reason}
                      </li>
                    ))}
                  </ul>
                </details>
              )}
            </div>
          )}
        </section>
      )}
    </div>
  );
}
