/**
 * Request validation with zod: parse or throw VALIDATION_FAILED with one detail per problem, each located by its
 * path in the request ("body.properties.type") and worded in the request's language.
 */
import type { Request } from 'express';
import { z } from 'zod';
import type { ErrorDetail, Lang } from '../../contracts/errors';
import { AppError } from './app-error';
import { requestLang } from './lang';

const locales = { 'zh-CN': z.locales.zhCN(), en: z.locales.en() };

export function formatIssues(issues: readonly z.core.$ZodIssue[], lang: Lang, root: string): ErrorDetail[] {
  return issues.map((issue) => {
    const params = (issue as { params?: { zh?: string; en?: string } }).params;
    const custom = lang === 'en' ? params?.en : params?.zh;
    return {
      path: [root, ...issue.path.map(String)].join('.'),
      message: custom ?? issue.message,
      code: issue.code,
    };
  });
}

export function parseWith<S extends z.ZodType>(
  schema: S,
  value: unknown,
  lang: Lang,
  root: string,
): z.infer<S> {
  const result = schema.safeParse(value, {
    error: locales[lang].localeError,
  } as z.core.ParseContext<z.core.$ZodIssue>);
  if (!result.success) throw new AppError('VALIDATION_FAILED', formatIssues(result.error.issues, lang, root));
  return result.data;
}

export const validate = {
  body: <S extends z.ZodType>(req: Request, schema: S): z.infer<S> =>
    parseWith(schema, req.body, requestLang(req), 'body'),
  query: <S extends z.ZodType>(req: Request, schema: S): z.infer<S> => {
    const { lang: _lang, ...query } = req.query;
    return parseWith(schema, query, requestLang(req), 'query');
  },
  params: <S extends z.ZodType>(req: Request, schema: S): z.infer<S> =>
    parseWith(schema, req.params, requestLang(req), 'params'),
};
