/**
 * Distances in the local Gauss-Krüger projection against geodesic distances on the GRS80 ellipsoid (Vincenty's
 * inverse formula, written out here independently of proj4), the normal distribution against tabulated values,
 * exceedance probabilities and the choice of new sampling locations.
 */
import { describe, expect, it } from 'vitest';
import { exceedanceProbability, normalCdf } from '../../../../server/src/domain/geostats/probability';
import { localProjection } from '../../../../server/src/domain/geostats/projection';
import { classEntropy, suggestSamplingCells } from '../../../../server/src/domain/geostats/sampling-design';

/** Vincenty (1975) inverse on GRS80: geodesic distance in metres. */
function vincenty([lon1, lat1]: [number, number], [lon2, lat2]: [number, number]): number {
  const a = 6378137;
  const f = 1 / 298.257222101;
  const b = a * (1 - f);
  const rad = Math.PI / 180;
  const L = (lon2 - lon1) * rad;
  const U1 = Math.atan((1 - f) * Math.tan(lat1 * rad));
  const U2 = Math.atan((1 - f) * Math.tan(lat2 * rad));
  const [sU1, cU1, sU2, cU2] = [Math.sin(U1), Math.cos(U1), Math.sin(U2), Math.cos(U2)];
  let lambda = L;
  let [sinS, cosS, sigma, cos2a, cos2sm] = [0, 0, 0, 0, 0];
  for (let i = 0; i < 200; i++) {
    const [sl, cl] = [Math.sin(lambda), Math.cos(lambda)];
    sinS = Math.sqrt((cU2 * sl) ** 2 + (cU1 * sU2 - sU1 * cU2 * cl) ** 2);
    cosS = sU1 * sU2 + cU1 * cU2 * cl;
    sigma = Math.atan2(sinS, cosS);
    const sinA = (cU1 * cU2 * sl) / sinS;
    cos2a = 1 - sinA * sinA;
    cos2sm = cosS - (2 * sU1 * sU2) / cos2a;
    const C = (f / 16) * cos2a * (4 + f * (4 - 3 * cos2a));
    const prev = lambda;
    lambda = L + (1 - C) * f * sinA * (sigma + C * sinS * (cos2sm + C * cosS * (-1 + 2 * cos2sm * cos2sm)));
    if (Math.abs(lambda - prev) < 1e-13) break;
  }
  const u2 = (cos2a * (a * a - b * b)) / (b * b);
  const A = 1 + (u2 / 16384) * (4096 + u2 * (-768 + u2 * (320 - 175 * u2)));
  const B = (u2 / 1024) * (256 + u2 * (-128 + u2 * (74 - 47 * u2)));
  const dS =
    B *
    sinS *
    (cos2sm +
      (B / 4) *
        (cosS * (-1 + 2 * cos2sm ** 2) - (B / 6) * cos2sm * (-3 + 4 * sinS ** 2) * (-3 + 4 * cos2sm ** 2)));
  return b * A * (sigma - dS);
}

describe('the local projection', () => {
  it('measures distances across a county (≈ 60 km) within 2e-5 of the geodesic distance', () => {
    const corners: [number, number][] = [
      [87.0, 43.75],
      [87.7, 43.75],
      [87.7, 44.25],
      [87.0, 44.25],
      [87.35, 44.0],
      [87.1, 44.2],
    ];
    const p = localProjection(corners);
    if (!p.ok) throw new Error(p.reason);
    for (const a of corners)
      for (const b of corners) {
        if (a === b) continue;
        const [ax, ay] = p.value.forward(...a);
        const [bx, by] = p.value.forward(...b);
        const planar = Math.hypot(bx - ax, by - ay);
        expect(Math.abs(planar / vincenty(a, b) - 1)).toBeLessThan(2e-5);
      }
  });

  it('goes back to the same longitude and latitude', () => {
    const p = localProjection([
      [120.1, 30.2],
      [120.3, 30.4],
    ]);
    if (!p.ok) throw new Error(p.reason);
    const [x, y] = p.value.forward(120.25, 30.33);
    const [lon, lat] = p.value.inverse(x, y);
    expect(lon).toBeCloseTo(120.25, 9);
    expect(lat).toBeCloseTo(30.33, 9);
  });

  it('refuses an extent too wide for one projection', () => {
    expect(
      localProjection([
        [80, 40],
        [90, 40],
      ]),
    ).toMatchObject({ ok: false, reason: 'EXTENT_TOO_LARGE' });
  });
});

describe('probabilities', () => {
  it('matches tabulated values of the standard normal distribution', () => {
    expect(normalCdf(0)).toBeCloseTo(0.5, 7);
    expect(normalCdf(1)).toBeCloseTo(0.8413447461, 7);
    expect(normalCdf(1.6448536269514722)).toBeCloseTo(0.95, 7);
    expect(normalCdf(-2.326347874)).toBeCloseTo(0.01, 7);
    expect(normalCdf(3)).toBeCloseTo(0.998650102, 7);
  });

  it('gives one half where the kriged log median equals the threshold, and certainty without variance', () => {
    expect(exceedanceProbability(Math.log(0.6), 0.4, 0.6)).toBeCloseTo(0.5, 7);
    expect(exceedanceProbability(Math.log(0.7), 0, 0.6)).toBe(1);
    expect(exceedanceProbability(Math.log(0.5), 0, 0.6)).toBe(0);
    expect(exceedanceProbability(Math.log(0.6) + 1, 1, 0.6)).toBeCloseTo(0.8413447461, 7);
  });
});

describe('suggested sampling locations', () => {
  it('rates a certain class 0 bits and an even three-way split log2(3) bits', () => {
    expect(classEntropy(0, 0)).toBe(0);
    expect(classEntropy(1, 1)).toBe(0);
    expect(classEntropy(2 / 3, 1 / 3)).toBeCloseTo(Math.log2(3), 12);
  });

  it('picks the most uncertain cells first, keeping them apart', () => {
    const ps = [0.5, 0.5, 0.1, 0.45, 0.99];
    const pi = [0, 0, 0, 0, 0];
    const at = (c: number): [number, number] => [c * 100, 0];
    // Cell 1 is as uncertain as cell 0 but too close to it; cells 2 and 4 are too close to cell 3.
    const picked = suggestSamplingCells([0, 1, 2, 3, 4], at, ps, pi, { count: 3, minSpacing: 150 });
    expect(picked.map((s) => s.cell)).toEqual([0, 3]);
    const dense = suggestSamplingCells([0, 1, 2, 3, 4], at, ps, pi, { count: 3, minSpacing: 50 });
    expect(dense.map((s) => s.cell)).toEqual([0, 1, 3]);
  });
});
