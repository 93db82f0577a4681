/**
 * Inverse distance weighting: ẑ(x) = Σ wᵢ zᵢ / Σ wᵢ with wᵢ = 1 / dᵢ^power over the neighbours of x. At a sample's
 * own location the sample's value is returned (as gstat does). Where x has no neighbour within the search radius
 * the prediction is NaN, which callers turn into an explicit "no data" (null), never a number.
 */
import { type Neighbourhood, NeighbourIndex } from './neighbours';

export interface IdwOptions extends Neighbourhood {
  power: number;
}

export interface Samples {
  /** Metres, in a projection where distances are true (see projection.ts). */
  x: Float64Array;
  y: Float64Array;
  z: Float64Array;
}

function idwAt(
  s: Samples,
  index: NeighbourIndex,
  x: number,
  y: number,
  o: IdwOptions,
  exclude: number,
): number {
  const near = index.find(x, y, o, exclude);
  if (near.length === 0) return NaN;
  let sw = 0;
  let swz = 0;
  for (const i of near) {
    const dx = s.x[i]! - x;
    const dy = s.y[i]! - y;
    const d = Math.sqrt(dx * dx + dy * dy);
    if (d === 0) return s.z[i]!;
    const w = 1 / d ** o.power;
    sw += w;
    swz += w * s.z[i]!;
  }
  return swz / sw;
}

/** Predictions at the targets (NaN where no sample is within reach). */
export function idwPredict(
  samples: Samples,
  tx: ArrayLike<number>,
  ty: ArrayLike<number>,
  options: IdwOptions,
  index = new NeighbourIndex(samples.x, samples.y),
): Float64Array {
  const out = new Float64Array(tx.length);
  for (let t = 0; t < tx.length; t++) out[t] = idwAt(samples, index, tx[t]!, ty[t]!, options, -1);
  return out;
}

/** Leave-one-out predictions: each sample predicted from the others. */
export function idwLeaveOneOut(
  samples: Samples,
  options: IdwOptions,
  index = new NeighbourIndex(samples.x, samples.y),
): Float64Array {
  const out = new Float64Array(samples.x.length);
  for (let i = 0; i < out.length; i++)
    out[i] = idwAt(samples, index, samples.x[i]!, samples.y[i]!, options, i);
  return out;
}
