/**
 * The soil risk of production subjects, for other features (patrol risk ranking, officials' dashboards):
 *
 *   const risk = await soilRiskBySubject(db);            // newest run of every metal
 *   risk.get(subjectId) // → { class: 'strict_control', metals: ['cd'], strictControlMu: 3.2, … } or undefined
 *
 * and the per-grid list of subjects in risky zones of one run (groupByGrid), which the API and the Excel export use.
 */
import type { OverlayGroup, OverlayRow, SoilClass } from '../../../contracts/soil';
import type { SoilMetal } from '../../../contracts/enums';
import type { Queryable } from '../../db/engine';
import { type OverlayFilter, latestRunIds, subjectsInZones } from './soil-overlay.repository';

export { subjectsInZones, type OverlayFilter };

export interface SubjectSoilRisk {
  class: Exclude<SoilClass, 'priority_protection'>;
  /** Metals whose newest run puts the subject in a risky zone. */
  metals: SoilMetal[];
  runIds: number[];
  safeUtilisationMu: number;
  strictControlMu: number;
  pointInZone: boolean;
}

/**
 * The worst soil class of each active subject over the given runs (default: the newest run of each metal); subjects
 * outside every risky zone are absent from the map.
 */
export async function soilRiskBySubject(
  db: Queryable,
  options: { runIds?: number[]; subjectIds?: number[] } = {},
): Promise<Map<number, SubjectSoilRisk>> {
  const runs = options.runIds
    ? options.runIds.map((runId) => ({ runId, metal: '' }))
    : await latestRunIds(db);
  const metalOf = new Map<number, string>();
  if (!options.runIds) for (const r of runs) metalOf.set(r.runId, r.metal);
  else {
    const { rows } = await db.query<{ id: number; metal: string }>(
      'SELECT id, metal FROM soil_zone_run WHERE id = ANY($1::bigint[])',
      [options.runIds],
    );
    for (const r of rows) metalOf.set(r.id, r.metal);
  }
  const out = new Map<number, SubjectSoilRisk>();
  for (const { runId } of runs) {
    if (!metalOf.has(runId)) continue;
    for (const row of await subjectsInZones(db, runId, { subjectIds: options.subjectIds })) {
      const before = out.get(row.subject.id);
      const metal = metalOf.get(runId) as SoilMetal;
      out.set(row.subject.id, {
        class:
          before?.class === 'strict_control' || row.class === 'strict_control'
            ? 'strict_control'
            : 'safe_utilisation',
        metals: [...(before?.metals ?? []), metal],
        runIds: [...(before?.runIds ?? []), runId],
        safeUtilisationMu: (before?.safeUtilisationMu ?? 0) + row.safeUtilisationMu,
        strictControlMu: (before?.strictControlMu ?? 0) + row.strictControlMu,
        pointInZone: (before?.pointInZone ?? false) || row.pointInZone,
      });
    }
  }
  return out;
}

/** Rows grouped by village grid (with its township), in the order the repository returns them. */
export function groupByGrid(rows: OverlayRow[]): OverlayGroup[] {
  const groups = new Map<string, OverlayGroup>();
  for (const row of rows) {
    const key = String(row.village?.id ?? 'none');
    let g = groups.get(key);
    if (!g) {
      g = {
        grid: row.village ?? { id: 0, code: '', name: '（无网格）' },
        township: row.township,
        subjects: 0,
        safeUtilisationMu: 0,
        strictControlMu: 0,
        rows: [],
      };
      groups.set(key, g);
    }
    g.subjects++;
    g.safeUtilisationMu = Math.round((g.safeUtilisationMu + row.safeUtilisationMu) * 100) / 100;
    g.strictControlMu = Math.round((g.strictControlMu + row.strictControlMu) * 100) / 100;
    g.rows.push(row);
  }
  return [...groups.values()];
}
