/**
 * Enforcement cases (执法办案) behind the cases indicator: the cases of the grid shown for the period, a form to open
 * one, closing a case with the version read, and the patrols that referred their subject to law enforcement
 * (移交执法) with a button that opens the case from the referral.
 */
import { type FormEvent, type ReactElement, useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import {
  CASE_CAUSES,
  type CaseCause,
  type CaseList,
  type EnforcementCase,
  type Referral,
} from '../../../../server/contracts/cases';
import { getJson, sendJson, withQuery } from '../../api/http';
import { useLang } from '../../app/use-lang';
import type { Period } from './api';

const today = () => new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 10);

export function CasesPanel({
  grid,
  period,
  onChanged,
  onError,
}: {
  grid: { id: number; name: string };
  period: Period;
  onChanged: () => void;
  onError: (error: unknown) => void;
}): ReactElement {
  const { t } = useTranslation();
  const lang = useLang();
  const [list, setList] = useState<CaseList | null>(null);
  const [referrals, setReferrals] = useState<Referral[]>([]);
  const [reload, setReload] = useState(0);
  const [number, setNumber] = useState('');
  const [opened, setOpened] = useState(period.to < today() ? period.to : today());
  const [cause, setCause] = useState<CaseCause>('banned_pesticide');
  const [summary, setSummary] = useState('');
  const [referralNumbers, setReferralNumbers] = useState<Record<number, string>>({});

  useEffect(() => {
    let live = true;
    Promise.all([
      getJson<CaseList>(withQuery('/api/cases', { gridId: grid.id, from: period.from, to: period.to }), {
        lang,
      }),
      getJson<Referral[]>(withQuery('/api/cases/referrals', { gridId: grid.id }), { lang }),
    ])
      .then(([cases, refs]) => {
        if (!live) return;
        setList(cases);
        setReferrals(refs.filter((r) => r.caseId === null));
      })
      .catch(onError);
    return () => {
      live = false;
    };
  }, [grid.id, period.from, period.to, lang, reload, onError]);

  const changed = useCallback(() => {
    setReload((n) => n + 1);
    onChanged();
  }, [onChanged]);

  const create = (event: FormEvent) => {
    event.preventDefault();
    sendJson<EnforcementCase>(
      'POST',
      '/api/cases',
      { caseNumber: number, gridId: grid.id, openedOn: opened, cause, summary: summary || null },
      { lang },
    )
      .then(() => {
        setNumber('');
        setSummary('');
        changed();
      })
      .catch(onError);
  };

  const close = (c: EnforcementCase) =>
    sendJson('PATCH', `/api/cases/${c.id}`, { version: c.version, status: 'closed' }, { lang })
      .then(changed)
      .catch(onError);

  const fromReferral = (r: Referral) =>
    sendJson(
      'POST',
      `/api/cases/from-patrol/${r.patrolId}`,
      { caseNumber: referralNumbers[r.patrolId] ?? '' },
      { lang },
    )
      .then(changed)
      .catch(onError);

  return (
    <section
      className="dashboard__records dashboard__cases"
      data-testid="cases"
      aria-label={t('dashboard.cases.title')}
    >
      <header>
        <h3>{t('dashboard.cases.titleOf', { grid: grid.name, total: list?.total ?? '…' })}</h3>
      </header>
      <ul>
        {list?.items.map((c) => (
          <li key={c.id} data-testid="case">
            <strong>{c.caseNumber}</strong> {c.subject?.name ?? c.grid.name}
            <small>
              {c.openedOn} · {t(`dashboard.terms.${c.cause}`)} · {t(`dashboard.terms.${c.status}`)}
              {c.closedOn ? ` · ${c.closedOn}` : ''}
              {c.sourcePatrolId ? ` · ${t('dashboard.cases.fromPatrol')}` : ''}
            </small>
            {c.status === 'open' && (
              <button type="button" onClick={() => void close(c)}>
                {t('dashboard.cases.close')}
              </button>
            )}
          </li>
        ))}
      </ul>
      <details data-testid="case-form">
        <summary>{t('dashboard.cases.new')}</summary>
        <form className="dashboard__case-form" onSubmit={create}>
          <label>
            {t('dashboard.cases.number')}
            <input required maxLength={60} value={number} onChange={(e) => setNumber(e.target.value)} />
          </label>
          <label>
            {t('dashboard.cases.opened')}
            <input type="date" required value={opened} onChange={(e) => setOpened(e.target.value)} />
          </label>
          <label>
            {t('dashboard.cases.cause')}
            <select value={cause} onChange={(e) => setCause(e.target.value as CaseCause)}>
              {CASE_CAUSES.map((c) => (
                <option key={c} value={c}>
                  {t(`dashboard.terms.${c}`)}
                </option>
              ))}
            </select>
          </label>
          <label>
            {t('dashboard.cases.summary')}
            <input maxLength={2000} value={summary} onChange={(e) => setSummary(e.target.value)} />
          </label>
          <button type="submit">{t('dashboard.cases.save', { grid: grid.name })}</button>
        </form>
      </details>
      {referrals.length > 0 && (
        <details data-testid="referrals">
          <summary>{t('dashboard.cases.referrals', { count: referrals.length })}</summary>
          <ul>
            {referrals.map((r) => (
              <li key={r.patrolId} data-testid="referral">
                <strong>{r.subject.name}</strong> {r.village ?? ''}
                <small>
                  {r.patrolledAt.slice(0, 10)} · {r.inspectorName}
                  {r.notes ? ` · ${r.notes}` : ''}
                </small>
                <form
                  className="dashboard__case-form"
                  onSubmit={(e) => {
                    e.preventDefault();
                    void fromReferral(r);
                  }}
                >
                  <input
                    required
                    maxLength={60}
                    aria-label={t('dashboard.cases.number')}
                    placeholder={t('dashboard.cases.number')}
                    value={referralNumbers[r.patrolId] ?? ''}
                    onChange={(e) => setReferralNumbers({ ...referralNumbers, [r.patrolId]: e.target.value })}
                  />
                  <button type="submit">{t('dashboard.cases.openFromReferral')}</button>
                </form>
              </li>
            ))}
          </ul>
        </details>
      )}
    </section>
  );
}
