/**
 * The plain records the demo generator produces, one interface per table it fills. Geometry is in lon/lat degrees
 * (EPSG:4326); dates are 'YYYY-MM-DD'; times are ISO-8601 in UTC. Rows refer to each other by code, never by
 * database id, so the generator stays free of I/O and the loader resolves codes to ids in SQL.
 */
import type {
  Certification,
  CheckStatus,
  CreditClass,
  GridLevel,
  GridRole,
  LandUse,
  PatrolCheck,
  PatrolOutcome,
  ProductCategory,
  SampleKind,
  SubjectType,
} from '../../../contracts/enums';
import type { CaseCause } from '../../../contracts/cases';
import type { LonLat, Ring } from './geo';

export interface GridRecord {
  code: string;
  name: string;
  level: GridLevel;
  parentCode: string | null;
  population: number;
  /** One polygon: its outer ring (closed, counter-clockwise). */
  ring: Ring;
}

export interface PersonRecord {
  gridCode: string;
  role: GridRole;
  name: string;
  post: string;
  phone: string;
  sortOrder: number;
}

export interface SubjectRecord {
  code: string;
  name: string;
  type: SubjectType;
  creditCode: string | null;
  legalRep: string;
  phone: string;
  address: string;
  mainProducts: ProductCategory[];
  certifications: Certification[];
  traceability: boolean;
  issuesCertificate: boolean;
  creditClass: CreditClass;
  keyList: boolean;
  internalControllerName: string | null;
  internalControllerPhone: string | null;
  point: LonLat;
  /** Production base (生产基地): one polygon's outer ring, or null. */
  base: Ring | null;
  /** Code of the village grid the point lies in (the database derives grid_id itself; kept for checks). */
  villageCode: string;
}

export interface ResultRecord {
  analyte: string;
  /** mg/kg (or % for a rapid test); null when not detected. */
  value: number | null;
  unit: 'mg/kg' | '%';
  lod: number | null;
  inhibitionPct: number | null;
  limitValue: number | null;
  standard: string;
  verdict: 'pass' | 'fail' | 'suspected';
}

export interface SampleRecord {
  code: string;
  kind: SampleKind;
  sampledAt: string;
  commodity: string;
  category: ProductCategory;
  subjectCode: string | null;
  point: LonLat;
  villageCode: string;
  lab: string;
  /** The worst verdict of the results (what the database trigger derives). */
  verdict: 'pass' | 'fail' | 'suspected';
  results: ResultRecord[];
}

export interface SoilSampleRecord {
  code: string;
  sampledOn: string;
  landUse: LandUse;
  ph: number;
  metals: { cd: number; hg: number; as: number; pb: number; cr: number; cu: number; ni: number; zn: number };
  point: LonLat;
  villageCode: string;
}

export interface PatrolRecord {
  subjectCode: string;
  inspectorName: string;
  patrolledAt: string;
  checklist: Record<PatrolCheck, { status: CheckStatus; note?: string }>;
  outcome: PatrolOutcome;
  rectifyDeadline: string | null;
  notes: string | null;
  track: LonLat[];
}

export interface CaseRecord {
  caseNumber: string;
  subjectCode: string;
  openedOn: string;
  closedOn: string | null;
  cause: CaseCause;
  status: 'open' | 'closed' | 'withdrawn';
  summary: string;
  /** The referring patrol, by its subject and time. */
  sourcePatrol: { subjectCode: string; patrolledAt: string } | null;
  sourceSampleCode: string | null;
}

export interface DemoData {
  seed: number;
  scale: number;
  countyCode: string;
  countyName: string;
  grids: GridRecord[];
  persons: PersonRecord[];
  subjects: SubjectRecord[];
  samples: SampleRecord[];
  soilSamples: SoilSampleRecord[];
  patrols: PatrolRecord[];
  /** Enforcement cases (执法办案) from referrals and failed samples. */
  cases: CaseRecord[];
  /** demo_truth rows: key → JSON value. */
  truth: Record<string, unknown>;
}
