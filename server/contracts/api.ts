/**
 * Request schemas (zod, validated by the server) and response types of the JSON API under /api.
 * JSON bodies use camelCase; GeoJSON is used wherever a record has a location.
 */
import { z } from 'zod';
import {
  Certification,
  CreditClass,
  type GridLevel,
  type GridRole,
  type LandUse,
  type PatrolCheck,
  type CheckStatus,
  type PatrolOutcome,
  ProductCategory,
  type SampleKind,
  type SampleVerdict,
  SubjectType,
} from './enums';
import { bilingual, pattern } from './messages';
import { AreaGeometry, type Feature, type FeatureCollection, type Geometry, PointGeometry } from './geojson';

// ---------------------------------------------------------------------------------------------- health, config

export interface HealthResponse {
  status: 'ok';
  engine: 'pglite' | 'postgres';
  postgres: string;
  postgis: string;
  migrations: { applied: number; pending: number; latest: number | null };
  uptimeSeconds: number;
}

export interface ClientConfig {
  /** The county shown at start-up; null while the database has no grids yet. */
  county: { id: number; code: string; name: string; bbox: [number, number, number, number] } | null;
  basemap:
    | { kind: 'none' }
    | { kind: 'xyz'; tiles: string[]; attribution: string; maxzoom: number }
    | { kind: 'tianditu'; tiles: string[]; labelTiles: string[]; attribution: string; maxzoom: number };
}

// ---------------------------------------------------------------------------------------------- common

export const IdParam = z
  .object({ id: z.coerce.number().int().positive().max(Number.MAX_SAFE_INTEGER) })
  .strict();

export interface Ref {
  id: number;
  code: string;
  name: string;
}

export interface Person {
  id: number;
  role: GridRole;
  roleNameZh: string;
  roleNameEn: string;
  name: string;
  post: string;
  phone: string;
}

export interface Stamp {
  version: number;
  createdAt: string;
  createdBy: string;
  updatedAt: string;
  updatedBy: string;
}

// ---------------------------------------------------------------------------------------------- grids

export const GridListQuery = z
  .object({
    level: z.enum(['county', 'township', 'village']).optional(),
    parentId: z.coerce.number().int().positive().optional(),
  })
  .strict();

export interface GridSummary {
  id: number;
  code: string;
  name: string;
  level: GridLevel;
  parentId: number | null;
  population: number | null;
}

export interface GridProperties extends GridSummary, Stamp {
  parent: (Ref & { level: GridLevel }) | null;
  areaKm2: number;
  childCount: number;
  subjectCount: number;
  roster: Person[];
  /** Required roles of the grid's level that nobody fills: the grid is unstaffed while this is not empty. */
  missingRoles: { role: GridRole; nameZh: string; nameEn: string }[];
}

export type GridFeature = Feature<GridProperties, Geometry | null>;

// ---------------------------------------------------------------------------------------------- subjects

const phone = pattern(
  /^(1[3-9]\d{9}|0[1-9]\d{1,2}-?\d{7,8})$/,
  '电话号码格式不正确（手机号 11 位，或区号-座机号）',
  'invalid phone number (11-digit mobile, or area code and landline)',
);

export const SubjectAttributes = z
  .object({
    code: pattern(
      /^[A-Z0-9][A-Z0-9-]{2,31}$/,
      '编码只能包含大写字母、数字和连字符，3–32 位',
      'code must be 3–32 upper-case letters, digits or hyphens',
    ),
    name: z.string().trim().min(1).max(100),
    type: SubjectType,
    creditCode: pattern(
      /^[0-9A-HJ-NPQRTUWXY]{2}\d{6}[0-9A-HJ-NPQRTUWXY]{10}$/,
      '统一社会信用代码格式不正确（18 位）',
      'invalid unified social credit code format (18 characters)',
    )
      .nullable()
      .optional(),
    legalRep: z.string().trim().max(40).nullable().optional(),
    /** Write-only: responses carry it masked (legalRepIdNumberMasked). Its check digit is verified. */
    legalRepIdNumber: pattern(
      /^\d{17}[\dXx]$/,
      '身份证号应为 18 位（最后一位可为 X）',
      'a resident ID number has 18 characters (the last may be X)',
    )
      .nullable()
      .optional(),
    phone: phone.nullable().optional(),
    address: z.string().trim().max(200).nullable().optional(),
    mainProducts: z.array(ProductCategory).max(8).optional(),
    certifications: z.array(Certification).max(4).optional(),
    traceability: z.boolean().optional(),
    issuesCertificate: z.boolean().optional(),
    creditClass: CreditClass.nullable().optional(),
    keyList: z.boolean().optional(),
    internalControllerName: z.string().trim().max(40).nullable().optional(),
    internalControllerPhone: phone.nullable().optional(),
    base: AreaGeometry.nullable().optional(),
  })
  .strict();

/** POST /api/subjects: a GeoJSON Feature whose geometry is the subject's location (or null: address only). */
export const SubjectCreate = z
  .object({
    type: z.literal('Feature'),
    geometry: PointGeometry.nullable(),
    properties: SubjectAttributes,
  })
  .strict();
export type SubjectCreate = z.infer<typeof SubjectCreate>;

/**
 * PATCH /api/subjects/:id: changed attributes and/or location, with the version the editor started from.
 * A change of credit class or key-list membership needs a reason (recorded with the date it takes effect).
 */
export const SubjectPatch = z
  .object({
    version: z.number().int().positive(),
    reason: z.string().trim().min(1).max(500).optional(),
    effectiveOn: z.iso.date().optional(),
    geometry: PointGeometry.nullable().optional(),
    properties: SubjectAttributes.partial().optional(),
  })
  .strict();
export type SubjectPatch = z.infer<typeof SubjectPatch>;

export interface SubjectProperties extends Stamp {
  id: number;
  code: string;
  name: string;
  type: z.infer<typeof SubjectType>;
  creditCode: string | null;
  legalRep: string | null;
  /** The legal representative's resident ID number, masked (110105********002X). */
  legalRepIdNumberMasked: string | null;
  phone: string | null;
  address: string | null;
  mainProducts: z.infer<typeof ProductCategory>[];
  certifications: z.infer<typeof Certification>[];
  traceability: boolean;
  issuesCertificate: boolean;
  creditClass: z.infer<typeof CreditClass> | null;
  keyList: boolean;
  internalControllerName: string | null;
  internalControllerPhone: string | null;
  status: 'active' | 'retired';
  retiredAt: string | null;
  retiredReason: string | null;
  /** Why the key-list rule requires this subject on the list (empty: it does not). */
  keyListReasons: { zh: string; en: string }[];
  /** Other subjects with the same credit code, or the same name within the configured distance. */
  possibleDuplicates: (Ref & { why: 'credit_code' | 'name_nearby' })[];
  /** Path of the public information board (公示牌) page. */
  boardPath: string;
  base: Geometry | null;
  baseAreaMu: number | null;
  village: Ref | null;
  township: Ref | null;
  /** The people the public board names: village coordinators and township supervisors of the subject's grids. */
  responsible: Person[];
  counts: { samples: number; failedSamples: number; patrols: number; lastPatrolAt: string | null };
}

export type SubjectFeature = Feature<SubjectProperties, Geometry | null>;

// ---------------------------------------------------------------------------------------------- samples

export const SampleQuery = z
  .object({
    verdict: z.enum(['pending', 'pass', 'fail', 'suspected']).optional(),
    from: z.iso.date().optional(),
    to: z.iso.date().optional(),
    limit: z.coerce.number().int().min(1).max(50_000).default(20_000),
  })
  .strict()
  .refine(
    (q) => !q.from || !q.to || q.from <= q.to,
    bilingual('开始日期不能晚于结束日期', 'from must not be after to'),
  );

export interface SampleResult {
  id: number;
  analyte: string;
  value: number | null;
  unit: string;
  lod: number | null;
  inhibitionPct: number | null;
  limitValue: number | null;
  standard: string | null;
  verdict: 'pass' | 'fail' | 'suspected';
}

export interface SampleProperties extends Stamp {
  id: number;
  code: string;
  kind: SampleKind;
  sampledAt: string;
  commodity: string;
  category: z.infer<typeof ProductCategory>;
  verdict: SampleVerdict;
  lab: string | null;
  subject: Ref | null;
  village: Ref | null;
  results: SampleResult[];
}

export type SampleFeature = Feature<SampleProperties, Geometry>;

/** Light point features for overlays (heat map): GET /api/samples?verdict=fail&from=&to= */
export type SamplePointCollection = FeatureCollection<
  { id: number; commodity: string; sampledAt: string; verdict: SampleVerdict; kind: SampleKind },
  Geometry
>;

// ---------------------------------------------------------------------------------------------- soil, patrols

export interface SoilSampleProperties extends Stamp {
  id: number;
  code: string;
  sampledOn: string;
  landUse: LandUse;
  ph: number;
  metals: {
    cd: number | null;
    hg: number | null;
    as: number | null;
    pb: number | null;
    cr: number | null;
    cu: number | null;
    ni: number | null;
    zn: number | null;
  };
  village: Ref | null;
}

export type SoilSampleFeature = Feature<SoilSampleProperties, Geometry>;

export interface PatrolProperties extends Stamp {
  id: number;
  subject: Ref;
  village: Ref | null;
  inspectorName: string;
  patrolledAt: string;
  checklist: Partial<Record<PatrolCheck, { status: CheckStatus; note?: string }>>;
  outcome: PatrolOutcome;
  rectifyDeadline: string | null;
  notes: string | null;
  trackLengthM: number | null;
}

export type PatrolFeature = Feature<PatrolProperties, Geometry | null>;
