/**
 * Keeps a failure of one part of the app inside that part: a lazily loaded workspace whose code cannot be fetched
 * (the network dropped, or the app was updated and the old file is gone) or that throws while drawing shows a message
 * with a way to reload, instead of React unmounting the whole page — the header, the map and the other workspaces
 * stay usable. Give it a `key` that changes with what it wraps, so moving on clears the message.
 */
import { Component, type ReactNode } from 'react';

interface Props {
  children: ReactNode;
  /** What to show instead, given the error. */
  fallback: (error: Error) => ReactNode;
}

interface State {
  error: Error | null;
}

export class LoadBoundary extends Component<Props, State> {
  override state: State = { error: null };

  static getDerivedStateFromError(error: unknown): State {
    return { error: error instanceof Error ? error : new Error(String(error)) };
  }

  override render(): ReactNode {
    return this.state.error ? this.props.fallback(this.state.error) : this.props.children;
  }
}
