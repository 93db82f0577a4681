import { describe, expect, it } from 'vitest';
import en from '../../../client/src/app/i18n/en';
import { LANG_STORAGE_KEY, readStoredLang } from '../../../client/src/app/i18n';
import zhCN from '../../../client/src/app/i18n/zh-CN';

type Tree = { [key: string]: string | Tree };

function leaves(tree: Tree, prefix = ''): Map<string, string> {
  const out = new Map<string, string>();
  for (const [key, value] of Object.entries(tree)) {
    const path = prefix ? `${prefix}.${key}` : key;
    if (typeof value === 'string') out.set(path, value);
    else for (const [k, v] of leaves(value, path)) out.set(k, v);
  }
  return out;
}

const zh = leaves(zhCN as Tree);
const english = leaves(en as Tree);

function placeholders(text: string): string[] {
  return [...text.matchAll(/\{\{\s*(\w+)\s*\}\}/g)].map((m) => m[1] as string).sort();
}

describe('UI translations', () => {
  it('have exactly the same keys in Chinese and English', () => {
    expect([...english.keys()].sort()).toEqual([...zh.keys()].sort());
  });

  it('have no empty message in either language', () => {
    const empty = [...zh, ...english].filter(([, text]) => text.trim() === '').map(([key]) => key);
    expect(empty).toEqual([]);
  });

  it('use the same interpolation placeholders in both languages', () => {
    const mismatched = [...zh].filter(
      ([key, text]) => placeholders(text).join() !== placeholders(english.get(key) ?? '').join(),
    );
    expect(mismatched.map(([key]) => key)).toEqual([]);
  });

  it('use the domain terms of DOMAIN.md in Chinese', () => {
    expect(zhCN.layers.groups.grids).toBe('网格');
    expect(zhCN.layers.groups.subjects).toBe('生产主体');
    expect(zhCN.layers.groups.samples).toBe('抽样检测');
    expect(zhCN.enums.gridRole.village_coordinator).toBe('协管员');
    expect(zhCN.enums.gridRole.township_supervisor).toBe('网格监管员');
    expect(zhCN.subject.creditClass).toBe('信用等级');
    expect(zhCN.enums.creditClass).toEqual({ A: 'A 较好', B: 'B 重点监控名单', C: 'C 黑名单' });
    expect(zhCN.legend.unstaffed).toBe('未配齐人员');
    expect(zhCN.layers.items.heatmap).toBe('不合格样品热力图');
  });

  it('contain no Chinese characters in the English texts except the language switch label', () => {
    const withHan = [...english]
      .filter(([key, text]) => /\p{Script=Han}/u.test(text) && key !== 'language.switchTo')
      .map(([key]) => key);
    expect(withHan).toEqual([]);
  });
});

describe('the saved language', () => {
  const storage = (value: string | null) => ({
    getItem: (key: string) => (key === LANG_STORAGE_KEY ? value : null),
  });

  it('is Chinese when nothing was saved', () => {
    expect(readStoredLang(storage(null))).toBe('zh-CN');
  });

  it('is English when English was saved', () => {
    expect(readStoredLang(storage('en'))).toBe('en');
  });

  it('falls back to Chinese for an unknown value or unavailable storage', () => {
    expect(readStoredLang(storage('fr'))).toBe('zh-CN');
    expect(readStoredLang(undefined)).toBe('zh-CN');
    expect(
      readStoredLang({
        getItem: () => {
          throw new Error('blocked');
        },
      }),
    ).toBe('zh-CN');
  });
});
