/** The previous value and trend of the state indicators from the state rebuilt at the end of the previous period. */
import { describe, expect, it } from 'vitest';
import {
  EMPTY_PERIOD,
  EMPTY_STATE,
  indicatorValue,
  type StateCounts,
  sumCounts,
  type UnitCounts,
} from '../../../../server/src/domain/indicators/indicators';

const YEAR = { from: '2026-01-01', to: '2026-12-31' };
const config = { target: 1, params: {} };

function unit(
  state: Partial<StateCounts>,
  previousState: Partial<StateCounts> | null,
  historyStart = '2025-03-01',
) {
  const counts: UnitCounts = {
    level: 'township',
    population: 1000,
    state: { ...EMPTY_STATE, ...state },
    current: EMPTY_PERIOD,
    previous: EMPTY_PERIOD,
    previousState: previousState && { ...EMPTY_STATE, ...previousState },
    historyStart,
  };
  return counts;
}

describe('state indicators against the end of the previous period', () => {
  it('compares the staffing of now with the staffing at the end of the previous period', () => {
    const v = indicatorValue(
      'staffing',
      unit({ grids: 3, staffedGrids: 3 }, { grids: 3, staffedGrids: 2 }),
      YEAR,
      config,
    );
    expect(v).toMatchObject({ value: 1, previousNoData: null, trend: 'up' });
    expect(v.previous).toBeCloseTo(2 / 3, 10);
    expect(v.historyStart).toBeUndefined();
  });

  it('gives the reason of the previous state when there was nothing to count then', () => {
    const v = indicatorValue('registry_freshness', unit({ subjects: 2, freshSubjects: 1 }, {}), YEAR, config);
    expect(v).toMatchObject({ previous: null, previousNoData: 'no_subjects', trend: null });
  });

  it('keeps no_history with the first recorded day when the state at the end of the previous period is unknown', () => {
    const v = indicatorValue('certificates', unit({ mustCertify: 2, certifying: 1 }, null), YEAR, config);
    expect(v).toMatchObject({
      previous: null,
      previousNoData: 'no_history',
      historyStart: '2025-03-01',
      trend: null,
    });
  });

  it('never gives soil risk a history', () => {
    const v = indicatorValue('soil_risk', unit({ soilRuns: 1 }, { soilRuns: 1 }), YEAR, {
      target: 0,
      params: {},
    });
    expect(v).toMatchObject({ previous: null, previousNoData: 'no_history' });
    expect(v.historyStart).toBeUndefined();
  });

  it('sums the previous states of a parent’s units, and has none when one unit’s is unknown', () => {
    const a = unit({ mustTrace: 2, traced: 2 }, { mustTrace: 2, traced: 1 });
    const b = unit({ mustTrace: 1, traced: 1 }, { mustTrace: 1, traced: 1 });
    const both = indicatorValue('traceability', sumCounts([a, b], 'county'), YEAR, config);
    expect(both.previous).toBeCloseTo(2 / 3, 10);
    expect(both.trend).toBe('up');
    const unknown = indicatorValue('traceability', sumCounts([a, unit({}, null)], 'county'), YEAR, config);
    expect(unknown).toMatchObject({
      previous: null,
      previousNoData: 'no_history',
      historyStart: '2025-03-01',
    });
  });

  it('gives no value, never today’s, when the period ended before the audit log began', () => {
    const old = { ...unit({ grids: 3, staffedGrids: 3 }, null), currentNoHistory: true };
    const v = indicatorValue('staffing', old, { from: '2000-01-01', to: '2000-12-31' }, config);
    expect(v).toMatchObject({
      value: null,
      noData: 'no_history',
      met: null,
      distance: null,
      previous: null,
      previousNoData: 'no_history',
      historyStart: '2025-03-01',
    });
    // A parent of such units has none either; soil risk (no history kept) still has its value.
    const parent = sumCounts([old, unit({}, null)], 'county');
    expect(indicatorValue('traceability', parent, YEAR, config).noData).toBe('no_history');
    const soil = indicatorValue('soil_risk', { ...old, state: { ...old.state, soilRuns: 1 } }, YEAR, config);
    expect(soil.noData).toBeNull();
  });
});
