/**
 * Groups villages into contiguous townships of similar size.
 *
 * Glossary:
 * - seat village: the village holding the township government and its supervision station; seats are spread out by
 *   farthest-point sampling, starting from the village nearest the county centre (the county seat's town).
 * - region growing: the smallest township that still borders an unassigned village takes the one nearest its seat.
 *   A township only ever grows into a neighbour of a village it already has, so every township is contiguous.
 */
import { distance, type Xy } from './geo';

export interface TownshipGroups {
  /** Seat village index of each township; township 0 holds the county seat. */
  seats: number[];
  /** Township index of each village. */
  townshipOf: number[];
}

/** Farthest-point sampling of `count` seats, starting from the `start`-th village nearest the origin. */
function chooseSeats(points: readonly Xy[], count: number, start: number): number[] {
  const byCentre = points.map((p, i) => [Math.hypot(p[0], p[1]), i] as const).sort((a, b) => a[0] - b[0]);
  const seats = [(byCentre[start % points.length] as readonly [number, number])[1]];
  while (seats.length < count) {
    let best = -1;
    let bestDistance = -1;
    points.forEach((p, i) => {
      if (seats.includes(i)) return;
      const nearest = Math.min(...seats.map((s) => distance(p, points[s] as Xy)));
      if (nearest > bestDistance) {
        bestDistance = nearest;
        best = i;
      }
    });
    seats.push(best);
  }
  return seats;
}

/** The unassigned neighbour of township t's villages nearest its seat, or -1. */
function nearestFrontier(
  t: number,
  seat: Xy,
  points: readonly Xy[],
  neighbours: readonly number[][],
  townshipOf: number[],
): number {
  let best = -1;
  let bestDistance = Infinity;
  townshipOf.forEach((owner, v) => {
    if (owner !== t) return;
    for (const n of neighbours[v] ?? []) {
      if (townshipOf[n] !== -1) continue;
      const d = distance(points[n] as Xy, seat);
      if (d < bestDistance || (d === bestDistance && n < best)) {
        bestDistance = d;
        best = n;
      }
    }
  });
  return best;
}

/**
 * Assigns every village to one of `count` townships. `attempt` varies the seat choice, so a caller can try again
 * when a grouping is unsuitable (e.g. a township that would enclose another).
 */
export function groupTownships(
  points: readonly Xy[],
  neighbours: readonly number[][],
  count: number,
  attempt: number,
): TownshipGroups {
  const seats = chooseSeats(points, count, attempt);
  const townshipOf = points.map(() => -1);
  seats.forEach((v, t) => (townshipOf[v] = t));
  const sizes = seats.map(() => 1);
  let unassigned = points.length - count;
  while (unassigned > 0) {
    const order = sizes.map((size, t) => [size, t] as const).sort((a, b) => a[0] - b[0] || a[1] - b[1]);
    let grown = false;
    for (const [, t] of order) {
      const v = nearestFrontier(t, points[seats[t] as number] as Xy, points, neighbours, townshipOf);
      if (v === -1) continue;
      townshipOf[v] = t;
      sizes[t] = (sizes[t] as number) + 1;
      unassigned--;
      grown = true;
      break;
    }
    if (!grown) throw new Error('villages are not connected: some cannot join any township');
  }
  return { seats, townshipOf };
}
