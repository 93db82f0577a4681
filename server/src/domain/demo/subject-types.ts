/**
 * Profiles of the seven kinds of production subject: how many there are, what they produce, what they hold, how
 * often they are sampled and patrolled.
 *
 * Glossary:
 * - share: fraction of the registry (enterprise ~3 %, co-operative ~10 %, family farm ~12 %, large grower ~25 %,
 *   small household ~40 %, input shop ~6 %, storage/transport ~4 %).
 * - baseMu: range of the production base area in 亩 (1 亩 = 666.67 m²), or null for kinds without a mapped base.
 * - patrolsPerYear: the minimum of annex 1 of the Changji plan (≥ 2 for enterprises, co-operatives and family farms,
 *   ≥ 1 for large growers; spot checks for households) plus a Poisson-distributed number of extra visits.
 * - sampleWeight: relative chance of being sampled; 0 for input shops (they sell inputs, not food).
 */
import type { Certification, ProductCategory, SubjectType } from '../../../contracts/enums';
import type { CreditEntityKind } from './credit-code';

export interface SubjectProfile {
  share: number;
  codePrefix: string;
  creditKind: CreditEntityKind | null;
  baseMu: [number, number] | null;
  products: readonly (readonly [ProductCategory, number])[];
  /** Chance of a second product category. */
  secondProduct: number;
  certifications: readonly (readonly [Certification, number])[];
  traceability: number;
  issuesCertificate: number;
  internalController: boolean;
  patrolsPerYear: { minimum: number; extra: number };
  sampleWeight: number;
  /** Spread of locations around the village centre, metres. */
  spreadM: number;
}

const FARM_PRODUCTS = [
  ['vegetable', 0.32],
  ['fruit', 0.2],
  ['grain_oil', 0.22],
  ['livestock_poultry', 0.2],
  ['aquatic', 0.03],
  ['edible_fungi', 0.03],
] as const;

export const SUBJECT_PROFILES: Record<SubjectType, SubjectProfile> = {
  enterprise: {
    share: 0.03,
    codePrefix: 'QY',
    creditKind: 'enterprise',
    baseMu: [300, 3000],
    products: FARM_PRODUCTS,
    secondProduct: 0.35,
    certifications: [
      ['green_food', 0.35],
      ['pollution_free', 0.3],
      ['organic', 0.1],
      ['geo_indication', 0.15],
    ],
    traceability: 1,
    issuesCertificate: 0.95,
    internalController: true,
    patrolsPerYear: { minimum: 2, extra: 0.4 },
    sampleWeight: 6,
    spreadM: 1800,
  },
  cooperative: {
    share: 0.1,
    codePrefix: 'HZS',
    creditKind: 'cooperative',
    baseMu: [150, 2500],
    products: FARM_PRODUCTS,
    secondProduct: 0.3,
    certifications: [
      ['green_food', 0.2],
      ['pollution_free', 0.2],
      ['organic', 0.03],
      ['geo_indication', 0.08],
    ],
    traceability: 0.98,
    issuesCertificate: 0.9,
    internalController: true,
    patrolsPerYear: { minimum: 2, extra: 0.15 },
    sampleWeight: 4,
    spreadM: 1800,
  },
  family_farm: {
    share: 0.12,
    codePrefix: 'JTNC',
    creditKind: 'individual_business',
    baseMu: [50, 600],
    products: FARM_PRODUCTS,
    secondProduct: 0.2,
    certifications: [
      ['green_food', 0.1],
      ['pollution_free', 0.12],
      ['organic', 0.01],
    ],
    traceability: 0.97,
    issuesCertificate: 0.85,
    internalController: true,
    patrolsPerYear: { minimum: 2, extra: 0.1 },
    sampleWeight: 3,
    spreadM: 2000,
  },
  large_grower: {
    share: 0.25,
    codePrefix: 'DH',
    creditKind: null,
    baseMu: [20, 400],
    products: FARM_PRODUCTS,
    secondProduct: 0.1,
    certifications: [
      ['pollution_free', 0.06],
      ['green_food', 0.03],
    ],
    traceability: 0.95,
    issuesCertificate: 0.7,
    internalController: false,
    patrolsPerYear: { minimum: 1, extra: 0.05 },
    sampleWeight: 2,
    spreadM: 2000,
  },
  small_household: {
    share: 0.4,
    codePrefix: 'SH',
    creditKind: null,
    baseMu: null,
    products: [
      ['vegetable', 0.45],
      ['fruit', 0.2],
      ['grain_oil', 0.2],
      ['livestock_poultry', 0.15],
    ],
    secondProduct: 0.1,
    certifications: [],
    traceability: 0.05,
    issuesCertificate: 0.25,
    internalController: false,
    patrolsPerYear: { minimum: 0, extra: 0.08 },
    sampleWeight: 0.6,
    spreadM: 1200,
  },
  input_shop: {
    share: 0.06,
    codePrefix: 'NZ',
    creditKind: 'individual_business',
    baseMu: null,
    products: [['other', 1]],
    secondProduct: 0,
    certifications: [],
    traceability: 0.6,
    issuesCertificate: 0,
    internalController: false,
    patrolsPerYear: { minimum: 1, extra: 0.2 },
    sampleWeight: 0,
    spreadM: 400,
  },
  storage_transport: {
    share: 0.04,
    codePrefix: 'SCY',
    creditKind: 'enterprise',
    baseMu: null,
    products: [
      ['vegetable', 0.6],
      ['fruit', 0.4],
    ],
    secondProduct: 0.5,
    certifications: [],
    traceability: 0.5,
    issuesCertificate: 0.6,
    internalController: false,
    patrolsPerYear: { minimum: 1, extra: 0.1 },
    sampleWeight: 3,
    spreadM: 600,
  },
};

/** Credit classes: A ~85 %, B ~11 %, C ~4 %; all C and a third of B are on the key supervision list. */
export const CREDIT_MIX = [
  ['A', 0.85],
  ['B', 0.11],
  ['C', 0.04],
] as const;
export const KEY_LIST_SHARE_OF_B = 0.35;
