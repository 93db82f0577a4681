/**
 * The residue workspace's pure parts: the kernel density (hand-computed), the fixed colour classes, months for
 * playback, the commodity / grid tree order, the filter sent to the server and the numeric properties of an
 * uploaded GeoJSON.
 */
import { describe, expect, it } from 'vitest';
import { cleanFilter } from '../../../client/src/features/analysis/api';
import { treeOrder } from '../../../client/src/features/analysis/filter-bar';
import { monthsBetween } from '../../../client/src/features/analysis/heat-view';
import { numericProperties } from '../../../client/src/features/analysis/own-data-view';
import {
  rateClass,
  rateColor,
  rateLegend,
  INSUFFICIENT_COLOR,
} from '../../../client/src/features/analysis/scales';
import { densityClass, densityGrid } from '../../../client/src/overlays/residue-density.layer';
import { hexClasses } from '../../../client/src/overlays/residue-hexagons.layer';

describe('kernel density in metres', () => {
  it('gives one point the quartic kernel 3/(πh²)(1−d²/h²)² per km², zero beyond the bandwidth', () => {
    const h = 1000;
    const grid = densityGrid([[87.5, 44.0]], h)!;
    // The grid spans the point ± h on cells of h/5 = 200 m: 10 × 10 cells, the point on a cell corner.
    expect(grid.cellM).toBe(200);
    expect(grid.width).toBe(10);
    expect(grid.height).toBe(10);
    // Cell (4, 4) has its centre 100 m west and 100 m north of the point: d² = 20,000 m².
    const expected = (3 / (Math.PI * h * h)) * 1e6 * (1 - 20_000 / (h * h)) ** 2;
    expect(grid.values[4 * 10 + 4]).toBeCloseTo(expected, 4);
    expect(expected).toBeCloseTo(0.917, 3);
    // Corner cells lie farther than h from the point.
    expect(grid.values[0]).toBe(0);
    // Two points at the same place double the density.
    const two = densityGrid(
      [
        [87.5, 44.0],
        [87.5, 44.0],
      ],
      h,
    )!;
    expect(two.values[44]).toBeCloseTo(2 * expected, 4);
  });

  it('is the same on the ground whatever the zoom: a wider bandwidth spreads the same mass thinner', () => {
    const narrow = densityGrid([[87.5, 44.0]], 500)!;
    const wide = densityGrid([[87.5, 44.0]], 2000)!;
    // ∫K = 1 sample: the sum × cell area (km²) is close to 1 for both.
    const mass = (g: typeof narrow) => g.values.reduce((s, v) => s + v, 0) * (g.cellM / 1000) ** 2;
    expect(mass(narrow)).toBeCloseTo(1, 1);
    expect(mass(wide)).toBeCloseTo(1, 1);
    expect(narrow.max).toBeGreaterThan(wide.max * 10);
  });

  it('classes densities on fixed breaks (transparent below the first)', () => {
    expect(densityClass(0.05)).toBe(-1);
    expect(densityClass(0.1)).toBe(0);
    expect(densityClass(0.9)).toBe(2);
    expect(densityClass(100)).toBe(5);
    expect(densityGrid([], 1000)).toBeNull();
  });
});

describe('fixed classes', () => {
  it('colours failure rates on fixed breaks and greys insufficient units', () => {
    expect(rateClass(0)).toBe(0);
    expect(rateClass(0.005)).toBe(1);
    expect(rateClass(0.049)).toBe(3);
    expect(rateClass(0.5)).toBe(5);
    expect(rateColor(0.3, true)).toBe(INSUFFICIENT_COLOR);
    expect(rateColor(null, false)).toBe(INSUFFICIENT_COLOR);
    expect(rateLegend().map((r) => r.label)).toEqual([
      '< 0.5 %',
      '0.5–1 %',
      '1–2 %',
      '2–5 %',
      '5–10 %',
      '≥ 10 %',
    ]);
  });

  it('splits hexagon counts 1 … 12 into the quantize classes deck.gl uses', () => {
    expect(hexClasses().map((c) => [c.lo, c.hi])).toEqual([
      [1, 2],
      [3, 4],
      [5, 6],
      [7, 8],
      [9, 10],
      [11, Infinity],
    ]);
  });
});

describe('helpers', () => {
  it('lists the months between two samples for playback, across a year end', () => {
    expect(monthsBetween('2024-11', '2025-02')).toEqual(['2024-11', '2024-12', '2025-01', '2025-02']);
    expect(monthsBetween('2024-03', '2024-03')).toEqual(['2024-03']);
  });

  it('orders a tree parents first with depth', () => {
    const order = treeOrder([
      { id: 3, parentId: 2, name: '菠菜' },
      { id: 1, parentId: null, name: '蔬菜' },
      { id: 2, parentId: 1, name: '叶菜类蔬菜' },
    ]);
    expect(order.map((o) => [o.item.name, o.depth])).toEqual([
      ['蔬菜', 0],
      ['叶菜类蔬菜', 1],
      ['菠菜', 2],
    ]);
  });

  it('sends only the filter members the analyst set', () => {
    expect(
      cleanFilter({ from: '2024-01-01', kinds: [], commodity: '', analyte: '克百威', gridId: undefined }),
    ).toEqual({
      from: '2024-01-01',
      analyte: '克百威',
    });
  });

  it('offers the numeric properties of an uploaded FeatureCollection (numeric strings count)', () => {
    expect(
      numericProperties({
        type: 'FeatureCollection',
        features: [
          { type: 'Feature', geometry: null, properties: { name: 'a', rate: 0.2, n: '12', note: 'n/a' } },
          { type: 'Feature', geometry: null, properties: null },
        ],
      }),
    ).toEqual(['rate', 'n']);
  });
});
