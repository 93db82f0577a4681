import { describe, expect, it } from 'vitest';
import { DEFAULT_KEY_LIST_RULE, keyListReasons } from '../../../../server/src/domain/registry/key-list';

describe('key supervision list rule', () => {
  it('puts a blacklisted (C) subject on the key list', () => {
    expect(keyListReasons({ creditClass: 'C', failedSamplesInWindow: 0 }, DEFAULT_KEY_LIST_RULE)).toEqual([
      { kind: 'credit_class', creditClass: 'C' },
    ]);
  });

  it('puts a subject with two failed samples within the window on the key list, but not one with a single failure', () => {
    expect(keyListReasons({ creditClass: 'A', failedSamplesInWindow: 2 }, DEFAULT_KEY_LIST_RULE)).toEqual([
      { kind: 'failed_samples', count: 2, withinMonths: 12 },
    ]);
    expect(keyListReasons({ creditClass: 'A', failedSamplesInWindow: 1 }, DEFAULT_KEY_LIST_RULE)).toEqual([]);
  });

  it('follows the configuration: B subjects too, and no risk criterion when its threshold is 0', () => {
    const rule = { creditClasses: ['B', 'C'], failedSamples: 0, withinMonths: 12 };
    expect(keyListReasons({ creditClass: 'B', failedSamplesInWindow: 5 }, rule)).toEqual([
      { kind: 'credit_class', creditClass: 'B' },
    ]);
    expect(keyListReasons({ creditClass: null, failedSamplesInWindow: 5 }, rule)).toEqual([]);
  });
});
