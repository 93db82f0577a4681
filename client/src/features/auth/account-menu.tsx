/** The header's account menu: who is logged in (name, role, jurisdiction), 修改密码 and 退出登录. */
import { type ReactElement, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useLang } from '../../app/use-lang';
import { PasswordForm } from './password-form';
import { useSession } from './session';

export function AccountMenu(): ReactElement | null {
  const { t } = useTranslation();
  const lang = useLang();
  const session = useSession();
  const [open, setOpen] = useState(false);
  const [changing, setChanging] = useState(false);
  const rootRef = useRef<HTMLDivElement>(null);
  const dialogRef = useRef<HTMLDialogElement>(null);

  useEffect(() => {
    if (!open) return;
    const onDown = (event: PointerEvent) => {
      if (!rootRef.current?.contains(event.target as Node)) setOpen(false);
    };
    const onKey = (event: KeyboardEvent) => {
      if (event.key === 'Escape') setOpen(false);
    };
    document.addEventListener('pointerdown', onDown);
    document.addEventListener('keydown', onKey);
    return () => {
      document.removeEventListener('pointerdown', onDown);
      document.removeEventListener('keydown', onKey);
    };
  }, [open]);

  useEffect(() => {
    const dialog = dialogRef.current;
    if (!dialog) return;
    if (changing && !dialog.open) dialog.showModal();
    if (!changing && dialog.open) dialog.close();
  }, [changing]);

  if (!session) return null;
  const { me } = session;
  const role = lang === 'en' ? me.roleName.en : me.roleName.zh;

  return (
    <div className="account-menu" ref={rootRef}>
      <button
        type="button"
        className="account-menu__button"
        aria-haspopup="menu"
        aria-expanded={open}
        aria-label={`${t('account.menu.label')}: ${me.displayName} (${role})`}
        onClick={() => setOpen((value) => !value)}
        data-testid="account-menu"
      >
        <svg viewBox="0 0 24 24" width="20" height="20" aria-hidden="true" focusable="false">
          <circle cx="12" cy="8" r="4" fill="none" stroke="currentColor" strokeWidth="2" />
          <path d="M4 21c0-4.4 3.6-7 8-7s8 2.6 8 7" fill="none" stroke="currentColor" strokeWidth="2" />
        </svg>
        <span className="account-menu__who">
          <span className="account-menu__name" data-testid="account-name">
            {me.displayName}
          </span>
          <span className="account-menu__role">{role}</span>
        </span>
      </button>
      {open && (
        <div className="account-menu__list" role="menu">
          <div className="account-menu__info">
            <div>
              {me.displayName} · {me.username}
            </div>
            <div>
              {t('account.menu.jurisdiction')}：{me.jurisdiction?.name ?? t('account.menu.wholeCounty')}
            </div>
          </div>
          <button
            type="button"
            role="menuitem"
            className="account-menu__item"
            onClick={() => {
              setOpen(false);
              setChanging(true);
            }}
          >
            {t('account.menu.changePassword')}
          </button>
          <button
            type="button"
            role="menuitem"
            className="account-menu__item"
            onClick={() => {
              setOpen(false);
              void session.logout();
            }}
            data-testid="logout"
          >
            {t('account.menu.logout')}
          </button>
        </div>
      )}
      <dialog ref={dialogRef} className="auth-dialog" onClose={() => setChanging(false)}>
        {changing && (
          <PasswordForm
            forced={false}
            onDone={() => {
              setChanging(false);
              session.passwordChanged();
            }}
            onCancel={() => setChanging(false)}
          />
        )}
      </dialog>
    </div>
  );
}
