/** The demo's backdated roster and registry history (demo only): deterministic and ending in the loaded rows. */
import { describe, expect, it } from 'vitest';
import { generateDemo } from '../../../../server/src/domain/demo/generate';
import { demoHistory, HISTORY_SETUP } from '../../../../server/src/domain/demo/history';

const data = generateDemo();
const history = demoHistory(data);

describe('the demo history', () => {
  it('is the same for the same seed', () => {
    expect(JSON.stringify(demoHistory(generateDemo()))).toBe(JSON.stringify(history));
  });

  it('starts every subject at the set-up, in time order, and ends in the flags the loader writes', () => {
    const bySubject = new Map(data.subjects.map((s) => [s.code, s]));
    expect(history.subjects).toHaveLength(data.subjects.length);
    for (const { code, states } of history.subjects) {
      const s = bySubject.get(code)!;
      expect(states[0]!.at).toBe(HISTORY_SETUP);
      expect(states.map((x) => x.at)).toEqual([...states.map((x) => x.at)].sort());
      expect(states.at(-1)).toMatchObject({
        traceability: s.traceability,
        issuesCertificate: s.issuesCertificate,
      });
      // Enrolment is never withdrawn in the demo.
      for (const [i, st] of states.entries())
        if (i > 0)
          expect(Number(st.traceability)).toBeGreaterThanOrEqual(Number(states[i - 1]!.traceability));
    }
  });

  it('appoints 7 coordinators of staffed villages later, before the demo’s data ends', () => {
    const staffed = new Set(
      data.persons.filter((p) => p.role === 'village_coordinator').map((p) => p.gridCode),
    );
    expect(history.appointed).toHaveLength(7);
    for (const a of history.appointed) {
      expect(staffed.has(a.gridCode)).toBe(true);
      expect(a.at > HISTORY_SETUP && a.at < '2026-11-01').toBe(true);
    }
    expect(new Set(history.appointed.map((a) => a.gridCode)).size).toBe(7);
  });
});
