import { describe, expect, it } from 'vitest';
import {
  defaultVisibility,
  SUBJECT_TYPE_COLORS,
  TOGGLE_IDS,
  type ToggleId,
  VERDICT_COLORS,
} from '../../../client/src/map/catalog';
import { legendFor } from '../../../client/src/map/legend';

const only = (...on: ToggleId[]) =>
  Object.fromEntries(TOGGLE_IDS.map((id) => [id, on.includes(id)])) as Record<ToggleId, boolean>;

function relativeLuminance(hex: string): number {
  const channel = (i: number) => {
    const c = parseInt(hex.slice(1 + 2 * i, 3 + 2 * i), 16) / 255;
    return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  };
  return 0.2126 * channel(0) + 0.7152 * channel(1) + 0.0722 * channel(2);
}

describe('the legend', () => {
  it('is empty when no layer is visible', () => {
    expect(legendFor(only())).toEqual([]);
  });

  it('lists only the groups of visible layers, in panel order', () => {
    expect(legendFor(only('samples', 'village')).map((section) => section.group)).toEqual([
      'grids',
      'samples',
    ]);
  });

  it('explains each of the seven subject types with its own colour', () => {
    const [subjects] = legendFor(only('subjects'));
    expect(subjects?.items).toHaveLength(7);
    const colours = subjects?.items.map((item) => ('color' in item.swatch ? item.swatch.color : null));
    expect(new Set(colours).size).toBe(7);
    expect(colours).toEqual(Object.values(SUBJECT_TYPE_COLORS));
  });

  it('shows failing samples in red first, then suspected, pending and passing', () => {
    const [samples] = legendFor(only('samples'));
    expect(samples?.items.map((item) => item.label)).toEqual([
      'enums.verdict.fail',
      'enums.verdict.suspected',
      'enums.verdict.pending',
      'enums.verdict.pass',
    ]);
    expect(samples?.items[0]?.swatch).toEqual({ kind: 'circle', color: VERDICT_COLORS.fail });
  });

  it('explains the unstaffed outline whenever township or village grids are shown', () => {
    const labels = (visibility: Record<ToggleId, boolean>) =>
      legendFor(visibility).flatMap((s) => s.items.map((i) => i.label));
    expect(labels(only('village'))).toContain('legend.unstaffed');
    expect(labels(only('township'))).toContain('legend.unstaffed');
    expect(labels(only('county'))).not.toContain('legend.unstaffed');
  });

  it('shows the heat map ramp only while the heat map is on', () => {
    expect(legendFor(defaultVisibility()).some((s) => s.group === 'analysis')).toBe(false);
    expect(legendFor(only('heatmap'))[0]?.items[0]?.swatch.kind).toBe('gradient');
  });

  it('uses subject colours that stay visible against the pale map (not too light)', () => {
    for (const colour of Object.values(SUBJECT_TYPE_COLORS))
      expect(relativeLuminance(colour), colour).toBeLessThan(0.5);
  });
});
