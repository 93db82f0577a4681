import { describe, expect, it } from 'vitest';
import {
  EMPTY_PERIOD,
  EMPTY_STATE,
  indicatorValue,
  periodDays,
  previousPeriod,
  sumCounts,
  type UnitCounts,
} from '../../../../server/src/domain/indicators/indicators';

const YEAR_2025 = { from: '2025-01-01', to: '2025-12-31' };

function unit(partial: {
  level?: UnitCounts['level'];
  population?: number | null;
  state?: Partial<UnitCounts['state']>;
  current?: Partial<UnitCounts['current']>;
  previous?: Partial<UnitCounts['previous']>;
}): UnitCounts {
  return {
    level: partial.level ?? 'township',
    population: partial.population === undefined ? 2000 : partial.population,
    state: { ...EMPTY_STATE, ...partial.state },
    current: { ...EMPTY_PERIOD, ...partial.current },
    previous: { ...EMPTY_PERIOD, ...partial.previous },
  };
}

describe('periods', () => {
  it('counts both ends of a period', () => {
    expect(periodDays('2025-01-01', '2025-12-31')).toBe(365);
    expect(periodDays('2024-01-01', '2024-12-31')).toBe(366);
    expect(periodDays('2025-03-10', '2025-03-10')).toBe(1);
  });

  it('compares a year with the year before and a quarter with the quarter before', () => {
    expect(previousPeriod('2024-01-01', '2024-12-31')).toEqual({ from: '2023-01-01', to: '2023-12-31' });
    expect(previousPeriod('2025-04-01', '2025-06-30')).toEqual({ from: '2025-01-01', to: '2025-03-31' });
    expect(previousPeriod('2025-01-01', '2025-02-28')).toEqual({ from: '2024-11-01', to: '2024-12-31' });
  });

  it('compares any other period with the same number of days just before it', () => {
    expect(previousPeriod('2025-03-10', '2025-03-19')).toEqual({ from: '2025-02-28', to: '2025-03-09' });
  });
});

describe('indicator values', () => {
  const target = (value: number, params: Record<string, unknown> = {}) => ({ target: value, params });

  it('gives the pass rate 24 of 25 = 96 % with its Wilson interval [80.5 %, 99.3 %], meeting a 96 % target', () => {
    const v = indicatorValue(
      'pass_rate',
      unit({ current: { judged: 25, passed: 24 } }),
      YEAR_2025,
      target(0.96),
    );
    expect(v.value).toBeCloseTo(0.96, 10);
    expect(v.interval?.[0]).toBeCloseTo(0.8046, 3);
    expect(v.interval?.[1]).toBeCloseTo(0.9929, 3);
    expect(v.smallSample).toBe(true); // 25 < 30
    expect(v.met).toBe(true);
    expect(v.distance).toBeCloseTo(0, 10);
  });

  it('never shows 2 of 2 as a bare 100 %: it is a small sample with a wide interval', () => {
    const v = indicatorValue(
      'pass_rate',
      unit({ current: { judged: 2, passed: 2 } }),
      YEAR_2025,
      target(0.96),
    );
    expect(v.value).toBe(1);
    expect(v.smallSample).toBe(true);
    expect(v.interval?.[0]).toBeCloseTo(0.3424, 3); // 2/(2 + z²) = 0.3424
    expect(v.interval?.[1]).toBe(1);
  });

  it('says "no samples" instead of 0 % or 100 % when nothing was tested', () => {
    const v = indicatorValue('banned_pass_rate', unit({}), YEAR_2025, target(1));
    expect(v).toMatchObject({ value: null, noData: 'no_samples', distance: null, met: null, interval: null });
  });

  it('computes the sampling quota as 1.5 batches per 1,000 residents a year, prorated to the period', () => {
    // 2,000 residents → 3 batches a year; the first half of 2025 (181 days) → 3 × 181 / 365 = 1.4877.
    const half = { from: '2025-01-01', to: '2025-06-30' };
    const v = indicatorValue(
      'sampling_quota',
      unit({ current: { labSamples: 2 } }),
      half,
      target(1, { perThousandPerYear: 1.5 }),
    );
    expect(v.denominator).toBe(1.5);
    expect(v.value).toBeCloseTo(2 / ((3 * 181) / 365), 10);
    expect(v.met).toBe(true);
  });

  it('says "no population" for the quota of a grid without population', () => {
    const v = indicatorValue(
      'sampling_quota',
      unit({ population: null, current: { labSamples: 4 } }),
      YEAR_2025,
      target(1),
    );
    expect(v).toMatchObject({ value: null, noData: 'no_population', numerator: 4 });
  });

  it('gives patrol coverage with the previous period and a downward trend', () => {
    const v = indicatorValue(
      'patrol_coverage',
      unit({ current: { patrolBase: 8, patrolled: 6 }, previous: { patrolBase: 8, patrolled: 8 } }),
      YEAR_2025,
      target(1),
    );
    expect(v).toMatchObject({ value: 0.75, previous: 1, trend: 'down', met: false, distance: -0.25 });
  });

  it('computes staffing from the grids of the unit and has no previous value (no history yet)', () => {
    const v = indicatorValue(
      'staffing',
      unit({ state: { grids: 7, staffedGrids: 6 } }),
      YEAR_2025,
      target(1),
    );
    expect(v.value).toBeCloseTo(6 / 7, 10);
    expect(v).toMatchObject({ previous: null, previousNoData: 'no_history', trend: null });
  });

  it('computes traceability only over the subjects that must enrol', () => {
    const v = indicatorValue(
      'traceability',
      unit({ state: { subjects: 10, mustTrace: 4, traced: 3 } }),
      YEAR_2025,
      target(1),
    );
    expect(v).toMatchObject({ value: 0.75, numerator: 3, denominator: 4 });
  });

  it('sums counts for a parent, so its rate is pooled and not an average of rates', () => {
    const total = sumCounts([
      unit({ population: 1000, current: { judged: 10, passed: 5 } }),
      unit({ population: 3000, current: { judged: 90, passed: 90 } }),
    ]);
    expect(total.population).toBe(4000);
    const v = indicatorValue('pass_rate', total, YEAR_2025, target(0.96));
    expect(v.value).toBeCloseTo(0.95, 10); // 95/100, not (0.5 + 1) / 2
    expect(sumCounts([unit({ population: null }), unit({})]).population).toBeNull();
  });
});

describe('rapid tests, enforcement cases and open rectifications', () => {
  const cfg = (target: number, params: Record<string, unknown> = {}) => ({ target, params });

  it('gives rapid-test days per township per week, "not_township" for a village, "not_collected" before any', () => {
    const u = unit({ state: { townships: 2 }, current: { rapidDays: 73 } });
    const v = indicatorValue('rapid_tests', u, YEAR_2025, cfg(1));
    expect(v.denominator).toBeCloseTo(104.3, 1);
    expect(v.value).toBeCloseTo(73 / ((2 * 365) / 7), 10);
    expect(v.met).toBe(false);
    const village = unit({ level: 'village', current: { rapidDays: 5 } });
    expect(indicatorValue('rapid_tests', village, YEAR_2025, cfg(1))).toMatchObject({
      value: null,
      noData: 'not_township',
    });
    const none = indicatorValue('rapid_tests', u, YEAR_2025, cfg(1), { rapidTests: false, cases: true });
    expect(none).toMatchObject({ value: null, noData: 'not_collected', met: null });
  });

  it('counts cases against the minimum of the level prorated to the period and flags zero-case units', () => {
    const county = unit({ level: 'county', current: { cases: 2 }, previous: { cases: 4 } });
    const v = indicatorValue('enforcement_cases', county, YEAR_2025, cfg(3));
    expect(v).toMatchObject({ value: 2, target: 3, met: false, flag: null, previous: 4, trend: 'down' });
    const q1 = indicatorValue('enforcement_cases', county, { from: '2025-01-01', to: '2025-03-31' }, cfg(3));
    expect(q1.target).toBeCloseTo((3 * 90) / 365, 10);
    expect(q1.met).toBe(true);
    const params = { perYear: { township: 1, village: 0 } };
    const township = unit({ current: { cases: 0 } });
    expect(indicatorValue('enforcement_cases', township, YEAR_2025, cfg(3, params))).toMatchObject({
      value: 0,
      target: 1,
      met: false,
      flag: 'zero_cases',
    });
    const village = unit({ level: 'village', current: { cases: 0 } });
    expect(indicatorValue('enforcement_cases', village, YEAR_2025, cfg(3, params))).toMatchObject({
      value: 0,
      distance: null,
      met: null,
      flag: 'zero_cases',
    });
    expect(
      indicatorValue('enforcement_cases', county, YEAR_2025, cfg(3), { rapidTests: true, cases: false }),
    ).toMatchObject({ value: null, noData: 'not_collected' });
  });

  it('gives the overdue rectifications as a maximum (target 0) and "no_patrols" without any patrol', () => {
    const u = unit({ current: { patrolsToDate: 3, openRectifications: 5, overdueRectifications: 2 } });
    expect(indicatorValue('open_rectifications', u, YEAR_2025, cfg(0))).toMatchObject({
      value: 2,
      numerator: 2,
      denominator: 5,
      distance: -2,
      met: false,
      flag: 'overdue',
    });
    const clean = unit({ current: { patrolsToDate: 3, openRectifications: 1 } });
    expect(indicatorValue('open_rectifications', clean, YEAR_2025, cfg(0))).toMatchObject({
      value: 0,
      met: true,
      flag: null,
    });
    expect(indicatorValue('open_rectifications', unit({}), YEAR_2025, cfg(0))).toMatchObject({
      value: null,
      noData: 'no_patrols',
    });
  });
});

describe('soil risk', () => {
  const config = { target: 0, params: {} };
  it('is "no data" without a covering run, never 0', () => {
    expect(indicatorValue('soil_risk', unit({}), YEAR_2025, config)).toMatchObject({
      value: null,
      noData: 'no_soil_run',
      distance: null,
      met: null,
      soil: null,
    });
  });

  it('counts strict-control subjects as a maximum and sums the areas of the units of a parent', () => {
    const a = unit({
      state: {
        soilRuns: 1,
        soilSubjects: 3,
        soilStrictSubjects: 2,
        soilStrictM2: 6666.7,
        soilSafeM2: 13333.4,
        soilClassifiedM2: 66667,
      },
    });
    const b = unit({ state: { soilRuns: 1, soilClassifiedM2: 66667 } });
    expect(indicatorValue('soil_risk', a, YEAR_2025, config)).toMatchObject({
      value: 2,
      numerator: 2,
      denominator: 3,
      distance: -2,
      met: false,
      previousNoData: 'no_history',
      soil: {
        strictControlMu: 10,
        safeUtilisationMu: 20,
        classifiedMu: 100,
        strictControlShare: expect.closeTo(0.1, 9),
        safeUtilisationShare: expect.closeTo(0.2, 9),
      },
    });
    expect(indicatorValue('soil_risk', b, YEAR_2025, config)).toMatchObject({ value: 0, met: true });
    const total = indicatorValue('soil_risk', sumCounts([a, b, unit({})]), YEAR_2025, config);
    expect(total).toMatchObject({ value: 2, denominator: 3 });
    expect(total.soil).toMatchObject({
      strictControlMu: 10,
      classifiedMu: 200,
      strictControlShare: expect.closeTo(0.05, 9),
    });
  });
});
