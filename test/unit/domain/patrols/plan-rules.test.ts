/** Patrol-frequency rules on a hand-computed calendar (docs/patrols.md, "Rules"). */
import { describe, expect, it } from 'vitest';
import {
  type PatrolRule,
  type RuleSubject,
  complianceByGrid,
  evaluateSubject,
  overlapsMonths,
  periodDays,
  periodYears,
  requiredInPeriod,
} from '../../../../server/src/domain/patrols/rules';

const PEAK = [5, 6, 7, 8, 9, 10];
const enterprise: PatrolRule = {
  subjectType: 'enterprise',
  perYear: 2,
  keyListExtra: 1,
  lowCreditExtra: 1,
  peakMonths: PEAK,
  peakExtra: 1,
};
const grower: PatrolRule = {
  subjectType: 'large_grower',
  perYear: 1,
  keyListExtra: 1,
  lowCreditExtra: 1,
  peakMonths: PEAK,
  peakExtra: 0,
};
const household: PatrolRule = {
  subjectType: 'small_household',
  perYear: 0,
  keyListExtra: 1,
  lowCreditExtra: 1,
  peakMonths: PEAK,
  peakExtra: 0,
};
const Y2025 = { from: '2025-01-01', to: '2025-12-31' };
const subject = (over: Partial<RuleSubject>): RuleSubject => ({
  id: 1,
  type: 'enterprise',
  keyList: false,
  creditClass: 'A',
  gridId: 10,
  patrolDates: [],
  ...over,
});

describe('what a period requires', () => {
  it('counts days with both ends and finds peak months in the period', () => {
    expect(periodDays(Y2025)).toBe(365);
    expect(periodDays({ from: '2024-02-01', to: '2024-02-29' })).toBe(29);
    expect(overlapsMonths({ from: '2025-01-01', to: '2025-03-31' }, PEAK)).toBe(false);
    expect(overlapsMonths({ from: '2025-04-20', to: '2025-05-01' }, PEAK)).toBe(true);
    expect(overlapsMonths({ from: '2025-11-01', to: '2026-02-28' }, PEAK)).toBe(false);
  });

  it('an enterprise needs 2 + 1 in the peak season per year, a key-list one 3 + 1, a half year 1 + 1', () => {
    expect(requiredInPeriod(enterprise, 2, Y2025)).toBe(3);
    expect(requiredInPeriod(enterprise, 3, Y2025)).toBe(4);
    // 181 days × 2 / 365 = 0.99 → 1, and May/June are peak months → 2.
    expect(requiredInPeriod(enterprise, 2, { from: '2025-01-01', to: '2025-06-30' })).toBe(2);
    // The first quarter has no peak month: 90 × 2 / 365 → 1.
    expect(requiredInPeriod(enterprise, 2, { from: '2025-01-01', to: '2025-03-31' })).toBe(1);
  });

  it('counts a whole leap year as one year, not 366/365 of one', () => {
    expect(periodYears({ from: '2024-01-01', to: '2024-12-31' })).toBe(1);
    // 3 a year over 2024: 3, not ⌈3 × 366 / 365⌉ = 4 (no peak months here).
    expect(
      requiredInPeriod({ ...enterprise, peakMonths: [] }, 3, { from: '2024-01-01', to: '2024-12-31' }),
    ).toBe(3);
    // July 2024 – June 2025: 184/366 + 181/365 ≈ 0.998 of a year → 3 × 0.998 → 3.
    expect(periodYears({ from: '2024-07-01', to: '2025-06-30' })).toBeCloseTo(184 / 366 + 181 / 365, 12);
    expect(
      requiredInPeriod({ ...enterprise, peakMonths: [] }, 3, { from: '2024-07-01', to: '2025-06-30' }),
    ).toBe(3);
    // Two whole years, one of them leap: exactly 2.
    expect(periodYears({ from: '2024-01-01', to: '2025-12-31' })).toBe(2);
  });

  it('small households need nothing unless they are on the key list or of credit class C/D', () => {
    expect(evaluateSubject(household, subject({ type: 'small_household' }), Y2025, '2025-12-31').status).toBe(
      'not_required',
    );
    const risky = evaluateSubject(
      household,
      subject({ type: 'small_household', creditClass: 'C' }),
      Y2025,
      '2025-12-31',
    );
    expect([risky.annual, risky.required, risky.status]).toEqual([1, 1, 'due']); // due until the period's last day
  });
});

describe('status of a subject on a date', () => {
  it('is on track with three patrols in 2025 (one in the peak season)', () => {
    const r = evaluateSubject(
      enterprise,
      subject({ patrolDates: ['2025-09-01', '2025-03-01', '2025-06-15', '2024-12-01'] }),
      Y2025,
      '2025-12-31',
    );
    expect(r).toMatchObject({
      required: 3,
      done: 3,
      remaining: 0,
      status: 'on_track',
      lastPatrol: '2025-09-01',
    });
  });

  it('a key-list enterprise last seen on 1 Feb is due again 121 days later (2 June) and 29 days overdue on 1 July', () => {
    const r = evaluateSubject(
      enterprise,
      subject({ keyList: true, patrolDates: ['2025-02-01'] }),
      Y2025,
      '2025-07-01',
    );
    expect(r).toMatchObject({
      annual: 3,
      required: 4,
      done: 1,
      remaining: 3,
      nextDue: '2025-06-02',
      status: 'overdue',
      overdueDays: 29,
    });
  });

  it('a large grower never patrolled is due in the first quarter and overdue once the quarter has ended', () => {
    const Q1 = { from: '2025-01-01', to: '2025-03-31' };
    const g = subject({ type: 'large_grower' });
    expect(evaluateSubject(grower, g, Q1, '2025-02-15')).toMatchObject({
      required: 1,
      status: 'due',
      nextDue: '2025-03-31',
      overdueDays: 0,
    });
    expect(evaluateSubject(grower, g, Q1, '2025-04-10')).toMatchObject({
      status: 'overdue',
      overdueDays: 10,
    });
  });

  it('patrols after the evaluation date do not count yet', () => {
    const r = evaluateSubject(
      grower,
      subject({ type: 'large_grower', patrolDates: ['2025-08-01'] }),
      Y2025,
      '2025-07-01',
    );
    expect([r.done, r.status]).toEqual([0, 'due']);
  });
});

describe('compliance per grid', () => {
  it('counts subjects on track among those with a requirement, and the overdue ones', () => {
    const results = [
      evaluateSubject(
        enterprise,
        subject({ id: 1, gridId: 11, patrolDates: ['2025-03-01', '2025-06-15', '2025-09-01'] }),
        Y2025,
        '2025-12-31',
      ),
      evaluateSubject(
        enterprise,
        subject({ id: 2, gridId: 12, patrolDates: ['2025-03-01'] }),
        Y2025,
        '2025-12-31',
      ),
      evaluateSubject(
        household,
        subject({ id: 3, gridId: 12, type: 'small_household' }),
        Y2025,
        '2025-12-31',
      ),
      evaluateSubject(
        grower,
        subject({ id: 4, gridId: 21, type: 'large_grower', patrolDates: ['2025-05-05'] }),
        Y2025,
        '2025-12-31',
      ),
    ];
    // Villages 11 and 12 belong to township 1, village 21 to township 2.
    const byTownship = complianceByGrid(results, (g) => (g === null ? null : Math.floor(g / 10)));
    expect(byTownship.get(1)).toMatchObject({
      subjects: 3,
      requiredSubjects: 2,
      required: 6,
      done: 4,
      doneTowardsRequired: 4,
      onTrack: 1,
      overdue: 1,
      complianceRate: 0.5,
    });
    expect(byTownship.get(2)).toMatchObject({ subjects: 1, onTrack: 1, complianceRate: 1 });
  });
});
