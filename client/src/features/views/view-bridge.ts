/**
 * How a saved view reaches a workspace that owns its state (the dashboard keeps period, indicator and drill-down
 * in its own React state): the workspace publishes what it shows and registers how to apply a view; a view opened
 * before the workspace is on screen waits here until it mounts. Plain module state: one app, one dashboard.
 */
import type { ViewState } from '../../../../server/contracts/views';

/** The dashboard part of a view. */
export type DashboardPart = Pick<ViewState, 'period' | 'level' | 'parentId' | 'indicator' | 'selectedGridId'>;

let current: DashboardPart | null = null;
let pending: ViewState | null = null;
let applier: ((view: ViewState) => void) | null = null;

export const viewBridge = {
  /** What the dashboard shows now (null when it is not open). */
  current: (): DashboardPart | null => current,
  publish(part: DashboardPart | null): void {
    current = part;
  },
  /** Applies a view to the dashboard now, or when it next mounts. */
  apply(view: ViewState): void {
    if (applier) applier(view);
    else pending = view;
  },
  /** The dashboard registers (null: unregisters) its applier; a waiting view is applied at once. */
  register(fn: ((view: ViewState) => void) | null): void {
    applier = fn;
    if (fn && pending) {
      const view = pending;
      pending = null;
      fn(view);
    }
  },
};
