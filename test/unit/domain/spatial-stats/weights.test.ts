import { describe, expect, it } from 'vitest';
import {
  contiguityNeighbours,
  distanceBandNeighbours,
  islands,
  knnNeighbours,
  makeWeights,
} from '../../../../server/src/domain/spatial-stats/weights';
import { ref } from './reference';

describe('spatial weights', () => {
  it('finds the same queen neighbours as spdep poly2nb on the Columbus polygons', () => {
    expect(contiguityNeighbours(ref.polygons, 'queen')).toEqual(ref.queen);
  });

  it('finds the same rook neighbours as spdep poly2nb(queen = FALSE)', () => {
    expect(contiguityNeighbours(ref.polygons, 'rook')).toEqual(ref.rook);
  });

  it('finds the same four nearest neighbours as spdep knearneigh', () => {
    expect(knnNeighbours(ref.centroids, 4)).toEqual(ref.knn4);
  });

  it('finds the same distance-band neighbours as spdep dnearneigh', () => {
    expect(distanceBandNeighbours(ref.centroids, 1.5)).toEqual(ref.dband15);
  });

  it('tells queen from rook on a 3 × 3 lattice: corners touch diagonally only as queens', () => {
    const square = (x: number, y: number) => [
      [
        [
          [x, y],
          [x + 1, y],
          [x + 1, y + 1],
          [x, y + 1],
          [x, y],
        ] as [number, number][],
      ],
    ];
    const cells = [0, 1, 2].flatMap((y) => [0, 1, 2].map((x) => square(x, y)));
    const queen = contiguityNeighbours(cells, 'queen');
    const rook = contiguityNeighbours(cells, 'rook');
    expect(queen[4]).toEqual([0, 1, 2, 3, 5, 6, 7, 8]);
    expect(rook[4]).toEqual([1, 3, 5, 7]);
    expect(queen[0]).toEqual([1, 3, 4]);
    expect(rook[0]).toEqual([1, 3]);
  });

  it('reports islands instead of failing, and row-standardises the others to sum 1', () => {
    const nb = distanceBandNeighbours(
      [
        [0, 0],
        [100, 0],
        [5000, 5000],
      ],
      500,
    );
    expect(islands(nb)).toEqual([2]);
    const w = makeWeights(nb, 'row');
    expect(w.weights).toEqual([[1], [1], []]);
    const star = makeWeights(nb, 'row', true);
    expect(star.neighbours).toEqual([[0, 1], [0, 1], [2]]);
    expect(star.weights[0]).toEqual([0.5, 0.5]);
  });

  it('refuses a k as large as the number of features', () => {
    expect(() =>
      knnNeighbours(
        [
          [0, 0],
          [1, 1],
        ],
        2,
      ),
    ).toThrow(RangeError);
  });
});
