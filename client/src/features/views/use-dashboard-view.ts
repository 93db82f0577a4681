/**
 * The dashboard's side of saved views, in one hook so the dashboard itself needs a single call: publishes the
 * period, level, indicator, drill-down and selection it shows, and applies a saved view to them.
 */
import { useEffect, useLayoutEffect, useRef } from 'react';
import type { IndicatorId } from '../../../../server/contracts/indicators';
import type { ViewState } from '../../../../server/contracts/views';
import { viewBridge } from './view-bridge';

interface Crumb {
  id: number;
  name: string;
  level: 'county' | 'township';
}

export interface DashboardViewInput<L extends Crumb> {
  county: { id: number; name: string };
  period: { from: string; to: string };
  indicator: IndicatorId;
  stack: L[];
  selected: number | null;
  setPeriod: (p: { from: string; to: string }) => void;
  setIndicator: (i: IndicatorId) => void;
  setStack: (s: L[]) => void;
  setSelected: (id: number | null) => void;
  /** Name of a township grid (for the crumbs of a view drilled into it). */
  nameOf: (id: number) => Promise<string>;
}

export function useDashboardView<L extends Crumb>(input: DashboardViewInput<L>): void {
  const latest = useRef(input);
  useLayoutEffect(() => {
    latest.current = input;
  });
  const { period, indicator, stack, selected } = input;
  const top = stack[stack.length - 1];

  useEffect(() => {
    if (!top) return;
    viewBridge.publish({
      period,
      level: top.level === 'county' ? 'township' : 'village',
      parentId: top.id,
      indicator,
      selectedGridId: selected,
    });
  }, [period, indicator, top, selected]);

  useEffect(() => {
    let live = true;
    viewBridge.register((view: ViewState) => {
      const { county, setPeriod, setIndicator, setStack, setSelected, nameOf } = latest.current;
      setPeriod(view.period);
      setIndicator(view.indicator);
      const root = { id: county.id, name: county.name, level: 'county' } as L;
      const drilled = view.level === 'village' && view.parentId !== null && view.parentId !== county.id;
      setStack([root]);
      setSelected(drilled ? null : view.selectedGridId);
      if (drilled) {
        const parentId = view.parentId!;
        void nameOf(parentId)
          .catch(() => String(parentId))
          .then((name) => {
            if (!live) return;
            setStack([root, { id: parentId, name, level: 'township' } as L]);
            setSelected(view.selectedGridId);
          });
      }
    });
    return () => {
      live = false;
      viewBridge.register(null);
      viewBridge.publish(null);
    };
  }, []);
}
