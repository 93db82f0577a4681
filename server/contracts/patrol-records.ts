/**
 * The patrol record taken on a phone (issue 6, items 4–6): what the phone syncs, what the server answers, today's
 * list of subjects to visit and the open rectifications. Shared by the server and the client.
 */
import { z } from 'zod';
import { CheckStatus, PATROL_CHECKS, PatrolOutcome, type PatrolCheck } from './enums';
import { bilingual } from './messages';

/** Documented limits. */
export const PATROL_RECORD_LIMITS = {
  trackFixes: 5000,
  photosPerRecord: 10,
  photoBytes: 10 * 1024 * 1024,
  noteChars: 500,
  notesChars: 2000,
} as const;

export const PHOTO_TYPES = ['image/jpeg', 'image/png', 'image/webp'] as const;
export type PhotoType = (typeof PHOTO_TYPES)[number];

const uuid = z.uuid();
export const ClientIdParam = z.object({ clientId: uuid }).strict();

const lon = z.number().min(-180).max(180);
const lat = z.number().min(-85.05).max(85.05);

export const CheckAnswer = z
  .object({
    status: CheckStatus,
    note: z.string().trim().max(PATROL_RECORD_LIMITS.noteChars).nullable().optional(),
  })
  .strict();
export type CheckAnswer = z.infer<typeof CheckAnswer>;

const checklistShape = Object.fromEntries(PATROL_CHECKS.map((c) => [c, CheckAnswer])) as Record<
  PatrolCheck,
  typeof CheckAnswer
>;

export const TrackFixInput = z
  .object({
    lon,
    lat,
    /** Time of the fix (ISO 8601 with offset). */
    at: z.iso.datetime({ offset: true }),
  })
  .strict();

export const OnSiteSample = z
  .object({
    code: z.string().trim().min(1).max(40),
    commodity: z.string().trim().min(1).max(60),
    kind: z.enum(['rapid', 'quantitative']).default('rapid'),
  })
  .strict();

export const PatrolRecordInput = z
  .object({
    /** The grid the inspector records for (their township or village); the subject must lie in it. */
    gridId: z.number().int().positive(),
    subjectId: z.number().int().positive(),
    inspectorName: z.string().trim().min(1).max(40),
    patrolledAt: z.iso.datetime({ offset: true }),
    checklist: z.object(checklistShape).strict(),
    outcome: PatrolOutcome,
    rectifyDeadline: z.iso.date().nullable().optional(),
    notes: z.string().trim().max(PATROL_RECORD_LIMITS.notesChars).nullable().optional(),
    position: z
      .object({ lon, lat, accuracyM: z.number().min(0).max(100000).nullable().optional() })
      .strict()
      .nullable()
      .optional(),
    track: z.array(TrackFixInput).max(PATROL_RECORD_LIMITS.trackFixes).default([]),
    sample: OnSiteSample.nullable().optional(),
    /** The version the phone last saw; needed to change a record already synced. */
    version: z.number().int().positive().optional(),
  })
  .strict()
  .refine((r) => r.outcome !== 'rectify' || !!r.rectifyDeadline, {
    ...bilingual('限期整改须填写整改期限', 'a rectification needs a deadline'),
    path: ['rectifyDeadline'],
  })
  .refine((r) => !r.rectifyDeadline || r.rectifyDeadline >= r.patrolledAt.slice(0, 10), {
    ...bilingual('整改期限不能早于巡查日期', 'the deadline cannot be before the patrol'),
    path: ['rectifyDeadline'],
  })
  .refine(
    (r) => r.outcome === 'compliant' || Object.values(r.checklist).some((c) => c.status === 'problem'),
    {
      ...bilingual(
        '整改或移交执法时至少有一项检查为“有问题”',
        'a rectification or referral needs at least one check with a problem',
      ),
      path: ['checklist'],
    },
  );
export type PatrolRecordInput = z.input<typeof PatrolRecordInput>;
export type PatrolRecordParsed = z.output<typeof PatrolRecordInput>;

export const TRACK_FLAG_VALUES = [
  'far_from_base',
  'impossible_speed',
  'track_jump',
  'regular_track',
  'no_position',
] as const;
export type TrackFlagValue = (typeof TRACK_FLAG_VALUES)[number];

/** What the server answers for a synced record — the same for the same record synced again. */
export interface PatrolRecordResult {
  id: number;
  clientId: string;
  version: number;
  subjectId: number;
  gridId: number | null;
  outcome: 'compliant' | 'rectify' | 'refer';
  rectifyDeadline: string | null;
  distanceFromBaseM: number | null;
  dwellSeconds: number | null;
  trackVerified: boolean;
  flags: TrackFlagValue[];
  sampleId: number | null;
  /** Rectifications of the subject this compliant re-patrol closed. */
  closedRectificationIds: number[];
  photoCount: number;
}

export const PhotoQuery = z
  .object({
    record: uuid,
    photo: uuid,
    check: z.enum(PATROL_CHECKS).optional(),
  })
  .strict();

export interface PatrolPhotoResult {
  id: number;
  clientId: string;
  patrolId: number;
  contentType: PhotoType;
  sizeBytes: number;
}

export const TodayQuery = z
  .object({
    gridId: z.coerce.number().int().positive(),
    lon: z.coerce.number().min(-180).max(180).optional(),
    lat: z.coerce.number().min(-85.05).max(85.05).optional(),
  })
  .strict();

export interface TodaySubject {
  id: number;
  code: string;
  name: string;
  type: string;
  keyList: boolean;
  village: { id: number; name: string } | null;
  position: [number, number] | null;
  hasBase: boolean;
  /** Patrols this year, and how many the rules require (D's rules engine will replace the simple table). */
  patrolsThisYear: number;
  requiredThisYear: number;
  lastPatrolledAt: string | null;
  openRectification: { id: number; deadline: string; overdue: boolean } | null;
  /** Metres from the point given (the inspector), if any. */
  distanceM: number | null;
}

export interface TodayPlan {
  gridId: number;
  date: string;
  subjects: TodaySubject[];
}

export const RectificationQuery = z
  .object({
    gridId: z.coerce.number().int().positive(),
    overdue: z.enum(['true', 'false']).optional(),
  })
  .strict();

export interface Rectification {
  patrolId: number;
  subject: { id: number; code: string; name: string };
  village: { id: number; name: string } | null;
  patrolledAt: string;
  deadline: string;
  overdueDays: number;
  inspectorName: string;
}

export interface RectificationList {
  gridId: number;
  today: string;
  /** Open rectifications per village grid, with how many are overdue. */
  perGrid: { gridId: number; name: string; open: number; overdue: number }[];
  items: Rectification[];
}
