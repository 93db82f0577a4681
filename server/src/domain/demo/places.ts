/**
 * Points on the county: which village a point is in, distances in metres, and random points near a place.
 *
 * Glossary:
 * - margin: generated points keep at least MARGIN_M from any village boundary, so floating-point differences between
 *   this code and PostGIS can never put a point in a different village than the one the generator recorded.
 */
import type { CountyModel, VillageModel } from './county';
import { distanceToRing, pointInRing, round7, toLocal, type LonLat, type Xy } from './geo';
import type { Rng } from './prng';

export const MARGIN_M = 5;

export class Places {
  private readonly localRings: Xy[][];
  private readonly countyRing: Xy[];

  constructor(readonly county: CountyModel) {
    this.localRings = county.villages.map((v) => v.ring.map((p) => this.toMetres(p)));
    this.countyRing = county.ring.map((p) => this.toMetres(p));
  }

  /** Distance from a point to the county border, metres. */
  toBorder(p: LonLat): number {
    return distanceToRing(this.toMetres(p), this.countyRing);
  }

  /** Local metres east/north of the county reference point. */
  toMetres(p: LonLat): Xy {
    const [x, y] = toLocal(this.county.frame, p);
    return [x * 1000, y * 1000];
  }

  metresBetween(a: LonLat, b: LonLat): number {
    const pa = this.toMetres(a);
    const pb = this.toMetres(b);
    return Math.hypot(pa[0] - pb[0], pa[1] - pb[1]);
  }

  /** The point moved by dx metres east and dy metres north, rounded to 1e-7°. */
  offset([lon, lat]: LonLat, dx: number, dy: number): LonLat {
    const { kmPerDegLon, kmPerDegLat } = this.county.frame;
    return [round7(lon + dx / 1000 / kmPerDegLon), round7(lat + dy / 1000 / kmPerDegLat)];
  }

  /** Index of the village containing the point at least MARGIN_M inside, or -1. */
  locate(p: LonLat): number {
    const [lon, lat] = p;
    for (const v of this.county.villages) {
      const [minX, minY, maxX, maxY] = v.bbox;
      if (lon < minX || lon > maxX || lat < minY || lat > maxY || !pointInRing(p, v.ring)) continue;
      return distanceToRing(this.toMetres(p), this.localRings[v.index] as Xy[]) >= MARGIN_M ? v.index : -1;
    }
    return -1;
  }

  /**
   * A point scattered around `centre` (normal, `sigmaM` metres per axis) that lies inside village `village` (or any
   * village when it is undefined). Falls back to nearer and nearer draws, and finally to the centre itself.
   */
  scatter(rng: Rng, centre: LonLat, sigmaM: number, village?: number): LonLat {
    for (let attempt = 0; attempt < 40; attempt++) {
      const spread = sigmaM * (1 - attempt / 40);
      const p = this.offset(centre, rng.normal(0, spread), rng.normal(0, spread));
      const found = this.locate(p);
      if (found >= 0 && (village === undefined || found === village)) return p;
    }
    return [round7(centre[0]), round7(centre[1])];
  }

  village(index: number): VillageModel {
    const village = this.county.villages[index];
    if (!village) throw new Error(`no village ${index}`);
    return village;
  }
}
