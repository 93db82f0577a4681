/**
 * Fixed colour classes of the residue maps (the legends read the same lists): failure rates, hot spot classes and
 * trend classes. Fixed means fixed: the classes never depend on what is on screen, so panning, zooming or changing
 * the month does not re-stretch them.
 */
import type { HotspotClass, TrendsResponse } from '../../../../server/contracts/analysis';

/** Upper bounds of the failure-rate classes (the last class is open). */
export const RATE_BREAKS = [0.005, 0.01, 0.02, 0.05, 0.1] as const;
export const RATE_COLORS = ['#f7fcb9', '#fee391', '#fec44f', '#fe9929', '#d95f0e', '#993404'] as const;
export const INSUFFICIENT_COLOR = '#d0d0d0';

export function rateClass(rate: number): number {
  const i = RATE_BREAKS.findIndex((b) => rate < b);
  return i === -1 ? RATE_BREAKS.length : i;
}

export function rateColor(rate: number | null, insufficient: boolean): string {
  if (insufficient || rate === null) return INSUFFICIENT_COLOR;
  return RATE_COLORS[rateClass(rate)] as string;
}

/** Legend rows of the rate classes: "< 0.5 %", "0.5–1 %" … "≥ 10 %". */
export function rateLegend(): { label: string; color: string }[] {
  const pct = (v: number) => `${+(v * 100).toFixed(1)}`;
  return RATE_COLORS.map((color, i) => {
    const lo = i === 0 ? null : (RATE_BREAKS[i - 1] as number);
    const hi = i < RATE_BREAKS.length ? (RATE_BREAKS[i] as number) : null;
    const label =
      lo === null ? `< ${pct(hi!)} %` : hi === null ? `≥ ${pct(lo)} %` : `${pct(lo)}–${pct(hi)} %`;
    return { label, color };
  });
}

export const HOT_COLORS: Record<HotspotClass | 'none', string> = {
  hot_99: '#b2182b',
  hot_95: '#ef8a62',
  hot_90: '#fddbc7',
  cold_99: '#2166ac',
  cold_95: '#67a9cf',
  cold_90: '#d1e5f0',
  HH: '#d7191c',
  LL: '#2c7bb6',
  HL: '#fdae61',
  LH: '#abd9e9',
  not_significant: '#f0f0f0',
  none: '#d0d0d0',
};

export const GI_CLASSES: (HotspotClass | 'none')[] = [
  'hot_99',
  'hot_95',
  'hot_90',
  'not_significant',
  'cold_90',
  'cold_95',
  'cold_99',
  'none',
];
export const LISA_CLASSES: (HotspotClass | 'none')[] = ['HH', 'HL', 'LH', 'LL', 'not_significant', 'none'];

export type TrendClass = TrendsResponse['units'][number]['class'];
export const TREND_COLORS: Record<TrendClass, string> = {
  new: '#e7298a',
  intensifying: '#b2182b',
  persistent: '#ef8a62',
  diminishing: '#67a9cf',
  sporadic: '#fddbc7',
  historical: '#9e9ac8',
  none: '#f0f0f0',
};

export function isHot(cls: HotspotClass | null): boolean {
  return cls === 'hot_99' || cls === 'hot_95' || cls === 'hot_90' || cls === 'HH';
}

export function percent(value: number | null, digits = 1): string {
  return value === null ? '–' : `${(value * 100).toFixed(digits)} %`;
}

export function bboxOf(features: { geometry: unknown }[]): [number, number, number, number] | null {
  let [w, s, e, n] = [Infinity, Infinity, -Infinity, -Infinity];
  const walk = (value: unknown): void => {
    if (Array.isArray(value) && typeof value[0] === 'number') {
      const [x, y] = value as [number, number];
      [w, e, s, n] = [Math.min(w, x), Math.max(e, x), Math.min(s, y), Math.max(n, y)];
    } else if (Array.isArray(value)) value.forEach(walk);
  };
  for (const f of features) walk((f.geometry as { coordinates?: unknown } | null)?.coordinates);
  return Number.isFinite(w) ? [w, s, e, n] : null;
}
