/** The top bar: product name, the county on the map, and the language switch (中文 ⇄ English). */
import type { ReactElement } from 'react';
import { useTranslation } from 'react-i18next';
import { AccountMenu } from '../../features/auth/account-menu';
import { Icon } from '../../ui/icons';
import { WorkspaceNav } from './workspace-nav';

function Logo(): ReactElement {
  return (
    <svg
      className="brand__logo"
      viewBox="0 0 32 32"
      width="30"
      height="30"
      aria-hidden="true"
      focusable="false"
    >
      <rect width="32" height="32" rx="7" fill="#ffffff" fillOpacity="0.12" />
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
  );
}

export function Header({
  countyName,
  workspace,
  onWorkspace,
}: {
  countyName: string | null;
  workspace: string;
  onWorkspace: (id: string) => void;
}): ReactElement {
  const { t, i18n } = useTranslation();
  const next = i18n.language === 'en' ? 'zh-CN' : 'en';
  return (
    <header className="app-header">
      <div className="brand">
        <Logo />
        <div className="brand__text">
          <h1 className="brand__title">{t('app.title')}</h1>
          <p className="brand__subtitle">{t('app.subtitle')}</p>
        </div>
        <span className="brand__county" data-testid="county-name">
          {countyName ?? t('app.countyPending')}
        </span>
      </div>
      <WorkspaceNav current={workspace} onOpen={onWorkspace} />
      <button
        type="button"
        className="lang-switch"
        lang={next}
        onClick={() => void i18n.changeLanguage(next)}
        aria-label={`${t('language.label')}: ${t('language.switchTo')}`}
        data-testid="language-switch"
      >
        <Icon name="globe" />
        <span>{t('language.switchTo')}</span>
      </button>
      <AccountMenu />
    </header>
  );
}
