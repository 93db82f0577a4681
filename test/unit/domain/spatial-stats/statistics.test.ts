import { describe, expect, it } from 'vitest';
import { giStar } from '../../../../server/src/domain/spatial-stats/gi-star';
import { globalMoran, localMoran } from '../../../../server/src/domain/spatial-stats/moran';
import { benjaminiHochberg, spotClass } from '../../../../server/src/domain/spatial-stats/fdr';
import { twoSidedP } from '../../../../server/src/domain/spatial-stats/normal';
import { makeWeights } from '../../../../server/src/domain/spatial-stats/weights';
import { type MoranRef, expectClose, ref } from './reference';

const crime = ref.crime as number[];
const schemes = ['queen', 'rook', 'knn4'] as const;
const styles = [
  ['B', 'binary'],
  ['W', 'row'],
] as const;

describe('Getis–Ord Gi* against spdep localG(include.self)', () => {
  for (const scheme of schemes)
    for (const [code, style] of styles)
      it(`matches spdep for CRIME with ${scheme} ${style} weights to 1e-6`, () => {
        const w = makeWeights(ref[scheme], style, true);
        expectClose(
          giStar(crime, w).results.map((r) => r.z),
          ref[`gstar_${scheme}_${code}_crime`] as number[],
        );
      });

  it('matches spdep with a 1.5-unit distance band, leaving its islands without a statistic', () => {
    const z = giStar(crime, makeWeights(ref.dband15, 'binary', true)).results.map((r) => r.z);
    const expected = ref.gstar_dband15_B_crime as number[];
    const isolated = ref.dband15.flatMap((list, i) => (list.length === 0 ? [i] : []));
    expect(isolated.length).toBeGreaterThan(0);
    // spdep reports a z for a feature whose only neighbour is itself; we report none (a one-feature "cluster").
    expect(isolated.every((i) => z[i] === null)).toBe(true);
    const kept = z.flatMap((v, i) => (isolated.includes(i) ? [] : [v]));
    expectClose(
      kept,
      expected.filter((_, i) => !isolated.includes(i)),
    );
  });

  it('equals a hand computation on five values in a line', () => {
    // x = 1,2,3,4,10 on a path 0-1-2-3-4, binary weights with self: feature 4 sees {3,4}.
    const x = [1, 2, 3, 4, 10];
    const nb = [[1], [0, 2], [1, 3], [2, 4], [3]];
    const { results } = giStar(x, makeWeights(nb, 'binary', true));
    // mean 4, s² = (9+4+1+0+36)/5 = 10; W = 2, S1 = 2; var = 10·(5·2 − 4)/4 = 15; z = (14 − 8)/√15.
    expect(results[4]!.z).toBeCloseTo(6 / Math.sqrt(15), 12);
  });

  it('gives no statistic to an island and no class to a constant surface', () => {
    const nb = [[1], [0], []];
    const r = giStar([1, 2, 3], makeWeights(nb, 'binary', true)).results;
    expect(r[2]!.z).toBeNull();
    const flat = giStar([5, 5, 5], makeWeights([[1], [0, 2], [1]], 'binary', true));
    expect(flat.constant).toBe(true);
    expect(flat.results.every((x) => x.class === null)).toBe(true);
  });
});

describe("Moran's I against spdep", () => {
  for (const scheme of schemes)
    for (const [code, style] of styles) {
      it(`global I, E, Var, z, p match moran.test for ${scheme} ${style} weights (randomisation and normality)`, () => {
        const w = makeWeights(ref[scheme], style);
        for (const [assumption, key] of [
          ['randomisation', 'rand'],
          ['normality', 'norm'],
        ] as const) {
          const m = globalMoran(crime, w, assumption)!;
          const r = ref[`moran_${scheme}_${code}_crime_${key}`] as MoranRef;
          expectClose([m.I, m.expected, m.variance, m.z, m.p], [r.I, r.E, r.Var, r.z, r.p]);
        }
      });

      it(`local I, E, Var, Z, P match localmoran for ${scheme} ${style} weights`, () => {
        const w = makeWeights(ref[scheme], style);
        const conditional = localMoran(crime, w);
        const prefix = `lisa_${scheme}_${code}_crime`;
        expectClose(
          conditional.map((r) => r.I),
          ref[`${prefix}_Ii`] as number[],
        );
        expectClose(
          conditional.map((r) => r.expected),
          ref[`${prefix}_E`] as number[],
        );
        expectClose(
          conditional.map((r) => r.variance),
          ref[`${prefix}_Var`] as number[],
        );
        expectClose(
          conditional.map((r) => r.z),
          ref[`${prefix}_Z`] as number[],
        );
        expectClose(
          conditional.map((r) => r.p),
          ref[`${prefix}_P`] as number[],
        );
        const total = localMoran(crime, w, { randomisation: 'total' });
        expectClose(
          total.map((r) => r.expected),
          ref[`${prefix}_total_E`] as number[],
        );
        expectClose(
          total.map((r) => r.variance),
          ref[`${prefix}_total_Var`] as number[],
        );
        expectClose(
          total.map((r) => r.z),
          ref[`${prefix}_total_Z`] as number[],
        );
      });
    }

  it("reproduces the published Moran's I of Columbus crime with queen weights, 0.500189", () => {
    expect(globalMoran(crime, makeWeights(ref.queen, 'row'))!.I).toBeCloseTo(0.500189, 6);
  });

  it('gives the same pseudo p-values for the same seed and different ones for another seed', () => {
    const w = makeWeights(ref.queen, 'row');
    const a = localMoran(crime, w, { permutations: 199, seed: 7 }).map((r) => r.pseudoP);
    const b = localMoran(crime, w, { permutations: 199, seed: 7 }).map((r) => r.pseudoP);
    const c = localMoran(crime, w, { permutations: 199, seed: 8 }).map((r) => r.pseudoP);
    expect(a).toEqual(b);
    expect(a).not.toEqual(c);
  });

  it('finds permutation pseudo p-values close to the analytic one-sided p-values on 9,999 permutations', () => {
    const w = makeWeights(ref.queen, 'row');
    const results = localMoran(crime, w, { permutations: 9999, seed: 1 });
    for (const r of results) {
      const oneSided = r.p! / 2;
      // The folded pseudo p estimates the smaller tail; the normal approximation is rough for small tails.
      expect(Math.abs(r.pseudoP! - oneSided)).toBeLessThan(0.06);
    }
  });

  it('labels high values among high neighbours HH and low among low LL', () => {
    const x = [10, 9, 8, 1, 2, 1];
    const nb = [
      [1, 2],
      [0, 2],
      [0, 1],
      [4, 5],
      [3, 5],
      [3, 4],
    ];
    const r = localMoran(x, makeWeights(nb, 'row'));
    expect(r.slice(0, 3).map((v) => v.quadrant)).toEqual(['HH', 'HH', 'HH']);
    expect(r.slice(3).map((v) => v.quadrant)).toEqual(['LL', 'LL', 'LL']);
  });
});

describe('false discovery rate and classes', () => {
  it('adjusts p-values by Benjamini–Hochberg as R p.adjust(method = "BH")', () => {
    // p.adjust(c(0.01, 0.04, 0.03, 0.005, 0.5), "BH") = 0.025 0.05 0.05 0.025 0.5
    expectClose(benjaminiHochberg([0.01, 0.04, 0.03, 0.005, 0.5]), [0.025, 0.05, 0.05, 0.025, 0.5], 1e-12);
    expect(benjaminiHochberg([0.2, null, 0.01])).toEqual([0.2, null, 0.02]);
  });

  it('classifies hot and cold spots at 99, 95 and 90 % confidence', () => {
    expect(spotClass(3, 0.005)).toBe('hot_99');
    expect(spotClass(2.1, 0.04)).toBe('hot_95');
    expect(spotClass(-1.8, 0.08)).toBe('cold_90');
    expect(spotClass(1, 0.3)).toBe('not_significant');
    expect(spotClass(null, null)).toBeNull();
  });

  it('computes normal tail p-values far into the tail', () => {
    expect(twoSidedP(1.959963984540054)).toBeCloseTo(0.05, 14);
    expect(twoSidedP(10) / 1.523970604832105e-23).toBeCloseTo(1, 10);
  });
});
