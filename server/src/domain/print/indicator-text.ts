/**
 * How indicator values read on paper: a rate always with its counts, the Wilson 95 % interval of sampled rates,
 * a small-sample mark, and "no data" with its reason — never a bare "100 %" for 2 of 2. Generic over indicator ids
 * (names and reasons are looked up, falling back to the id), so indicators added later print too.
 *
 * The colour classes are those of the dashboard's choropleth (server/contracts/indicator-classes.ts): by distance
 * to target, in percentage points for shares and relative to the target for ratios and counts.
 */
import * as contract from '../../../contracts/indicators';
import {
  CLASS_LABELS,
  INDICATOR_CLASSES,
  type IndicatorClass,
  classScale,
  indicatorClass,
  indicatorClassColor,
} from '../../../contracts/indicator-classes';
import {
  type IndicatorId,
  type IndicatorValue,
  NO_DATA_REASON_TEXT,
  type NoDataReason,
} from '../../../contracts/indicators';
import { wilson } from '../spatial-stats/rates';
import type { LegendEntry, TableSpec } from './print-layout';

export type PrintClass = IndicatorClass;

/** The class of a value in words, as the legend of its indicator says it ("差目标 10% 以内", "Within 2 points"). */
export function classText(v: IndicatorValue | undefined, en = false): string {
  const label = CLASS_LABELS[classScale(v?.indicator ?? '')][indicatorClass(v)];
  return en ? label.en : label.zh;
}

/** What a value is (share, ratio to a norm, count); shares when the contract does not say. */
export function kindOf(id: string): 'share' | 'ratio' | 'count' {
  const kinds = (contract as { INDICATOR_KIND?: Record<string, 'share' | 'ratio' | 'count'> }).INDICATOR_KIND;
  return kinds?.[id] ?? 'share';
}

/** Chinese names of the indicators (typed by the contract, so a new indicator cannot print under its bare id). */
export const INDICATOR_NAMES: Record<IndicatorId, string> = {
  staffing: '网格配齐率',
  registry_freshness: '名录更新率',
  traceability: '追溯平台入驻率',
  certificates: '合格证开具率',
  sampling_quota: '抽检任务完成率',
  pass_rate: '抽检合格率',
  pass_rate_certified: '三品一标合格率',
  banned_pass_rate: '禁用农药合格率',
  patrol_coverage: '巡查覆盖率',
  rapid_tests: '快速检测频次',
  enforcement_cases: '执法办案数',
  open_rectifications: '逾期未整改数',
  soil_risk: '严格管控类耕地内主体数',
};
export const nameOf = (id: string) => (INDICATOR_NAMES as Record<string, string>)[id] ?? id;

/** The class by distance to target (the dashboard's: server/contracts/indicator-classes.ts). */
export const classOf = indicatorClass;
export const colorOf = indicatorClassColor;

/** Why a value is missing, in words of the language: the history start for `no_history`, else the reason. */
export function noDataText(
  reason: NoDataReason | null | undefined,
  historyStart: string | null | undefined,
  en = false,
): string {
  if (!reason) return '';
  return noHistoryText(reason, historyStart, en) ?? NO_DATA_REASON_TEXT[reason]?.[en ? 'en' : 'zh'] ?? reason;
}

/** "历史记录始于 2026-05-01" for a value that is `no_history` with the audit log's first day (the grid card's text). */
export function historyText(historyStart: string | null | undefined, en = false): string | null {
  if (!historyStart) return null;
  return en ? `history starts ${historyStart}` : `历史记录始于 ${historyStart}`;
}

/** historyText for a missing value whose reason is `no_history`; null for any other reason. */
export function noHistoryText(
  reason: NoDataReason | null | undefined,
  historyStart: string | null | undefined,
  en = false,
): string | null {
  return reason === 'no_history' ? historyText(historyStart, en) : null;
}

/** The previous value as a cell: the value, the history-start date when it is `no_history`, else "—". */
export function previousText(v: IndicatorValue, en = false): string {
  if (v.previous !== null) return formatValue(v.indicator, v.previous);
  return noHistoryText(v.previousNoData, v.historyStart, en) ?? '—';
}

const pct = (v: number) => `${(v * 100).toFixed(1)} %`;
/** A value as its kind reads: "96.4 %", "1.25", "3". */
export function formatValue(id: string, v: number): string {
  const kind = kindOf(id);
  return kind === 'share' ? pct(v) : kind === 'ratio' ? v.toFixed(2) : String(Math.round(v * 10) / 10);
}
const count = (n: number) => (Number.isInteger(n) ? String(n) : n.toFixed(1));

export interface ValueCells {
  value: string;
  counts: string;
  interval: string;
  note: string;
}

/** The cells of one value: "96.4 %*", "27 / 28", "82.3–99.4 %", "样本量小（n = 28 < 30）". */
export function valueCells(v: IndicatorValue, minSamples = 30): ValueCells {
  const counts = `${count(v.numerator)} / ${count(v.denominator)}`;
  if (v.value === null)
    return {
      value: '无数据',
      counts,
      interval: '—',
      note: `无数据：${v.noData ? noDataText(v.noData, v.historyStart) : '未知原因'}`,
    };
  // Sampled rates carry their interval; other shares of whole counts (coverage, enrolment …) get one here.
  const countShare =
    kindOf(v.indicator) === 'share' &&
    v.indicator !== 'sampling_quota' &&
    Number.isInteger(v.denominator) &&
    v.numerator <= v.denominator;
  const ci = v.interval ?? (countShare ? wilson(v.numerator, v.denominator) : null);
  const interval = ci ? `${(ci[0] * 100).toFixed(1)}–${(ci[1] * 100).toFixed(1)} %` : '—';
  return {
    value: `${formatValue(v.indicator, v.value)}${v.smallSample ? '*' : ''}`,
    counts,
    interval,
    note: v.smallSample ? `样本量小（n = ${count(v.denominator)} < ${minSamples}），仅供参考` : '',
  };
}

export const SMALL_SAMPLE_NOTE =
  '* 样本量小于最低样本数，结果仅供参考；区间为按计数计算的 Wilson 95% 置信区间（配额类指标无区间）。';

/** The table of one indicator over the units (rows ordered as given, the total last and bold). */
export function unitsTable(
  title: string,
  rows: { name: string; value: IndicatorValue }[],
  total: { name: string; value: IndicatorValue } | null,
): TableSpec {
  const line = (r: { name: string; value: IndicatorValue }, bold: boolean) => {
    const c = valueCells(r.value);
    return {
      cells: [
        r.name,
        c.value,
        c.counts,
        c.interval,
        formatValue(r.value.indicator, r.value.target),
        previousText(r.value),
        c.note,
      ],
      swatch: colorOf(classOf(r.value)),
      bold,
    };
  };
  return {
    title,
    columns: [
      { header: '网格', weight: 1.5 },
      { header: '数值', weight: 1.1 },
      { header: '计数', weight: 1.1 },
      { header: '95% 区间', weight: 1.4 },
      { header: '目标', weight: 0.9 },
      { header: '上期', weight: 0.9 },
      { header: '说明', weight: 2.6 },
    ],
    rows: [...rows.map((r) => line(r, false)), ...(total ? [line(total, true)] : [])],
    notes: [SMALL_SAMPLE_NOTE],
  };
}

/** The table of every indicator of one unit (an atlas page, the report's county summary). */
export function indicatorsTable(title: string, values: IndicatorValue[]): TableSpec {
  return {
    title,
    columns: [
      { header: '指标', weight: 1.9 },
      { header: '数值', weight: 1.1 },
      { header: '计数', weight: 1.1 },
      { header: '95% 区间', weight: 1.4 },
      { header: '目标', weight: 0.9 },
      { header: '说明', weight: 2.6 },
    ],
    rows: values.map((v) => {
      const c = valueCells(v);
      return {
        cells: [
          nameOf(v.indicator),
          c.value,
          c.counts,
          c.interval,
          formatValue(v.indicator, v.target),
          c.note,
        ],
        swatch: colorOf(classOf(v)),
      };
    }),
    notes: [SMALL_SAMPLE_NOTE],
  };
}

/** Legend entries of the classes present among the values, with their counts. */
export function classLegend(
  values: (IndicatorValue | undefined)[],
  indicator: string,
  target: number | null,
): LegendEntry[] {
  const counts = new Map<PrintClass, number>();
  for (const v of values) counts.set(classOf(v), (counts.get(classOf(v)) ?? 0) + 1);
  const labels = CLASS_LABELS[classScale(indicator)];
  return INDICATOR_CLASSES.filter((c) => counts.has(c.key)).map((c) => ({
    kind: 'fill' as const,
    color: c.color,
    label: `${c.key === 'met' && target !== null ? `${labels[c.key].zh}（目标 ${formatValue(indicator, target)}）` : labels[c.key].zh}  ${counts.get(c.key)} 个`,
  }));
}
