/**
 * Neighbour search for interpolation: the k nearest samples within a search radius (metres), through a Flatbush
 * index (a static packed R-tree whose `neighbors` walks it best-first). Without limits every sample is a neighbour.
 */
import Flatbush from 'flatbush';

export interface Neighbourhood {
  /** At most this many nearest samples (all when undefined). */
  maxNeighbors?: number | undefined;
  /** Only samples at most this far, in metres (any distance when undefined). */
  maxDistance?: number | undefined;
}

export class NeighbourIndex {
  private readonly index: Flatbush | null;
  private readonly all: number[];

  constructor(
    readonly xs: Float64Array,
    readonly ys: Float64Array,
  ) {
    this.all = Array.from({ length: xs.length }, (_, i) => i);
    if (xs.length === 0) {
      this.index = null;
      return;
    }
    const index = new Flatbush(xs.length);
    for (let i = 0; i < xs.length; i++) index.add(xs[i]!, ys[i]!, xs[i]!, ys[i]!);
    index.finish();
    this.index = index;
  }

  /** Indices of the neighbours of (x, y), nearest first; `exclude` leaves one sample out (cross-validation). */
  find(x: number, y: number, { maxNeighbors, maxDistance }: Neighbourhood, exclude = -1): number[] {
    if (!this.index) return [];
    const unlimited = maxNeighbors === undefined || maxNeighbors >= this.xs.length;
    if (unlimited && maxDistance === undefined)
      return exclude < 0 ? this.all : this.all.filter((i) => i !== exclude);
    const filter = exclude < 0 ? undefined : (i: number) => i !== exclude;
    return this.index.neighbors(x, y, maxNeighbors ?? Infinity, maxDistance ?? Infinity, filter);
  }
}
