/**
 * Chinese and English names of the domain's enumerations, for what the server itself writes for people: Excel
 * exports, public information boards, printed documents. (The client's UI texts live in its i18n resources.)
 */
import type { Certification, CreditClass, ProductCategory, SubjectType } from './enums';

export type Label = { zh: string; en: string };

export const SUBJECT_TYPE_LABELS: Record<SubjectType, Label> = {
  enterprise: { zh: '生产企业', en: 'Enterprise' },
  cooperative: { zh: '农民专业合作社', en: 'Co-operative' },
  family_farm: { zh: '家庭农场', en: 'Family farm' },
  large_grower: { zh: '种养大户', en: 'Large grower/breeder' },
  small_household: { zh: '散户', en: 'Small household' },
  input_shop: { zh: '农资经营店', en: 'Agricultural-input shop' },
  storage_transport: { zh: '收贮运主体', en: 'Storage/transport operator' },
};

export const CREDIT_CLASS_LABELS: Record<CreditClass, Label> = {
  A: { zh: 'A 较好', en: 'A good' },
  B: { zh: 'B 重点监控名单', en: 'B key monitoring list' },
  C: { zh: 'C 黑名单', en: 'C blacklist' },
};

export const CERTIFICATION_LABELS: Record<Certification, Label> = {
  pollution_free: { zh: '无公害农产品', en: 'Pollution-free' },
  green_food: { zh: '绿色食品', en: 'Green food' },
  organic: { zh: '有机农产品', en: 'Organic' },
  geo_indication: { zh: '农产品地理标志', en: 'Geographical indication' },
};

export const PRODUCT_CATEGORY_LABELS: Record<ProductCategory, Label> = {
  vegetable: { zh: '蔬菜', en: 'Vegetables' },
  fruit: { zh: '水果', en: 'Fruit' },
  tea: { zh: '茶叶', en: 'Tea' },
  grain_oil: { zh: '粮油', en: 'Grain and oil' },
  livestock_poultry: { zh: '畜禽', en: 'Livestock and poultry' },
  aquatic: { zh: '水产品', en: 'Aquatic products' },
  edible_fungi: { zh: '食用菌', en: 'Edible fungi' },
  other: { zh: '其他', en: 'Other' },
};
