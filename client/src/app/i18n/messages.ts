/** The type of a full set of UI messages (the shape of zh-CN.ts) and of the dotted keys into it. */
import type zhCN from './zh-CN';

type DeepStrings<T> = { [K in keyof T]: T[K] extends string ? string : DeepStrings<T[K]> };

export type Messages = DeepStrings<typeof zhCN>;

type Join<K extends string, P extends string> = `${K}.${P}`;

/** 'grid.roster', 'enums.verdict.fail', … */
export type MessageKey<T = Messages> = {
  [K in keyof T & string]: T[K] extends string ? K : Join<K, MessageKey<T[K]>>;
}[keyof T & string];

export const LANGS = ['zh-CN', 'en'] as const;
export type UiLang = (typeof LANGS)[number];
