/**
 * 12-digit statistical division codes (统计用区划代码) of the grids: province 2 + prefecture 2 + county 2 (GB/T 2260)
 * + township 3 + village 3. The township digits say what kind of unit it is (001–099 街道 street office, 100–199 镇
 * town, 200–399 乡 township, 400–599 farms and zones), the village digits too (001–199 居委会 residents' committee,
 * 200–399 村委会 villagers' committee). A child's code starts with its parent's significant digits. Pure.
 */
import type { CodeKind } from '../../../contracts/grids';

export type Level = 'county' | 'township' | 'village';

export const CODE_RANGES: Record<
  CodeKind,
  { level: Level; from: number; to: number; zh: string; en: string }
> = {
  street: { level: 'township', from: 1, to: 99, zh: '街道', en: 'street office' },
  town: { level: 'township', from: 100, to: 199, zh: '镇', en: 'town' },
  township: { level: 'township', from: 200, to: 399, zh: '乡', en: 'township' },
  farm: { level: 'township', from: 400, to: 599, zh: '农场、开发区等', en: 'farm or zone' },
  residents: { level: 'village', from: 1, to: 199, zh: '居委会', en: "residents' committee" },
  villagers: { level: 'village', from: 200, to: 399, zh: '村委会', en: "villagers' committee" },
};

/** How many leading digits a grid of this level shares with its children. */
export function significantDigits(level: Level): number {
  return level === 'county' ? 6 : level === 'township' ? 9 : 12;
}

/** The three digits that belong to a grid of this level inside its parent. */
export function ownDigits(code: string, level: Level): number {
  return level === 'township'
    ? Number(code.slice(6, 9))
    : level === 'village'
      ? Number(code.slice(9, 12))
      : 0;
}

export function defaultKind(level: Level): CodeKind {
  return level === 'township' ? 'town' : 'villagers';
}

/** The kind of unit a child code says it is (by the ranges), or null outside every range. */
export function kindOfCode(code: string, level: Level): CodeKind | null {
  const digits = ownDigits(code, level);
  for (const [kind, range] of Object.entries(CODE_RANGES) as [CodeKind, (typeof CODE_RANGES)[CodeKind]][]) {
    if (range.level === level && digits >= range.from && digits <= range.to) return kind;
  }
  return null;
}

/** Builds the child code with the given own digits under a parent code. */
export function childCode(parentCode: string, childLevel: Level, digits: number): string {
  const own = String(digits).padStart(3, '0');
  return childLevel === 'township' ? `${parentCode.slice(0, 6)}${own}000` : `${parentCode.slice(0, 9)}${own}`;
}

/**
 * The next free code of a kind under a parent: one above the highest code of that kind already used (so codes
 * keep the order of creation), or the first gap when the range is full at its top; null when the range is full.
 */
export function suggestNextCode(
  parentCode: string,
  childLevel: Exclude<Level, 'county'>,
  kind: CodeKind,
  taken: Iterable<string>,
): string | null {
  const range = CODE_RANGES[kind];
  if (range.level !== childLevel) return null;
  const prefix = parentCode.slice(0, significantDigits(childLevel === 'township' ? 'county' : 'township'));
  const used = new Set<number>();
  for (const code of taken) if (code.startsWith(prefix)) used.add(ownDigits(code, childLevel));
  let highest = range.from - 1;
  for (const digits of used)
    if (digits >= range.from && digits <= range.to) highest = Math.max(highest, digits);
  if (highest < range.to) return childCode(parentCode, childLevel, highest + 1);
  for (let digits = range.from; digits <= range.to; digits++)
    if (!used.has(digits)) return childCode(parentCode, childLevel, digits);
  return null;
}

export type CodeCheck = { ok: true } | { ok: false; zh: string; en: string };

/** Whether a code fits a child of this level under this parent (format, prefix, range). */
export function checkChildCode(
  code: string,
  parentCode: string,
  childLevel: Exclude<Level, 'county'>,
): CodeCheck {
  if (!/^\d{12}$/.test(code))
    return { ok: false, zh: '区划代码必须是 12 位数字', en: 'The code must be 12 digits' };
  const prefixLength = childLevel === 'township' ? 6 : 9;
  if (code.slice(0, prefixLength) !== parentCode.slice(0, prefixLength))
    return {
      ok: false,
      zh: `区划代码必须以上级网格的 ${parentCode.slice(0, prefixLength)} 开头`,
      en: `The code must start with the parent's ${parentCode.slice(0, prefixLength)}`,
    };
  if (childLevel === 'township' && code.slice(9) !== '000')
    return { ok: false, zh: '乡镇级网格代码的最后 3 位必须是 000', en: 'A township code must end in 000' };
  if (kindOfCode(code, childLevel) === null)
    return childLevel === 'township'
      ? {
          ok: false,
          zh: '乡镇代码第 7–9 位应在 001–599 之间（街道 001–099，镇 100–199，乡 200–399，农场等 400–599）',
          en: 'Digits 7–9 of a township code must be 001–599 (street 001–099, town 100–199, township 200–399, farms 400–599)',
        }
      : {
          ok: false,
          zh: '村级代码第 10–12 位应在 001–399 之间（居委会 001–199，村委会 200–399）',
          en: "Digits 10–12 of a village code must be 001–399 (residents' committee 001–199, villagers' committee 200–399)",
        };
  return { ok: true };
}

/** The code a child keeps when it moves under another parent: the same own digits if free, else the next free. */
export function recode(
  childCodeNow: string,
  newParentCode: string,
  childLevel: Exclude<Level, 'county'>,
  taken: Set<string>,
): string | null {
  const same = childCode(newParentCode, childLevel, ownDigits(childCodeNow, childLevel));
  if (!taken.has(same)) return same;
  const kind = kindOfCode(childCodeNow, childLevel) ?? defaultKind(childLevel);
  return suggestNextCode(newParentCode, childLevel, kind, taken);
}
