/**
 * Small cases worked by hand, and the LU solver against ml-matrix: kriging weights of a symmetric configuration,
 * the kriging variance formula, IDW with a known answer, singular systems reported as such, sample checks.
 */
import { Matrix, solve } from 'ml-matrix';
import { describe, expect, it } from 'vitest';
import { idwPredict } from '../../../../server/src/domain/geostats/idw';
import { checkSamples, interpolate } from '../../../../server/src/domain/geostats/interpolate';
import { krigePredict } from '../../../../server/src/domain/geostats/kriging';
import { luFactor, luSolve } from '../../../../server/src/domain/geostats/linear-solve';
import { covariance, type VariogramModel } from '../../../../server/src/domain/geostats/variogram';

const samples = (pts: [number, number, number][]) => ({
  x: Float64Array.from(pts, (p) => p[0]),
  y: Float64Array.from(pts, (p) => p[1]),
  z: Float64Array.from(pts, (p) => p[2]),
});

describe('the LU solver', () => {
  it('solves random well-conditioned systems as ml-matrix does', () => {
    let seed = 7;
    const rnd = () => ((seed = (seed * 16807) % 2147483647) / 2147483647) * 2 - 1;
    for (const n of [1, 2, 5, 17, 40]) {
      const rows = Array.from({ length: n }, (_, i) =>
        Array.from({ length: n }, (_, j) => rnd() + (i === j ? n : 0)),
      );
      const b = Array.from({ length: n }, rnd);
      const lu = luFactor(Float64Array.from(rows.flat()), n)!;
      const ours = luSolve(lu, Float64Array.from(b), new Float64Array(n));
      const theirs = solve(new Matrix(rows), Matrix.columnVector(b)).to1DArray();
      ours.forEach((v, i) => expect(v).toBeCloseTo(theirs[i]!, 10));
    }
  });

  it('reports a singular matrix instead of dividing by zero', () => {
    expect(luFactor(Float64Array.from([1, 2, 2, 4]), 2)).toBeNull();
    expect(luFactor(new Float64Array(4), 2)).toBeNull();
  });
});

describe('ordinary kriging by hand', () => {
  const v: VariogramModel = { model: 'exponential', nugget: 0, psill: 1, range: 10 };

  it('weighs two samples equally at their midpoint, with the variance of the textbook formula', () => {
    const s = samples([
      [0, 0, 1],
      [10, 0, 3],
    ]);
    const out = krigePredict(s, [5], [0], v, {});
    if (!out.ok) throw new Error(out.reason);
    expect(out.value.value[0]).toBeCloseTo(2, 12);
    // λ = ½ each; μ from C λ + μ = c0: μ = c(5) − ½(C(0) + C(10)); σ² = C(0) − λᵀc0 − μ.
    const [c0, c5, c10] = [covariance(v, 0), covariance(v, 5), covariance(v, 10)];
    const mu = c5 - 0.5 * (c0 + c10);
    expect(out.value.variance[0]).toBeCloseTo(c0 - c5 - mu, 12);
  });

  it('gives the mean of three samples at the centre of an equilateral triangle', () => {
    const r = 10;
    const s = samples(
      [0, 1, 2].map((k) => [r * Math.cos((2 * Math.PI * k) / 3), r * Math.sin((2 * Math.PI * k) / 3), k + 1]),
    );
    const out = krigePredict(s, [0], [0], v, {});
    if (!out.ok) throw new Error(out.reason);
    expect(out.value.value[0]).toBeCloseTo(2, 12);
  });

  it('reports a singular system (Gaussian model without nugget over points a metre apart) with the neighbours', () => {
    const s = samples([
      [0, 0, 1],
      [1, 0, 2],
      [2, 0, 3],
      [3, 0, 2],
    ]);
    const out = krigePredict(s, [1.5], [5], { model: 'gaussian', nugget: 0, psill: 1, range: 100_000 }, {});
    expect(out).toMatchObject({
      ok: false,
      reason: 'SINGULAR_SYSTEM',
      detail: { target: 0, neighbours: [0, 1, 2, 3] },
    });
  });
});

describe('inverse distance weighting by hand', () => {
  it('weighs by 1/d² and returns the sample at its own place', () => {
    const s = samples([
      [0, 0, 1],
      [3, 0, 4],
    ]);
    // d = 1 and 2: weights 1 and ¼ → (1 + 1) / 1.25
    expect(idwPredict(s, [1, 0], [0, 0], { power: 2 })[0]).toBeCloseTo(1.6, 12);
    expect(idwPredict(s, [0], [0], { power: 2 })[0]).toBe(1);
  });

  it('returns NaN, not a number, where no sample lies within the search radius', () => {
    const s = samples([
      [0, 0, 1],
      [3, 0, 4],
    ]);
    expect(Number.isNaN(idwPredict(s, [100], [0], { power: 2, maxDistance: 10 })[0]!)).toBe(true);
  });
});

describe('checking samples before interpolating', () => {
  it('refuses fewer than three samples', () => {
    expect(
      checkSamples(
        samples([
          [0, 0, 1],
          [1, 1, 1],
        ]),
      ),
    ).toMatchObject({ ok: false, reason: 'TOO_FEW_POINTS', detail: { count: 2 } });
  });

  it('refuses two samples at one location and says which', () => {
    expect(
      checkSamples(
        samples([
          [0, 0, 1],
          [5, 5, 2],
          [0, 0.001, 3],
        ]),
      ),
    ).toMatchObject({
      ok: false,
      reason: 'DUPLICATE_LOCATIONS',
      detail: { indices: [0, 2] },
    });
  });

  it('refuses a value that is not a finite number', () => {
    expect(
      checkSamples(
        samples([
          [0, 0, 1],
          [5, 5, NaN],
          [9, 0, 3],
        ]),
      ),
    ).toMatchObject({ ok: false, reason: 'NON_FINITE_VALUE', detail: { index: 1 } });
  });

  it('refuses a variogram without sill and an IDW power of zero', () => {
    const s = samples([
      [0, 0, 1],
      [5, 5, 2],
      [9, 0, 3],
    ]);
    expect(
      interpolate(s, [1], [1], {
        kind: 'kriging',
        variogram: { model: 'spherical', nugget: 0, psill: 0, range: 5 },
      }),
    ).toMatchObject({
      ok: false,
      reason: 'INVALID_PARAMETER',
    });
    expect(interpolate(s, [1], [1], { kind: 'idw', power: 0 })).toMatchObject({
      ok: false,
      detail: { parameter: 'power' },
    });
  });
});
