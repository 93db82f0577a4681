/**
 * Names of production subjects as they appear in a county registry, by kind:
 * 青榆县天禾农业科技有限公司 (enterprise), 柳泉镇蔬菜种植专业合作社 (co-operative), 王建国家庭农场 (family farm),
 * 李红（种植大户） (large grower), the householder's own name (small household), 丰源农资经营部 (input shop),
 * 鑫源果蔬冷链物流有限公司 (storage/transport).
 */
import type { ProductCategory, SubjectType } from '../../../contracts/enums';
import { brandName } from './names';
import type { Rng } from './prng';

const WORD: Record<ProductCategory, readonly string[]> = {
  vegetable: ['蔬菜', '果蔬', '设施蔬菜'],
  fruit: ['林果', '葡萄', '红枣', '果业'],
  tea: ['茶叶'],
  grain_oil: ['粮食', '粮油', '小麦'],
  livestock_poultry: ['畜牧', '肉羊', '肉牛', '禽业'],
  aquatic: ['水产'],
  edible_fungi: ['食用菌'],
  other: ['农业'],
};

const breeding = (product: ProductCategory) => product === 'livestock_poultry' || product === 'aquatic';

export interface NameContext {
  /** The person behind the subject (family farm owner, grower, householder). */
  person: string;
  product: ProductCategory;
  countyShort: string;
  township: string;
}

function enterpriseName(rng: Rng, c: NameContext): string {
  const place = rng.pick([c.countyShort, c.countyShort, c.township, '']);
  const industry = rng.chance(0.5)
    ? `${rng.pick(WORD[c.product])}${rng.pick(['开发', '科技', ''])}`
    : rng.pick(['农业科技', '生态农业', '农业开发']);
  const suffix = rng.weighted([
    ['有限公司', 0.6],
    ['有限责任公司', 0.3],
    ['股份有限公司', 0.1],
  ] as const);
  return `${place}${brandName(rng)}${industry}${suffix}`;
}

function cooperativeName(rng: Rng, c: NameContext): string {
  const place = rng.pick([c.countyShort + '县', c.township, c.township, '']);
  const trade = breeding(c.product) ? '养殖' : '种植';
  return rng.chance(0.6)
    ? `${place}${brandName(rng)}${rng.pick(WORD[c.product])}${trade}专业合作社`
    : `${place}${brandName(rng)}农民专业合作社`;
}

function storageName(rng: Rng, c: NameContext): string {
  const kind = rng.weighted([
    ['果蔬冷链物流有限公司', 0.35],
    ['农产品收购站', 0.25],
    ['冷藏保鲜库', 0.2],
    ['果蔬购销有限公司', 0.2],
  ] as const);
  return `${rng.pick([c.township, c.countyShort, ''])}${brandName(rng)}${kind}`;
}

/** The registry name of a subject of the given type. */
export function subjectName(rng: Rng, type: SubjectType, c: NameContext): string {
  switch (type) {
    case 'enterprise':
      return enterpriseName(rng, c);
    case 'cooperative':
      return cooperativeName(rng, c);
    case 'family_farm':
      return `${rng.pick([c.countyShort + '县', c.township, ''])}${c.person}家庭农场`;
    case 'large_grower':
      return `${c.person}（${breeding(c.product) ? '养殖' : '种植'}大户）`;
    case 'small_household':
      return c.person;
    case 'input_shop':
      return `${c.township}${brandName(rng)}农资${rng.pick(['经营部', '门市部', '服务部', '店'])}`;
    case 'storage_transport':
      return storageName(rng, c);
  }
}
