import { describe, expect, it } from 'vitest';
import { MESSAGE_BUNDLES } from '../../../client/src/app/i18n/bundles';
import zhCN from '../../../client/src/app/i18n/zh-CN';

type Tree = { [key: string]: string | Tree };

function keys(tree: Tree, prefix = ''): string[] {
  return Object.entries(tree).flatMap(([key, value]) =>
    typeof value === 'string' ? [`${prefix}${key}`] : keys(value, `${prefix}${key}.`),
  );
}

describe('the message bundles of the workspaces', () => {
  for (const bundle of MESSAGE_BUNDLES) {
    it(`give ${bundle.namespace} the same keys in Chinese and English, none empty, no Chinese in English`, () => {
      expect(keys(bundle.en as unknown as Tree).sort()).toEqual(
        keys(bundle['zh-CN'] as unknown as Tree).sort(),
      );
      const english = keys(bundle.en as unknown as Tree);
      expect(english.length).toBeGreaterThan(0);
      const flat = JSON.stringify(bundle.en);
      expect(/\p{Script=Han}/u.test(flat)).toBe(false);
    });
  }

  it('do not reuse a top-level key of the core messages', () => {
    for (const bundle of MESSAGE_BUNDLES) expect(Object.keys(zhCN)).not.toContain(bundle.namespace);
  });
});
