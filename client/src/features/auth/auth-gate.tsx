/**
 * The login gate around the app (issue 9): on start it asks GET /api/auth/me; without a session it shows the login
 * page, with one the app. A later 401 from any request (the session expired or was ended by an administrator)
 * brings the login page back; the URL hash stays as it was, so after logging in the same workspace opens again.
 * Accounts that must change their password (first login, reset) see the password form before the app.
 */
import { useQueryClient } from '@tanstack/react-query';
import { type ReactElement, type ReactNode, useCallback, useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Me } from '../../../../server/contracts/auth';
import { ApiError, onSessionExpired, setCsrfToken } from '../../api/http';
import { describeError } from '../../app/describe-error';
import { useLang } from '../../app/use-lang';
import { Loading, Notice } from '../../ui/notice';
import { authApi } from './api';
import { LoginPage } from './login-page';
import { PasswordForm } from './password-form';
import { type Session, SessionContext } from './session';
import './auth.css';

type GateState =
  | { kind: 'checking' }
  | { kind: 'failed'; message: string }
  | { kind: 'anonymous'; expired: boolean }
  | { kind: 'in'; me: Me };

export function AuthGate({ children }: { children: ReactNode }): ReactElement {
  const { t } = useTranslation();
  const lang = useLang();
  const queryClient = useQueryClient();
  const [state, setState] = useState<GateState>({ kind: 'checking' });

  const enter = useCallback(
    (me: Me) => {
      setCsrfToken(me.csrfToken);
      // Another account may have used this tab: nothing cached under the previous session may show.
      queryClient.clear();
      setState({ kind: 'in', me });
    },
    [queryClient],
  );

  const load = useCallback(() => {
    authApi.me({ lang }).then(enter, (error: unknown) => {
      if (error instanceof ApiError && error.status === 401) setState({ kind: 'anonymous', expired: false });
      else setState({ kind: 'failed', message: describeError(error, t) });
    });
    // Only on start (and on retry): a language switch must not re-check the session.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [enter]);

  useEffect(load, [load]);

  const retry = useCallback(() => {
    setState({ kind: 'checking' });
    load();
  }, [load]);

  useEffect(
    () =>
      onSessionExpired(() => {
        setCsrfToken(null);
        setState((current) => (current.kind === 'in' ? { kind: 'anonymous', expired: true } : current));
      }),
    [],
  );

  const logout = useCallback(async () => {
    try {
      await authApi.logout({ lang });
    } finally {
      setCsrfToken(null);
      queryClient.clear();
      setState({ kind: 'anonymous', expired: false });
    }
  }, [lang, queryClient]);

  const passwordChanged = useCallback(
    () =>
      setState((current) =>
        current.kind === 'in' ? { kind: 'in', me: { ...current.me, mustChangePassword: false } } : current,
      ),
    [],
  );

  const session = useMemo<Session | null>(
    () => (state.kind === 'in' ? { me: state.me, logout, passwordChanged } : null),
    [state, logout, passwordChanged],
  );

  switch (state.kind) {
    case 'checking':
      return (
        <div className="auth-screen">
          <Loading label={t('account.login.checking')} />
        </div>
      );
    case 'failed':
      return (
        <div className="auth-screen">
          <Notice onRetry={retry} retryLabel={t('inspector.retry')}>
            {state.message}
          </Notice>
        </div>
      );
    case 'anonymous':
      return <LoginPage expired={state.expired} onLoggedIn={enter} />;
    case 'in':
      return (
        <SessionContext.Provider value={session}>
          {state.me.mustChangePassword ? (
            <div className="auth-screen">
              <div className="auth-card" data-testid="forced-password-change">
                <PasswordForm forced onDone={passwordChanged} onCancel={() => void logout()} />
              </div>
            </div>
          ) : (
            children
          )}
        </SessionContext.Provider>
      );
  }
}
