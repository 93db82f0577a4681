/**
 * How an indicator's numbers read: shares as "96.4 %", ratios (rapid tests per township per week) with two
 * decimals, counts (cases, overdue rectifications) as whole numbers; gaps to target in percentage points for shares
 * and in the indicator's own unit otherwise.
 */
import { INDICATOR_KIND, type IndicatorId, LOWER_IS_BETTER } from '../../../../server/contracts/indicators';
import { percent } from './classes';

export const isShare = (id: IndicatorId): boolean => INDICATOR_KIND[id] === 'share';

export function formatValue(id: IndicatorId, value: number | null): string {
  if (value === null) return '—';
  switch (INDICATOR_KIND[id]) {
    case 'share':
      return percent(value);
    case 'ratio':
      return value.toFixed(2);
    default:
      return Number.isInteger(value) ? String(value) : value.toFixed(2);
  }
}

export function formatDistance(id: IndicatorId, distance: number | null): string {
  if (distance === null) return '—';
  const n = isShare(id) ? distance * 100 : distance;
  const digits = isShare(id) ? 1 : Number.isInteger(n) ? 0 : 2;
  return `${n >= 0 ? '+' : ''}${n.toFixed(digits)}`;
}

/** Sort key of the ranking: the best first (the fewest, for indicators whose target is a maximum). */
export function rankKey(id: IndicatorId, value: number | null): number {
  if (value === null) return -Infinity;
  return LOWER_IS_BETTER.includes(id) ? -value : value;
}
