/** Messages to the user: an alert with optional retry or dismiss. Errors are shown, never swallowed. */
import type { ReactElement, ReactNode } from 'react';
import { Icon } from './icons';

export interface NoticeProps {
  tone?: 'error' | 'info';
  children: ReactNode;
  onRetry?: () => void;
  retryLabel?: string;
  onDismiss?: () => void;
  dismissLabel?: string;
}

export function Notice({
  tone = 'error',
  children,
  onRetry,
  retryLabel,
  onDismiss,
  dismissLabel,
}: NoticeProps): ReactElement {
  return (
    <div className={`notice notice--${tone}`} role={tone === 'error' ? 'alert' : 'status'}>
      <Icon name={tone === 'error' ? 'warning' : 'target'} />
      <div className="notice__text">{children}</div>
      {onRetry && (
        <button type="button" className="button button--small" onClick={onRetry}>
          <Icon name="retry" size={16} />
          {retryLabel}
        </button>
      )}
      {onDismiss && (
        <button
          type="button"
          className="icon-button"
          onClick={onDismiss}
          aria-label={dismissLabel}
          title={dismissLabel}
        >
          <Icon name="close" size={16} />
        </button>
      )}
    </div>
  );
}

export function Loading({ label }: { label: string }): ReactElement {
  return (
    <div className="loading" role="status">
      <span className="loading__spinner" aria-hidden="true" />
      {label}
    </div>
  );
}
