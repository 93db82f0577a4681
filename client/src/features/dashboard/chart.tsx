/**
 * One ECharts chart (trend line or distribution bars) with the target as a dashed line. ECharts is imported on
 * first use, so it is not part of any bundle the other workspaces load.
 */
import { type ReactElement, useEffect, useRef } from 'react';

export interface ChartSpec {
  kind: 'line' | 'bar';
  labels: string[];
  /** Shares 0–1 (shown as per cent); null where there is no data. */
  values: (number | null)[];
  colors?: string[];
  target: number;
  /** 'number': ratios and counts, shown as they are (default: shares in per cent). */
  unit?: 'share' | 'number';
}

export function Chart({ spec, label }: { spec: ChartSpec; label: string }): ReactElement {
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    let live = true;
    let dispose: (() => void) | null = null;
    void import('./echarts-setup').then(({ echarts }) => {
      if (!live || !ref.current) return;
      const chart = echarts.init(ref.current, null, { renderer: 'canvas' });
      const scale = spec.unit === 'number' ? 1 : 100;
      const suffix = spec.unit === 'number' ? '' : ' %';
      const pct = (v: number | null) => (v === null ? null : Math.round(v * scale * 100) / 100);
      // The axis spans the values and the target with a small margin, never past 100 % unless a value is.
      const shown = [...spec.values.filter((v): v is number => v !== null), spec.target].map(
        (v) => v * scale,
      );
      const top = Math.max(...shown);
      const yMin = spec.unit === 'number' ? 0 : Math.max(0, Math.floor(Math.min(...shown) - 2));
      const yMax =
        spec.unit === 'number'
          ? Math.max(1, Math.ceil(top * 1.1))
          : top <= 100
            ? Math.min(100, Math.ceil(top + 1))
            : Math.ceil(top + 5);
      chart.setOption({
        animation: false,
        grid: { left: 48, right: 44, top: 16, bottom: spec.kind === 'bar' ? 56 : 28 },
        tooltip: {
          trigger: 'axis',
          valueFormatter: (v: unknown) => (v === null ? '—' : `${String(v)}${suffix}`),
        },
        xAxis: {
          type: 'category',
          data: spec.labels,
          axisLabel: { fontSize: 12, rotate: spec.kind === 'bar' && spec.labels.length > 6 ? 40 : 0 },
        },
        yAxis: {
          type: 'value',
          min: yMin,
          max: yMax,
          axisLabel: { formatter: `{value}${suffix}`, fontSize: 12 },
        },
        series: [
          {
            type: spec.kind,
            data: spec.values.map((v, i) =>
              spec.colors ? { value: pct(v), itemStyle: { color: spec.colors[i] } } : pct(v),
            ),
            connectNulls: false,
            lineStyle: { width: 3 },
            symbolSize: 8,
            markLine: {
              symbol: 'none',
              lineStyle: { type: 'dashed', color: '#1f2d3a' },
              label: { formatter: `${pct(spec.target) ?? ''}${suffix}` },
              data: [{ yAxis: pct(spec.target) }],
            },
          },
        ],
      });
      const resize = () => chart.resize();
      window.addEventListener('resize', resize);
      dispose = () => {
        window.removeEventListener('resize', resize);
        chart.dispose();
      };
    });
    return () => {
      live = false;
      dispose?.();
    };
  }, [spec]);
  return <div className="dashboard__chart" ref={ref} role="img" aria-label={label} />;
}
