/**
 * Where the planted patterns go. They are chosen before any subject or sample exists, so every later stage can
 * plant them, and they are kept apart so that a test of one analysis is not confused by another pattern.
 *
 * Glossary:
 * - carbofuran cluster: a circle (radius ~3.5 km) and a time window in which leafy-vegetable samples fail for
 *   carbofuran (克百威) far more often than elsewhere; subjects growing leafy vegetables are concentrated there.
 * - cadmium plume: soil Cd decaying like a Gaussian from a centre (an old smelter, say) whose peak is twice the
 *   GB 15618 intervention value for pH > 7.5, so strict-control and safe-utilisation rings form around it.
 * - blind spot: a village whose subjects nobody patrolled in the last twelve months of the data.
 * - unstaffed village: a village grid without its required 协管员 (village coordinator).
 */
import type { Places } from './places';
import type { LonLat } from './geo';
import type { Rng } from './prng';

export interface CarbofuranCluster {
  id: string;
  centre: LonLat;
  radiusM: number;
  from: string;
  to: string;
  /** Chance that a lab-tested leafy-vegetable sample inside fails for carbofuran during the window. */
  rate: number;
  /** Chance that a rapid test on a leafy vegetable inside is positive during the window. */
  rapidRate: number;
}

export interface PlumePlan {
  centre: LonLat;
  peakMgKg: number;
  /** Standard deviation of the Gaussian decay, metres. */
  sigmaM: number;
}

export interface PatternPlan {
  clusters: CarbofuranCluster[];
  plume: PlumePlan;
  /** Village indices. */
  blindSpots: number[];
  unstaffed: number[];
}

const CLUSTER_WINDOWS = [
  { from: '2024-05-01', to: '2024-09-30' },
  { from: '2025-06-01', to: '2025-10-15' },
] as const;

/** Villages fit for a pattern: not a township seat (seats are towns, not farmland). */
function ruralVillages(places: Places) {
  const seats = new Set(places.county.townships.map((t) => t.seat));
  return places.county.villages.filter((v) => !seats.has(v.index));
}

function farFrom(places: Places, p: LonLat, others: readonly LonLat[], metres: number): boolean {
  return others.every((o) => places.metresBetween(p, o) >= metres);
}

/** Two clusters in different townships, 5 km or more inside the border and 18 km or more apart. */
function pickClusters(rng: Rng, places: Places): CarbofuranCluster[] {
  const chosen: number[] = [];
  for (let k = 0; k < CLUSTER_WINDOWS.length; k++) {
    const candidates = ruralVillages(places).filter(
      (v) =>
        places.toBorder(v.centre) >= 5000 &&
        farFrom(
          places,
          v.centre,
          chosen.map((c) => places.village(c).centre),
          18_000,
        ) &&
        !chosen.some((c) => places.village(c).township === v.township),
    );
    chosen.push(rng.pick(candidates).index);
  }
  return chosen.map((v, k) => ({
    id: `cluster-${k + 1}`,
    centre: places.scatter(rng, places.village(v).centre, 500, v),
    radiusM: 3500,
    ...(CLUSTER_WINDOWS[k] as { from: string; to: string }),
    rate: 0.2,
    rapidRate: 0.2,
  }));
}

/** `count` villages in distinct townships, away from the given points (relaxing the distance if the county is small). */
function pickApart(
  rng: Rng,
  places: Places,
  count: number,
  avoid: readonly LonLat[],
  metres: number,
  used: Set<number>,
): number[] {
  const chosen: number[] = [];
  for (const distance of [metres, metres / 2, 0]) {
    for (const v of rng.shuffle(ruralVillages(places))) {
      if (chosen.length === count) return chosen;
      if (used.has(v.index) || !farFrom(places, v.centre, avoid, distance)) continue;
      if (chosen.some((c) => places.village(c).township === v.township)) continue;
      chosen.push(v.index);
      used.add(v.index);
    }
  }
  if (chosen.length < count) throw new Error(`only ${chosen.length} of ${count} villages fit the pattern`);
  return chosen;
}

export function planPatterns(rng: Rng, places: Places): PatternPlan {
  const clusters = pickClusters(rng, places);
  const centres = clusters.map((c) => c.centre);
  const plumeVillage = rng.pick(
    ruralVillages(places).filter(
      (v) => places.toBorder(v.centre) >= 7000 && farFrom(places, v.centre, centres, 14_000),
    ),
  );
  const plume = {
    centre: places.scatter(rng, plumeVillage.centre, 400, plumeVillage.index),
    peakMgKg: 8,
    sigmaM: 1600,
  };
  const used = new Set([...centres.map((c) => places.locate(c)), plumeVillage.index]);
  const avoid = [...centres, plume.centre];
  const blindSpots = pickApart(rng, places, rng.int(3, 4), avoid, 9000, used);
  const unstaffed = pickApart(rng, places, 2, avoid, 6000, used);
  return { clusters, plume, blindSpots, unstaffed };
}
