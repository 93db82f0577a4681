/**
 * Patrol-frequency rules (annex 1 of seed 004) applied to a period: how many patrols each subject needs, whether it
 * is on track, due or overdue, and the compliance rate of a grid. Pure: no clock, no database; dates are
 * 'YYYY-MM-DD' (China Standard Time calendar days).
 *
 * Definitions (docs/patrols.md, "Rules"):
 * - annual requirement = perYear + keyListExtra (on the key list) + lowCreditExtra (credit class C or D);
 * - required in a period = ceil(annual × years of the period), plus peakExtra when the period overlaps one of
 *   the rule's peak months and the annual requirement is not 0; a full calendar year with peak months therefore
 *   needs annual + peakExtra; the years of a period are its days in each calendar year ÷ that year's days, so a
 *   whole calendar year — leap or not — is exactly one year;
 * - interval = 365 ÷ annual days; next due = last patrol (or the period start without one) + interval;
 * - status at `asOf`: on_track when done ≥ required; overdue when asOf is after next due (or after the period end);
 *   due otherwise. Subjects with no requirement are `not_required` and do not count in the rate.
 */

export const SUBJECT_TYPES = [
  'enterprise',
  'cooperative',
  'family_farm',
  'large_grower',
  'small_household',
  'input_shop',
  'storage_transport',
] as const;
export type SubjectType = (typeof SUBJECT_TYPES)[number];

export interface PatrolRule {
  subjectType: SubjectType;
  perYear: number;
  keyListExtra: number;
  lowCreditExtra: number;
  /** 1–12. */
  peakMonths: number[];
  peakExtra: number;
}

export interface RuleSubject {
  id: number;
  type: SubjectType;
  keyList: boolean;
  creditClass: string | null;
  gridId: number | null;
  /** Patrol days of the subject, any order; only those within the period count as done. */
  patrolDates: string[];
}

export type PatrolStatus = 'on_track' | 'due' | 'overdue' | 'not_required';

export interface SubjectCompliance {
  subjectId: number;
  gridId: number | null;
  annual: number;
  required: number;
  done: number;
  remaining: number;
  lastPatrol: string | null;
  nextDue: string | null;
  status: PatrolStatus;
  /** Days past next due (0 unless overdue). */
  overdueDays: number;
}

export interface Period {
  from: string;
  to: string;
}

const DAY_MS = 86_400_000;
export const toDayNumber = (d: string): number => Date.parse(`${d}T00:00:00Z`) / DAY_MS;
export const fromDayNumber = (n: number): string =>
  new Date(Math.round(n) * DAY_MS).toISOString().slice(0, 10);

/** Days of the period, both ends included. */
export function periodDays(p: Period): number {
  return toDayNumber(p.to) - toDayNumber(p.from) + 1;
}

const isLeap = (y: number): boolean => (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;

/** Length of the period in years: its days in each calendar year ÷ the days of that year (2024 whole = 1). */
export function periodYears(p: Period): number {
  const [fy, ty] = [Number(p.from.slice(0, 4)), Number(p.to.slice(0, 4))];
  let years = 0;
  for (let y = fy; y <= ty; y++) {
    const from = y === fy ? p.from : `${y}-01-01`;
    const to = y === ty ? p.to : `${y}-12-31`;
    years += (toDayNumber(to) - toDayNumber(from) + 1) / (isLeap(y) ? 366 : 365);
  }
  return years;
}

/** Does the period contain at least one day of one of the months? */
export function overlapsMonths(p: Period, months: readonly number[]): boolean {
  if (months.length === 0) return false;
  const set = new Set(months);
  let [y, m] = [Number(p.from.slice(0, 4)), Number(p.from.slice(5, 7))];
  const [ty, tm] = [Number(p.to.slice(0, 4)), Number(p.to.slice(5, 7))];
  while (y < ty || (y === ty && m <= tm)) {
    if (set.has(m)) return true;
    m += 1;
    if (m > 12) [y, m] = [y + 1, 1];
  }
  return false;
}

export function annualRequirement(rule: PatrolRule, s: Pick<RuleSubject, 'keyList' | 'creditClass'>): number {
  const lowCredit = s.creditClass === 'C' || s.creditClass === 'D';
  return rule.perYear + (s.keyList ? rule.keyListExtra : 0) + (lowCredit ? rule.lowCreditExtra : 0);
}

export function requiredInPeriod(rule: PatrolRule, annual: number, p: Period): number {
  if (annual === 0) return 0;
  const base = Math.ceil(annual * periodYears(p) - 1e-9);
  return base + (overlapsMonths(p, rule.peakMonths) ? rule.peakExtra : 0);
}

export function evaluateSubject(
  rule: PatrolRule,
  s: RuleSubject,
  p: Period,
  asOf: string,
): SubjectCompliance {
  const annual = annualRequirement(rule, s);
  const required = requiredInPeriod(rule, annual, p);
  const inPeriod = s.patrolDates.filter((d) => d >= p.from && d <= p.to && d <= asOf).sort();
  const before = s.patrolDates.filter((d) => d <= asOf).sort();
  const done = inPeriod.length;
  const lastPatrol = before.at(-1) ?? null;
  const base = { subjectId: s.id, gridId: s.gridId, annual, required, done, lastPatrol };
  if (required === 0) return { ...base, remaining: 0, nextDue: null, status: 'not_required', overdueDays: 0 };
  const remaining = Math.max(0, required - done);
  if (remaining === 0) return { ...base, remaining, nextDue: null, status: 'on_track', overdueDays: 0 };
  const interval = 365 / annual;
  const lastIn = inPeriod.at(-1);
  const fromN = toDayNumber(p.from);
  let nextDueN: number;
  if (lastIn) nextDueN = Math.floor(toDayNumber(lastIn) + interval);
  else if (lastPatrol) nextDueN = Math.max(fromN, Math.floor(toDayNumber(lastPatrol) + interval));
  else nextDueN = fromN + Math.floor(interval);
  // At the latest, what the period requires is due on its last day.
  nextDueN = Math.min(nextDueN, toDayNumber(p.to));
  const asOfN = toDayNumber(asOf);
  const overdueDays = Math.max(0, asOfN - nextDueN);
  return {
    ...base,
    remaining,
    nextDue: fromDayNumber(nextDueN),
    status: overdueDays > 0 ? 'overdue' : 'due',
    overdueDays,
  };
}

export interface GridCompliance {
  gridId: number;
  subjects: number;
  /** Subjects with a requirement in the period. */
  requiredSubjects: number;
  required: number;
  done: number;
  /** Done patrols counted up to the requirement of each subject. */
  doneTowardsRequired: number;
  onTrack: number;
  overdue: number;
  /** Subjects on track ÷ subjects with a requirement; null without any. */
  complianceRate: number | null;
}

/** Sums subject results per grid; `gridOf` maps a subject's grid to the reporting grid (e.g. village → township). */
export function complianceByGrid(
  results: readonly SubjectCompliance[],
  gridOf: (gridId: number | null) => number | null,
): Map<number, GridCompliance> {
  const out = new Map<number, GridCompliance>();
  for (const r of results) {
    const g = gridOf(r.gridId);
    if (g === null) continue;
    let c = out.get(g);
    if (!c) {
      c = {
        gridId: g,
        subjects: 0,
        requiredSubjects: 0,
        required: 0,
        done: 0,
        doneTowardsRequired: 0,
        onTrack: 0,
        overdue: 0,
        complianceRate: null,
      };
      out.set(g, c);
    }
    c.subjects += 1;
    c.done += r.done;
    if (r.status === 'not_required') continue;
    c.requiredSubjects += 1;
    c.required += r.required;
    c.doneTowardsRequired += Math.min(r.done, r.required);
    if (r.status === 'on_track') c.onTrack += 1;
    if (r.status === 'overdue') c.overdue += 1;
  }
  for (const c of out.values()) c.complianceRate = c.requiredSubjects ? c.onTrack / c.requiredSubjects : null;
  return out;
}

export function ruleFor(rules: readonly PatrolRule[], type: SubjectType): PatrolRule {
  return (
    rules.find((r) => r.subjectType === type) ?? {
      subjectType: type,
      perYear: 0,
      keyListExtra: 0,
      lowCreditExtra: 0,
      peakMonths: [],
      peakExtra: 0,
    }
  );
}
