/** Header navigation between workspaces: tabs on wide screens, a compact menu on phones (CSS picks one). */
import type { ReactElement } from 'react';
import { useTranslation } from 'react-i18next';
import { WORKSPACES } from '../workspaces';

export function WorkspaceNav({
  current,
  onOpen,
}: {
  current: string;
  onOpen: (id: string) => void;
}): ReactElement {
  const { t } = useTranslation();
  return (
    <nav className="workspace-nav" aria-label={t('workspaces.label')}>
      <div className="workspace-tabs" role="tablist">
        {WORKSPACES.map((w) => (
          <button
            key={w.id}
            type="button"
            role="tab"
            aria-selected={w.id === current}
            className={`workspace-tab ${w.id === current ? 'workspace-tab--active' : ''}`}
            data-workspace={w.id}
            onClick={() => onOpen(w.id)}
          >
            {t(w.labelKey)}
          </button>
        ))}
      </div>
      <select
        className="workspace-menu"
        aria-label={t('workspaces.menu')}
        value={current}
        onChange={(event) => onOpen(event.target.value)}
        data-testid="workspace-menu"
      >
        {WORKSPACES.map((w) => (
          <option key={w.id} value={w.id}>
            {t(w.labelKey)}
          </option>
        ))}
      </select>
    </nav>
  );
}
