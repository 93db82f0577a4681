/** Header navigation between workspaces: tabs on wide screens, a compact menu on phones (CSS picks one). */
import type { ReactElement } from 'react';
import { useTranslation } from 'react-i18next';
import { useSession } from '../../features/auth/session';
import { workspacesFor } from '../workspaces';

export function WorkspaceNav({
  current,
  onOpen,
}: {
  current: string;
  onOpen: (id: string) => void;
}): ReactElement {
  const { t } = useTranslation();
  // Workspaces the account lacks the permission for are not offered.
  const workspaces = workspacesFor(useSession()?.me.permissions);
  return (
    <nav className="workspace-nav" aria-label={t('workspaces.label')}>
      <div className="workspace-tabs" role="tablist">
        {workspaces.map((w) => (
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
        {workspaces.map((w) => (
          <option key={w.id} value={w.id}>
            {t(w.labelKey)}
          </option>
        ))}
      </select>
    </nav>
  );
}
