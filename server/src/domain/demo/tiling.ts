/**
 * The three-level grid geometry: villages that tile the county exactly, townships that are unions of villages, and
 * the county that is the union of townships.
 *
 * Recipe: Voronoi cells of the village seeds (outside seeds shape the border) → densify every edge from its sorted
 * endpoints → one smooth warp of every node (Lipschitz < 1) → round to 1e-7° → unions by cancelling shared edges.
 * Each step is a pure function of a node, so both sides of a shared edge get bit-identical coordinates; no polygon
 * overlay (with its rounding) is ever done.
 */
import {
  cleanRing,
  localFrame,
  ringIsSimple,
  toLonLat,
  type LocalFrame,
  type LonLat,
  type Ring,
  type Xy,
} from './geo';
import { makeLayout } from './layout';
import type { Rng } from './prng';
import { adjacency, unionRings } from './ring-union';
import { groupTownships } from './township-groups';
import { buildCells, type CellTopology } from './voronoi-cells';
import { createWarp, type Warp } from './warp';

export interface TilingOptions {
  /** Reference point of the county (its approximate centre), degrees. */
  lon0: number;
  lat0: number;
  areaKm2: number;
  villages: number;
  townships: number;
  /** Largest distance between consecutive boundary vertices before the warp, km. */
  stepKm: number;
}

export interface VillageShape {
  township: number;
  /** The village centre (its warped seed), well inside the village. */
  centre: LonLat;
  ring: Ring;
}

export interface TownshipShape {
  /** Index of the seat village. */
  seat: number;
  villages: number[];
  ring: Ring;
}

export interface Tiling {
  frame: LocalFrame;
  county: Ring;
  townships: TownshipShape[];
  villages: VillageShape[];
}

/** The outline's 2,600 km² grows to about 2,950 km² of county: border villages reach halfway to the outside seeds. */
export const DEFAULT_TILING: TilingOptions = {
  lon0: 87.3,
  lat0: 44.0,
  areaKm2: 2600,
  villages: 57,
  townships: 10,
  stepKm: 0.25,
};

const MAX_ATTEMPTS = 20;

/** Builds the tiling; retries (deterministically) when the county or a township would not be one ring without holes. */
export function buildTiling(rng: Rng, options: TilingOptions = DEFAULT_TILING): Tiling {
  const frame = localFrame(options.lon0, options.lat0);
  for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
    const stage = rng.fork(`attempt-${attempt}`);
    const layout = makeLayout(stage.fork('layout'), options.areaKm2, options.villages);
    const topology = buildCells(
      stage.fork('edges'),
      [...layout.inside, ...layout.outside],
      layout.inside.length,
      options.stepKm,
    );
    const countyRings = unionRings(topology.cells);
    if (countyRings.length !== 1) continue;
    const project = projector(frame, createWarp(stage.fork('warp')), topology);
    const tiling = groupAndProject(layout.inside, topology, options.townships, project);
    if (tiling) return { frame, county: project.ring(countyRings[0] as string[]), ...tiling };
  }
  throw new Error(`no valid tiling after ${MAX_ATTEMPTS} attempts`);
}

interface Projector {
  /** Node ids → warped, rounded lon/lat ring (closed, without repeated vertices). */
  ring(ids: readonly string[]): Ring;
  /** Any local point → warped, rounded lon/lat. */
  point(p: Xy): LonLat;
}

function projector(frame: LocalFrame, warp: Warp, topology: CellTopology): Projector {
  const cache = new Map<string, LonLat>();
  const point = (p: Xy) => toLonLat(frame, warp(p));
  const at = (id: string): LonLat => {
    let p = cache.get(id);
    if (!p) {
      p = point(topology.nodes.get(id) as Xy);
      cache.set(id, p);
    }
    return p;
  };
  return { point, ring: (ids) => cleanRing([...ids, ids[0] as string].map(at)) };
}

function groupAndProject(
  seeds: readonly Xy[],
  topology: CellTopology,
  townshipCount: number,
  project: Projector,
): Omit<Tiling, 'frame' | 'county'> | null {
  const rings = topology.cells.map((cell) => project.ring(cell));
  // The warp and the meanders are gentle enough that this never trips in practice; it guards the guarantee.
  if (!rings.every(ringIsSimple)) return null;
  const neighbours = adjacency(topology.cells);
  for (let attempt = 0; attempt < seeds.length; attempt++) {
    const { seats, townshipOf } = groupTownships(seeds, neighbours, townshipCount, attempt);
    const members = seats.map((_, t) => townshipOf.flatMap((owner, v) => (owner === t ? [v] : [])));
    const unions = members.map((villages) => unionRings(villages.map((v) => topology.cells[v] as string[])));
    if (unions.some((r) => r.length !== 1)) continue;
    return {
      townships: seats.map((seat, t) => ({
        seat,
        villages: members[t] as number[],
        ring: project.ring((unions[t] as string[][])[0] as string[]),
      })),
      villages: rings.map((ring, v) => ({
        township: townshipOf[v] as number,
        centre: project.point(seeds[v] as Xy),
        ring,
      })),
    };
  }
  return null;
}
