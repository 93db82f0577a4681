/**
 * i18next set-up: zh-CN by default, English on request. The choice is kept in localStorage and mirrored on
 * <html lang> (screen readers and CJK font selection depend on it) and in the document title.
 */
import i18next, { type i18n } from 'i18next';
import { initReactI18next } from 'react-i18next';
import { type BundleMessages, MESSAGE_BUNDLES } from './bundles';
import en from './en';
import { LANGS, type UiLang } from './messages';
import zhCN from './zh-CN';

export const LANG_STORAGE_KEY = 'nongan.lang';

declare module 'i18next' {
  interface CustomTypeOptions {
    defaultNS: 'translation';
    resources: { translation: typeof zhCN & BundleMessages };
  }
}

export function isUiLang(value: unknown): value is UiLang {
  return typeof value === 'string' && (LANGS as readonly string[]).includes(value);
}

/** The saved language, or zh-CN; storage may be unavailable (private mode, in-app browsers). */
export function readStoredLang(storage: Pick<Storage, 'getItem'> | undefined): UiLang {
  try {
    const saved = storage?.getItem(LANG_STORAGE_KEY);
    return isUiLang(saved) ? saved : 'zh-CN';
  } catch {
    return 'zh-CN';
  }
}

function safeStorage(): Storage | undefined {
  try {
    return window.localStorage;
  } catch {
    return undefined;
  }
}

function reflectLanguage(lang: UiLang, title: string): void {
  document.documentElement.lang = lang;
  document.title = title;
}

/** The core messages plus every feature bundle under its namespace. */
function withBundles(core: object, lang: UiLang): Record<string, unknown> {
  return {
    ...core,
    ...Object.fromEntries(MESSAGE_BUNDLES.map((bundle) => [bundle.namespace, bundle[lang]])),
  };
}

export function createI18n(): i18n {
  const instance = i18next.createInstance();
  const lng = readStoredLang(safeStorage());
  void instance.use(initReactI18next).init({
    resources: {
      'zh-CN': { translation: withBundles(zhCN, 'zh-CN') },
      en: { translation: withBundles(en, 'en') },
    },
    lng,
    fallbackLng: 'zh-CN',
    supportedLngs: [...LANGS],
    interpolation: { escapeValue: false }, // React escapes
    returnNull: false,
    initAsync: false,
  });
  reflectLanguage(lng, instance.t('app.title'));
  instance.on('languageChanged', (next) => {
    const lang = isUiLang(next) ? next : 'zh-CN';
    try {
      safeStorage()?.setItem(LANG_STORAGE_KEY, lang);
    } catch {
      // Storage may be full or blocked; the language still applies to this visit.
    }
    reflectLanguage(lang, instance.t('app.title'));
  });
  return instance;
}

/** The current UI language of an i18n instance, narrowed to the ones the app has. */
export function uiLang(instance: Pick<i18n, 'language'>): UiLang {
  return isUiLang(instance.language) ? instance.language : 'zh-CN';
}
