/** The spdep reference values (test/fixtures/spatial-stats/spdep-reference.json, made by make-reference.R). */
import fs from 'node:fs';
import type { PolygonRings } from '../../../../server/src/domain/spatial-stats/weights';

export interface MoranRef {
  I: number;
  E: number;
  Var: number;
  z: number;
  p: number;
}

export type Reference = Record<string, number[]> & {
  polygons: PolygonRings[][];
  centroids: [number, number][];
  queen: number[][];
  rook: number[][];
  knn4: number[][];
  dband15: number[][];
  wilson: { x: number; n: number; lower: number; upper: number }[];
} & Record<`moran_${string}`, MoranRef>;

export const ref = JSON.parse(
  fs.readFileSync(new URL('../../../fixtures/spatial-stats/spdep-reference.json', import.meta.url), 'utf8'),
) as Reference;

export function expectClose(
  actual: readonly (number | null)[],
  expected: readonly number[],
  tol = 1e-6,
): void {
  if (actual.length !== expected.length) throw new Error(`length ${actual.length} ≠ ${expected.length}`);
  actual.forEach((a, i) => {
    const e = expected[i] as number;
    if (a === null || !(Math.abs(a - e) <= tol * Math.max(1, Math.abs(e))))
      throw new Error(`element ${i}: ${a} differs from the reference ${e}`);
  });
}
