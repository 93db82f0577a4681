/**
 * 审计日志 / Audit log (permission audit.read): every write, newest first, filtered by table, record key and
 * account; older pages on request (the page's `next`). Each entry opens to show its values before and after,
 * the changed fields highlighted. Other views link here filtered: #/audit?table=grid_unit&rowKey=12.
 */
import { useInfiniteQuery } from '@tanstack/react-query';
import { type FormEvent, type ReactElement, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { AuditEntry } from '../../../../server/contracts/audit';
import { describeError } from '../../app/describe-error';
import { useLang } from '../../app/use-lang';
import type { WorkspaceProps } from '../../app/workspaces';
import { Loading, Notice } from '../../ui/notice';
import { formatTime } from '../auth/login-page';
import { type AuditFilter, adminApi } from './api';
import './admin.css';

/** The link that opens the audit log filtered to one record. */
export function auditHref(table: string, rowKey: string | number): string {
  return `#/audit?table=${encodeURIComponent(table)}&rowKey=${encodeURIComponent(String(rowKey))}`;
}

function filterFromHash(hash: string): AuditFilter {
  const query = hash.split('?')[1] ?? '';
  const params = new URLSearchParams(query);
  return {
    table: params.get('table') ?? '',
    rowKey: params.get('rowKey') ?? '',
    actor: params.get('actor') ?? '',
  };
}

function show(value: unknown): string {
  if (value === null || value === undefined) return '—';
  if (typeof value === 'string') return value;
  const text = JSON.stringify(value);
  return text.length > 300 ? `${text.slice(0, 300)}…` : text;
}

function EntryDetails({ entry }: { entry: AuditEntry }): ReactElement {
  const { t } = useTranslation();
  const fields = Array.from(new Set([...Object.keys(entry.before ?? {}), ...Object.keys(entry.after ?? {})]));
  const changed = new Set(entry.changed);
  // Changed fields first, then the rest in their column order.
  fields.sort((a, b) => Number(changed.has(b)) - Number(changed.has(a)));
  return (
    <div className="table-wrap">
      <table className="data-table audit-diff">
        <thead>
          <tr>
            <th scope="col">{t('account.audit.field')}</th>
            {entry.before && <th scope="col">{t('account.audit.before')}</th>}
            {entry.after && <th scope="col">{t('account.audit.after')}</th>}
          </tr>
        </thead>
        <tbody>
          {fields.map((field) => (
            <tr key={field} className={changed.has(field) ? 'audit-diff__changed' : undefined}>
              <th scope="row" className="mono">
                {field}
              </th>
              {entry.before && <td>{show(entry.before[field])}</td>}
              {entry.after && <td>{show(entry.after[field])}</td>}
            </tr>
          ))}
        </tbody>
      </table>
      {entry.requestId && (
        <p className="muted audit-request">
          {t('account.audit.request')}：<span className="mono">{entry.requestId}</span>
        </p>
      )}
    </div>
  );
}

export default function AuditWorkspace(_props: WorkspaceProps): ReactElement {
  const { t } = useTranslation();
  const lang = useLang();
  const [draft, setDraft] = useState<AuditFilter>(() => filterFromHash(window.location.hash));
  const [filter, setFilter] = useState<AuditFilter>(draft);
  const pages = useInfiniteQuery({
    queryKey: ['audit', filter, lang],
    queryFn: ({ pageParam, signal }) => adminApi.audit(filter, pageParam, { lang, signal }),
    initialPageParam: null as number | null,
    getNextPageParam: (page) => page.next,
  });
  const entries = pages.data?.pages.flatMap((page) => page.entries) ?? [];

  const apply = (event: FormEvent) => {
    event.preventDefault();
    setFilter({ ...draft });
  };
  const clear = () => {
    const empty = { table: '', rowKey: '', actor: '' };
    setDraft(empty);
    setFilter(empty);
  };

  return (
    <div className="admin" data-testid="audit-workspace">
      <div className="admin__head">
        <h2>{t('account.audit.heading')}</h2>
      </div>
      <form className="audit-filter" onSubmit={apply}>
        <label>
          <span>{t('account.audit.table')}</span>
          <input
            value={draft.table}
            onChange={(e) => setDraft({ ...draft, table: e.target.value.trim() })}
            placeholder="grid_unit"
            data-testid="audit-table"
          />
        </label>
        <label>
          <span>{t('account.audit.rowKey')}</span>
          <input
            value={draft.rowKey}
            onChange={(e) => setDraft({ ...draft, rowKey: e.target.value.trim() })}
            data-testid="audit-row-key"
          />
        </label>
        <label>
          <span>{t('account.audit.actor')}</span>
          <input
            value={draft.actor}
            onChange={(e) => setDraft({ ...draft, actor: e.target.value.trim() })}
            data-testid="audit-actor"
          />
        </label>
        <div className="admin-form__actions">
          <button type="submit" className="button button--small auth-primary">
            {t('account.audit.apply')}
          </button>
          <button type="button" className="button button--small" onClick={clear}>
            {t('account.audit.clear')}
          </button>
        </div>
      </form>
      {pages.isPending && <Loading label={t('account.audit.loading')} />}
      {pages.error && (
        <Notice onRetry={() => void pages.refetch()} retryLabel={t('inspector.retry')}>
          {describeError(pages.error, t)}
        </Notice>
      )}
      {pages.isSuccess && entries.length === 0 && <p className="muted">{t('account.audit.empty')}</p>}
      <ol className="audit-list">
        {entries.map((entry) => (
          <li key={entry.id} data-testid="audit-entry">
            <details>
              <summary>
                <span
                  className={`badge ${entry.action === 'delete' ? 'badge--bad' : entry.action === 'insert' ? 'badge--good' : 'badge--info'}`}
                >
                  {t(`account.audit.actions.${entry.action}`)}
                </span>{' '}
                <span className="mono">
                  {entry.table} #{entry.rowKey}
                </span>
                <span className="audit-list__meta muted">
                  {entry.actor} · {formatTime(entry.at, lang)}
                  {entry.action === 'update' &&
                    ` · ${t('account.audit.changed', { count: entry.changed.length })}`}
                </span>
              </summary>
              <EntryDetails entry={entry} />
            </details>
          </li>
        ))}
      </ol>
      {pages.hasNextPage && (
        <button
          type="button"
          className="button"
          disabled={pages.isFetchingNextPage}
          onClick={() => void pages.fetchNextPage()}
          data-testid="audit-more"
        >
          {pages.isFetchingNextPage ? t('account.audit.loading') : t('account.audit.more')}
        </button>
      )}
    </div>
  );
}
