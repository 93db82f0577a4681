import { describe, expect, it } from 'vitest';
import { PERIOD_END } from '../../../../server/src/domain/demo/calendar';
import { defaultDemo } from './demo-fixture';

describe('demo enforcement cases', { timeout: 60_000 }, () => {
  const { cases, patrols, samples } = defaultDemo();

  it('opens cases every year from referrals and failed samples, each after its source, numbered per year', () => {
    const byYear = new Map<string, number>();
    for (const c of cases) byYear.set(c.openedOn.slice(0, 4), (byYear.get(c.openedOn.slice(0, 4)) ?? 0) + 1);
    // At least the county minimum of 3 a year (seeds 000, 003), in every year of the data.
    for (const year of ['2024', '2025', '2026']) expect(byYear.get(year) ?? 0).toBeGreaterThanOrEqual(3);
    expect(new Set(cases.map((c) => c.caseNumber)).size).toBe(cases.length);
    expect(cases.find((c) => c.caseNumber.endsWith('〔2025〕1号'))).toBeDefined();
    const referrals = new Map(
      patrols.filter((p) => p.outcome === 'refer').map((p) => [`${p.subjectCode}|${p.patrolledAt}`, p]),
    );
    const sampleCodes = new Map(samples.map((s) => [s.code, s]));
    for (const c of cases) {
      expect(c.openedOn <= PERIOD_END).toBe(true);
      expect(c.status === 'open').toBe(c.closedOn === null);
      if (c.closedOn) expect(c.closedOn > c.openedOn).toBe(true);
      if (c.sourcePatrol) {
        const p = referrals.get(`${c.sourcePatrol.subjectCode}|${c.sourcePatrol.patrolledAt}`);
        expect(p, c.caseNumber).toBeDefined();
        expect(c.openedOn > p!.patrolledAt.slice(0, 10)).toBe(true);
      } else {
        const s = sampleCodes.get(c.sourceSampleCode!);
        expect(s?.verdict).toBe('fail');
        expect(s?.subjectCode).toBe(c.subjectCode);
      }
    }
  });

  it('leaves some referrals without a case, for the "open a case" list', () => {
    const linked = cases.filter((c) => c.sourcePatrol).length;
    expect(linked).toBeGreaterThan(0);
    expect(linked).toBeLessThan(patrols.filter((p) => p.outcome === 'refer').length);
  });
});
