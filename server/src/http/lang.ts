import type { Request } from 'express';
import type { Lang } from '../../contracts/errors';

/** The language of a request's messages: `?lang=en|zh-CN`, else Accept-Language, else zh-CN. */
export function requestLang(req: Request): Lang {
  const explicit = typeof req.query.lang === 'string' ? req.query.lang : undefined;
  if (explicit === 'en' || explicit === 'zh-CN') return explicit;
  const accepted = req.acceptsLanguages('zh', 'zh-CN', 'en');
  return accepted === 'en' ? 'en' : 'zh-CN';
}
