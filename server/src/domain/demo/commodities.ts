/**
 * What the county grows and how often its products fail tests — the background the planted patterns stand out from.
 *
 * Glossary:
 * - commodity: a product by its Chinese name (菠菜) with its product category and analyte panel.
 * - leafy: leafy vegetables, the group with the lowest pass rates (the planted carbofuran clusters are in them).
 * - failRate: chance that a lab-tested background sample of the commodity exceeds a limit; rapidRate: chance that
 *   a rapid enzyme test on it is positive (≥ 50 % inhibition). Rates are tuned so the county's overall pass rate is
 *   about 96.5 %, between the 96 % and 97 % targets of the source plans.
 */
import type { ProductCategory } from '../../../contracts/enums';
import type { PanelId } from './limits';

export interface Commodity {
  name: string;
  category: ProductCategory;
  panel: PanelId;
  leafy: boolean;
  /** Whether the rapid enzyme test applies (vegetables and fruit). */
  rapid: boolean;
  failRate: number;
  rapidRate: number;
  /** Relative share within its category. */
  weight: number;
}

const veg = (name: string, leafy: boolean, weight: number): Commodity => ({
  name,
  category: 'vegetable',
  panel: 'vegetable',
  leafy,
  rapid: true,
  failRate: leafy ? 0.04 : 0.02,
  rapidRate: leafy ? 0.042 : 0.022,
  weight,
});
const fruit = (name: string, weight: number): Commodity => ({
  name,
  category: 'fruit',
  panel: 'fruit',
  leafy: false,
  rapid: true,
  failRate: 0.012,
  rapidRate: 0.012,
  weight,
});
const other = (
  name: string,
  category: ProductCategory,
  panel: PanelId,
  failRate: number,
  weight: number,
): Commodity => ({
  name,
  category,
  panel,
  leafy: false,
  rapid: false,
  failRate,
  rapidRate: 0,
  weight,
});

export const LEAFY_VEGETABLES = ['菠菜', '芹菜', '韭菜', '油菜', '小白菜', '生菜'] as const;

export const COMMODITIES: readonly Commodity[] = [
  ...LEAFY_VEGETABLES.map((name) => veg(name, true, 1)),
  ...['番茄', '黄瓜', '辣椒', '豇豆', '茄子', '大白菜', '甘蓝', '西葫芦'].map((name) =>
    veg(name, false, 0.75),
  ),
  ...[
    ['葡萄', 3],
    ['苹果', 2],
    ['梨', 1],
    ['红枣', 1.5],
    ['甜瓜', 1.5],
    ['西瓜', 1],
    ['杏', 0.7],
  ].map(([n, w]) => fruit(n as string, w as number)),
  other('小麦', 'grain_oil', 'grain', 0.008, 2),
  other('玉米', 'grain_oil', 'grain', 0.008, 2),
  other('牛肉', 'livestock_poultry', 'meat', 0.008, 2),
  other('羊肉', 'livestock_poultry', 'meat', 0.008, 2.5),
  other('猪肉', 'livestock_poultry', 'meat', 0.01, 1),
  other('鸡肉', 'livestock_poultry', 'meat', 0.008, 1),
  other('鸡蛋', 'livestock_poultry', 'egg', 0.01, 1.5),
  other('草鱼', 'aquatic', 'aquatic', 0.03, 1),
  other('鲤鱼', 'aquatic', 'aquatic', 0.03, 1),
  other('鲫鱼', 'aquatic', 'aquatic', 0.03, 0.6),
  other('平菇', 'edible_fungi', 'fungi', 0.01, 1),
  other('双孢蘑菇', 'edible_fungi', 'fungi', 0.01, 0.7),
];

const BY_NAME = new Map(COMMODITIES.map((c) => [c.name, c]));

export function commodity(name: string): Commodity {
  const found = BY_NAME.get(name);
  if (!found) throw new Error(`unknown commodity ${name}`);
  return found;
}

export function commoditiesOf(category: ProductCategory): Commodity[] {
  return COMMODITIES.filter((c) => c.category === category);
}

/** Which analyte fails when a sample of a panel fails (carbofuran leads vegetables, as in Xinjiang's 2015 data). */
export const FAILING_ANALYTE: Record<PanelId, readonly (readonly [string, number])[]> = {
  vegetable: [
    ['克百威', 0.43],
    ['氧乐果', 0.2],
    ['毒死蜱', 0.17],
    ['甲拌磷', 0.12],
    ['甲胺磷', 0.08],
  ],
  fruit: [
    ['克百威', 0.4],
    ['氧乐果', 0.4],
    ['甲拌磷', 0.2],
  ],
  grain: [
    ['镉', 0.6],
    ['铅', 0.3],
    ['毒死蜱', 0.1],
  ],
  meat: [
    ['克伦特罗', 0.6],
    ['莱克多巴胺', 0.3],
    ['沙丁胺醇', 0.1],
  ],
  egg: [['恩诺沙星', 1]],
  aquatic: [
    ['孔雀石绿', 0.4],
    ['呋喃唑酮代谢物', 0.3],
    ['恩诺沙星', 0.3],
  ],
  fungi: [['镉', 1]],
};
