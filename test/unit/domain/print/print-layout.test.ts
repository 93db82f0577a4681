/**
 * Layout maths of printed maps: page sizes in points and pixels, fitting a projected extent into the map frame,
 * the scale bar against a hand-computed ground distance, the representative fraction, the visible extent used to
 * clip, and how rates read on paper (never a bare "100 %" for 2 of 2).
 */
import proj4 from 'proj4';
import { describe, expect, it } from 'vitest';
import type { IndicatorValue } from '../../../../server/contracts/indicators';
import {
  classLegend,
  classOf,
  previousText,
  unitsTable,
  valueCells,
} from '../../../../server/src/domain/print/indicator-text';
import {
  fitExtent,
  layoutMapPage,
  type MapPageInput,
  pageSize,
  pixelSize,
  scaleBar,
  scaleDenominator,
  visibleExtent,
} from '../../../../server/src/domain/print/print-layout';

describe('page sizes', () => {
  it('gives ISO A4 and A3 in points (72 per inch) both ways round', () => {
    const a4 = pageSize('A4', 'portrait');
    expect(a4.widthPt).toBeCloseTo(595.28, 2);
    expect(a4.heightPt).toBeCloseTo(841.89, 2);
    const a3 = pageSize('A3', 'landscape');
    expect(a3.widthPt).toBeCloseTo(1190.55, 2);
    expect(a3.heightPt).toBeCloseTo(841.89, 2);
    expect(pageSize('A3', 'portrait').widthMm).toBe(297);
  });

  it('gives the pixels of a page at a dpi (A4 at 300 dpi is 2480 × 3508)', () => {
    expect(pixelSize('A4', 'portrait', 300)).toEqual({ width: 2480, height: 3508 });
    expect(pixelSize('A3', 'landscape', 150)).toEqual({ width: 2480, height: 1754 });
  });
});

describe('scale', () => {
  it('fits a 50 km square into a 200 × 150 mm frame at about 1:360,000 and draws a 10 km bar of 27.6 mm', () => {
    const fit = fitExtent([0, 0, 50_000, 50_000], { x: 10, y: 20, w: 200, h: 150 }, 0.92);
    // The frame's height limits: 150 mm × 0.92 for 50,000 m.
    expect(fit.mmPerMetre).toBeCloseTo((150 * 0.92) / 50_000, 12);
    const bar = scaleBar(fit.mmPerMetre, 50);
    // at most 50 mm = 18,116 m on the ground → the round length is 10 km.
    expect(bar.metres).toBe(10_000);
    expect(bar.mm).toBeCloseTo(27.6, 9);
    expect(bar.label).toBe('10 km');
    expect(scaleDenominator(fit.mmPerMetre)).toBe(360_000);
    // North up: the top of the extent is nearer the top of the page, centred horizontally.
    const [xl, yt] = fit.project([0, 50_000]);
    const [xr, yb] = fit.project([50_000, 0]);
    expect(yt).toBeLessThan(yb);
    expect((xl + xr) / 2).toBeCloseTo(110, 9);
  });

  it('measures a scale bar true to the ground: 0.1° of latitude on the 126°E meridian of CGCS2000 zone 42', () => {
    // Hand-computed meridian arc from 44.0° to 44.1° N on GRS80: M(φ) = a(1 − e²) / (1 − e² sin²φ)^1.5 at the
    // middle latitude, times Δφ in radians (the arc's curvature change over 0.1° is below 1e-7 relative).
    const a = 6_378_137;
    const f = 1 / 298.257222101;
    const e2 = f * (2 - f);
    const phi = (44.05 * Math.PI) / 180;
    const M = (a * (1 - e2)) / (1 - e2 * Math.sin(phi) ** 2) ** 1.5;
    const arc = M * ((0.1 * Math.PI) / 180);
    expect(arc).toBeGreaterThan(11_100);
    expect(arc).toBeLessThan(11_130);
    // EPSG:4551, the zone the printer picks for a county near 126°E (scale factor 1 on the central meridian).
    const gk = '+proj=tmerc +lat_0=0 +lon_0=126 +k=1 +x_0=500000 +y_0=0 +ellps=GRS80 +units=m +no_defs';
    const [, y0] = proj4('EPSG:4326', gk, [126, 44.0]);
    const [, y1] = proj4('EPSG:4326', gk, [126, 44.1]);
    expect(y1! - y0!).toBeCloseTo(arc, 1);
    // Frame that stretch on an A3 map: the bar's ground length equals its page length divided by mm per metre.
    const fit = fitExtent([499_000, y0!, 501_000, y1!], { x: 0, y: 0, w: 250, h: 250 }, 1);
    const page = fit.project([500_000, y0!])[1] - fit.project([500_000, y1!])[1];
    const bar = scaleBar(fit.mmPerMetre, 60);
    expect(bar.metres).toBe(2000);
    expect(bar.mm).toBeCloseTo((2000 / arc) * page, 6);
    expect(page).toBeCloseTo(250, 9);
  });

  it('gives the extent visible in the frame (wider than the data when the frame is wider)', () => {
    const frame = { x: 0, y: 0, w: 200, h: 100 };
    const extent: [number, number, number, number] = [0, 0, 1000, 1000];
    const [x0, y0, x1, y1] = visibleExtent(extent, frame);
    const fit = fitExtent(extent, frame);
    expect(fit.project([x0, y1])[0]).toBeCloseTo(0, 9);
    expect(fit.project([x0, y1])[1]).toBeCloseTo(0, 9);
    expect(fit.project([x1, y0])[0]).toBeCloseTo(200, 9);
    expect(fit.project([x1, y0])[1]).toBeCloseTo(100, 9);
    expect(y1 - y0).toBeCloseTo(1000 / 0.92, 6);
  });
});

const value = (over: Partial<IndicatorValue>): IndicatorValue =>
  ({
    indicator: 'pass_rate',
    value: 1,
    numerator: 2,
    denominator: 2,
    interval: [0.342, 1],
    smallSample: true,
    noData: null,
    target: 0.96,
    distance: 0.04,
    met: true,
    previous: null,
    previousNoData: 'no_samples',
    trend: null,
    ...over,
  }) as IndicatorValue;

describe('rates on paper', () => {
  it('never prints a bare 100 % for 2 of 2: the counts, the interval and a small-sample note go with it', () => {
    const cells = valueCells(value({}));
    expect(cells.value).toBe('100.0 %*');
    expect(cells.counts).toBe('2 / 2');
    expect(cells.interval).toBe('34.2–100.0 %');
    expect(cells.note).toContain('样本量小');
  });

  it('prints "no data" with its reason, never 0 %', () => {
    const cells = valueCells(
      value({
        value: null,
        numerator: 0,
        denominator: 0,
        interval: null,
        noData: 'no_samples',
        distance: null,
      }),
    );
    expect(cells.value).toBe('无数据');
    expect(cells.note).toBe('无数据：本期无检测样品');
    expect(classOf(value({ distance: null }))).toBe('none');
  });

  it('classes by distance to target like the dashboard', () => {
    expect(classOf(value({ distance: 0 }))).toBe('met');
    expect(classOf(value({ distance: -0.015 }))).toBe('near');
    expect(classOf(value({ distance: -0.05 }))).toBe('below');
    expect(classOf(value({ distance: -0.2 }))).toBe('far');
  });

  it('classes counts relative to their target, not in percentage points', () => {
    // 3 enforcement cases expected: 3 met, 2.8 within 10 %, 2 a third short, 1 two thirds short.
    const cases = (n: number) =>
      value({ indicator: 'enforcement_cases', value: n, target: 3, distance: n - 3 });
    expect([3, 2.8, 2, 1].map((n) => classOf(cases(n)))).toEqual(['met', 'near', 'below', 'far']);
    // Lower is better with a target of 0: one overdue rectification is a whole unit over.
    const overdue = value({ indicator: 'open_rectifications', value: 1, target: 0, distance: -1 });
    expect(classOf(overdue)).toBe('far');
    expect(classLegend([cases(2)], 'enforcement_cases', 3)[0]?.label).toBe('差目标 10%–50%  1 个');
    expect(classLegend([value({ distance: -0.05 })], 'pass_rate', 0.96)[0]?.label).toBe(
      '差 2–10 个百分点  1 个',
    );
  });
});

describe('a map page', () => {
  it('has the title, north arrow, scale bar with its fraction, coordinate system, date, source and legend', () => {
    const input: MapPageInput = {
      page: { size: 'A3', orientation: 'landscape' },
      title: '青榆县巡查覆盖率分布图',
      subtitle: '2025年度',
      date: '2026-01-05',
      source: '农安一张图',
      crs: 'EPSG:4551',
      extent: [0, 0, 50_000, 40_000],
      features: [
        {
          rings: [
            [
              [0, 0],
              [50_000, 0],
              [50_000, 40_000],
              [0, 0],
            ],
          ],
          fill: '#1a9641',
        },
      ],
      labels: [{ at: [25_000, 20_000], text: '甲镇', sub: '96.0 %' }],
      legend: { title: '图例', entries: [{ kind: 'fill', color: '#1a9641', label: '达到目标  1 个' }] },
      table: null,
      words: {
        north: '北',
        date: '制图日期：',
        source: '数据来源：',
        crs: '坐标系：',
        scale: '比例尺 1:',
        more: '{n}',
      },
    };
    const layout = layoutMapPage(input);
    expect([layout.width, layout.height]).toEqual([420, 297]);
    const texts = layout.primitives.flatMap((p) => (p.kind === 'text' ? [p.text] : []));
    for (const t of [
      '青榆县巡查覆盖率分布图',
      '北',
      '制图日期：2026-01-05',
      '数据来源：农安一张图',
      '坐标系：EPSG:4551',
      '图例',
      '甲镇',
      '96.0 %',
    ])
      expect(texts).toContain(t);
    expect(texts.some((t) => /^比例尺 1:[\d,]+$/.test(t))).toBe(true);
    expect(texts.some((t) => /^\d+ k?m$/.test(t))).toBe(true);
    // Everything stays on the page.
    for (const p of layout.primitives)
      if (p.kind === 'rect') expect(p.x + p.w).toBeLessThanOrEqual(420 + 1e-9);
  });
});

describe('intervals of shares that are not sampled', () => {
  it('gives patrol coverage of 9 of 9 its Wilson interval (70.1–100 %), and none to the sampling quota', () => {
    const cells = valueCells(
      value({
        indicator: 'patrol_coverage',
        numerator: 9,
        denominator: 9,
        interval: null,
        smallSample: false,
      }),
    );
    // Wilson 95 %: centre (9 + 1.92) / (9 + 3.84), lower bound 0.7008 by hand.
    expect(cells.interval).toBe('70.1–100.0 %');
    expect(cells.note).toBe('');
    const quota = valueCells(
      value({ indicator: 'sampling_quota', value: 1.2, numerator: 12, denominator: 10, interval: null }),
    );
    expect(quota.interval).toBe('—');
  });
});

describe('a value the audit log cannot rebuild', () => {
  const staffing = (over: Partial<IndicatorValue>) =>
    value({ indicator: 'staffing', interval: null, smallSample: false, ...over });

  it('prints the history-start date as the grid card does, not a bare dash', () => {
    const v = staffing({ previousNoData: 'no_history', historyStart: '2026-05-01' });
    expect(previousText(v)).toBe('历史记录始于 2026-05-01');
    expect(previousText(v, true)).toBe('history starts 2026-05-01');
    const table = unitsTable('网格配齐率', [{ name: '东镇', value: v }], null);
    expect(table.rows[0]!.cells).toContain('历史记录始于 2026-05-01');
    // Other reasons, or no known start, keep the dash; a known previous value prints as such.
    expect(previousText(staffing({ previousNoData: 'no_grids' }))).toBe('—');
    expect(previousText(staffing({ previousNoData: 'no_history', historyStart: null }))).toBe('—');
    expect(previousText(staffing({ previous: 0.5, previousNoData: null }))).toBe('50.0 %');
  });

  it('says since when history is kept for a value of a period before it', () => {
    const cells = valueCells(
      staffing({
        value: null,
        noData: 'no_history',
        historyStart: '2026-05-01',
        numerator: 0,
        denominator: 0,
      }),
    );
    expect(cells).toMatchObject({ value: '无数据', note: '无数据：历史记录始于 2026-05-01' });
  });
});
