/**
 * Bilingual validation messages. A custom check carries `params: { zh, en }`; the server's validator shows the
 * one matching the request's language (built-in checks use zod's zh-CN / en locales).
 */
import { z } from 'zod';

export const bilingual = (zh: string, en: string) => ({ params: { zh, en } });

/** A trimmed string matching `re`, with a message in both languages when it does not. */
export function pattern(re: RegExp, zh: string, en: string) {
  return z
    .string()
    .trim()
    .refine((value) => re.test(value), bilingual(zh, en));
}
