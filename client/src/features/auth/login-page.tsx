/**
 * The login page: product name, username and password (autocomplete attributes so password managers fill them),
 * the server's message on failure (wrong password; 423 ACCOUNT_LOCKED with the unlock time in the user's
 * language), and the same language switch as the header.
 */
import { type FormEvent, type ReactElement, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Me } from '../../../../server/contracts/auth';
import { ApiError } from '../../api/http';
import { describeError } from '../../app/describe-error';
import { useLang } from '../../app/use-lang';
import { Icon } from '../../ui/icons';
import { Notice } from '../../ui/notice';
import { authApi } from './api';

export function formatTime(iso: string, lang: string): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  return date.toLocaleString(lang === 'en' ? 'en-GB' : 'zh-CN', {
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
  });
}

function lockedUntil(error: unknown): string | null {
  if (!(error instanceof ApiError) || error.code !== 'ACCOUNT_LOCKED') return null;
  const details = error.details as { lockedUntil?: unknown } | null | undefined;
  return typeof details?.lockedUntil === 'string' ? details.lockedUntil : null;
}

export function LanguageSwitch({ className }: { className?: string }): ReactElement {
  const { t, i18n } = useTranslation();
  const next = i18n.language === 'en' ? 'zh-CN' : 'en';
  return (
    <button
      type="button"
      className={`lang-switch ${className ?? ''}`}
      lang={next}
      onClick={() => void i18n.changeLanguage(next)}
      aria-label={`${t('language.label')}: ${t('language.switchTo')}`}
      data-testid="language-switch"
    >
      <Icon name="globe" />
      <span>{t('language.switchTo')}</span>
    </button>
  );
}

export function LoginPage({
  expired,
  onLoggedIn,
}: {
  expired: boolean;
  onLoggedIn: (me: Me) => void;
}): ReactElement {
  const { t } = useTranslation();
  const lang = useLang();
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setError(null);
    authApi.login({ username, password }, { lang }).then(
      (me) => {
        setBusy(false);
        onLoggedIn(me);
      },
      (failure: unknown) => {
        setBusy(false);
        setPassword('');
        const until = lockedUntil(failure);
        setError(
          until ? t('account.login.locked', { time: formatTime(until, lang) }) : describeError(failure, t),
        );
      },
    );
  };

  return (
    <div className="auth-screen auth-screen--login" data-testid="login-page">
      <div className="auth-screen__bar">
        <LanguageSwitch />
      </div>
      <main className="auth-card">
        <div className="auth-card__brand">
          <svg viewBox="0 0 32 32" width="44" height="44" aria-hidden="true" focusable="false">
            <rect width="32" height="32" rx="7" fill="#17324d" />
            <path
              d="M16 5c-4.4 0-8 3.5-8 7.9 0 5.6 8 14.1 8 14.1s8-8.5 8-14.1C24 8.5 20.4 5 16 5z"
              fill="#47b274"
            />
            <path
              d="M12.2 13.2l2.6 2.6 5-5.2"
              fill="none"
              stroke="#fff"
              strokeWidth="2.2"
              strokeLinecap="round"
              strokeLinejoin="round"
            />
          </svg>
          <div>
            <h1 className="auth-card__title">{t('app.title')}</h1>
            <p className="auth-card__subtitle">{t('app.subtitle')}</p>
          </div>
        </div>
        <h2 className="auth-card__heading">{t('account.login.heading')}</h2>
        <p className="muted auth-card__intro">{t('account.login.intro')}</p>
        {expired && !error && <Notice tone="info">{t('account.login.expired')}</Notice>}
        {error && <Notice>{error}</Notice>}
        <form className="auth-form" onSubmit={submit} method="post" action="/api/auth/login">
          <label className="auth-field">
            <span>{t('account.login.username')}</span>
            <input
              name="username"
              autoComplete="username"
              autoCapitalize="none"
              autoCorrect="off"
              spellCheck={false}
              required
              value={username}
              onChange={(event) => setUsername(event.target.value)}
              data-testid="login-username"
            />
          </label>
          <label className="auth-field">
            <span>{t('account.login.password')}</span>
            <input
              name="password"
              type="password"
              autoComplete="current-password"
              required
              value={password}
              onChange={(event) => setPassword(event.target.value)}
              data-testid="login-password"
            />
          </label>
          <button type="submit" className="button auth-primary auth-form__submit" disabled={busy}>
            {busy ? t('account.login.submitting') : t('account.login.submit')}
          </button>
        </form>
        <p className="muted auth-card__footer">{t('account.login.footer')}</p>
      </main>
    </div>
  );
}
