/**
 * The swipe's cut of zones at a meridian: the west and east parts of each polygon (holes kept) together make the
 * polygon again, each lies on its own side, and polygons wholly on the other side are dropped.
 */
import { describe, expect, it } from 'vitest';
import { clipCollection, type Collection } from '../../../client/src/overlays/clip-meridian';

type Ring = number[][];

/** Shoelace area of a ring (absolute). */
const ringArea = (r: Ring) =>
  Math.abs(r.slice(0, -1).reduce((s, p, i) => s + p[0]! * r[i + 1]![1]! - r[i + 1]![0]! * p[1]!, 0)) / 2;
/** Area of a collection: outer rings minus holes. */
function area(c: Collection): number {
  let sum = 0;
  for (const f of c.features) {
    const g = f.geometry as { type: string; coordinates: Ring[] | Ring[][] };
    const polygons = g.type === 'Polygon' ? [g.coordinates as Ring[]] : (g.coordinates as Ring[][]);
    for (const [outer, ...holes] of polygons)
      sum += ringArea(outer!) - holes.reduce((s, h) => s + ringArea(h), 0);
  }
  return sum;
}
const square = (w: number, s: number, e: number, n: number): Ring => [
  [w, s],
  [e, s],
  [e, n],
  [w, n],
  [w, s],
];

const zones: Collection = {
  type: 'FeatureCollection',
  features: [
    // A square with a square hole, straddling 125.5°E.
    {
      id: 1,
      properties: { class: 'strict_control' },
      geometry: {
        type: 'Polygon',
        coordinates: [square(125, 44, 126, 45), square(125.2, 44.2, 125.8, 44.8)],
      },
    },
    // A diamond across the cut, and a square wholly west of it.
    {
      id: 2,
      properties: { class: 'safe_utilisation' },
      geometry: {
        type: 'MultiPolygon',
        coordinates: [
          [
            [
              [125.5, 43],
              [126, 43.5],
              [125.5, 44],
              [125, 43.5],
              [125.5, 43],
            ],
          ],
          [square(124, 43, 124.5, 43.5)],
        ],
      },
    },
  ],
};

describe('cutting zones at a meridian for the swipe', () => {
  for (const lon of [124.25, 125.1, 125.5, 125.77, 126.5]) {
    it(`splits the zones at ${lon}°E into a west and an east part that add up to the whole`, () => {
      const west = clipCollection(zones, lon, true);
      const east = clipCollection(zones, lon, false);
      expect(area(west) + area(east)).toBeCloseTo(area(zones), 9);
      for (const f of west.features)
        for (const p of JSON.stringify(f.geometry).matchAll(/\[(-?[\d.]+),(-?[\d.]+)\]/g))
          expect(Number(p[1])).toBeLessThanOrEqual(lon + 1e-12);
      for (const f of east.features)
        for (const p of JSON.stringify(f.geometry).matchAll(/\[(-?[\d.]+),(-?[\d.]+)\]/g))
          expect(Number(p[1])).toBeGreaterThanOrEqual(lon - 1e-12);
      expect(west.features.length + east.features.length).toBeGreaterThan(0);
    });
  }

  it('keeps the hole of a polygon on both sides and drops polygons wholly on the other side', () => {
    const west = clipCollection(zones, 125.5, true);
    expect(area(west)).toBeCloseTo(0.5 - 0.18 + 0.25 + 0.25, 9);
    const east = clipCollection(zones, 124.9, false);
    expect(east.features.map((f) => f.id)).toEqual([1, 2]);
    expect((east.features[1]!.geometry as { coordinates: unknown[] }).coordinates).toHaveLength(1);
    expect(clipCollection(zones, 127, false).features).toHaveLength(0);
  });
});
