/**
 * Keeps a failure of one part of the app inside that part: a lazily loaded workspace whose code cannot be fetched
 * (the network dropped, or the app was updated and the old file is gone) or that throws while drawing shows `message`
 * with the browser's error and a button to reload the page, instead of React unmounting the whole page — the header,
 * the map and the other workspaces stay usable. Give it a `key` that changes with what it wraps, so moving on clears
 * the message.
 */
import { Component, type ReactElement, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Notice } from './notice';

interface Props {
  children: ReactNode;
  /** What failed to load, for the user (translated). */
  message: string;
  /** Closes the part that failed (a dismiss button), where it can be closed. */
  onDismiss?: () => void;
}

interface State {
  error: Error | null;
}

function LoadFailed({ message, error, onDismiss }: Omit<Props, 'children'> & { error: Error }): ReactElement {
  const { t } = useTranslation();
  return (
    <Notice
      onRetry={() => window.location.reload()}
      retryLabel={t('app.reload')}
      onDismiss={onDismiss}
      dismissLabel={t('errors.dismiss')}
    >
      {message}
      <br />
      <small>{error.message}</small>
    </Notice>
  );
}

export class LoadBoundary extends Component<Props, State> {
  override state: State = { error: null };

  static getDerivedStateFromError(error: unknown): State {
    return { error: error instanceof Error ? error : new Error(String(error)) };
  }

  override render(): ReactNode {
    const { children, ...rest } = this.props;
    return this.state.error ? <LoadFailed {...rest} error={this.state.error} /> : children;
  }
}
