/** The current UI language, for API requests (Accept-Language) and number formatting. */
import { useTranslation } from 'react-i18next';
import { uiLang } from './i18n';
import type { UiLang } from './i18n/messages';

export function useLang(): UiLang {
  const { i18n } = useTranslation();
  return uiLang(i18n);
}
