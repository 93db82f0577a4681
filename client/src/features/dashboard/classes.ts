/**
 * The fixed colour classes of the choropleth (server/contracts/indicator-classes.ts, shared with the printed maps):
 * by distance to target, in percentage points for shares and relative to the target for ratios and counts.
 */
import {
  CLASS_LABELS,
  INDICATOR_CLASSES,
  type IndicatorClass,
  classScale,
  indicatorClass,
  indicatorClassColor,
} from '../../../../server/contracts/indicator-classes';

export const CLASSES = INDICATOR_CLASSES;
export type ClassKey = IndicatorClass;
export const classOf = indicatorClass;
export const colorOf = indicatorClassColor;

/** The legend's text of a class for the indicator shown (the thresholds differ between shares and counts). */
export function classLabel(indicator: string, key: ClassKey, lang: string): string {
  const label = CLASS_LABELS[classScale(indicator)][key];
  return lang.startsWith('en') ? label.en : label.zh;
}

/** "96.4 %" (one decimal; quotas over 100 % too). */
export function percent(value: number | null): string {
  return value === null ? '—' : `${(value * 100).toFixed(1)} %`;
}
