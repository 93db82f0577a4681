/**
 * Password change (current, new, repeat). Forced after the first login or a reset (mustChangePassword): then the
 * only way out is logging out. The server's policy message (too short, equals the username …) is shown as is.
 */
import { type FormEvent, type ReactElement, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { describeError } from '../../app/describe-error';
import { useLang } from '../../app/use-lang';
import { Notice } from '../../ui/notice';
import { authApi } from './api';
import { useSession } from './session';

export function PasswordForm({
  forced,
  onDone,
  onCancel,
}: {
  forced: boolean;
  onDone: () => void;
  onCancel: () => void;
}): ReactElement {
  const { t } = useTranslation();
  const lang = useLang();
  const session = useSession();
  const [current, setCurrent] = useState('');
  const [next, setNext] = useState('');
  const [repeat, setRepeat] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const mismatch = repeat !== '' && next !== repeat;

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (next !== repeat) {
      setError(t('account.password.mismatch'));
      return;
    }
    setBusy(true);
    setError(null);
    authApi.changePassword({ current, next }, { lang }).then(
      () => {
        setBusy(false);
        onDone();
      },
      (failure: unknown) => {
        setBusy(false);
        setError(describeError(failure, t));
      },
    );
  };

  return (
    <form className="auth-form" onSubmit={submit} data-testid="password-form">
      <h2 className="auth-card__heading">{t('account.password.heading')}</h2>
      {forced && <Notice tone="info">{t('account.password.forced')}</Notice>}
      {error && <Notice>{error}</Notice>}
      {/* Lets password managers file the new password under the right account. */}
      <input
        type="text"
        name="username"
        autoComplete="username"
        value={session?.me.username ?? ''}
        readOnly
        hidden
      />
      <label className="auth-field">
        <span>{t('account.password.current')}</span>
        <input
          name="current-password"
          type="password"
          autoComplete="current-password"
          required
          value={current}
          onChange={(event) => setCurrent(event.target.value)}
          data-testid="password-current"
        />
      </label>
      <label className="auth-field">
        <span>{t('account.password.next')}</span>
        <input
          name="new-password"
          type="password"
          autoComplete="new-password"
          required
          minLength={10}
          aria-describedby="password-hint"
          value={next}
          onChange={(event) => setNext(event.target.value)}
          data-testid="password-next"
        />
      </label>
      <p id="password-hint" className="muted auth-field__hint">
        {t('account.password.hint')}
      </p>
      <label className="auth-field">
        <span>{t('account.password.repeat')}</span>
        <input
          name="repeat-password"
          type="password"
          autoComplete="new-password"
          required
          aria-invalid={mismatch}
          value={repeat}
          onChange={(event) => setRepeat(event.target.value)}
          data-testid="password-repeat"
        />
      </label>
      {mismatch && <p className="auth-field__error">{t('account.password.mismatch')}</p>}
      <div className="auth-form__actions">
        <button type="submit" className="button auth-primary" disabled={busy}>
          {busy ? t('account.password.saving') : t('account.password.submit')}
        </button>
        <button type="button" className="button" onClick={onCancel}>
          {forced ? t('account.menu.logout') : t('account.password.cancel')}
        </button>
      </div>
    </form>
  );
}
