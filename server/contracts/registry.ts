/**
 * The production-subject registry (生产主体名录): list queries with search, filters, sorting and paging (the same
 * query exports to Excel), retirement, registry freshness per grid, and the public information board (公示牌).
 */
import { z } from 'zod';
import type { Ref } from './api';
import { CERTIFICATIONS, CREDIT_CLASSES, SUBJECT_TYPES } from './enums';

/** `a,b` in a query string → ['a', 'b']; values are checked against the allowed ones. */
const list = <T extends string>(values: readonly [T, ...T[]]) =>
  z
    .string()
    .transform((s) =>
      s
        .split(',')
        .map((v) => v.trim())
        .filter(Boolean),
    )
    .pipe(z.array(z.enum(values)).min(1));

const flag = z.enum(['true', 'false']).transform((v) => v === 'true');

export const SUBJECT_SORTS = ['code', 'name', 'type', 'creditClass', 'updatedAt'] as const;

export const SubjectListQuery = z
  .object({
    /** Matches code, name, legal representative, address, credit code (case-insensitive, anywhere). */
    q: z.string().trim().max(100).optional(),
    type: list(SUBJECT_TYPES).optional(),
    /** A grid of any level: the subjects inside it. */
    gridId: z.coerce.number().int().positive().optional(),
    creditClass: list([...CREDIT_CLASSES, 'none'] as const).optional(),
    keyList: flag.optional(),
    certification: z.enum(CERTIFICATIONS).optional(),
    traceability: flag.optional(),
    issuesCertificate: flag.optional(),
    status: z.enum(['active', 'retired', 'all']).default('active'),
    location: z.enum(['with', 'without']).optional(),
    updatedFrom: z.iso.date().optional(),
    updatedTo: z.iso.date().optional(),
    /** Only subjects flagged as possible duplicates (same credit code, or same name nearby). */
    duplicates: flag.optional(),
    sort: z.enum(SUBJECT_SORTS).default('code'),
    order: z.enum(['asc', 'desc']).default('asc'),
    limit: z.coerce.number().int().min(1).max(500).default(50),
    offset: z.coerce.number().int().min(0).max(10_000_000).default(0),
  })
  .strict();
export type SubjectListQuery = z.infer<typeof SubjectListQuery>;

/** GET /api/registry/subjects.xlsx: the list's filters and sort, without paging (the export has every row). */
export const SubjectExportQuery = SubjectListQuery.omit({ limit: true, offset: true });

export interface SubjectListItem {
  id: number;
  code: string;
  name: string;
  type: (typeof SUBJECT_TYPES)[number];
  creditClass: (typeof CREDIT_CLASSES)[number] | null;
  keyList: boolean;
  traceability: boolean;
  issuesCertificate: boolean;
  certifications: (typeof CERTIFICATIONS)[number][];
  status: 'active' | 'retired';
  legalRep: string | null;
  phone: string | null;
  address: string | null;
  village: Ref | null;
  township: Ref | null;
  hasLocation: boolean;
  possibleDuplicate: boolean;
  updatedAt: string;
  updatedBy: string;
}

export interface SubjectList {
  total: number;
  limit: number;
  offset: number;
  items: SubjectListItem[];
}

export const RetireRequest = z
  .object({
    version: z.number().int().positive(),
    reason: z.string().trim().min(1).max(500),
    effectiveOn: z.iso.date().optional(),
  })
  .strict();

export const FreshnessQuery = z
  .object({
    year: z.coerce.number().int().min(2000).max(2100).optional(),
    level: z.enum(['township', 'village']).default('village'),
    gridId: z.coerce.number().int().positive().optional(),
  })
  .strict();

/** Registry freshness (updated at least once a year, annex 1 art. 4) per grid. */
export interface GridFreshness {
  grid: Ref & { level: 'township' | 'village' };
  active: number;
  updatedThisYear: number;
  stale: number;
  /** Share updated this year; null when the grid has no active subject. */
  share: number | null;
}

/** What the public information board (公示牌, annex 2) shows — and nothing else about the subject. */
export interface PublicBoard {
  name: string;
  type: (typeof SUBJECT_TYPES)[number];
  creditClass: (typeof CREDIT_CLASSES)[number] | null;
  traceability: boolean;
  issuesCertificate: boolean;
  villageCoordinator: { name: string; phone: string } | null;
  townshipSupervisor: { name: string; phone: string } | null;
  internalController: { name: string; phone: string | null } | null;
  village: string | null;
  township: string | null;
  county: string | null;
}

/** The registry rules (table registry_setting) with the version of each, as GET /api/registry/settings returns them. */
export interface RegistrySettingsView {
  keyListRule: { creditClasses: string[]; failedSamples: number; withinMonths: number };
  duplicateDistanceM: number;
  versions: { keyListRule: number; duplicateDistanceM: number };
}

/** PUT /api/registry/settings: both rules with the versions read (409 when another change came first). */
export const RegistrySettingsUpdate = z
  .object({
    keyListRule: z
      .object({
        /** Credit classes that put a subject on the key list (C: the blacklist). */
        creditClasses: z.array(z.enum(CREDIT_CLASSES)).max(CREDIT_CLASSES.length),
        /** Failed samples within the window that make a subject high-risk; 0 switches the criterion off. */
        failedSamples: z.number().int().min(0).max(100),
        withinMonths: z.number().int().min(1).max(120),
      })
      .strict(),
    /** Same name closer than this many metres: flagged as a possible duplicate. */
    duplicateDistanceM: z.number().int().min(0).max(5000),
    versions: z
      .object({ keyListRule: z.number().int().positive(), duplicateDistanceM: z.number().int().positive() })
      .strict(),
  })
  .strict();
export type RegistrySettingsUpdate = z.infer<typeof RegistrySettingsUpdate>;
