/** Enumerations of the domain, shared by server and client. Labels live in the client's i18n resources. */
import { z } from 'zod';

export const GRID_LEVELS = ['county', 'township', 'village'] as const;
export const GridLevel = z.enum(GRID_LEVELS);
export type GridLevel = z.infer<typeof GridLevel>;

export const GRID_ROLES = [
  'county_first_responsible',
  'county_responsible',
  'township_supervisor',
  'township_tester',
  'village_coordinator',
] as const;
export const GridRole = z.enum(GRID_ROLES);
export type GridRole = z.infer<typeof GridRole>;

export const SUBJECT_TYPES = [
  'enterprise',
  'cooperative',
  'family_farm',
  'large_grower',
  'small_household',
  'input_shop',
  'storage_transport',
] as const;
export const SubjectType = z.enum(SUBJECT_TYPES);
export type SubjectType = z.infer<typeof SubjectType>;

export const CREDIT_CLASSES = ['A', 'B', 'C'] as const;
export const CreditClass = z.enum(CREDIT_CLASSES);
export type CreditClass = z.infer<typeof CreditClass>;

export const PRODUCT_CATEGORIES = [
  'vegetable',
  'fruit',
  'tea',
  'grain_oil',
  'livestock_poultry',
  'aquatic',
  'edible_fungi',
  'other',
] as const;
export const ProductCategory = z.enum(PRODUCT_CATEGORIES);
export type ProductCategory = z.infer<typeof ProductCategory>;

export const CERTIFICATIONS = ['pollution_free', 'green_food', 'organic', 'geo_indication'] as const;
export const Certification = z.enum(CERTIFICATIONS);
export type Certification = z.infer<typeof Certification>;

export const SAMPLE_KINDS = ['routine', 'supervisory', 'rapid', 'quantitative'] as const;
export const SampleKind = z.enum(SAMPLE_KINDS);
export type SampleKind = z.infer<typeof SampleKind>;

export const SAMPLE_VERDICTS = ['pending', 'pass', 'fail', 'suspected'] as const;
export const SampleVerdict = z.enum(SAMPLE_VERDICTS);
export type SampleVerdict = z.infer<typeof SampleVerdict>;

export const LAND_USES = ['paddy', 'dry', 'orchard', 'other'] as const;
export const LandUse = z.enum(LAND_USES);
export type LandUse = z.infer<typeof LandUse>;

export const SOIL_METALS = ['cd', 'hg', 'as', 'pb', 'cr', 'cu', 'ni', 'zn'] as const;
export type SoilMetal = (typeof SOIL_METALS)[number];

export const PATROL_OUTCOMES = ['compliant', 'rectify', 'refer'] as const;
export const PatrolOutcome = z.enum(PATROL_OUTCOMES);
export type PatrolOutcome = z.infer<typeof PatrolOutcome>;

/** The seven checks of a daily patrol (annex 1 of the Changji plan, article 6). */
export const PATROL_CHECKS = [
  'production_records',
  'input_purchase',
  'drug_use',
  'additives',
  'waste_disposal',
  'certificates',
  'other',
] as const;
export const PatrolCheck = z.enum(PATROL_CHECKS);
export type PatrolCheck = z.infer<typeof PatrolCheck>;

export const CHECK_STATUSES = ['ok', 'problem', 'na'] as const;
export const CheckStatus = z.enum(CHECK_STATUSES);
export type CheckStatus = z.infer<typeof CheckStatus>;
