/**
 * From samples to zones on a synthetic county: a Gaussian Cd plume on a regular sampling grid must come out as a
 * strict-control core inside a safe-utilisation ring around its centre, with the class boundaries near the radii
 * where the planted plume crosses the intervention and screening values; no-data where the search radius ends;
 * bad input refused.
 */
import { describe, expect, it } from 'vitest';
import { pointInRing } from '../../../../server/src/domain/geostats/contour';
import type { Polygon } from '../../../../server/src/domain/geostats/grid';
import { classField, zoneSurface, type ZoningInput } from '../../../../server/src/domain/soil/zoning';
import { gb15618 } from './gb15618-table';

const [LON0, LAT0] = [100.0, 35.0];
const MX = 111_320 * Math.cos((LAT0 * Math.PI) / 180);
const MY = 110_950;
const at = (x: number, y: number): [number, number] => [LON0 + x / MX, LAT0 + y / MY];
const PEAK = 8;
const SIGMA = 1600;
const square = (half: number) => {
  const ring = [at(-half, -half), at(half, -half), at(half, half), at(-half, half), at(-half, -half)];
  return [[ring.map(([lon, lat]) => [lon, lat])]];
};

function plumeSamples(spacing: number, half: number, noise = 0): ZoningInput['samples'] {
  const out: ZoningInput['samples'] = [];
  let seed = 11;
  const rnd = () => (seed = (seed * 16807) % 2147483647) / 2147483647;
  for (let x = -half; x <= half; x += spacing)
    for (let y = -half; y <= half; y += spacing) {
      const cd =
        (0.12 + PEAK * Math.exp(-(x * x + y * y) / (2 * SIGMA * SIGMA))) * Math.exp(noise * (rnd() - 0.5));
      const [lon, lat] = at(x + 0.37 * spacing * Math.sin(x + y), y);
      out.push({ lon, lat, value: cd, ph: 8.0, landUse: 'dry' });
    }
  return out;
}

const base = (overrides: Partial<ZoningInput> = {}): ZoningInput => ({
  samples: plumeSamples(500, 10_000),
  metal: 'cd',
  variable: 'concentration',
  method: {
    kind: 'kriging',
    variogram: { model: 'gaussian', nugget: 0.01, psill: 5, range: 2500 },
    maxNeighbors: 16,
  },
  area: square(10_000),
  cellSize: 100,
  landUse: 'nearest',
  standards: gb15618(),
  suggestions: { count: 5, minSpacing: 500 },
  maxCells: 200_000,
  ...overrides,
});

const inside = (polygons: Polygon[], p: [number, number]) =>
  polygons.some((poly) => pointInRing(p, poly[0]!) && !poly.slice(1).some((h) => pointInRing(p, h)));

/** Radius (m) where the planted plume crosses a threshold (background neglected). */
const radiusAt = (threshold: number) => SIGMA * Math.sqrt(2 * Math.log(PEAK / (threshold - 0.12)));

describe('zoning a surface into GB 15618 classes', () => {
  for (const method of [
    {
      kind: 'kriging',
      variogram: { model: 'gaussian', nugget: 0.01, psill: 5, range: 2500 },
      maxNeighbors: 16,
    },
    { kind: 'idw', power: 2, maxNeighbors: 8 },
  ] as const) {
    it(`finds the strict-control core and the safe-utilisation ring of a planted Cd plume around its centre (${method.kind})`, () => {
      const r = zoneSurface(base({ method }));
      if (!r.ok) throw new Error(r.reason);
      const { screening, intervention } = r.value.contours;
      const centre = at(0, 0);
      expect(inside(intervention, centre)).toBe(true);
      // Along eight directions the class changes near the planted radii: 4.0 mg/kg (strict) and 0.6 (screening).
      for (let k = 0; k < 8; k++) {
        const [dx, dy] = [Math.cos((k * Math.PI) / 4), Math.sin((k * Math.PI) / 4)];
        const probe = (r: number) => at(r * dx, r * dy);
        expect(inside(intervention, probe(radiusAt(4.0) - 250))).toBe(true);
        expect(inside(intervention, probe(radiusAt(4.0) + 250))).toBe(false);
        expect(inside(screening, probe(radiusAt(0.6) - 250))).toBe(true);
        expect(inside(screening, probe(radiusAt(0.6) + 250))).toBe(false);
      }
      expect(r.value.cellCounts.strict_control).toBeGreaterThan(0);
      expect(r.value.cellCounts.no_data).toBe(0);
      expect(r.value.contours.data).toBeNull();
    });
  }

  it('suggests new samples where the class is most uncertain: near the class boundaries, not at the centre', () => {
    // Noisy measurements (±25 %), so that the log-normal kriging variance is not negligible.
    const r = zoneSurface(base({ samples: plumeSamples(500, 10_000, 0.5) }));
    if (!r.ok) throw new Error(r.reason);
    expect(r.value.suggestions.length).toBe(5);
    for (const s of r.value.suggestions) {
      expect(s.entropy).toBeGreaterThan(0.5);
      const d = Math.hypot((s.lon - LON0) * MX, (s.lat - LAT0) * MY);
      expect(Math.min(Math.abs(d - radiusAt(0.6)), Math.abs(d - radiusAt(4.0)))).toBeLessThan(700);
    }
  });

  it('zones the exceedance ratio the same way as the concentration when pH and land use are uniform', () => {
    const a = zoneSurface(base({ method: { kind: 'idw', power: 2, maxNeighbors: 8 } }));
    const b = zoneSurface(base({ method: { kind: 'idw', power: 2, maxNeighbors: 8 }, variable: 'ratio' }));
    if (!a.ok || !b.ok) throw new Error('failed');
    expect(b.value.cellCounts).toEqual(a.value.cellCounts);
  });

  it('leaves cells beyond the search radius without a class (no data), never as priority protection', () => {
    const samples = plumeSamples(500, 3000);
    const r = zoneSurface(base({ samples, method: { kind: 'idw', power: 2, maxDistance: 1000 } }));
    if (!r.ok) throw new Error(r.reason);
    expect(r.value.cellCounts.no_data).toBeGreaterThan(0);
    expect(r.value.contours.data).not.toBeNull();
    expect(inside(r.value.contours.data!, at(9000, 9000))).toBe(false);
    expect(inside(r.value.contours.data!, at(0, 0))).toBe(true);
  });

  it('maps the class field continuously: 1 at the screening value, 2 at the intervention value', () => {
    expect(classField(1, 0.6, 4.0)).toBe(1);
    expect(classField(4.0 / 0.6, 0.6, 4.0)).toBeCloseTo(2, 12);
    expect(classField(0.5, 0.6, 4.0)).toBe(0.5);
    expect(classField(100, 200, NaN)).toBeLessThan(2);
  });

  it('refuses a negative concentration, a pH outside 0–14 and a land use without a standard value', () => {
    const samples = plumeSamples(2000, 4000);
    const bad = (i: number, change: Partial<ZoningInput['samples'][number]>) =>
      samples.map((s, k) => (k === i ? { ...s, ...change } : s));
    expect(zoneSurface(base({ samples: bad(2, { value: -1 }) }))).toMatchObject({
      ok: false,
      reason: 'NEGATIVE_CONCENTRATION',
      detail: { index: 2 },
    });
    expect(zoneSurface(base({ samples: bad(1, { ph: 15 }) }))).toMatchObject({
      ok: false,
      reason: 'PH_OUT_OF_RANGE',
      detail: { index: 1 },
    });
    const noPaddy = { ...gb15618(), values: gb15618().values.filter((v) => !v.landUses.includes('paddy')) };
    expect(zoneSurface(base({ samples, standards: noPaddy, landUse: 'paddy' }))).toMatchObject({
      ok: false,
      reason: 'NO_STANDARD_VALUE',
      detail: { landUse: 'paddy' },
    });
  });

  it('refuses fewer than three samples and a grid finer than the cell limit', () => {
    expect(zoneSurface(base({ samples: plumeSamples(500, 10_000).slice(0, 2) }))).toMatchObject({
      ok: false,
      reason: 'TOO_FEW_POINTS',
    });
    expect(zoneSurface(base({ cellSize: 10, maxCells: 10_000 }))).toMatchObject({
      ok: false,
      reason: 'TOO_MANY_CELLS',
    });
  });
});
