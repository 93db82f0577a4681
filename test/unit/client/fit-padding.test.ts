import { describe, expect, it } from 'vitest';
import { fitPadding } from '../../../client/src/map/fit-padding';

describe('framing the county', () => {
  it('keeps the county clear of the layer panel and the legend on a wide screen', () => {
    const padding = fitPadding(1440);
    expect(padding.left).toBeGreaterThanOrEqual(268 + 12);
    expect(padding.right).toBeGreaterThanOrEqual(264 + 12);
  });

  it('leaves the legend side open when the docked inspector narrows the map', () => {
    expect(fitPadding(1040).right).toBeLessThan(100);
    expect(fitPadding(1040).left).toBeGreaterThanOrEqual(280);
  });

  it('uses nearly the whole width of a phone, below the sheet buttons', () => {
    const padding = fitPadding(390);
    expect(padding.left + padding.right).toBeLessThan(100);
    expect(padding.top).toBeGreaterThanOrEqual(56);
  });
});
