import fs from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import data from '../../../../server/src/domain/residue/data/reference.json';
import release1 from '../../../../server/src/domain/residue/data/reference-2026-11-1.json';
import { indexReference, judgeResult, sampleVerdict } from '../../../../server/src/domain/residue/judge';
import {
  commodityPath,
  editionInForce,
  type ReferenceData,
} from '../../../../server/src/domain/residue/reference';
import { referenceDeltaSql, referenceSql } from '../../../../server/src/domain/residue/reference-sql';

const reference = data as unknown as ReferenceData;
const firstRelease = release1 as unknown as ReferenceData;
const index = indexReference(reference);
const result = (analyte: string, value: number | null, lod: number | null = 0.005) => ({
  analyte,
  value,
  lod,
  inhibitionPct: null,
});

describe('residue reference data', () => {
  it('is loaded by migrations generated from its releases: the first in full, the next as a delta', () => {
    const dir = 'sql/migrations';
    const migration = (suffix: string): string => {
      const file = fs.readdirSync(dir).find((f) => f.endsWith(suffix));
      expect(file).toBeDefined();
      return fs.readFileSync(`${dir}/${file}`, 'utf8');
    };
    // Release 2026-11-1 (kept as reference-2026-11-1.json) is what migration 0013 loaded, unchanged.
    expect(migration('_create_residue_reference.sql')).toContain(referenceSql(firstRelease));
    // The current reference.json is reached from it by the delta migration; together they load exactly the JSON.
    expect(reference.version).not.toBe(firstRelease.version);
    expect(migration('_extend_residue_reference.sql')).toContain(referenceDeltaSql(firstRelease, reference));
  });

  it('refuses a release that drops rows or moves commodities, since judged results may cite them', () => {
    const dropped = { ...reference, limits: reference.limits.slice(1) };
    expect(() => referenceDeltaSql(reference, dropped)).toThrow(/limits removed/);
    const moved = {
      ...reference,
      commodities: reference.commodities.map((c) => (c.zh === '菠菜' ? { ...c, parent: '叶柄类' } : c)),
    };
    expect(() => referenceDeltaSql(reference, moved)).toThrow(/菠菜/);
    expect(referenceDeltaSql(reference, reference)).toBe(
      `-- Reference data version ${reference.version} -> ${reference.version}\n`,
    );
  });

  it('updates a shipped row only while it still holds the shipped values', () => {
    const sql = referenceDeltaSql(firstRelease, reference);
    const methamidophos = sql
      .split('\n')
      .find((l) => l.startsWith('UPDATE pesticide_ban') && l.includes('第322号'));
    expect(methamidophos).toContain("effective_from = '2007-01-01'::date");
    expect(methamidophos).toContain("AND date_precision = 'unknown'");
    expect(methamidophos).toContain("AND sources = ARRAY['banned_json']::text[]");
    expect(sql).toMatch(
      /INSERT INTO residue_limit .* ON CONFLICT \(standard_code, analyte_id, commodity_id\) DO NOTHING;/,
    );
  });

  it('gives every limit and ban a known source, analyte and commodity', () => {
    const analytes = new Set(reference.analytes.map((a) => a.zh));
    const commodities = new Set(reference.commodities.map((c) => c.zh));
    for (const l of reference.limits) {
      expect(analytes.has(l.analyte) && commodities.has(l.commodity)).toBe(true);
      expect(l.sources.every((s) => s in reference.sources)).toBe(true);
      expect(reference.editions.some((e) => e.code === l.standard)).toBe(true);
    }
    for (const b of reference.bans) {
      expect(analytes.has(b.analyte)).toBe(true);
      expect((b.commodities ?? []).every((c) => commodities.has(c))).toBe(true);
      expect(b.sources.every((s) => s in reference.sources)).toBe(true);
    }
  });

  it('walks the commodity tree from spinach up to vegetables', () => {
    expect(commodityPath(reference.commodities, '菠菜')).toEqual(['菠菜', '绿叶类', '叶菜类蔬菜', '蔬菜']);
    expect(commodityPath(reference.commodities, '不存在')).toEqual([]);
  });

  it('puts GB 2763-2026 in force from 2026-03-01 and GB 2763-2021 the day before', () => {
    expect(editionInForce(reference.editions, 'GB 2763', '2026-02-28')!.code).toBe('GB 2763.1-2022');
    expect(editionInForce(reference.editions, 'GB 2763', '2026-03-01')!.code).toBe('GB 2763-2026');
    expect(editionInForce(reference.editions, 'GB 2763', '2022-01-01')!.code).toBe('GB 2763-2021');
    expect(editionInForce(reference.editions, 'GB 2763', '2020-02-15')!.code).toBe('GB 2763-2019');
    expect(editionInForce(reference.editions, 'GB 2763', '2019-01-01')!.code).toBe('GB 2763-2016');
    expect(editionInForce(reference.editions, 'GB 2763', '2017-06-17')).toBeNull();
  });
});

describe('judging a result', () => {
  it('fails carbofuran detected on spinach at its LOD as a banned pesticide, whatever the value', () => {
    const j = judgeResult(index, '菠菜', '2024-06-01', result('克百威', 0.005));
    expect(j).toMatchObject({ verdict: 'fail', rule: 'banned_detected', limitValue: 0.005 });
    expect(j.standard).toContain('199');
  });

  it('passes carbofuran below the LOD on spinach', () => {
    expect(judgeResult(index, '菠菜', '2024-06-01', result('克百威', 0.004))).toMatchObject({
      verdict: 'pass',
      rule: 'not_detected',
    });
  });

  it('fails chlorpyrifos on a 2018 vegetable sample (banned on vegetables since 2016-12-31) but not on 2016-12-30', () => {
    expect(judgeResult(index, '芹菜', '2018-05-01', result('毒死蜱', 0.01)).verdict).toBe('fail');
    expect(judgeResult(index, '芹菜', '2016-12-30', result('毒死蜱', 0.01)).rule).toBe('no_limit');
    expect(judgeResult(index, '小麦', '2018-05-01', result('毒死蜱', 0.01)).rule).toBe('no_limit');
  });

  it('judges tea by the GB 2763-2016 limits while that edition was in force, and not after', () => {
    // GB 2763-2016 tea limit of imidacloprid 0.5 mg/kg; GB 2763-2019/2021 tea limits are not loaded.
    expect(judgeResult(index, '茶叶', '2018-05-01', result('吡虫啉', 0.6))).toMatchObject({
      verdict: 'fail',
      rule: 'over_limit',
      limitValue: 0.5,
      standard: 'GB 2763-2016',
    });
    expect(judgeResult(index, '茶叶', '2018-05-01', result('吡虫啉', 0.5)).rule).toBe('within_limit');
    expect(judgeResult(index, '茶叶', '2022-05-01', result('吡虫啉', 0.6)).rule).toBe('no_limit');
    // GB 2763-2026 set flonicamid in tea at 15 mg/kg.
    expect(judgeResult(index, '茶叶', '2026-03-01', result('氟啶虫酰胺', 16)).rule).toBe('over_limit');
  });

  it('applies the 2007 ban of the five organophosphates (MOA 322) to every crop from 2007-01-01', () => {
    expect(judgeResult(index, '小麦', '2007-01-01', result('对硫磷', 0.01)).rule).toBe('banned_detected');
    expect(judgeResult(index, '小麦', '2006-12-31', result('对硫磷', 0.01)).rule).toBe('no_limit');
    expect(judgeResult(index, '小麦', '2008-01-01', result('甲胺磷', 0.01)).rule).toBe('banned_detected');
  });

  it('applies the MOA 1586 crop bans from 2011-06-15', () => {
    expect(judgeResult(index, '苹果', '2011-06-15', result('灭多威', 0.01)).rule).toBe('banned_detected');
    expect(judgeResult(index, '苹果', '2011-06-14', result('灭多威', 0.01)).rule).toBe('no_limit');
  });

  it('judges cadmium in wheat against the GB 2762 limit of cereals, walking up the tree', () => {
    const over = judgeResult(index, '小麦', '2024-01-01', result('镉', 0.12));
    expect(over).toMatchObject({ verdict: 'fail', rule: 'over_limit', limitValue: 0.1 });
    // GB 2762-2022 has no cereal Cd limit loaded, so its fallback GB 2762-2012 supplies it and both are recorded.
    expect(over.standard).toBe('GB 2762-2012');
    expect(over.standardInForce).toBe('GB 2762-2022');
    expect(judgeResult(index, '小麦', '2024-01-01', result('镉', 0.1)).verdict).toBe('pass');
  });

  it('calls a rapid test with 50 % inhibition suspected and 49.9 % a pass', () => {
    const rapid = (pct: number) => ({
      analyte: reference.rapid_test.analyte,
      value: pct,
      lod: null,
      inhibitionPct: pct,
    });
    expect(judgeResult(index, '菠菜', '2024-06-01', rapid(50))).toMatchObject({
      verdict: 'suspected',
      rule: 'rapid_positive',
    });
    expect(judgeResult(index, '菠菜', '2024-06-01', rapid(49.9))).toMatchObject({
      verdict: 'pass',
      rule: 'rapid_negative',
    });
  });

  it('reports a detected residue without a loaded limit as no_limit, not as compliant by silence', () => {
    expect(judgeResult(index, '番茄', '2024-06-01', result('腐霉利', 0.3))).toMatchObject({
      verdict: 'pass',
      rule: 'no_limit',
      limitValue: null,
    });
  });

  it('fails a sample when any of its results fails', () => {
    expect(sampleVerdict(['pass', 'suspected', 'fail'])).toBe('fail');
    expect(sampleVerdict(['pass', 'suspected'])).toBe('suspected');
    expect(sampleVerdict([])).toBe('pending');
  });

  it('gives verdicts monotone in concentration for every analyte, commodity and date', () => {
    const order = { pass: 0, suspected: 1, fail: 2 } as const;
    const analytes = reference.analytes.filter((a) => a.kind !== 'rapid_test').map((a) => a.zh);
    const commodities = reference.commodities.map((c) => c.zh);
    fc.assert(
      fc.property(
        fc.constantFrom(...analytes),
        fc.constantFrom(...commodities),
        fc.date({ min: new Date('2015-01-01'), max: new Date('2027-12-31'), noInvalidDate: true }),
        fc.double({ min: 0, max: 10, noNaN: true }),
        fc.double({ min: 0, max: 10, noNaN: true }),
        (analyte, commodity, date, a, b) => {
          const day = date.toISOString().slice(0, 10);
          const [lo, hi] = a <= b ? [a, b] : [b, a];
          const vLo = judgeResult(index, commodity, day, result(analyte, lo)).verdict;
          const vHi = judgeResult(index, commodity, day, result(analyte, hi)).verdict;
          return order[vLo] <= order[vHi];
        },
      ),
      { numRuns: 2000 },
    );
  });

  it('uses the edition in force on the sampling date on both sides of every edition boundary', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...reference.editions),
        fc.integer({ min: 1, max: 400 }),
        (edition, days) => {
          const start = new Date(`${edition.effective}T00:00:00Z`).getTime();
          const before = new Date(start - days * 86_400_000).toISOString().slice(0, 10);
          const after = new Date(start + (days - 1) * 86_400_000).toISOString().slice(0, 10);
          const next = reference.editions
            .filter((e) => e.family === edition.family && e.effective > edition.effective)
            .sort((x, y) => (x.effective < y.effective ? -1 : 1))[0];
          expect(editionInForce(reference.editions, edition.family, before)?.code).not.toBe(edition.code);
          if (!next || after < next.effective)
            expect(editionInForce(reference.editions, edition.family, after)?.code).toBe(edition.code);
        },
      ),
      { numRuns: 500 },
    );
  });

  it('judges a 2026-04 tropical-fruit dimethoate result by GB 2763-2026 and a 2025 one without that limit', () => {
    const after = judgeResult(index, '热带和亚热带类水果', '2026-04-01', result('乐果', 0.02, 0.005));
    // Dimethoate is banned on fruit since 2019-08-01 (MOA 2552), so the ban decides before any limit.
    expect(after.rule).toBe('banned_detected');
    const acetamiprid = judgeResult(index, '热带和亚热带类水果', '2026-04-01', result('啶虫脒', 1.5));
    expect(acetamiprid).toMatchObject({
      verdict: 'pass',
      rule: 'within_limit',
      standard: 'GB 2763-2026',
      limitValue: 2,
    });
    expect(judgeResult(index, '热带和亚热带类水果', '2026-04-01', result('啶虫脒', 2.5)).verdict).toBe(
      'fail',
    );
    expect(judgeResult(index, '热带和亚热带类水果', '2025-04-01', result('啶虫脒', 2.5)).rule).toBe(
      'no_limit',
    );
  });
});
