/**
 * GB 15618-2018 risk screening and intervention values, as data: rows of a table (soil_standard_value, loaded from
 * /work/shared/standards/gb15618.json by a migration and editable), looked up here. No limit is written in code.
 *
 * Glossary:
 * - screening value (风险筛选值): at or below it the risk is negligible; intervention value (风险管制值): above it
 *   the risk is high. Cu, Ni and Zn have screening values only.
 * - pH band: a row applies when phAbove < pH ≤ phUpTo (open ends are null) — the standard's bands ≤ 5.5, 5.5–6.5,
 *   6.5–7.5, > 7.5 with inclusive upper bounds (pH exactly 5.5 falls in the first band).
 * - land uses: the sample land uses a row applies to. The standard's columns map onto them in the data: for Cd, Hg,
 *   As, Pb, Cr "水田" = paddy and "其他" = dry, orchard, other; for Cu "果园" = orchard and "其他" = paddy, dry, other;
 *   Ni and Zn one column for all four.
 */
import type { LandUse, SoilMetal } from '../../../contracts/enums';

export type StandardKind = 'screening' | 'intervention';

export interface StandardValue {
  id: number;
  metal: SoilMetal;
  kind: StandardKind;
  landUses: LandUse[];
  /** Exclusive lower bound of the pH band; null for the lowest band. */
  phAbove: number | null;
  /** Inclusive upper bound of the pH band; null for the highest band. */
  phUpTo: number | null;
  valueMgkg: number;
}

export interface StandardTable {
  /** e.g. "GB 15618-2018". */
  code: string;
  values: StandardValue[];
}

export function inBand(v: Pick<StandardValue, 'phAbove' | 'phUpTo'>, ph: number): boolean {
  return (v.phAbove === null || ph > v.phAbove) && (v.phUpTo === null || ph <= v.phUpTo);
}

/** The row for a metal, kind, land use and pH, or undefined when the table has none. */
export function findValue(
  table: StandardTable,
  metal: SoilMetal,
  kind: StandardKind,
  landUse: LandUse,
  ph: number,
): StandardValue | undefined {
  return table.values.find(
    (v) => v.metal === metal && v.kind === kind && v.landUses.includes(landUse) && inBand(v, ph),
  );
}

/** Whether the table has an intervention value for the metal at all (Cu, Ni, Zn have none in GB 15618-2018). */
export function hasIntervention(table: StandardTable, metal: SoilMetal): boolean {
  return table.values.some((v) => v.metal === metal && v.kind === 'intervention');
}
