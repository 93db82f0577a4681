import { describe, expect, it } from 'vitest';
import { Rng, WeightedPicker, apportion, hashString } from '../../../../server/src/domain/demo/prng';

const draws = (rng: Rng, n: number) => Array.from({ length: n }, () => rng.next());

describe('seeded random numbers', () => {
  it('gives the same sequence for the same seed and label', () => {
    expect(draws(new Rng(42, 'a'), 50)).toEqual(draws(new Rng(42, 'a'), 50));
  });

  it('gives different sequences for different seeds or labels', () => {
    expect(draws(new Rng(42, 'a'), 5)).not.toEqual(draws(new Rng(43, 'a'), 5));
    expect(draws(new Rng(42, 'a'), 5)).not.toEqual(draws(new Rng(42, 'b'), 5));
  });

  it('makes a forked stream independent of how much the parent has drawn', () => {
    const fresh = new Rng(7, 'demo');
    const used = new Rng(7, 'demo');
    draws(used, 100);
    expect(draws(used.fork('soil'), 10)).toEqual(draws(fresh.fork('soil'), 10));
  });

  it('draws uniform numbers in [0, 1) with a mean near one half', () => {
    const values = draws(new Rng(1), 20_000);
    expect(Math.min(...values)).toBeGreaterThanOrEqual(0);
    expect(Math.max(...values)).toBeLessThan(1);
    expect(values.reduce((s, v) => s + v, 0) / values.length).toBeCloseTo(0.5, 1);
  });

  it('draws integers over the whole inclusive range', () => {
    const rng = new Rng(3);
    const seen = new Set(Array.from({ length: 2000 }, () => rng.int(1, 6)));
    expect([...seen].sort()).toEqual([1, 2, 3, 4, 5, 6]);
  });

  it('draws normal numbers with the requested mean and spread', () => {
    const rng = new Rng(5);
    const values = Array.from({ length: 20_000 }, () => rng.normal(10, 2));
    const mean = values.reduce((s, v) => s + v, 0) / values.length;
    const sd = Math.sqrt(values.reduce((s, v) => s + (v - mean) ** 2, 0) / values.length);
    expect(mean).toBeCloseTo(10, 1);
    expect(sd).toBeCloseTo(2, 1);
  });

  it('picks weighted items in proportion to their weights', () => {
    const rng = new Rng(9);
    const picker = new WeightedPicker([
      ['a', 1],
      ['b', 3],
      ['never', 0],
    ] as const);
    const picks = Array.from({ length: 8000 }, () => picker.pick(rng));
    expect(picks.filter((p) => p === 'b').length / picks.length).toBeCloseTo(0.75, 1);
    expect(picks).not.toContain('never');
  });

  it('apportions a total exactly by largest remainder', () => {
    expect(apportion(10, { a: 1, b: 1, c: 1 })).toEqual({ a: 4, b: 3, c: 3 });
    const mix = apportion(2000, { e: 0.03, c: 0.1, f: 0.12, l: 0.25, s: 0.4, i: 0.06, t: 0.04 });
    expect(Object.values(mix).reduce((s, n) => s + n, 0)).toBe(2000);
    expect(mix).toEqual({ e: 60, c: 200, f: 240, l: 500, s: 800, i: 120, t: 80 });
  });

  it('hashes labels to stable 32-bit values', () => {
    expect(hashString('soil')).toBe(hashString('soil'));
    expect(hashString('soil')).not.toBe(hashString('soils'));
    expect(hashString('')).toBe(0x811c9dc5);
  });
});
