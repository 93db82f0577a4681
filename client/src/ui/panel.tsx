/**
 * A titled card. On a wide screen it floats over the map or docks beside it; on a phone the same panel is a
 * bottom sheet (layout CSS decides, the markup stays one). The close button is optional on wide screens.
 */
import type { ReactElement, ReactNode } from 'react';
import { Icon } from './icons';

export interface PanelProps {
  id?: string;
  title: ReactNode;
  className?: string;
  closeLabel?: string;
  onClose?: () => void;
  children: ReactNode;
  /** Extra controls in the header, before the close button. */
  actions?: ReactNode;
  labelledBy?: string;
}

export function Panel({
  id,
  title,
  className,
  closeLabel,
  onClose,
  children,
  actions,
}: PanelProps): ReactElement {
  const titleId = id ? `${id}-title` : undefined;
  return (
    <section id={id} className={`panel ${className ?? ''}`} aria-labelledby={titleId}>
      <header className="panel__header">
        <h2 className="panel__title" id={titleId}>
          {title}
        </h2>
        {actions}
        {onClose && (
          <button
            type="button"
            className="icon-button panel__close"
            onClick={onClose}
            aria-label={closeLabel}
            title={closeLabel}
          >
            <Icon name="close" />
          </button>
        )}
      </header>
      <div className="panel__body">{children}</div>
    </section>
  );
}
