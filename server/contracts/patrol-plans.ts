/**
 * Patrol planning (issue 6, planning side): frequency rules, compliance per grid, risk priorities, daily routes,
 * coverage and blind spots. See docs/patrols.md ("Rules", "Risk", "Routes", "Coverage").
 */
import { z } from 'zod';
import type { Feature, FeatureCollection, Geometry } from './geojson';

export const PATROL_SUBJECT_TYPES = [
  'enterprise',
  'cooperative',
  'family_farm',
  'large_grower',
  'small_household',
  'input_shop',
  'storage_transport',
] as const;

export interface PatrolRuleRow {
  subjectType: (typeof PATROL_SUBJECT_TYPES)[number];
  perYear: number;
  keyListExtra: number;
  lowCreditExtra: number;
  peakMonths: number[];
  peakExtra: number;
  description: string;
  version: number;
  updatedAt: string;
  updatedBy: string;
}

const count = z.number().int().min(0).max(52);
export const PatrolRulesUpdate = z
  .object({
    rules: z
      .array(
        z
          .object({
            subjectType: z.enum(PATROL_SUBJECT_TYPES),
            perYear: count,
            keyListExtra: count,
            lowCreditExtra: count,
            peakMonths: z.array(z.number().int().min(1).max(12)).max(12),
            peakExtra: count,
            version: z.number().int().positive(),
          })
          .strict(),
      )
      .min(1)
      .max(PATROL_SUBJECT_TYPES.length),
  })
  .strict();
export type PatrolRulesUpdate = z.infer<typeof PatrolRulesUpdate>;

const period = { from: z.iso.date(), to: z.iso.date() };

export const ComplianceQuery = z
  .object({
    gridId: z.coerce.number().int().positive(),
    ...period,
    /** Date the statuses are evaluated on (default: the period's end or today, whichever is earlier). */
    asOf: z.iso.date().optional(),
  })
  .strict()
  .refine((q) => q.from <= q.to, { path: ['to'], message: 'to must not be before from' });
export type ComplianceQuery = z.infer<typeof ComplianceQuery>;

export interface GridRef {
  id: number;
  code: string;
  name: string;
  level: string;
}

export interface OverdueSubject {
  id: number;
  code: string;
  name: string;
  type: string;
  required: number;
  done: number;
  overdueDays: number;
  lastPatrol: string | null;
}

export interface ComplianceUnit {
  grid: GridRef;
  subjects: number;
  requiredSubjects: number;
  required: number;
  done: number;
  onTrack: number;
  /** Subjects on track ÷ subjects with a requirement; null when none has one. */
  complianceRate: number | null;
  overdue: OverdueSubject[];
}

export interface ComplianceResponse {
  grid: GridRef;
  from: string;
  to: string;
  asOf: string;
  units: ComplianceUnit[];
}

export const PrioritiesQuery = z
  .object({
    gridId: z.coerce.number().int().positive(),
    date: z.iso.date().optional(),
    limit: z.coerce.number().int().min(1).max(2000).default(200),
  })
  .strict();
export type PrioritiesQuery = z.infer<typeof PrioritiesQuery>;

export interface PrioritySubject {
  id: number;
  code: string;
  name: string;
  type: string;
  gridId: number | null;
  lon: number | null;
  lat: number | null;
  status: 'due' | 'overdue';
  remaining: number;
  overdueDays: number;
  score: number;
  /** Contribution of each factor to the score. */
  factors: Record<string, number>;
}

export interface PrioritiesResponse {
  grid: GridRef;
  date: string;
  /** Factors that could not be computed here, with the reason (e.g. no stored residue hotspot layer). */
  skippedFactors: { factor: string; reason: string }[];
  subjects: PrioritySubject[];
}

export const MAX_PLAN_STOPS = 500;

const clock = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'a time of day as HH:MM');

export const PlanRequest = z
  .object({
    gridId: z.number().int().positive().optional(),
    subjectIds: z.array(z.number().int().positive()).min(1).max(MAX_PLAN_STOPS).optional(),
    startDate: z.iso.date().optional(),
    start: z
      .object({ lon: z.number().min(-180).max(180), lat: z.number().min(-85).max(85) })
      .strict()
      .optional(),
    days: z.number().int().min(1).max(31),
    maxStopsPerDay: z.number().int().min(1).max(100).default(25),
    maxHoursPerDay: z.number().min(0.5).max(16).default(8),
    serviceMinutesByType: z.record(z.enum(PATROL_SUBJECT_TYPES), z.number().min(1).max(480)).optional(),
    speedKmh: z.number().min(5).max(120).default(30),
    detourFactor: z.number().min(1).max(3).default(1.3),
    /** When the inspector leaves the station each day (China time); windows are on the same clock. */
    dayStart: clock.default('08:00'),
    /** Optional time windows: the visit must start between `from` and `to` on any day of the plan. */
    timeWindows: z
      .array(
        z
          .object({ subjectId: z.number().int().positive(), from: clock, to: clock })
          .strict()
          .refine((w) => w.from <= w.to, { path: ['to'], message: 'to must not be before from' }),
      )
      .max(MAX_PLAN_STOPS)
      .optional(),
    /** auto: the road network when one is loaded and pgRouting is there, else great circle × detour ÷ speed. */
    travel: z.enum(['auto', 'great_circle']).default('auto'),
  })
  .strict();
export type PlanRequest = z.infer<typeof PlanRequest>;

/** Plan edit: the stops of each day in the new order (reorder, remove, add); the rest of the plan is kept. */
export const PlanEdit = z
  .object({
    version: z.number().int().positive().optional(),
    routes: z
      .array(
        z
          .object({
            day: z.number().int().min(1).max(31),
            subjectIds: z.array(z.number().int().positive()).max(100),
          })
          .strict(),
      )
      .min(1)
      .max(31),
  })
  .strict();
export type PlanEdit = z.infer<typeof PlanEdit>;

export const PlanCancel = z
  .object({
    version: z.number().int().positive().optional(),
    reason: z.string().trim().min(1).max(200),
  })
  .strict();
export type PlanCancel = z.infer<typeof PlanCancel>;

export type TravelModel = 'road_network' | 'great_circle';

export interface PlanTravel {
  model: TravelModel;
  /** Why the road network was not used (when it was not). */
  reason?: string;
}

export const DEFAULT_SERVICE_MINUTES: Record<(typeof PATROL_SUBJECT_TYPES)[number], number> = {
  enterprise: 45,
  cooperative: 40,
  family_farm: 30,
  large_grower: 30,
  small_household: 15,
  input_shop: 30,
  storage_transport: 30,
};

export interface PlanStop {
  seq: number;
  subject: { id: number; code: string; name: string; type: string };
  lon: number;
  lat: number;
  legKm: number;
  arriveMinute: number;
  /** Waiting for the time window to open, minutes. */
  waitMinutes: number;
  serviceMinutes: number;
  /** Time window (HH:MM, China time), if the subject has one. */
  window?: { from: string; to: string };
  /** After an edit: minutes past the window's close (0 = on time). */
  lateMinutes: number;
  nav: { amap: string; baidu: string };
}

export interface PlanDay {
  day: number;
  date: string;
  distanceKm: number;
  travelMinutes: number;
  serviceMinutes: number;
  waitMinutes: number;
  totalMinutes: number;
  /** After an edit: minutes beyond the day's hours (0 = fits). */
  overMinutes: number;
  stops: PlanStop[];
}

export interface PatrolPlan {
  id: number;
  grid: GridRef;
  startDate: string;
  days: number;
  station: { lon: number; lat: number };
  parameters: Record<string, unknown>;
  routes: PlanDay[];
  unplaced: { subjectId: number; code: string; name: string; reason: string }[];
  travel: PlanTravel;
  status: 'active' | 'cancelled';
  cancelledAt: string | null;
  cancelReason: string | null;
  version: number;
  createdAt: string;
  createdBy: string;
}

export const CoverageQuery = z
  .object({
    level: z.enum(['township', 'village']),
    parentId: z.coerce.number().int().positive().optional(),
    ...period,
    asOf: z.iso.date().optional(),
  })
  .strict()
  .refine((q) => q.from <= q.to, { path: ['to'], message: 'to must not be before from' });
export type CoverageQuery = z.infer<typeof CoverageQuery>;

export interface CoverageProperties {
  grid: GridRef;
  subjects: number;
  /** Subjects patrolled at least as often as the rules require in the period (no requirement counts as met). */
  covered: number;
  /** covered ÷ subjects; null without subjects. */
  coverage: number | null;
}
export type CoverageResponse = FeatureCollection<CoverageProperties, Geometry> & { from: string; to: string };

export const BlindSpotsQuery = z
  .object({
    days: z.coerce.number().int().min(1).max(3650),
    gridId: z.coerce.number().int().positive().optional(),
    asOf: z.iso.date().optional(),
  })
  .strict();
export type BlindSpotsQuery = z.infer<typeof BlindSpotsQuery>;

export interface BlindSpotProperties {
  kind: 'subject' | 'village';
  id: number;
  code: string;
  name: string;
  /** Subjects: the last patrol day ever (null: never); villages: the number of subjects, none patrolled. */
  lastPatrol?: string | null;
  subjects?: number;
  village?: string;
}
export type BlindSpotsResponse = FeatureCollection<BlindSpotProperties, Geometry> & {
  since: string;
  asOf: string;
};
export type BlindSpotFeature = Feature<BlindSpotProperties, Geometry>;
