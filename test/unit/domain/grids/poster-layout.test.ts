import { describe, expect, it } from 'vitest';
import {
  layoutPoster,
  niceLength,
  type PosterInput,
  textEm,
} from '../../../../server/src/domain/grids/poster-layout';

const square = (w: number, s: number, e: number, n: number): [number, number][][][] => [
  [
    [
      [w, s],
      [e, s],
      [e, n],
      [w, n],
      [w, s],
    ],
  ],
];

function input(page: PosterInput['page'], people = 8): PosterInput {
  return {
    page,
    title: '测试乡农产品质量安全网格化管理图',
    subtitle: '乡镇级网格',
    date: '2026-11-23',
    source: '农安一张图',
    area: {
      name: '测试乡',
      code: '652399203000',
      polygons: square(87, 44, 87.2, 44.1),
      label: [87.1, 44.05],
      staffed: true,
    },
    grids: [
      {
        name: '一村',
        code: '652399203201',
        polygons: square(87, 44, 87.1, 44.1),
        label: [87.05, 44.05],
        staffed: true,
      },
      {
        name: '二村',
        code: '652399203202',
        polygons: square(87.1, 44, 87.2, 44.1),
        label: [87.15, 44.05],
        staffed: false,
      },
    ],
    roster: Array.from({ length: people }, (_, i) => ({
      grid: '一村',
      role: '协管员',
      name: `人员${i}`,
      post: '村委委员',
      phone: '13900000001',
    })),
    labels: {
      legendTitle: '图例',
      boundary: '乡界',
      grid: '村级网格',
      unstaffed: '未配齐',
      north: '北',
      rosterTitle: '名单',
      columns: ['序号', '网格', '岗位', '姓名', '职务', '联系电话'],
      date: '制图日期：',
      source: '数据来源：',
    },
  };
}

describe('the poster layout', () => {
  it('has the page size of A3 and A4 in both orientations, in millimetres', () => {
    expect(layoutPoster(input({ size: 'A3', orientation: 'landscape' }))).toMatchObject({
      width: 420,
      height: 297,
    });
    expect(layoutPoster(input({ size: 'A3', orientation: 'portrait' }))).toMatchObject({
      width: 297,
      height: 420,
    });
    expect(layoutPoster(input({ size: 'A4', orientation: 'landscape' }))).toMatchObject({
      width: 297,
      height: 210,
    });
    expect(layoutPoster(input({ size: 'A4', orientation: 'portrait' }))).toMatchObject({
      width: 210,
      height: 297,
    });
  });

  it('carries the title, every grid name, the north arrow, the date, the source and every person as text', () => {
    const texts = layoutPoster(input({ size: 'A4', orientation: 'portrait' }))
      .primitives.filter((p) => p.kind === 'text')
      .map((p) => (p.kind === 'text' ? p.text : ''));
    for (const text of [
      '测试乡农产品质量安全网格化管理图',
      '一村',
      '二村',
      '北',
      '制图日期：2026-11-23',
      '数据来源：农安一张图',
      '名单',
      '人员0',
      '人员7',
    ])
      expect(texts).toContain(text);
  });

  it('keeps everything on the page, even with a long roster', () => {
    for (const orientation of ['landscape', 'portrait'] as const) {
      const layout = layoutPoster(input({ size: 'A4', orientation }, 80));
      for (const p of layout.primitives) {
        if (p.kind === 'text' || p.kind === 'rect') {
          expect(p.x).toBeGreaterThanOrEqual(0);
          expect(p.x).toBeLessThanOrEqual(layout.width);
          expect(p.y).toBeGreaterThanOrEqual(0);
          expect(p.y).toBeLessThanOrEqual(layout.height);
        }
      }
    }
  });

  it('draws a scale bar whose label matches its length on the map', () => {
    // 0.2° of longitude at 44.05°N is 16.0 km; the bar must say a round length and be drawn to scale.
    const layout = layoutPoster(input({ size: 'A3', orientation: 'landscape' }));
    const mapFills = layout.primitives.filter((p) => p.kind === 'path' && p.fill);
    const xs = mapFills.flatMap((p) => (p.kind === 'path' ? p.rings.flat().map((q) => q[0]) : []));
    const mmPer02Deg = Math.max(...xs) - Math.min(...xs);
    const label = layout.primitives.find((p) => p.kind === 'text' && /km$/.test(p.text));
    const km = Number(label?.kind === 'text' ? label.text.replace(' km', '') : NaN);
    const bars = layout.primitives.filter((p) => p.kind === 'rect' && p.h === 1.4);
    const barMm = bars.reduce((sum, p) => sum + (p.kind === 'rect' ? p.w : 0), 0);
    const metresPerMm = (0.2 * 111_320 * Math.cos((44.05 * Math.PI) / 180)) / mmPer02Deg;
    expect((barMm * metresPerMm) / 1000).toBeCloseTo(km, 1);
  });

  it('picks round scale-bar lengths and measures CJK text as full width', () => {
    expect(niceLength(7300)).toBe(5000);
    expect(niceLength(2600)).toBe(2000);
    expect(niceLength(1200)).toBe(1000);
    expect(textEm('网格')).toBe(2);
    expect(textEm('A1')).toBeCloseTo(1.12);
  });
});
