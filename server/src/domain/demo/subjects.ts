/**
 * The production-subject registry (生产主体名录): about 2,000 subjects per unit of scale, placed in farmland around
 * village centres (input shops and storage operators mostly in township seats), with their registry attributes and,
 * for enterprises, co-operatives, family farms and large growers, a production base.
 *
 * Glossary:
 * - cluster subject: a vegetable grower placed inside a planted carbofuran cluster (about 3.5 % of farm subjects per
 *   cluster), so the cluster areas are the leafy-vegetable belts where the failures later appear.
 * - commodities: the specific products a subject grows or keeps (not stored: main_products holds only categories);
 *   samples taken at the subject are of these.
 */
import type { ProductCategory, SubjectType } from '../../../contracts/enums';
import { SUBJECT_TYPES } from '../../../contracts/enums';
import { BaseLayout } from './bases';
import { commoditiesOf, LEAFY_VEGETABLES } from './commodities';
import type { PhoneBook } from './contacts';
import { makeCreditCode } from './credit-code';
import type { LonLat, Ring } from './geo';
import { personName } from './names';
import type { CarbofuranCluster, PatternPlan } from './patterns';
import type { Places } from './places';
import { apportion, type Rng } from './prng';
import { subjectName } from './subject-names';
import { CREDIT_MIX, KEY_LIST_SHARE_OF_B, SUBJECT_PROFILES } from './subject-types';
import type { SubjectRecord } from './types';

export interface Subject {
  record: SubjectRecord;
  village: number;
  township: number;
  commodities: string[];
  /** Index of the carbofuran cluster the subject was placed in, or -1. */
  cluster: number;
}

export const SUBJECTS_PER_SCALE = 2000;
const CLUSTER_SHARE = 0.035;
const FARM_TYPES: ReadonlySet<SubjectType> = new Set([
  'enterprise',
  'cooperative',
  'family_farm',
  'large_grower',
  'small_household',
]);

interface Placement {
  point: LonLat;
  village: number;
  cluster: number;
}

function placeInCluster(rng: Rng, places: Places, cluster: CarbofuranCluster): Placement | null {
  for (let attempt = 0; attempt < 20; attempt++) {
    const point = places.scatter(rng, cluster.centre, cluster.radiusM / 2);
    const village = places.locate(point);
    if (village >= 0 && places.metresBetween(point, cluster.centre) <= cluster.radiusM * 0.9)
      return { point, village, cluster: -1 };
  }
  return null;
}

function place(rng: Rng, places: Places, plan: PatternPlan, type: SubjectType): Placement {
  if (FARM_TYPES.has(type)) {
    for (let k = 0; k < plan.clusters.length; k++) {
      if (!rng.chance(CLUSTER_SHARE)) continue;
      const found = placeInCluster(rng, places, plan.clusters[k] as CarbofuranCluster);
      if (found) return { ...found, cluster: k };
    }
  }
  const { townships, villages } = places.county;
  const inTown = (type === 'input_shop' || type === 'storage_transport') && rng.chance(0.6);
  const village = inTown
    ? rng.weighted(townships.map((t) => [t.seat, t.population] as const))
    : rng.weighted(villages.map((v) => [v.index, v.population] as const));
  const spread = SUBJECT_PROFILES[type].spreadM;
  return {
    point: places.scatter(rng, places.village(village).centre, spread, village),
    village,
    cluster: -1,
  };
}

function products(
  rng: Rng,
  type: SubjectType,
  cluster: number,
): { categories: ProductCategory[]; commodities: string[] } {
  const profile = SUBJECT_PROFILES[type];
  const first: ProductCategory = cluster >= 0 ? 'vegetable' : rng.weighted(profile.products);
  const categories = [first];
  const second = rng.weighted(profile.products);
  if (rng.chance(profile.secondProduct) && second !== first) categories.push(second);
  const commodities = categories.flatMap((category) => {
    if (category === 'vegetable' && cluster >= 0) return rng.shuffle(LEAFY_VEGETABLES).slice(0, 2);
    const options = commoditiesOf(category).map((c) => [c.name, c.weight] as const);
    if (options.length === 0) return [];
    const picked = new Set<string>();
    for (let n = rng.int(1, 2); n > 0; n--) picked.add(rng.weighted(options));
    return [...picked];
  });
  return { categories, commodities };
}

interface Context {
  rng: Rng;
  places: Places;
  plan: PatternPlan;
  phones: PhoneBook;
  bases: BaseLayout;
}

/** Certifications, traceability, certificates, credit class and key-list membership. */
function standing(rng: Rng, type: SubjectType) {
  const profile = SUBJECT_PROFILES[type];
  const creditClass = rng.weighted(CREDIT_MIX);
  return {
    certifications: profile.certifications.filter(([, p]) => rng.chance(p)).map(([c]) => c),
    traceability: rng.chance(profile.traceability),
    issuesCertificate: rng.chance(profile.issuesCertificate),
    creditClass,
    keyList: creditClass === 'C' || (creditClass === 'B' && rng.chance(KEY_LIST_SHARE_OF_B)),
  };
}

/** Where the subject is and its base: kinds with a base move (up to 8 times) until a base fits without overlaps. */
function locateWithBase(ctx: Context, type: SubjectType): Placement & { base: Ring | null } {
  const range = SUBJECT_PROFILES[type].baseMu;
  let placement = place(ctx.rng, ctx.places, ctx.plan, type);
  if (!range) return { ...placement, base: null };
  // 1 % inside the range: the local projection and PostGIS's geodesic area differ by a few parts in a thousand.
  const [min, max] = [range[0] * 1.01, range[1] * 0.99];
  const area = Math.min(max, Math.max(min, ctx.rng.logNormal(Math.sqrt(min * max), 1.8)));
  for (let attempt = 0; attempt < 8; attempt++) {
    if (attempt > 0) placement = place(ctx.rng, ctx.places, ctx.plan, type);
    const base = ctx.bases.place(ctx.rng, placement.point, placement.village, area, min);
    if (base) return { ...placement, base };
  }
  return { ...placement, base: null };
}

function makeSubject(ctx: Context, type: SubjectType, seq: number): Subject {
  const { rng, places, phones } = ctx;
  const profile = SUBJECT_PROFILES[type];
  const division = places.county.code.slice(0, 6);
  const { point, village, cluster, base } = locateWithBase(ctx, type);
  const v = places.village(village);
  const township = places.county.townships[v.township] as (typeof places.county.townships)[number];
  const { categories, commodities } = products(rng, type, cluster);
  const person = personName(rng);
  const controller = profile.internalController ? personName(rng) : null;
  const nameContext = {
    person,
    product: categories[0] as ProductCategory,
    countyShort: places.county.name.slice(0, -1),
    township: township.name,
  };
  const record: SubjectRecord = {
    code: `${division}-${profile.codePrefix}-${String(seq).padStart(5, '0')}`,
    name: subjectName(rng, type, nameContext),
    type,
    creditCode: profile.creditKind ? makeCreditCode(rng, profile.creditKind, division) : null,
    legalRep: type === 'enterprise' || type === 'cooperative' ? personName(rng) : person,
    phone: type === 'enterprise' && rng.chance(0.3) ? phones.landline() : phones.mobile(),
    address: `${places.county.name}${township.name}${v.name}${rng.int(1, 9)}组${profile.creditKind === 'enterprise' ? `${rng.int(1, 120)}号` : ''}`,
    mainProducts: categories,
    ...standing(rng, type),
    internalControllerName: controller,
    internalControllerPhone: controller ? phones.mobile() : null,
    point,
    base,
    villageCode: v.code,
  };
  return { record, village, township: v.township, commodities, cluster };
}

export function generateSubjects(
  rng: Rng,
  places: Places,
  plan: PatternPlan,
  phones: PhoneBook,
  scale: number,
): Subject[] {
  const shares = Object.fromEntries(SUBJECT_TYPES.map((t) => [t, SUBJECT_PROFILES[t].share])) as Record<
    SubjectType,
    number
  >;
  const counts = apportion(SUBJECTS_PER_SCALE * scale, shares);
  const ctx: Context = { rng, places, plan, phones, bases: new BaseLayout(places) };
  return SUBJECT_TYPES.flatMap((type) =>
    Array.from({ length: counts[type] }, (_, i) => makeSubject(ctx, type, i + 1)),
  );
}
