/**
 * What a click on the map selects. Several features usually lie under a finger — a sample inside a base inside
 * a village inside a township — so candidates are ranked from the most specific (points) to the least (the
 * county), nearest first among points, and the inspector offers the rest as a short list.
 *
 * Pure: map/ turns MapLibre's rendered features into PickInputs (with their pixel distance to the click).
 */
import type { LayerId } from '../../../server/contracts/layers';

export type InspectKind = 'grid' | 'subject' | 'sample' | 'soil' | 'patrol';

/** What the inspector shows: a record of the API, and the tile layer it was picked from (for highlighting). */
export interface Selection {
  kind: InspectKind;
  id: number;
  source: LayerId;
}

export interface PickInput {
  source: string;
  id: number | string | undefined;
  properties: Record<string, unknown>;
  /** Pixels from the click to the feature (0 for areas that contain the click). */
  distance: number;
}

export interface PickCandidate extends Selection {
  /** A name to list the candidate by (grid or subject name, sample commodity, …); null when the tile has none. */
  name: string | null;
  /** Lower is more specific. */
  rank: number;
  distance: number;
}

/** Kind and specificity of each pickable tile layer. Subject bases open their subject. */
const PICKABLE: Partial<Record<LayerId, { kind: InspectKind; rank: number }>> = {
  samples: { kind: 'sample', rank: 0 },
  'soil-samples': { kind: 'soil', rank: 0 },
  subjects: { kind: 'subject', rank: 0 },
  patrols: { kind: 'patrol', rank: 1 },
  'subject-bases': { kind: 'subject', rank: 2 },
  'grids-village': { kind: 'grid', rank: 3 },
  'grids-township': { kind: 'grid', rank: 4 },
  'grids-county': { kind: 'grid', rank: 5 },
};

export const PICKABLE_SOURCES = Object.keys(PICKABLE) as LayerId[];

export const MAX_CANDIDATES = 8;

function nameOf(source: string, properties: Record<string, unknown>): string | null {
  const text = (key: string) =>
    typeof properties[key] === 'string' && properties[key] !== '' ? (properties[key] as string) : null;
  switch (source) {
    case 'samples':
      return [text('commodity'), text('sampled_on')].filter(Boolean).join(' · ') || text('code');
    case 'soil-samples':
      return text('code');
    case 'patrols':
      return [text('inspector'), text('patrolled_on')].filter(Boolean).join(' · ') || null;
    default:
      return text('name');
  }
}

function toId(id: number | string | undefined): number | null {
  const value = typeof id === 'string' ? Number(id) : id;
  return value !== undefined && Number.isSafeInteger(value) && value > 0 ? value : null;
}

/** Ranked, de-duplicated candidates: best first, at most MAX_CANDIDATES. */
export function rankCandidates(inputs: readonly PickInput[]): PickCandidate[] {
  const best = new Map<string, PickCandidate>();
  for (const input of inputs) {
    const pickable = PICKABLE[input.source as LayerId];
    const id = toId(input.id);
    if (!pickable || id === null) continue;
    const candidate: PickCandidate = {
      kind: pickable.kind,
      id,
      source: input.source as LayerId,
      name: nameOf(input.source, input.properties),
      rank: pickable.rank,
      distance: input.distance,
    };
    // A feature cut by tile edges comes back once per tile; a subject comes back as point and as base.
    const key = `${candidate.kind}:${id}`;
    const seen = best.get(key);
    if (!seen || compare(candidate, seen) < 0) best.set(key, candidate);
  }
  return [...best.values()].sort(compare).slice(0, MAX_CANDIDATES);
}

function compare(a: PickCandidate, b: PickCandidate): number {
  return a.rank - b.rank || a.distance - b.distance || a.id - b.id;
}
