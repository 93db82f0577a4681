/**
 * Daily patrols (日常巡查) per the annual patrol plan of annex 1 of the Changji plan: every year each subject gets its
 * minimum number of visits (≥ 2 enterprises, co-operatives and family farms; ≥ 1 large growers; spot checks for
 * households), one more on the key supervision list, and a few extra; visits are spread over the year and lean to
 * the pesticide-use peak and the harvest season. The planted blind-spot villages get no visit in the last 12 months.
 *
 * Glossary:
 * - checklist: the seven checks of PATROL_CHECKS, each ok / problem / na (not applicable to the subject's kind).
 * - outcome: compliant 合格 (~90 %), rectify 限期整改 with a deadline 7–30 days on (~8 %), refer 移交执法 (~2 %);
 *   B and C credit subjects fare worse.
 */
import {
  PATROL_CHECKS,
  type CheckStatus,
  type PatrolCheck,
  type PatrolOutcome,
  type SubjectType,
} from '../../../contracts/enums';
import { LAST_YEAR_START, SEASON, addDays, day, monthsOf, workingTime } from './calendar';
import type { PatternPlan } from './patterns';
import type { Places } from './places';
import type { Rng } from './prng';
import type { Subject } from './subjects';
import { SUBJECT_PROFILES } from './subject-types';
import { patrolTrack } from './tracks';
import type { PatrolRecord } from './types';

const OUTCOMES: Record<'A' | 'B' | 'C', readonly (readonly [PatrolOutcome, number])[]> = {
  A: [
    ['compliant', 0.92],
    ['rectify', 0.066],
    ['refer', 0.014],
  ],
  B: [
    ['compliant', 0.8],
    ['rectify', 0.16],
    ['refer', 0.04],
  ],
  C: [
    ['compliant', 0.65],
    ['rectify', 0.25],
    ['refer', 0.1],
  ],
};

const NOT_APPLICABLE: Partial<Record<SubjectType, readonly PatrolCheck[]>> = {
  input_shop: ['drug_use', 'additives', 'waste_disposal', 'certificates'],
  storage_transport: ['drug_use', 'waste_disposal'],
  small_household: ['additives'],
  large_grower: ['additives'],
};

const PROBLEMS: readonly (readonly [PatrolCheck, string])[] = [
  ['production_records', '生产记录不完整，用药记录缺失'],
  ['input_purchase', '农药购买凭证未留存'],
  ['waste_disposal', '农药包装废弃物未集中回收处置'],
  ['certificates', '未按规定开具承诺达标合格证'],
  ['certificates', '追溯信息未及时上传平台'],
  ['drug_use', '未严格执行农药安全间隔期'],
  ['additives', '保鲜剂使用记录不全'],
];

const REFERRALS: readonly (readonly [PatrolCheck, string])[] = [
  ['drug_use', '发现疑似使用禁用农药，已现场抽样并移交县农业综合行政执法大队'],
  ['input_purchase', '发现来源不明的农药，已移交执法'],
  ['drug_use', '疑似违规使用兽药，已移交执法'],
];

function checklist(rng: Rng, type: SubjectType, outcome: PatrolOutcome): PatrolRecord['checklist'] {
  const na = new Set(NOT_APPLICABLE[type] ?? []);
  const list = Object.fromEntries(
    PATROL_CHECKS.map((check): [PatrolCheck, { status: CheckStatus; note?: string }] => [
      check,
      { status: na.has(check) || (check === 'other' && rng.chance(0.8)) ? 'na' : 'ok' },
    ]),
  ) as PatrolRecord['checklist'];
  if (outcome === 'compliant') return list;
  const pool = (outcome === 'refer' ? REFERRALS : PROBLEMS).filter(([check]) => !na.has(check));
  const count = outcome === 'rectify' ? rng.int(1, 2) : 1;
  for (const [check, note] of rng.shuffle(pool).slice(0, count)) list[check] = { status: 'problem', note };
  return list;
}

/** Visit dates for one subject in one year: n visits, one in each n-th of the year, by season weight. */
function visitDays(rng: Rng, year: number, visits: number): string[] {
  const months = monthsOf(year);
  const dates: string[] = [];
  for (let k = 0; k < visits; k++) {
    const from = Math.floor((months.length * k) / visits);
    const to = Math.max(from + 1, Math.floor((months.length * (k + 1)) / visits));
    const month = rng.weighted(
      months.slice(from, to).map((m) => [m, SEASON[m.month - 1] as number] as const),
    );
    dates.push(day(year, month.month, rng.int(1, month.days)));
  }
  return dates;
}

function patrol(
  rng: Rng,
  places: Places,
  subject: Subject,
  inspectors: readonly string[],
  date: string,
): PatrolRecord {
  const { record } = subject;
  const outcome = rng.weighted(OUTCOMES[record.creditClass]);
  const list = checklist(rng, record.type, outcome);
  const problems = Object.values(list).flatMap((c) => (c.note ? [c.note] : []));
  return {
    subjectCode: record.code,
    inspectorName: rng.pick(inspectors),
    patrolledAt: workingTime(rng, date),
    checklist: list,
    outcome,
    rectifyDeadline: outcome === 'rectify' ? addDays(date, rng.int(7, 30)) : null,
    notes: problems.length > 0 ? problems.join('；') : rng.chance(0.3) ? '现场检查未发现问题' : null,
    track: patrolTrack(rng, places, record.point, record.base),
  };
}

export function generatePatrols(
  rng: Rng,
  places: Places,
  plan: PatternPlan,
  subjects: readonly Subject[],
  inspectors: readonly string[][],
): PatrolRecord[] {
  const blind = new Set(plan.blindSpots);
  const patrols: PatrolRecord[] = [];
  for (const subject of subjects) {
    const { minimum, extra } = SUBJECT_PROFILES[subject.record.type].patrolsPerYear;
    for (const year of [2024, 2025, 2026]) {
      const visits = minimum + (subject.record.keyList ? 1 : 0) + rng.poisson(extra);
      for (const date of visitDays(rng, year, visits)) {
        if (blind.has(subject.village) && date >= LAST_YEAR_START) continue;
        patrols.push(patrol(rng, places, subject, inspectors[subject.township] ?? [], date));
      }
    }
  }
  const key = (p: PatrolRecord) => `${p.patrolledAt} ${p.subjectCode}`;
  return patrols.sort((a, b) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0));
}
