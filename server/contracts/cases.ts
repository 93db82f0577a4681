/**
 * Enforcement cases (执法办案, issue 8): list, create and edit (with the version), and a patrol's referral to law
 * enforcement (移交执法) opening a case. Counted on the dashboard against the yearly minimum (seeds 000 and 003).
 */
import { z } from 'zod';
import { bilingual } from './messages';

export const CASE_CAUSES = [
  'banned_pesticide',
  'over_limit',
  'no_certificate',
  'counterfeit_input',
  'illegal_additive',
  'other',
] as const;
export type CaseCause = (typeof CASE_CAUSES)[number];

export const CASE_STATUSES = ['open', 'closed', 'withdrawn'] as const;
export type CaseStatus = (typeof CASE_STATUSES)[number];

const id = z.number().int().positive();

const fields = {
  caseNumber: z.string().trim().min(1).max(60),
  /** Required unless a subject, source patrol or source sample gives the grid. */
  gridId: id.nullable().optional(),
  subjectId: id.nullable().optional(),
  openedOn: z.iso.date(),
  closedOn: z.iso.date().nullable().optional(),
  cause: z.enum(CASE_CAUSES),
  status: z.enum(CASE_STATUSES).default('open'),
  summary: z.string().trim().max(2000).nullable().optional(),
  sourcePatrolId: id.nullable().optional(),
  sourceSampleId: id.nullable().optional(),
};

type Checked = {
  status?: CaseStatus | undefined;
  openedOn?: string | undefined;
  closedOn?: string | null | undefined;
};
const closedRule = (c: Checked) => c.status === undefined || (c.status === 'open') === !c.closedOn;
const closedMessage = bilingual(
  '办理中的案件不能有结案日期，已结案或撤案的案件须填写结案日期',
  'an open case has no closing date; a closed or withdrawn case needs one',
);
const orderRule = (c: Checked) => !c.closedOn || !c.openedOn || c.closedOn >= c.openedOn;
const orderMessage = bilingual(
  '结案日期不能早于立案日期',
  'the closing date must not be before the opening date',
);

export const CaseCreate = z
  .object(fields)
  .strict()
  .refine(closedRule, { path: ['closedOn'], ...closedMessage })
  .refine(orderRule, { path: ['closedOn'], ...orderMessage })
  .refine((c) => !!(c.gridId || c.subjectId || c.sourcePatrolId || c.sourceSampleId), {
    path: ['gridId'],
    ...bilingual(
      '请选择案件所属网格，或关联生产主体、巡查记录或样品',
      'choose the grid of the case, or link a subject, patrol or sample',
    ),
  });
export type CaseCreate = z.infer<typeof CaseCreate>;

export const CasePatch = z
  .object({
    version: z.number().int().positive(),
    caseNumber: fields.caseNumber.optional(),
    gridId: id.optional(),
    subjectId: fields.subjectId,
    openedOn: fields.openedOn.optional(),
    closedOn: fields.closedOn,
    cause: fields.cause.optional(),
    status: z.enum(CASE_STATUSES).optional(),
    summary: fields.summary,
    sourceSampleId: fields.sourceSampleId,
  })
  .strict()
  .refine(orderRule, { path: ['closedOn'], ...orderMessage });
export type CasePatch = z.infer<typeof CasePatch>;

export const CaseListQuery = z
  .object({
    /** Cases of this grid and every grid below it. */
    gridId: z.coerce.number().int().positive().optional(),
    from: z.iso.date().optional(),
    to: z.iso.date().optional(),
    status: z.enum(CASE_STATUSES).optional(),
    limit: z.coerce.number().int().min(1).max(500).default(100),
    offset: z.coerce.number().int().min(0).max(10_000_000).default(0),
  })
  .strict();
export type CaseListQuery = z.infer<typeof CaseListQuery>;

/** GET /api/cases/referrals: the patrol findings of one grid that may be referred to enforcement. */
export const ReferralQuery = z.object({ gridId: z.coerce.number().int().positive() }).strict();

/** POST /api/cases/from-patrol/:id — open a case from a patrol that referred the subject to law enforcement. */
export const ReferralCase = z
  .object({
    caseNumber: fields.caseNumber,
    openedOn: z.iso.date().optional(),
    cause: z.enum(CASE_CAUSES).default('other'),
    summary: fields.summary,
  })
  .strict();
export type ReferralCase = z.infer<typeof ReferralCase>;

export interface EnforcementCase {
  id: number;
  caseNumber: string;
  grid: { id: number; code: string; name: string; level: string };
  township: string | null;
  subject: { id: number; code: string; name: string } | null;
  openedOn: string;
  closedOn: string | null;
  cause: CaseCause;
  status: CaseStatus;
  summary: string | null;
  sourcePatrolId: number | null;
  sourceSampleId: number | null;
  version: number;
  updatedAt: string;
  updatedBy: string;
}

export interface CaseList {
  total: number;
  items: EnforcementCase[];
}

/** A patrol that referred its subject to law enforcement, with the case opened from it (if any). */
export interface Referral {
  patrolId: number;
  patrolledAt: string;
  subject: { id: number; code: string; name: string };
  village: string | null;
  inspectorName: string;
  notes: string | null;
  caseId: number | null;
}
