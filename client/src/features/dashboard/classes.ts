/**
 * The fixed colour classes of the choropleth: by distance to target (value − target, in shares: 0.02 = two
 * percentage points), the same for every indicator, so the legend never changes with the data.
 */
import type { IndicatorValue } from '../../../../server/contracts/indicators';

export const CLASSES = [
  { key: 'met', color: '#1a9641' },
  { key: 'near', color: '#a6d96a' },
  { key: 'below', color: '#fdae61' },
  { key: 'far', color: '#d7191c' },
  { key: 'none', color: '#c8c8c8' },
] as const;

export type ClassKey = (typeof CLASSES)[number]['key'];

export function classOf(v: IndicatorValue | undefined): ClassKey {
  if (!v || v.distance === null) return 'none';
  if (v.distance >= -1e-9) return 'met';
  if (v.distance >= -0.02) return 'near';
  if (v.distance >= -0.1) return 'below';
  return 'far';
}

export const colorOf = (key: ClassKey): string => CLASSES.find((c) => c.key === key)?.color ?? '#c8c8c8';

/** "96.4 %" (one decimal; quotas over 100 % too). */
export function percent(value: number | null): string {
  return value === null ? '—' : `${(value * 100).toFixed(1)} %`;
}
