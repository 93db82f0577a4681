import { describe, expect, it } from 'vitest';
import { ringsOf, snapPosition } from '../../../client/src/map/draw/snap';

// A plain projection: 1 degree = 100 pixels, y down.
const project = ([x, y]: [number, number]): [number, number] => [x * 100, -y * 100];
const unproject = ([x, y]: [number, number]): [number, number] => [x / 100, -y / 100];
const target = {
  rings: [
    [
      [0, 0],
      [1, 0],
      [1, 1],
      [0, 1],
      [0, 0],
    ] as [number, number][],
  ],
};

describe('snapping to neighbouring grids', () => {
  it('snaps to a vertex within the tolerance, exactly onto its coordinates', () => {
    expect(snapPosition([103, -4], target, project, unproject, 10)).toMatchObject({
      position: [1, 0],
      kind: 'vertex',
    });
  });

  it('snaps to the nearest point of an edge when no vertex is near', () => {
    const result = snapPosition([50, -6], target, project, unproject, 10);
    expect(result?.kind).toBe('edge');
    expect(result?.position[0]).toBeCloseTo(0.5);
    expect(result?.position[1]).toBeCloseTo(0);
  });

  it('prefers a vertex over a nearer edge inside the tolerance', () => {
    expect(snapPosition([8, -1], target, project, unproject, 10)?.kind).toBe('vertex');
  });

  it('does not snap beyond the tolerance', () => {
    expect(snapPosition([50, -30], target, project, unproject, 10)).toBeNull();
  });

  it('collects the rings of polygons and multipolygons', () => {
    expect(
      ringsOf([
        {
          type: 'MultiPolygon',
          coordinates: [
            [
              [
                [0, 0],
                [1, 0],
                [0, 1],
                [0, 0],
              ],
            ],
          ],
        },
        { type: 'Point', coordinates: [0, 0] },
      ]),
    ).toHaveLength(1);
  });
});
