/**
 * DEMO ONLY: a plausible earlier history of the demo county's roster and registry, so that the dashboard's state
 * indicators (staffing, registry freshness, traceability, certificates) have a previous value and a trend.
 *
 * Every demo row is written at load time; the loader adds these events to the audit log, backdated, from which the
 * dashboard rebuilds the state at the end of a previous period (server/src/modules/indicators/state-history.repository.ts):
 * - set-up: the grids, the roster and the registry were recorded on HISTORY_SETUP (2 January 2024);
 * - registry reviews: each subject is reviewed (its record updated) in 2024, 2025 and 2026 with probabilities 0.7,
 *   0.85 and 0.9, on a day between 1 March and 25 October;
 * - traceability enrolment and compliance certificates: of the subjects that have them now, some only started at
 *   the review of 2024, 2025 or 2026;
 * - village coordinators: 3 villages got theirs in 2025 and 4 in 2026 (before that they were unstaffed).
 * Pure and deterministic (stream 'history' of the seed); it is not part of DemoData, so the data digest is unchanged.
 */
import { Rng } from './prng';
import type { DemoData } from './types';

/** 10:00 China time on 2 January 2024 (just before the first sample of the demo). */
export const HISTORY_SETUP = '2024-01-02T02:00:00.000Z';
const YEARS = [2024, 2025, 2026] as const;
const REVIEW_CHANCE = [0.7, 0.85, 0.9];
/** When a subject that has it now started: set-up, or the review of 2024, 2025, 2026. */
const TRACE_START = [0.6, 0.15, 0.15, 0.1];
const CERTIFICATE_START = [0.5, 0.2, 0.15, 0.15];
/** The types whose traceability and certificates the dashboard counts by default. */
const COUNTED_TYPES = ['enterprise', 'cooperative', 'family_farm', 'large_grower'];

export interface SubjectState {
  /** ISO instant of the write. */
  at: string;
  traceability: boolean;
  issuesCertificate: boolean;
}

export interface DemoHistory {
  setup: string;
  /** Per subject its states in order: the first is its registration (insert), the others updates; the last equals the loaded row. */
  subjects: { code: string; states: SubjectState[] }[];
  /** Village coordinators appointed after the set-up (their grid, role, name and the instant). */
  appointed: { gridCode: string; role: string; name: string; at: string }[];
  /** Ground truth (demo_truth 'state_history'): the counts the dashboard must find at the end of 2024 and 2025. */
  truth: Record<string, unknown>;
}

/** An instant at 10:00 China time on a day between 1 March and 25 October of the year. */
function dayIn(rng: Rng, year: number, from = '03-01', to = '10-25'): string {
  const start = Date.parse(`${year}-${from}T02:00:00.000Z`);
  const end = Date.parse(`${year}-${to}T02:00:00.000Z`);
  const days = Math.round((end - start) / 86_400_000);
  return new Date(start + rng.int(0, days) * 86_400_000).toISOString();
}

function startOf(rng: Rng, weights: readonly number[]): number {
  let u = rng.next();
  for (const [i, w] of weights.entries()) {
    if (u < w) return i;
    u -= w;
  }
  return weights.length - 1;
}

export function demoHistory(data: DemoData): DemoHistory {
  const rng = new Rng(data.seed).fork('history');
  const yearEnd = new Map<number, Record<string, number>>(
    [2024, 2025].map((y) => [
      y,
      { subjects: 0, fresh: 0, mustTrace: 0, traced: 0, mustCertify: 0, certifying: 0 },
    ]),
  );
  const subjects = data.subjects.map((s) => {
    const traceFrom = s.traceability ? startOf(rng, TRACE_START) : Infinity;
    const certificateFrom = s.issuesCertificate ? startOf(rng, CERTIFICATE_START) : Infinity;
    const states: SubjectState[] = [
      { at: HISTORY_SETUP, traceability: traceFrom === 0, issuesCertificate: certificateFrom === 0 },
    ];
    for (const [i, year] of YEARS.entries()) {
      const starts = traceFrom === i + 1 || certificateFrom === i + 1;
      if (!rng.chance(REVIEW_CHANCE[i]!) && !starts) continue;
      states.push({
        at: dayIn(rng, year),
        traceability: traceFrom <= i + 1,
        issuesCertificate: certificateFrom <= i + 1,
      });
    }
    for (const [y, counts] of yearEnd) {
      const last = states.filter((st) => st.at.slice(0, 4) <= String(y)).at(-1)!;
      const counted = COUNTED_TYPES.includes(s.type);
      counts.subjects! += 1;
      counts.fresh! += last.at.slice(0, 4) === String(y) ? 1 : 0;
      counts.mustTrace! += counted ? 1 : 0;
      counts.traced! += counted && last.traceability ? 1 : 0;
      counts.mustCertify! += counted ? 1 : 0;
      counts.certifying! += counted && last.issuesCertificate ? 1 : 0;
    }
    return { code: s.code, states };
  });
  // Villages with exactly one coordinator: 3 appointed in 2025, 4 in 2026 (none of them the planted unstaffed ones).
  const byVillage = new Map<string, DemoData['persons']>();
  for (const p of data.persons.filter((x) => x.role === 'village_coordinator'))
    byVillage.set(p.gridCode, [...(byVillage.get(p.gridCode) ?? []), p]);
  const single = [...byVillage.values()].filter((list) => list.length === 1).map((list) => list[0]!);
  const chosen: typeof single = [];
  while (chosen.length < 7 && single.length > 0)
    chosen.push(single.splice(rng.int(0, single.length - 1), 1)[0]!);
  const appointed = chosen.map((p, i) => ({
    gridCode: p.gridCode,
    role: p.role,
    name: p.name,
    at: i < 3 ? dayIn(rng, 2025) : dayIn(rng, 2026, '01-15', '10-25'),
  }));
  return {
    setup: HISTORY_SETUP,
    subjects,
    appointed,
    truth: {
      note: 'demo only: backdated audit rows of roster and registry edits (server/src/domain/demo/history.ts)',
      setup: HISTORY_SETUP,
      counted_types: COUNTED_TYPES,
      appointed: appointed.map((a) => ({ village_code: a.gridCode, at: a.at })),
      year_end: Object.fromEntries(yearEnd),
    },
  };
}
