/**
 * The GB 15618-2018 table built straight from server/src/domain/soil/data/gb15618.json (the same source the
 * migration's rows come from; an integration test checks the database agrees), for pure unit tests.
 */
import fs from 'node:fs';
import type { LandUse, SoilMetal } from '../../../../server/contracts/enums';
import type { StandardTable, StandardValue } from '../../../../server/src/domain/soil/standards';

interface Source {
  table1_risk_screening_values_basic: Record<string, Record<string, number[]>>;
  table3_risk_intervention_values: Record<string, number[] | unknown>;
}

const json = JSON.parse(
  fs.readFileSync(new URL('../../../../server/src/domain/soil/data/gb15618.json', import.meta.url), 'utf8'),
) as Source;

export const BANDS: [number | null, number | null][] = [
  [null, 5.5],
  [5.5, 6.5],
  [6.5, 7.5],
  [7.5, null],
];
const COLUMNS: Record<string, LandUse[]> = {
  paddy: ['paddy'],
  other: ['dry', 'orchard', 'other'],
  orchard: ['orchard'],
  all: ['paddy', 'dry', 'orchard', 'other'],
};

export function gb15618(): StandardTable {
  const values: StandardValue[] = [];
  let id = 1;
  for (const metal of ['Cd', 'Hg', 'As', 'Pb', 'Cr', 'Cu', 'Ni', 'Zn']) {
    for (const [column, list] of Object.entries(json.table1_risk_screening_values_basic[metal]!)) {
      const landUses: LandUse[] =
        metal === 'Cu' && column === 'other' ? ['paddy', 'dry', 'other'] : COLUMNS[column]!;
      list.forEach((valueMgkg, b) =>
        values.push({
          id: id++,
          metal: metal.toLowerCase() as SoilMetal,
          kind: 'screening',
          landUses,
          phAbove: BANDS[b]![0],
          phUpTo: BANDS[b]![1],
          valueMgkg,
        }),
      );
    }
  }
  for (const metal of ['Cd', 'Hg', 'As', 'Pb', 'Cr']) {
    (json.table3_risk_intervention_values[metal] as number[]).forEach((valueMgkg, b) =>
      values.push({
        id: id++,
        metal: metal.toLowerCase() as SoilMetal,
        kind: 'intervention',
        landUses: COLUMNS.all!,
        phAbove: BANDS[b]![0],
        phUpTo: BANDS[b]![1],
        valueMgkg,
      }),
    );
  }
  return { code: 'GB 15618-2018', values };
}

export const SOURCE = json;
