/**
 * The colour classes of an indicator map — the dashboard's choropleth, the presentation slides and the printed
 * maps use these, so screen and paper agree. By distance to target: for shares in percentage points (2 and 10),
 * for ratios and counts relative to the target (10 % and 50 % of it, against at least 1 when the target is 0), so
 * one enforcement case short of three is not "more than 10 points short".
 */
import { INDICATOR_KIND, type IndicatorId, type IndicatorValue } from './indicators';

export const INDICATOR_CLASSES = [
  { key: 'met', color: '#1a9641' },
  { key: 'near', color: '#a6d96a' },
  { key: 'below', color: '#fdae61' },
  { key: 'far', color: '#d7191c' },
  { key: 'none', color: '#c8c8c8' },
] as const;
export type IndicatorClass = (typeof INDICATOR_CLASSES)[number]['key'];

/** Which thresholds an indicator's classes use: 'points' (shares) or 'relative' (ratios and counts). */
export function classScale(id: string): 'points' | 'relative' {
  const kind = (INDICATOR_KIND as Record<string, string | undefined>)[id] ?? 'share';
  return kind === 'share' ? 'points' : 'relative';
}

/** The class limits of a scale: [near, below] as shortfalls (0.02 = 2 points, or 10 % of the target). */
export const CLASS_LIMITS = { points: [0.02, 0.1], relative: [0.1, 0.5] } as const;

export function indicatorClass(
  v: (Pick<IndicatorValue, 'distance' | 'target'> & { indicator: IndicatorId | string }) | undefined,
): IndicatorClass {
  if (!v || v.distance === null) return 'none';
  const scale = classScale(v.indicator);
  const gap = scale === 'points' ? v.distance : v.distance / Math.max(Math.abs(v.target), 1);
  const [near, below] = CLASS_LIMITS[scale];
  if (gap >= -1e-9) return 'met';
  if (gap >= -near - 1e-9) return 'near';
  if (gap >= -below - 1e-9) return 'below';
  return 'far';
}

export const indicatorClassColor = (key: IndicatorClass): string =>
  INDICATOR_CLASSES.find((c) => c.key === key)?.color ?? '#c8c8c8';

/** The legend's words for each class, by scale. */
export const CLASS_LABELS: Record<
  'points' | 'relative',
  Record<IndicatorClass, { zh: string; en: string }>
> = {
  points: {
    met: { zh: '达到目标', en: 'Target met' },
    near: { zh: '差 2 个百分点以内', en: 'Within 2 points' },
    below: { zh: '差 2–10 个百分点', en: '2–10 points short' },
    far: { zh: '差 10 个百分点以上', en: 'More than 10 points short' },
    none: { zh: '无数据', en: 'No data' },
  },
  relative: {
    met: { zh: '达到目标', en: 'Target met' },
    near: { zh: '差目标 10% 以内', en: 'Within 10 % of the target' },
    below: { zh: '差目标 10%–50%', en: '10–50 % short of the target' },
    far: { zh: '差目标一半以上', en: 'More than half short of the target' },
    none: { zh: '无数据', en: 'No data' },
  },
};
