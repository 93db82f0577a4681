/**
 * GPS tracks of patrols: the inspector arrives near the subject, walks around its base (or its yard, when it has no
 * mapped base) and leaves — 20 to 80 fixes with a few metres of GPS noise, as a phone records them.
 *
 * Glossary:
 * - fix: one recorded position, rounded to 1e-7° like every stored coordinate.
 * - perimeter walk: points along the base ring, starting at a random corner, covering 60–100 % of the perimeter.
 */
import type { LonLat, Ring } from './geo';
import type { Places } from './places';
import type { Rng } from './prng';

function alongRing(ring: Ring, fraction: number): LonLat {
  const lengths = ring
    .slice(1)
    .map((p, i) => Math.hypot(p[0] - (ring[i] as LonLat)[0], p[1] - (ring[i] as LonLat)[1]));
  let target = (fraction % 1) * lengths.reduce((s, l) => s + l, 0);
  for (let i = 0; i < lengths.length; i++) {
    const l = lengths[i] as number;
    if (target <= l) {
      const a = ring[i] as LonLat;
      const b = ring[i + 1] as LonLat;
      const t = l === 0 ? 0 : target / l;
      return [a[0] + (b[0] - a[0]) * t, a[1] + (b[1] - a[1]) * t];
    }
    target -= l;
  }
  return ring[0] as LonLat;
}

/** A track of `count` fixes around a base ring. */
function perimeterWalk(rng: Rng, places: Places, base: Ring, count: number): LonLat[] {
  const start = rng.next();
  const cover = rng.range(0.6, 1);
  return Array.from({ length: count }, (_, i) => {
    const p = alongRing(base, start + (cover * i) / (count - 1));
    return places.offset(p, rng.normal(0, 4), rng.normal(0, 4));
  });
}

/** A track of `count` fixes looping around a point at 15–80 m. */
function yardWalk(rng: Rng, places: Places, point: LonLat, count: number): LonLat[] {
  const radius = rng.range(15, 80);
  const start = rng.range(0, 2 * Math.PI);
  const turns = rng.range(0.8, 1.3) * (rng.chance(0.5) ? 1 : -1);
  return Array.from({ length: count }, (_, i) => {
    const angle = start + (2 * Math.PI * turns * i) / (count - 1);
    const r = radius * rng.range(0.75, 1.2);
    return places.offset(
      point,
      r * Math.cos(angle) + rng.normal(0, 3),
      r * Math.sin(angle) + rng.normal(0, 3),
    );
  });
}

/** The track of one patrol of a subject at `point` with an optional base. */
export function patrolTrack(rng: Rng, places: Places, point: LonLat, base: Ring | null): LonLat[] {
  const count = rng.int(20, 80);
  const walk = base ? perimeterWalk(rng, places, base, count - 2) : yardWalk(rng, places, point, count - 2);
  // Arrival from and return to the vehicle, parked 40–150 m from where the walk starts.
  const angle = rng.range(0, 2 * Math.PI);
  const distance = rng.range(40, 150);
  const parked = places.offset(walk[0] as LonLat, distance * Math.cos(angle), distance * Math.sin(angle));
  return [parked, ...walk, places.offset(parked, rng.normal(0, 3), rng.normal(0, 3))];
}
