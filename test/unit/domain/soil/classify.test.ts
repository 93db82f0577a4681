/**
 * Per-sample GB 15618-2018 classification: every pH band boundary (5.5, 6.5 and 7.5 belong to the lower band), every
 * land use (paddy vs other for Cd Hg As Pb Cr; orchard vs other for Cu; none for Ni Zn), the three classes, the
 * screening-only metals, the overall class and bad input. Expected values are read off the standard's tables
 * (gb15618.json), not from the code under test.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { LAND_USES, SOIL_METALS, type LandUse, type SoilMetal } from '../../../../server/contracts/enums';
import { assessMetal, classifySample, SOIL_REASONS } from '../../../../server/src/domain/soil/classify';
import { findValue } from '../../../../server/src/domain/soil/standards';
import { gb15618, SOURCE } from './gb15618-table';

const table = gb15618();
const screening = (metal: string, column: string) =>
  SOURCE.table1_risk_screening_values_basic[metal.charAt(0).toUpperCase() + metal.slice(1)]![column]!;
const intervention = (metal: string) =>
  SOURCE.table3_risk_intervention_values[metal.charAt(0).toUpperCase() + metal.slice(1)] as number[];

/** The standard's column for a sample land use, as the table's footnotes define it. */
function columnOf(metal: SoilMetal, landUse: LandUse): string {
  if (metal === 'ni' || metal === 'zn') return 'all';
  if (metal === 'cu') return landUse === 'orchard' ? 'orchard' : 'other';
  return landUse === 'paddy' ? 'paddy' : 'other';
}

/** pH values on and around every band boundary, with the band each belongs to. */
const PH_CASES: [number, number][] = [
  [0, 0],
  [4.2, 0],
  [5.5, 0],
  [5.5000001, 1],
  [6.0, 1],
  [6.5, 1],
  [6.51, 2],
  [7.5, 2],
  [7.5000001, 3],
  [8.3, 3],
  [14, 3],
];

describe('GB 15618-2018 screening and intervention values', () => {
  for (const metal of SOIL_METALS) {
    for (const landUse of LAND_USES) {
      it(`looks up the ${metal} screening value for ${landUse} land in the right column and pH band, boundaries included`, () => {
        const column = columnOf(metal, landUse);
        for (const [ph, band] of PH_CASES) {
          expect({ ph, value: findValue(table, metal, 'screening', landUse, ph)?.valueMgkg }).toEqual({
            ph,
            value: screening(metal, column)[band],
          });
        }
      });
    }
  }

  for (const metal of ['cd', 'hg', 'as', 'pb', 'cr'] as const) {
    it(`uses one ${metal} intervention value per pH band for every land use`, () => {
      for (const landUse of LAND_USES)
        for (const [ph, band] of PH_CASES)
          expect(findValue(table, metal, 'intervention', landUse, ph)?.valueMgkg).toBe(
            intervention(metal)[band],
          );
    });
  }

  it('has no intervention value for Cu, Ni and Zn', () => {
    for (const metal of ['cu', 'ni', 'zn'] as const)
      for (const landUse of LAND_USES)
        expect(findValue(table, metal, 'intervention', landUse, 7)).toBeUndefined();
  });
});

describe('classifying a soil sample', () => {
  it('keeps a paddy sample with Cd at exactly the screening value at pH 5.5 in priority protection', () => {
    const r = assessMetal(table, 'cd', 0.3, 'paddy', 5.5);
    expect(r).toMatchObject({
      ok: true,
      value: { class: 'priority_protection', ratio: 1, screeningMgkg: 0.3 },
    });
  });

  it('marks a paddy sample safe-utilisation when Cd exceeds the screening value at pH ≤ 5.5', () => {
    const r = assessMetal(table, 'cd', 0.31, 'paddy', 5.5);
    expect(r).toMatchObject({ ok: true, value: { class: 'safe_utilisation', interventionMgkg: 1.5 } });
    if (r.ok) expect(r.value.ratio).toBeCloseTo(0.31 / 0.3, 12);
  });

  it('marks a dry-land sample strict-control when Cd exceeds the intervention value at pH > 7.5', () => {
    expect(assessMetal(table, 'cd', 4.01, 'dry', 7.6)).toMatchObject({
      ok: true,
      value: { class: 'strict_control' },
    });
    expect(assessMetal(table, 'cd', 4.0, 'dry', 7.6)).toMatchObject({
      ok: true,
      value: { class: 'safe_utilisation' },
    });
  });

  it('judges arsenic against an intervention value that falls as pH rises', () => {
    expect(assessMetal(table, 'as', 150, 'dry', 5.0)).toMatchObject({ value: { class: 'safe_utilisation' } });
    expect(assessMetal(table, 'as', 150, 'dry', 8.0)).toMatchObject({ value: { class: 'strict_control' } });
  });

  it('uses the orchard column for Cu in orchards and the other column for Cu in paddies', () => {
    expect(assessMetal(table, 'cu', 120, 'orchard', 6)).toMatchObject({
      value: { class: 'priority_protection', screeningMgkg: 150 },
    });
    expect(assessMetal(table, 'cu', 120, 'paddy', 6)).toMatchObject({
      value: { class: 'safe_utilisation', screeningMgkg: 50 },
    });
  });

  it('never puts a sample into strict control for Cu, Ni or Zn, however high, and flags the class as screening-only', () => {
    for (const metal of ['cu', 'ni', 'zn'] as const) {
      expect(assessMetal(table, metal, 1e5, 'dry', 8)).toMatchObject({
        ok: true,
        value: { class: 'safe_utilisation', screeningOnly: true, interventionMgkg: null },
      });
    }
  });

  it('gives the overall class of the worst metal, and names it', () => {
    const r = classifySample(table, {
      ph: 8.1,
      landUse: 'dry',
      metals: { cd: 5, pb: 200, zn: 400, hg: null },
    });
    expect(r).toMatchObject({ ok: true, value: { overall: 'strict_control', worstMetal: 'cd' } });
    if (r.ok) expect(r.value.metals.map((m) => m.metal)).toEqual(['cd', 'pb', 'zn']);
  });

  it('gives no class to a sample without any measured metal', () => {
    expect(classifySample(table, { ph: 7, landUse: 'dry', metals: {} })).toEqual({
      ok: true,
      value: { metals: [], overall: null, worstMetal: null },
    });
  });

  it('refuses a pH outside 0–14 and a negative concentration', () => {
    expect(classifySample(table, { ph: 14.2, landUse: 'dry', metals: { cd: 0.1 } })).toMatchObject({
      ok: false,
      reason: SOIL_REASONS.PH_OUT_OF_RANGE,
    });
    expect(classifySample(table, { ph: -0.1, landUse: 'dry', metals: { cd: 0.1 } })).toMatchObject({
      ok: false,
    });
    expect(classifySample(table, { ph: 7, landUse: 'dry', metals: { cd: -0.01 } })).toMatchObject({
      ok: false,
      reason: SOIL_REASONS.NEGATIVE_CONCENTRATION,
      detail: { metal: 'cd' },
    });
  });

  it('refuses a metal for which the table has no value for that land use', () => {
    const withoutPaddyCd = {
      ...table,
      values: table.values.filter(
        (v) => !(v.metal === 'cd' && v.landUses.includes('paddy') && v.kind === 'screening'),
      ),
    };
    expect(classifySample(withoutPaddyCd, { ph: 6, landUse: 'paddy', metals: { cd: 0.2 } })).toMatchObject({
      ok: false,
      reason: SOIL_REASONS.NO_STANDARD_VALUE,
      detail: { metal: 'cd', landUse: 'paddy' },
    });
  });

  it('never lowers the class when a concentration rises (property)', () => {
    const rank = { priority_protection: 0, safe_utilisation: 1, strict_control: 2 } as const;
    fc.assert(
      fc.property(
        fc.constantFrom(...SOIL_METALS),
        fc.constantFrom(...LAND_USES),
        fc.double({ min: 0, max: 14, noNaN: true }),
        fc.double({ min: 0, max: 2000, noNaN: true }),
        fc.double({ min: 0, max: 2000, noNaN: true }),
        (metal, landUse, ph, a, b) => {
          const [lo, hi] = a <= b ? [a, b] : [b, a];
          const x = assessMetal(table, metal, lo, landUse, ph);
          const y = assessMetal(table, metal, hi, landUse, ph);
          return x.ok && y.ok && rank[x.value.class] <= rank[y.value.class];
        },
      ),
    );
  });
});
