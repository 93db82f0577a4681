import { describe, expect, it } from 'vitest';
import { empiricalBayes, wilson } from '../../../../server/src/domain/spatial-stats/rates';
import { bernoulliLlr, bernoulliScan } from '../../../../server/src/domain/spatial-stats/scan';
import { classifyTrend, mannKendall } from '../../../../server/src/domain/spatial-stats/trend';
import { SeededRandom } from '../../../../server/src/domain/spatial-stats/random';
import { expectClose, ref } from './reference';

describe('empirical Bayes rates and Wilson intervals', () => {
  it('matches spdep EBest on the Auckland infant-mortality data', () => {
    const cases = ref.auckland_cases as number[];
    const population = ref.auckland_population as number[];
    const eb = empiricalBayes(cases.map((c, i) => ({ failures: c, samples: population[i]! })));
    expectClose(eb.smoothed, ref.auckland_eb_estmm as number[], 1e-9);
  });

  it('pulls a grid with one failure in two samples towards the county rate by hand', () => {
    // b = 12/300 = 0.04; rates 0.5, 0.04(…); see the comment in rates.ts for the formulas.
    const areas = [
      { samples: 2, failures: 1 },
      { samples: 148, failures: 5 },
      { samples: 150, failures: 6 },
    ];
    const b = 12 / 300;
    const s2 = (2 * (0.5 - b) ** 2 + 148 * (5 / 148 - b) ** 2 + 150 * (6 / 150 - b) ** 2) / 300;
    const a = Math.max(0, s2 - b / 100);
    const expected = b + (a / (a + b / 2)) * (0.5 - b);
    const eb = empiricalBayes(areas);
    expect(eb.smoothed[0]).toBeCloseTo(expected, 14);
    expect(eb.smoothed[0]!).toBeLessThan(0.5);
    expect(eb.smoothed[0]!).toBeGreaterThan(b);
  });

  it('matches R prop.test(correct = FALSE) Wilson intervals, including 0 and n successes', () => {
    for (const { x, n, lower, upper } of ref.wilson) expectClose(wilson(x, n)!, [lower, upper], 1e-9);
    expect(wilson(0, 0)).toBeNull();
  });
});

describe("Kulldorff's Bernoulli scan", () => {
  it('computes the log-likelihood ratio of a window by hand', () => {
    // 10 of 20 inside, 10 of 180 outside: 10 ln .5 + 10 ln .5 + 10 ln(1/18) + 170 ln(17/18) − 20 ln .1 − 180 ln .9
    const expected =
      20 * Math.log(0.5) +
      10 * Math.log(10 / 170 / (180 / 170)) +
      170 * Math.log(170 / 180) -
      20 * Math.log(0.1) -
      180 * Math.log(0.9);
    expect(bernoulliLlr(10, 20, 20, 200)).toBeCloseTo(expected, 12);
    expect(bernoulliLlr(1, 20, 20, 200)).toBe(0); // a low-rate window is not a cluster
  });

  it('finds a planted cluster in a uniform field and reports its relative risk', () => {
    const random = new SeededRandom(3);
    const locations = [];
    for (let gx = 0; gx < 15; gx++)
      for (let gy = 0; gy < 15; gy++) {
        const inside = Math.hypot(gx - 4, gy - 10) <= 2;
        const samples = 20;
        let cases = 0;
        for (let s = 0; s < samples; s++) if (random.next() < (inside ? 0.3 : 0.03)) cases++;
        locations.push({ point: [gx * 1000, gy * 1000] as [number, number], samples, cases });
      }
    const result = bernoulliScan(locations, { maxShare: 0.1, replications: 199, seed: 1 });
    const top = result.clusters[0]!;
    expect(top.p).toBeLessThanOrEqual(0.01);
    expect(
      Math.hypot(locations[top.centre]!.point[0] - 4000, locations[top.centre]!.point[1] - 10000),
    ).toBeLessThanOrEqual(1500);
    expect(top.relativeRisk).toBeGreaterThan(4);
    // Secondary clusters never share a location with the most likely one.
    for (const other of result.clusters.slice(1))
      expect(other.members.some((m) => top.members.includes(m))).toBe(false);
  });

  it('is not fooled by a place sampled ten times as often at the background rate', () => {
    const random = new SeededRandom(11);
    const locations = [];
    for (let gx = 0; gx < 12; gx++)
      for (let gy = 0; gy < 12; gy++) {
        const dense = gx < 3 && gy < 3;
        const samples = dense ? 200 : 20;
        let cases = 0;
        for (let s = 0; s < samples; s++) if (random.next() < 0.05) cases++;
        locations.push({ point: [gx * 1000, gy * 1000] as [number, number], samples, cases });
      }
    const result = bernoulliScan(locations, { maxShare: 0.25, replications: 199, seed: 2 });
    expect(result.clusters.every((c) => c.p > 0.05)).toBe(true);
  });

  it('gives the same p-values for the same seed', () => {
    const locations = [0, 1, 2, 3, 4, 5].map((i) => ({
      point: [i * 100, 0] as [number, number],
      samples: 10,
      cases: i < 2 ? 5 : 1,
    }));
    const a = bernoulliScan(locations, { replications: 99, seed: 5 });
    const b = bernoulliScan(locations, { replications: 99, seed: 5 });
    expect(a).toEqual(b);
  });
});

describe('space-time trends', () => {
  it('computes the Mann–Kendall S, tie-corrected variance and z by hand', () => {
    // 1 2 2 3 5: S = 9 (one tie pair contributes 0); Var = (5·4·15 − 2·1·9)/18 = 282/18; z = 8/√(282/18).
    const mk = mannKendall([1, 2, 2, 3, 5])!;
    expect(mk.S).toBe(9);
    expect(mk.variance).toBeCloseTo(282 / 18, 12);
    expect(mk.z).toBeCloseTo(8 / Math.sqrt(282 / 18), 12);
    expect(mannKendall([1, 2])).toBeNull();
  });

  it('classifies new, persistent, intensifying, diminishing, sporadic and historical hot spots', () => {
    const hot = (z: number) => ({ z, q: 0.01 });
    const cold = { z: 0.2, q: 0.9 };
    expect(classifyTrend([cold, cold, cold, cold, hot(3)]).class).toBe('new');
    expect(
      classifyTrend([
        hot(3),
        hot(3.1),
        hot(2.9),
        hot(3),
        hot(3.05),
        hot(2.95),
        hot(3.02),
        hot(2.98),
        hot(3.01),
        hot(3),
      ]).class,
    ).toBe('persistent');
    expect(classifyTrend([2.5, 2.7, 3, 3.4, 3.9, 4.2, 4.8, 5.1, 5.5, 6].map(hot)).class).toBe('intensifying');
    expect(classifyTrend([6, 5.5, 5.1, 4.8, 4.2, 3.9, 3.4, 3, 2.7, 2.5].map(hot)).class).toBe('diminishing');
    expect(classifyTrend([hot(3), cold, hot(3), cold, hot(3)]).class).toBe('sporadic');
    expect(classifyTrend([hot(3), hot(3), cold]).class).toBe('historical');
    expect(classifyTrend([cold, cold, cold]).class).toBe('none');
  });
});

describe('Gi* for pass/fail counts', () => {
  it('equals Gi* over the individual samples with binary weights joining a neighbourhood', async () => {
    const { giStar, giStarCounts } = await import('../../../../server/src/domain/spatial-stats/gi-star');
    const { makeWeights } = await import('../../../../server/src/domain/spatial-stats/weights');
    const samples = [5, 8, 3, 10, 6];
    const failures = [2, 1, 0, 4, 1];
    const nb = [[1], [0, 2], [1, 3], [2, 4], [3]];
    const counts = giStarCounts(samples, failures, makeWeights(nb, 'binary', true)).results;
    // Expand to one value per sample; sample s of unit u neighbours every sample of N*(u)… evaluated for one
    // representative sample per unit whose neighbour list is exactly the samples of N*(u).
    const unitOf: number[] = samples.flatMap((n, u) => Array.from({ length: n }, () => u));
    const x = samples.flatMap((n, u) => Array.from({ length: n }, (_, k) => (k < failures[u]! ? 1 : 0)));
    const nbSamples = unitOf.map((u) => unitOf.flatMap((v, j) => ([u, ...nb[u]!].includes(v) ? [j] : [])));
    const expanded = giStar(x, makeWeights(nbSamples, 'binary', true)).results;
    samples.forEach((_, u) => {
      const first = unitOf.indexOf(u);
      expect(counts[u]!.statistic).toBeCloseTo(expanded[first]!.z!, 12);
    });
  });

  it('computes binomial tails as R pbinom', async () => {
    const { binomialLower, binomialUpper } =
      await import('../../../../server/src/domain/spatial-stats/binomial');
    // R: pbinom(2,30,0.02,lower.tail=FALSE); pbinom(3,30,0.02); pbinom(40,1000,0.03,lower.tail=FALSE); pbinom(15,1000,0.03); pbinom(0,50,0.01)
    expectClose(
      [
        binomialUpper(3, 30, 0.02),
        binomialLower(3, 30, 0.02),
        binomialUpper(41, 1000, 0.03),
        binomialLower(15, 1000, 0.03),
        binomialLower(0, 50, 0.01),
      ],
      [
        0.021717834543617458, 0.99710651871644163, 0.03022081509555534, 0.0017245519464894514,
        0.60500606713753635,
      ],
      1e-10,
    );
  });
});
