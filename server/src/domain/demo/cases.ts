/**
 * Enforcement cases (执法办案) of the demo county: most patrols that referred a subject to law enforcement
 * (移交执法) become a case a few days later (the rest stay referred without a case, for the "open a case" list), and
 * some failed lab samples of a subject do too (banned pesticide or over the limit). Cases close 30–120 days after
 * they open unless that is past the end of the demo data; a few are withdrawn (撤案).
 *
 * Glossary:
 * - case number: `<county code 6>农执〔<year>〕<n>号`, numbered per year in the order the cases open, unique per county.
 * - source: the referring patrol (by subject code and time) or the failed sample (by code).
 */
import type { CaseCause } from '../../../contracts/cases';
import { PERIOD_END, addDays } from './calendar';
import { PANELS } from './limits';
import type { Rng } from './prng';
import type { CaseRecord, PatrolRecord, SampleRecord } from './types';

const BANNED = new Set(
  Object.values(PANELS)
    .flat()
    .filter((l) => l.banned)
    .map((l) => l.analyte),
);

/** China date of a UTC timestamp. */
const chinaDay = (iso: string) => new Date(Date.parse(iso) + 8 * 3_600_000).toISOString().slice(0, 10);

function causeOfPatrol(rng: Rng, p: PatrolRecord): CaseCause {
  const notes = Object.values(p.checklist)
    .map((c) => c.note ?? '')
    .join('');
  if (notes.includes('禁用农药')) return 'banned_pesticide';
  if (notes.includes('农药')) return 'counterfeit_input';
  if (notes.includes('兽药')) return 'illegal_additive';
  return rng.pick(['other', 'no_certificate'] as const);
}

const SUMMARIES: Record<CaseCause, string> = {
  banned_pesticide: '涉嫌使用禁用农药，已立案调查',
  over_limit: '抽检产品农药残留超标，已立案调查',
  no_certificate: '未按规定开具承诺达标合格证，已立案',
  counterfeit_input: '涉嫌经营、使用来源不明的农药，已立案调查',
  illegal_additive: '涉嫌违规使用兽药或非法添加，已立案调查',
  other: '巡查移交的违法线索，已立案调查',
};

interface Draft extends Omit<CaseRecord, 'caseNumber'> {
  year: string;
}

export function generateCases(
  rng: Rng,
  countyCode: string,
  patrols: readonly PatrolRecord[],
  samples: readonly SampleRecord[],
): CaseRecord[] {
  const drafts: Draft[] = [];
  const close = (opened: string, status: Draft['status'] = 'closed') => {
    const closed = addDays(opened, rng.int(30, 120));
    return closed > PERIOD_END
      ? { status: 'open' as const, closedOn: null }
      : { status: rng.chance(0.05) ? ('withdrawn' as const) : status, closedOn: closed };
  };
  for (const p of patrols) {
    if (p.outcome !== 'refer' || !rng.chance(0.35)) continue;
    const openedOn = addDays(chinaDay(p.patrolledAt), rng.int(3, 20));
    if (openedOn > PERIOD_END) continue;
    const cause = causeOfPatrol(rng, p);
    drafts.push({
      year: openedOn.slice(0, 4),
      subjectCode: p.subjectCode,
      openedOn,
      ...close(openedOn),
      cause,
      summary: SUMMARIES[cause],
      sourcePatrol: { subjectCode: p.subjectCode, patrolledAt: p.patrolledAt },
      sourceSampleCode: null,
    });
  }
  for (const s of samples) {
    if (s.kind === 'rapid' || s.verdict !== 'fail' || !s.subjectCode || !rng.chance(0.06)) continue;
    const openedOn = addDays(chinaDay(s.sampledAt), rng.int(10, 30));
    if (openedOn > PERIOD_END) continue;
    const banned = s.results.some((r) => r.verdict === 'fail' && BANNED.has(r.analyte));
    const cause: CaseCause = banned ? 'banned_pesticide' : 'over_limit';
    drafts.push({
      year: openedOn.slice(0, 4),
      subjectCode: s.subjectCode,
      openedOn,
      ...close(openedOn),
      cause,
      summary: SUMMARIES[cause],
      sourcePatrol: null,
      sourceSampleCode: s.code,
    });
  }
  drafts.sort((a, b) => a.openedOn.localeCompare(b.openedOn));
  const seq = new Map<string, number>();
  return drafts.map(({ year, ...d }) => {
    const n = (seq.get(year) ?? 0) + 1;
    seq.set(year, n);
    return { ...d, caseNumber: `${countyCode.slice(0, 6)}农执〔${year}〕${n}号` };
  });
}
