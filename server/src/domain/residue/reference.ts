/**
 * The shape of the residue reference data (data/reference.json) and the lookups judging needs.
 *
 * Glossary:
 * - edition: one version of a limit standard (GB 2763-2021); an edition of a family is in force from its
 *   effective date until the next edition of the same family takes effect.
 * - fallback: an edition whose table is not (fully) loaded names the edition whose limits apply meanwhile.
 * - commodity tree: GB 2763 Annex A; a limit on a group applies to its members unless they have their own.
 * - ban: a substance prohibited on some commodities (or on everything) from a date; date precision says how well
 *   the date is known ('unknown' bans are not applied; 'before_data' ones always are).
 */

export interface SourceRef {
  name: string;
  url: string | null;
}

export interface Edition {
  code: string;
  family: 'GB 2763' | 'GB 2762' | 'GB 31650';
  title: string;
  issued: string | null;
  effective: string;
  fallback: string | null;
  loaded: boolean;
  sources: string[];
  note: string;
}

export interface AnalyteRef {
  zh: string;
  en: string;
  cas: string | null;
  class: string;
  kind: 'pesticide' | 'contaminant' | 'veterinary_drug' | 'rapid_test';
  status: 'permitted' | 'restricted' | 'banned' | 'not_applicable';
  aliases: string[];
  cas_note: string | null;
}

export interface CommodityRef {
  zh: string;
  en: string;
  parent: string | null;
  category: string;
}

export interface LimitRef {
  standard: string;
  analyte: string;
  commodity: string;
  mgkg: number;
  confidence: 'high' | 'medium' | 'low';
  sources: string[];
  note: string;
}

export interface BanRef {
  analyte: string;
  /** Commodity-tree nodes covered; null = every use. */
  commodities: string[] | null;
  effective: string | null;
  precision: 'day' | 'year' | 'unknown' | 'before_data';
  act: string;
  measure: 'full_ban' | 'banned_on_crops' | 'banned_in_animals';
  confidence: string;
  sources: string[];
  note: string;
}

export interface ReferenceData {
  version: string;
  sources: Record<string, SourceRef>;
  editions: Edition[];
  analytes: AnalyteRef[];
  commodities: CommodityRef[];
  limits: LimitRef[];
  bans: BanRef[];
  rapid_test: { analyte: string; threshold_pct: number; method: string; note: string };
  not_found: string[];
}

/** Which family judges an analyte kind. */
export function familyOf(kind: AnalyteRef['kind']): Edition['family'] | null {
  if (kind === 'pesticide') return 'GB 2763';
  if (kind === 'contaminant') return 'GB 2762';
  if (kind === 'veterinary_drug') return 'GB 31650';
  return null;
}

/** The edition of a family in force on a China calendar date (YYYY-MM-DD), or null before the first one. */
export function editionInForce(editions: readonly Edition[], family: string, date: string): Edition | null {
  let best: Edition | null = null;
  for (const e of editions) {
    if (e.family !== family || e.effective > date) continue;
    if (!best || e.effective > best.effective) best = e;
  }
  return best;
}

/** A commodity and its ancestors, nearest first ([] when unknown). */
export function commodityPath(commodities: readonly CommodityRef[], name: string): string[] {
  const byName = new Map(commodities.map((c) => [c.zh, c]));
  const path: string[] = [];
  let node = byName.get(name);
  while (node && !path.includes(node.zh)) {
    path.push(node.zh);
    node = node.parent ? byName.get(node.parent) : undefined;
  }
  return path;
}
