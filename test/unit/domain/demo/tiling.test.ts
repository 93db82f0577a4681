import { describe, expect, it } from 'vitest';
import {
  ringArea,
  ringIsSimple,
  toLocal,
  type Position,
  type Ring,
} from '../../../../server/src/domain/demo/geo';
import { Rng } from '../../../../server/src/domain/demo/prng';
import { unionRings } from '../../../../server/src/domain/demo/ring-union';
import { buildTiling, type Tiling } from '../../../../server/src/domain/demo/tiling';
import { createWarp, estimateLipschitz } from '../../../../server/src/domain/demo/warp';
import { defaultDemo } from './demo-fixture';

const key = (a: Position, b: Position) => `${a[0]},${a[1]}>${b[0]},${b[1]}`;

function segments(ring: Ring): string[] {
  return ring.slice(1).map((p, i) => key(ring[i] as Position, p));
}

/** Segments of the given rings that no other of these rings walks in the opposite direction. */
function outerSegments(rings: readonly Ring[]): Set<string> {
  const all = new Set(rings.flatMap(segments));
  return new Set([...all].filter((s) => !all.has(s.split('>').reverse().join('>'))));
}

const tilings = [1, 2, 3].map((seed) => ({ seed, tiling: buildTiling(new Rng(seed, 'tiling-test')) }));
const areaKm2 = (t: Tiling, ring: Ring) => Math.abs(ringArea(ring.map((p) => toLocal(t.frame, p))));

describe('demo county tiling', () => {
  it.each(tilings)('makes 57 villages in 10 townships of 3 to 9 villages each (seed $seed)', ({ tiling }) => {
    expect(tiling.villages).toHaveLength(57);
    expect(tiling.townships).toHaveLength(10);
    for (const t of tiling.townships) expect(t.villages.length).toBeGreaterThanOrEqual(3);
    for (const t of tiling.townships) expect(t.villages.length).toBeLessThanOrEqual(9);
    expect(tiling.townships.flatMap((t) => t.villages).sort((a, b) => a - b)).toEqual(
      tiling.villages.map((_, i) => i),
    );
  });

  it.each(tilings)(
    'shares every interior village edge vertex for vertex, leaving exactly the county border (seed $seed)',
    ({ tiling }) => {
      const open = outerSegments(tiling.villages.map((v) => v.ring));
      expect(open).toEqual(new Set(segments(tiling.county)));
    },
  );

  it.each(tilings)(
    'makes each township ring exactly the unshared edges of its villages (seed $seed)',
    ({ tiling }) => {
      for (const township of tiling.townships) {
        const open = outerSegments(township.villages.map((v) => tiling.villages[v]?.ring as Ring));
        expect(open).toEqual(new Set(segments(township.ring)));
      }
    },
  );

  it.each(tilings)(
    'keeps villages, townships and the county simple, counter-clockwise rings (seed $seed)',
    ({ tiling }) => {
      for (const ring of [
        tiling.county,
        ...tiling.townships.map((t) => t.ring),
        ...tiling.villages.map((v) => v.ring),
      ]) {
        expect(ringIsSimple(ring)).toBe(true);
        expect(ringArea(ring)).toBeGreaterThan(0);
        expect(ring[0]).toEqual(ring[ring.length - 1]);
      }
    },
  );

  it.each(tilings)(
    'covers 2,500–3,500 km² around 87.3°E 44.0°N, clear of the test fixtures (seed $seed)',
    ({ tiling }) => {
      expect(areaKm2(tiling, tiling.county)).toBeGreaterThan(2500);
      expect(areaKm2(tiling, tiling.county)).toBeLessThan(3500);
      const sum = tiling.villages.reduce((s, v) => s + areaKm2(tiling, v.ring), 0);
      expect(sum).toBeCloseTo(areaKm2(tiling, tiling.county), 6);
      for (const [lon, lat] of tiling.county) {
        expect(lon).toBeGreaterThan(86.4);
        expect(lon).toBeLessThan(88.2);
        expect(lat).toBeGreaterThan(43.5); // fixture counties stay at 20–40°N
        expect(lat).toBeLessThan(44.5);
      }
    },
  );

  it('rounds every vertex to 1e-7 degrees', () => {
    const { tiling } = tilings[0] as { tiling: Tiling };
    for (const v of tiling.villages)
      for (const [lon, lat] of v.ring)
        expect([Math.round(lon * 1e7) / 1e7, Math.round(lat * 1e7) / 1e7]).toEqual([lon, lat]);
  });

  it('bends boundaries with a warp whose Lipschitz constant stays well below 1', () => {
    for (const seed of [1, 2, 3, 4]) {
      expect(estimateLipschitz(createWarp(new Rng(seed, 'warp')), [-45, -35, 45, 35], 0.25)).toBeLessThan(
        0.6,
      );
    }
  });

  it('finds a union with a hole as two rings and refuses a union that touches itself at a point', () => {
    // Three by three unit squares as node-id rings: the outer eight around the centre make a ring with a hole.
    const id = (x: number, y: number) => `${x}:${y}`;
    const square = (x: number, y: number) => [id(x, y), id(x + 1, y), id(x + 1, y + 1), id(x, y + 1)];
    const outer = [0, 1, 2]
      .flatMap((x) => [0, 1, 2].map((y) => [x, y] as const))
      .filter(([x, y]) => x !== 1 || y !== 1);
    expect(unionRings(outer.map(([x, y]) => square(x, y)))).toHaveLength(2);
    expect(() => unionRings([square(0, 0), square(1, 1)])).toThrow(/pinched/);
  });
});

describe('demo county grids', () => {
  const grids = defaultDemo().grids;
  const byCode = new Map(grids.map((g) => [g.code, g]));

  it('codes the county 652399000000 and every child under its parent', () => {
    expect(grids.filter((g) => g.level === 'county').map((g) => g.code)).toEqual(['652399000000']);
    for (const g of grids.filter((x) => x.level !== 'county')) {
      const parent = byCode.get(g.parentCode as string);
      expect(parent?.level).toBe(g.level === 'township' ? 'county' : 'township');
      expect(
        g.code.startsWith((parent as { code: string }).code.slice(0, g.level === 'township' ? 6 : 9)),
      ).toBe(true);
    }
  });

  it('numbers towns 101–199 (镇), rural townships 200–399 (乡) and villages 200–399 (村)', () => {
    for (const g of grids.filter((x) => x.level === 'township')) {
      const n = Number(g.code.slice(6, 9));
      expect(g.name.endsWith(n < 200 ? '镇' : '乡')).toBe(true);
      expect(n >= 101 && n <= 399).toBe(true);
      expect(g.code.slice(9)).toBe('000');
    }
    for (const g of grids.filter((x) => x.level === 'village')) {
      expect(Number(g.code.slice(9))).toBeGreaterThanOrEqual(200);
      expect(Number(g.code.slice(9))).toBeLessThanOrEqual(399);
      expect(g.name.endsWith('村')).toBe(true);
    }
  });

  it('gives villages 800–4,000 residents and parents the sum of their children', () => {
    for (const g of grids.filter((x) => x.level === 'village')) {
      expect(g.population).toBeGreaterThanOrEqual(800);
      expect(g.population).toBeLessThanOrEqual(4000);
    }
    for (const parent of grids.filter((x) => x.level !== 'village')) {
      const children = grids.filter((g) => g.parentCode === parent.code);
      expect(parent.population).toBe(children.reduce((s, c) => s + c.population, 0));
    }
  });

  it('keeps grid names unique among siblings', () => {
    const seen = new Set(grids.map((g) => `${g.parentCode}/${g.name}`));
    expect(seen.size).toBe(grids.length);
  });
});
