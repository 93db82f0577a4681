/**
 * The patrol-record workspace (巡查记录), made for a phone: today's subjects of the inspector's grid (nearest
 * first, kept on the phone for offline use), the record form, and the sync queue, always visible, which sends the
 * saved records when the connection is there (at once, on reconnecting, on opening) — each exactly once.
 * Registers the service worker that keeps the app shell and today's list available offline (client/public/sw.js).
 */
import type { TFunction } from 'i18next';
import { type ReactElement, useCallback, useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { GridSummary } from '../../../../server/contracts/api';
import type { Me } from '../../../../server/contracts/auth';
import type { TodayPlan, TodaySubject } from '../../../../server/contracts/patrol-records';
import { getJson } from '../../api/http';
import { describeError } from '../../app/describe-error';
import { useLang } from '../../app/use-lang';
import type { WorkspaceProps } from '../../app/workspaces';
import { RecordForm } from './record-form';
import { type QueuedRecord, loadToday, queueStore, syncQueue } from './record-queue';
import './record.css';

function registerOffline(): void {
  if (!document.querySelector('link[rel="manifest"]')) {
    const link = document.createElement('link');
    link.rel = 'manifest';
    link.href = '/manifest.webmanifest';
    document.head.append(link);
  }
  if ('serviceWorker' in navigator && window.isSecureContext)
    navigator.serviceWorker.register('/sw.js').catch(() => undefined);
}

function distanceText(t: TFunction, m: number | null): string | null {
  if (m === null) return null;
  return m < 1000
    ? t('patrolRecord.metres', { distance: Math.round(m) })
    : t('patrolRecord.km', { distance: (m / 1000).toFixed(1) });
}

export default function RecordWorkspace({ county, onError }: WorkspaceProps): ReactElement {
  const { t } = useTranslation();
  const lang = useLang();
  const options = useMemo(() => ({ lang }), [lang]);
  const fail = useCallback((error: unknown) => onError(describeError(error, t)), [onError, t]);
  const [me, setMe] = useState<Me | null>(null);
  const [grids, setGrids] = useState<GridSummary[]>([]);
  const [gridId, setGridId] = useState<number | null>(null);
  const [near, setNear] = useState<[number, number] | null>(null);
  const [plan, setPlan] = useState<TodayPlan | null>(null);
  const [offlinePlan, setOfflinePlan] = useState(false);
  const [online, setOnline] = useState(() => navigator.onLine);
  const [queue, setQueue] = useState<QueuedRecord[]>([]);
  const [subject, setSubject] = useState<TodaySubject | null>(null);
  const [notice, setNotice] = useState<string | null>(null);

  const refreshQueue = useCallback(() => {
    queueStore.all().then(setQueue).catch(fail);
  }, [fail]);
  const sync = useCallback(() => {
    void syncQueue(lang, refreshQueue).then(refreshQueue);
  }, [lang, refreshQueue]);

  useEffect(() => {
    registerOffline();
    refreshQueue();
    sync();
    const up = () => {
      setOnline(true);
      sync();
    };
    const down = () => setOnline(false);
    window.addEventListener('online', up);
    window.addEventListener('offline', down);
    navigator.geolocation?.getCurrentPosition(
      (p) => setNear([Number(p.coords.longitude.toFixed(6)), Number(p.coords.latitude.toFixed(6))]),
      () => undefined,
      { maximumAge: 60000, timeout: 10000 },
    );
    return () => {
      window.removeEventListener('online', up);
      window.removeEventListener('offline', down);
    };
  }, [refreshQueue, sync]);

  useEffect(() => {
    Promise.all([
      getJson<Me>('/api/auth/me', options),
      getJson<GridSummary[]>(`/api/grids?level=township&parentId=${county.id}`, options),
    ])
      .then(([account, townships]) => {
        setMe(account);
        setGrids(townships);
        const own = account.jurisdiction;
        setGridId((g) => g ?? (own && own.level !== 'county' ? own.id : (townships[0]?.id ?? null)));
      })
      .catch(() => {
        // offline at start: the last list downloaded is used below
        setGridId((g) => g ?? (Number(localStorage.getItem('patrolRecord.gridId')) || null));
      });
  }, [county.id, options]);

  useEffect(() => {
    if (gridId === null || !gridId) return;
    localStorage.setItem('patrolRecord.gridId', String(gridId));
    let live = true;
    loadToday(gridId, near, lang)
      .then((r) => {
        if (!live) return;
        setPlan(r.plan);
        setOfflinePlan(r.offline);
      })
      .catch((e: unknown) => live && fail(e));
    return () => {
      live = false;
    };
  }, [gridId, near, lang, fail]);

  const save = async (item: QueuedRecord) => {
    await queueStore.put(item);
    setSubject(null);
    setNotice(t('patrolRecord.saved'));
    refreshQueue();
    sync();
  };

  const waiting = queue.filter((q) => q.state !== 'synced').length;

  return (
    <div className="patrol-record" data-testid="patrol-record">
      <div className="patrol-bar">
        <span className={`patrol-net patrol-net--${online ? 'on' : 'off'}`} data-testid="patrol-network">
          {online ? t('patrolRecord.online') : t('patrolRecord.offline')}
        </span>
        <span data-testid="patrol-waiting">{t('patrolRecord.queuedCount', { count: waiting })}</span>
      </div>

      {subject && gridId !== null ? (
        <RecordForm
          subject={subject}
          gridId={gridId}
          inspectorName={me?.displayName ?? me?.username ?? '—'}
          onSave={save}
          onBack={() => setSubject(null)}
        />
      ) : (
        <>
          {notice && (
            <p className="patrol-notice" role="status">
              {notice}
            </p>
          )}
          <label className="patrol-field">
            {t('patrolRecord.grid')}
            <select
              data-testid="patrol-grid"
              value={gridId ?? ''}
              onChange={(e) => setGridId(Number(e.target.value))}
            >
              {grids.map((g) => (
                <option key={g.id} value={g.id}>
                  {g.name}
                </option>
              ))}
            </select>
          </label>
          <h3>
            {t('patrolRecord.today')}
            {plan && <small> · {t('patrolRecord.todayCount', { count: plan.subjects.length })}</small>}
          </h3>
          {offlinePlan && plan && (
            <p className="patrol-notice">{t('patrolRecord.offlinePlan', { date: plan.date })}</p>
          )}
          {plan && plan.subjects.length === 0 && <p>{t('patrolRecord.noneDue')}</p>}
          <ul className="patrol-subjects" data-testid="patrol-subjects">
            {plan?.subjects.map((s) => (
              <li key={s.id}>
                <button type="button" onClick={() => setSubject(s)} data-testid="patrol-subject">
                  <span className="patrol-subjects__name">{s.name}</span>
                  <span className="patrol-subjects__meta">
                    {[
                      s.village?.name,
                      distanceText(t, s.distanceM),
                      s.requiredThisYear > 0
                        ? t('patrolRecord.due', { done: s.patrolsThisYear, required: s.requiredThisYear })
                        : t('patrolRecord.done', { done: s.patrolsThisYear }),
                    ]
                      .filter(Boolean)
                      .join(' · ')}
                  </span>
                  {s.keyList && <span className="patrol-tag">{t('patrolRecord.keyList')}</span>}
                  {s.openRectification && (
                    <span className={`patrol-tag ${s.openRectification.overdue ? 'patrol-tag--bad' : ''}`}>
                      {t(
                        s.openRectification.overdue
                          ? 'patrolRecord.rectifyOverdue'
                          : 'patrolRecord.rectifyOpen',
                        {
                          deadline: s.openRectification.deadline,
                        },
                      )}
                    </span>
                  )}
                </button>
              </li>
            ))}
          </ul>
        </>
      )}

      <section className="patrol-queue" data-testid="patrol-queue">
        <h3>
          {t('patrolRecord.queue')}
          <button type="button" onClick={sync} disabled={!online}>
            {t('patrolRecord.syncNow')}
          </button>
        </h3>
        {queue.length === 0 && <p>{t('patrolRecord.queueEmpty')}</p>}
        <ul>
          {queue.map((q) => (
            <li key={q.clientId} data-testid="queue-item" data-state={q.state}>
              <span className="patrol-queue__name">{q.subjectName}</span>
              <span className={`patrol-state patrol-state--${q.state}`}>{t(`patrolRecord.${q.state}`)}</span>
              <span className="patrol-queue__meta">
                {t(`patrolRecord.outcomes.${q.body.outcome}`)}
                {q.body.rectifyDeadline ? ` · ${q.body.rectifyDeadline}` : ''}
                {q.result?.trackVerified ? ` · ${t('patrolRecord.trackVerified')}` : ''}
                {q.result?.flags.map((f) => ` · ${t(`patrolRecord.flags.${f}`)}`).join('')}
              </span>
              {q.error && <span className="patrol-problem">{q.error}</span>}
            </li>
          ))}
        </ul>
      </section>
    </div>
  );
}
