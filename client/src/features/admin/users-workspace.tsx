/**
 * 用户管理 / Users (permission users.admin): the accounts, a new account (username, name, role, jurisdiction grid),
 * the generated password shown once with a copy button, editing role / jurisdiction / name / active state (409
 * when someone else changed the account meanwhile: the latest is reloaded) and password resets.
 */
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, type ReactElement, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { GridSummary } from '../../../../server/contracts/api';
import { type AdminUser, type IssuedPassword, ROLES, type Role } from '../../../../server/contracts/auth';
import { ApiError } from '../../api/http';
import { describeError } from '../../app/describe-error';
import { useLang } from '../../app/use-lang';
import type { WorkspaceProps } from '../../app/workspaces';
import { Loading, Notice } from '../../ui/notice';
import { formatTime } from '../auth/login-page';
import { adminApi } from './api';
import './admin.css';

const USERS_KEY = ['admin', 'users'] as const;

function GridSelect({
  grids,
  value,
  role,
  onChange,
  testId,
}: {
  grids: GridSummary[];
  value: number | null;
  role: Role;
  onChange: (id: number | null) => void;
  testId?: string;
}): ReactElement {
  const { t } = useTranslation();
  const levels = ['county', 'township', 'village'] as const;
  return (
    <select
      value={value ?? ''}
      required={role !== 'admin'}
      onChange={(event) => onChange(event.target.value ? Number(event.target.value) : null)}
      data-testid={testId}
    >
      <option value="">
        {role === 'admin' ? t('account.users.jurisdictionNone') : t('account.users.chooseGrid')}
      </option>
      {levels.map((level) => (
        <optgroup key={level} label={t(`enums.gridLevel.${level}`)}>
          {grids
            .filter((grid) => grid.level === level)
            .map((grid) => (
              <option key={grid.id} value={grid.id}>
                {grid.name}（{grid.code}）
              </option>
            ))}
        </optgroup>
      ))}
    </select>
  );
}

function RoleSelect({
  value,
  onChange,
  testId,
}: {
  value: Role;
  onChange: (role: Role) => void;
  testId?: string;
}): ReactElement {
  const { t } = useTranslation();
  return (
    <select value={value} onChange={(event) => onChange(event.target.value as Role)} data-testid={testId}>
      {ROLES.map((role) => (
        <option key={role} value={role}>
          {t(`account.users.roles.${role}`)}
        </option>
      ))}
    </select>
  );
}

function IssuedCard({ issued, onClose }: { issued: IssuedPassword; onClose: () => void }): ReactElement {
  const { t } = useTranslation();
  const [copied, setCopied] = useState(false);
  const copy = () => {
    void navigator.clipboard?.writeText(issued.password).then(
      () => setCopied(true),
      () => undefined,
    );
  };
  return (
    <div className="admin-issued" role="alert" data-testid="issued-password">
      <h3>{t('account.users.issuedHeading', { name: issued.user.displayName })}</h3>
      <p className="admin-issued__password">
        <code data-testid="issued-password-value">{issued.password}</code>
        <button type="button" className="button button--small" onClick={copy}>
          {copied ? t('account.users.copied') : t('account.users.copy')}
        </button>
      </p>
      <p className="muted">{t('account.users.issuedHint')}</p>
      <button type="button" className="button" onClick={onClose}>
        {t('account.users.close')}
      </button>
    </div>
  );
}

function CreateForm({
  grids,
  onCreated,
  onCancel,
}: {
  grids: GridSummary[];
  onCreated: (issued: IssuedPassword) => void;
  onCancel: () => void;
}): ReactElement {
  const { t } = useTranslation();
  const lang = useLang();
  const [username, setUsername] = useState('');
  const [displayName, setDisplayName] = useState('');
  const [role, setRole] = useState<Role>('township_supervisor');
  const [jurisdictionId, setJurisdictionId] = useState<number | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setError(null);
    adminApi.create({ username, displayName, role, jurisdictionId }, { lang }).then(
      (issued) => {
        setBusy(false);
        onCreated(issued);
      },
      (failure: unknown) => {
        setBusy(false);
        setError(describeError(failure, t));
      },
    );
  };
  return (
    <form className="admin-form" onSubmit={submit} data-testid="user-create-form">
      <h3>{t('account.users.create')}</h3>
      {error && <Notice>{error}</Notice>}
      <label>
        <span>{t('account.users.username')}</span>
        <input
          value={username}
          required
          autoComplete="off"
          autoCapitalize="none"
          pattern="[a-z0-9][a-z0-9._\-]{2,31}"
          title={t('account.users.usernameHint')}
          onChange={(event) => setUsername(event.target.value)}
          data-testid="user-username"
        />
      </label>
      <label>
        <span>{t('account.users.displayName')}</span>
        <input
          value={displayName}
          required
          maxLength={40}
          onChange={(event) => setDisplayName(event.target.value)}
          data-testid="user-display-name"
        />
      </label>
      <label>
        <span>{t('account.users.role')}</span>
        <RoleSelect value={role} onChange={setRole} testId="user-role" />
      </label>
      <label>
        <span>{t('account.users.jurisdiction')}</span>
        <GridSelect
          grids={grids}
          value={jurisdictionId}
          role={role}
          onChange={setJurisdictionId}
          testId="user-jurisdiction"
        />
      </label>
      <div className="admin-form__actions">
        <button type="submit" className="button auth-primary" disabled={busy}>
          {busy ? t('account.users.saving') : t('account.users.create')}
        </button>
        <button type="button" className="button" onClick={onCancel}>
          {t('account.users.cancel')}
        </button>
      </div>
    </form>
  );
}

function EditForm({
  user,
  grids,
  onSaved,
  onConflict,
  onCancel,
}: {
  user: AdminUser;
  grids: GridSummary[];
  onSaved: () => void;
  onConflict: () => void;
  onCancel: () => void;
}): ReactElement {
  const { t } = useTranslation();
  const lang = useLang();
  const [displayName, setDisplayName] = useState(user.displayName);
  const [role, setRole] = useState<Role>(user.role);
  const [jurisdictionId, setJurisdictionId] = useState<number | null>(user.jurisdiction?.id ?? null);
  const [active, setActive] = useState(user.active);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setError(null);
    adminApi
      .update(user.id, { version: user.version, displayName, role, jurisdictionId, active }, { lang })
      .then(
        () => {
          setBusy(false);
          onSaved();
        },
        (failure: unknown) => {
          setBusy(false);
          if (failure instanceof ApiError && failure.code === 'VERSION_CONFLICT') onConflict();
          else setError(describeError(failure, t));
        },
      );
  };
  return (
    <form className="admin-form" onSubmit={submit} data-testid="user-edit-form">
      {error && <Notice>{error}</Notice>}
      <label>
        <span>{t('account.users.displayName')}</span>
        <input value={displayName} required maxLength={40} onChange={(e) => setDisplayName(e.target.value)} />
      </label>
      <label>
        <span>{t('account.users.role')}</span>
        <RoleSelect value={role} onChange={setRole} />
      </label>
      <label>
        <span>{t('account.users.jurisdiction')}</span>
        <GridSelect grids={grids} value={jurisdictionId} role={role} onChange={setJurisdictionId} />
      </label>
      <label className="admin-form__check">
        <input type="checkbox" checked={active} onChange={(e) => setActive(e.target.checked)} />
        <span>{t('account.users.active')}</span>
      </label>
      <div className="admin-form__actions">
        <button type="submit" className="button auth-primary" disabled={busy}>
          {busy ? t('account.users.saving') : t('account.users.save')}
        </button>
        <button type="button" className="button" onClick={onCancel}>
          {t('account.users.cancel')}
        </button>
      </div>
    </form>
  );
}

export default function UsersWorkspace(_props: WorkspaceProps): ReactElement {
  const { t } = useTranslation();
  const lang = useLang();
  const queryClient = useQueryClient();
  const users = useQuery({
    queryKey: [...USERS_KEY, lang],
    queryFn: ({ signal }) => adminApi.users({ lang, signal }),
  });
  const grids = useQuery({
    queryKey: ['admin', 'grids', lang],
    queryFn: ({ signal }) => adminApi.grids({ lang, signal }),
  });
  const [now] = useState(() => Date.now());
  const [creating, setCreating] = useState(false);
  const [editing, setEditing] = useState<number | null>(null);
  const [issued, setIssued] = useState<IssuedPassword | null>(null);
  const [message, setMessage] = useState<{ tone: 'info' | 'error'; text: string } | null>(null);
  const gridList = useMemo(() => grids.data ?? [], [grids.data]);
  const refresh = () => queryClient.invalidateQueries({ queryKey: USERS_KEY });

  const reset = (user: AdminUser) => {
    if (!window.confirm(t('account.users.resetConfirm', { name: user.displayName }))) return;
    adminApi.resetPassword(user.id, { lang }).then(
      (result) => {
        setIssued(result);
        void refresh();
      },
      (failure: unknown) => setMessage({ tone: 'error', text: describeError(failure, t) }),
    );
  };

  return (
    <div className="admin" data-testid="users-workspace">
      <div className="admin__head">
        <h2>{t('account.users.heading')}</h2>
        {users.data && (
          <span className="muted">{t('account.users.count', { count: users.data.length })}</span>
        )}
        {!creating && (
          <button
            type="button"
            className="button button--small"
            onClick={() => {
              setCreating(true);
              setMessage(null);
            }}
            data-testid="user-create"
          >
            {t('account.users.create')}
          </button>
        )}
      </div>
      {issued && <IssuedCard issued={issued} onClose={() => setIssued(null)} />}
      {message && (
        <Notice
          tone={message.tone}
          onDismiss={() => setMessage(null)}
          dismissLabel={t('account.users.cancel')}
        >
          {message.text}
        </Notice>
      )}
      {creating && (
        <CreateForm
          grids={gridList}
          onCreated={(result) => {
            setCreating(false);
            setIssued(result);
            void refresh();
          }}
          onCancel={() => setCreating(false)}
        />
      )}
      {users.isPending && <Loading label={t('account.audit.loading')} />}
      {users.error && (
        <Notice onRetry={() => void users.refetch()} retryLabel={t('inspector.retry')}>
          {describeError(users.error, t)}
        </Notice>
      )}
      {grids.error && <Notice>{describeError(grids.error, t)}</Notice>}
      <ul className="admin-users">
        {users.data?.map((user) => (
          <li key={user.id} className="admin-user" data-testid="user-row" data-username={user.username}>
            <div className="admin-user__main">
              <strong>{user.displayName}</strong> <span className="mono muted">{user.username}</span>
              <div className="admin-user__badges">
                <span className="badge badge--info">
                  {lang === 'en' ? user.roleName.en : user.roleName.zh}
                </span>
                {!user.active && <span className="badge badge--bad">{t('account.users.inactive')}</span>}
                {user.mustChangePassword && (
                  <span className="badge badge--warn">{t('account.users.mustChange')}</span>
                )}
                {user.lockedUntil && Date.parse(user.lockedUntil) > now && (
                  <span className="badge badge--bad">
                    {t('account.users.locked', { time: formatTime(user.lockedUntil, lang) })}
                  </span>
                )}
              </div>
              <div className="muted admin-user__meta">
                {t('account.users.jurisdiction')}：{user.jurisdiction?.name ?? t('account.menu.wholeCounty')}{' '}
                · {t('account.users.lastLogin')}：
                {user.lastLoginAt ? formatTime(user.lastLoginAt, lang) : t('account.users.never')}
              </div>
            </div>
            {editing === user.id ? (
              <EditForm
                user={user}
                grids={gridList}
                onSaved={() => {
                  setEditing(null);
                  setMessage({ tone: 'info', text: t('account.users.saved') });
                  void refresh();
                }}
                onConflict={() => {
                  setEditing(null);
                  setMessage({ tone: 'error', text: t('account.users.conflict') });
                  void refresh();
                }}
                onCancel={() => setEditing(null)}
              />
            ) : (
              <div className="admin-user__actions">
                <button type="button" className="button button--small" onClick={() => setEditing(user.id)}>
                  {t('account.users.edit')}
                </button>
                <button type="button" className="button button--small" onClick={() => reset(user)}>
                  {t('account.users.resetPassword')}
                </button>
              </div>
            )}
          </li>
        ))}
      </ul>
    </div>
  );
}
