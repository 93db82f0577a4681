/**
 * Production bases (生产基地): rotated rectangles of fields around a subject's location, inside its village and not
 * overlapping other bases. Xinjiang oasis fields follow shelterbelt grids, so most run close to north–south.
 *
 * Glossary:
 * - 亩 (mu): 666.67 m²; base areas are drawn in mu within the subject type's range.
 * - fits: every corner inside the village with a margin, no village edge crossing a side, and the bounding box clear
 *   of every base placed so far (a coarse spatial hash keeps that check cheap).
 */
import { round7, segmentsIntersect, type LonLat, type Ring } from './geo';
import type { Places } from './places';
import type { Rng } from './prng';

export const SQUARE_METRES_PER_MU = 666.67;

type Box = [number, number, number, number];

export class BaseLayout {
  private readonly hash = new Map<string, Box[]>();
  private static readonly CELL = 0.02;

  constructor(private readonly places: Places) {}

  /** A base of about `areaMu` centred on the point, shrinking (not below `minMu`) until it fits; else null. */
  place(rng: Rng, point: LonLat, village: number, areaMu: number, minMu: number): Ring | null {
    const angle = rng.normal(0, 0.12) + (rng.chance(0.2) ? rng.range(-0.8, 0.8) : 0);
    const aspect = rng.range(1, 3);
    for (let k = 0; areaMu * 0.7 ** k >= minMu; k++) {
      const area = areaMu * SQUARE_METRES_PER_MU * 0.7 ** k;
      const ring = this.rectangle(point, Math.sqrt(area * aspect), Math.sqrt(area / aspect), angle);
      if (this.fits(ring, village)) {
        this.remember(ring);
        return ring;
      }
    }
    return null;
  }

  private rectangle(centre: LonLat, lengthM: number, widthM: number, angle: number): Ring {
    const corners: [number, number][] = [
      [-1, -1],
      [1, -1],
      [1, 1],
      [-1, 1],
      [-1, -1],
    ];
    const cos = Math.cos(angle);
    const sin = Math.sin(angle);
    return corners.map(([u, v]) => {
      const x = (u * widthM) / 2;
      const y = (v * lengthM) / 2;
      const p = this.places.offset(centre, x * cos - y * sin, x * sin + y * cos);
      return [round7(p[0]), round7(p[1])];
    });
  }

  private fits(ring: Ring, village: number): boolean {
    if (!ring.slice(0, 4).every((corner) => this.places.locate(corner) === village)) return false;
    const box = boxOf(ring);
    const boundary = this.places.village(village).ring;
    for (let j = 0; j + 1 < boundary.length; j++) {
      const a = boundary[j] as LonLat;
      const b = boundary[j + 1] as LonLat;
      if (
        !overlaps(box, [
          Math.min(a[0], b[0]),
          Math.min(a[1], b[1]),
          Math.max(a[0], b[0]),
          Math.max(a[1], b[1]),
        ])
      )
        continue;
      for (let i = 0; i < 4; i++)
        if (segmentsIntersect(ring[i] as LonLat, ring[i + 1] as LonLat, a, b)) return false;
    }
    return !this.cells(box).some((key) => (this.hash.get(key) ?? []).some((other) => overlaps(box, other)));
  }

  private remember(ring: Ring): void {
    const box = boxOf(ring);
    for (const key of this.cells(box)) this.hash.set(key, [...(this.hash.get(key) ?? []), box]);
  }

  private cells([minX, minY, maxX, maxY]: Box): string[] {
    const keys: string[] = [];
    const c = BaseLayout.CELL;
    for (let x = Math.floor(minX / c); x <= Math.floor(maxX / c); x++) {
      for (let y = Math.floor(minY / c); y <= Math.floor(maxY / c); y++) keys.push(`${x}:${y}`);
    }
    return keys;
  }
}

function boxOf(ring: Ring): Box {
  const xs = ring.map((p) => p[0]);
  const ys = ring.map((p) => p[1]);
  return [Math.min(...xs), Math.min(...ys), Math.max(...xs), Math.max(...ys)];
}

function overlaps(a: Box, b: Box): boolean {
  return a[0] <= b[2] && b[0] <= a[2] && a[1] <= b[3] && b[1] <= a[3];
}
