/**
 * The limits the demo generator judges its own residue results by, per analyte panel.
 *
 * THESE ARE DEMO JUDGEMENTS, NOT REFERENCE DATA. The authoritative limits (GB 2763 for pesticides, GB 2762 for
 * contaminants, GB 31650 and MARA announcement 250 for veterinary drugs) arrive as reference data in a later issue;
 * until then this small table holds only values we are sure of, labelled with their standard, and the rest are
 * labelled DEMO_STANDARD so nobody mistakes them for the standard. Every result row stores the limit and label it
 * was judged by, so replacing this table later never rewrites history.
 *
 * Glossary:
 * - banned: a substance prohibited on this kind of product (pesticides banned on vegetables and fruit trees by MOA
 *   announcements 199 (2002) and 2032 (2016); veterinary drugs and malachite green by MARA announcement 250 (2019)).
 *   The generator never reports a banned substance as detected below its limit, so "detected ⇒ fail" and
 *   "above the limit ⇒ fail" give the same verdicts. For those without an MRL the limit is the detection threshold.
 * - lod: limit of detection of the (fictional) laboratory method, mg/kg.
 * - typical: geometric mean (mg/kg) of values when the substance is detected but within the limit (non-banned only).
 */

export const DEMO_STANDARD = '演示限量（待 GB 2763 参考数据核对）';
const GB2763 = 'GB 2763-2021';
const GB2762 = 'GB 2762-2022';
const MARA250 = '农业农村部公告第250号';

export interface AnalyteLimit {
  analyte: string;
  limit: number;
  lod: number;
  standard: string;
  banned: boolean;
  /** Share of background samples in which the substance is detected within the limit (non-banned only). */
  detectRate: number;
  typical: number;
}

const banned = (analyte: string, limit: number, lod: number, standard: string): AnalyteLimit => ({
  analyte,
  limit,
  lod,
  standard,
  banned: true,
  detectRate: 0,
  typical: 0,
});

export type PanelId = 'vegetable' | 'fruit' | 'grain' | 'meat' | 'egg' | 'aquatic' | 'fungi';

export const PANELS: Record<PanelId, AnalyteLimit[]> = {
  vegetable: [
    banned('克百威', 0.02, 0.005, GB2763),
    banned('氧乐果', 0.02, 0.005, GB2763),
    banned('甲拌磷', 0.01, 0.003, GB2763),
    banned('毒死蜱', 0.02, 0.005, DEMO_STANDARD),
    banned('甲胺磷', 0.05, 0.01, DEMO_STANDARD),
  ],
  fruit: [
    banned('克百威', 0.02, 0.005, GB2763),
    banned('氧乐果', 0.02, 0.005, GB2763),
    banned('甲拌磷', 0.01, 0.003, GB2763),
  ],
  grain: [
    {
      analyte: '镉',
      limit: 0.1,
      lod: 0.005,
      standard: GB2762,
      banned: false,
      detectRate: 0.9,
      typical: 0.03,
    },
    { analyte: '铅', limit: 0.2, lod: 0.01, standard: GB2762, banned: false, detectRate: 0.7, typical: 0.04 },
    {
      analyte: '毒死蜱',
      limit: 0.5,
      lod: 0.005,
      standard: DEMO_STANDARD,
      banned: false,
      detectRate: 0.06,
      typical: 0.02,
    },
  ],
  meat: [
    banned('克伦特罗', 0.0005, 0.0005, MARA250),
    banned('莱克多巴胺', 0.0005, 0.0005, MARA250),
    banned('沙丁胺醇', 0.0005, 0.0005, MARA250),
  ],
  egg: [banned('恩诺沙星', 0.001, 0.001, DEMO_STANDARD)],
  aquatic: [
    banned('孔雀石绿', 0.0005, 0.0005, MARA250),
    banned('呋喃唑酮代谢物', 0.0005, 0.0005, MARA250),
    {
      analyte: '恩诺沙星',
      limit: 0.1,
      lod: 0.001,
      standard: DEMO_STANDARD,
      banned: false,
      detectRate: 0.12,
      typical: 0.015,
    },
  ],
  fungi: [
    {
      analyte: '镉',
      limit: 0.2,
      lod: 0.005,
      standard: DEMO_STANDARD,
      banned: false,
      detectRate: 0.85,
      typical: 0.04,
    },
  ],
};

/** The rapid enzyme-inhibition test for organophosphate and carbamate pesticides: ≥ 50 % inhibition is positive. */
export const RAPID_TEST = {
  analyte: '有机磷和氨基甲酸酯类农药（酶抑制率法）',
  limit: 50,
  standard: 'GB/T 5009.199-2003',
} as const;
