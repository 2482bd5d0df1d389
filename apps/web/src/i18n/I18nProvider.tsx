import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import type { Label } from '@yipan/domain';
import { zhCN, type Catalog, type MessageKey } from './zh-CN';
import { en } from './en';
import { formatMessage, type MessageParams } from './formatMessage';

export { formatMessage, type MessageParams } from './formatMessage';

/** The interface languages, zh-CN first. */
export type Locale = 'zh-CN' | 'en';

const CATALOGS: Record<Locale, Catalog> = { 'zh-CN': zhCN, en };
const STORAGE_KEY = 'yipan.locale';

/** Translates a key of the catalog. */
export type Translate = (key: MessageKey, params?: MessageParams) => string;

type I18nValue = {
  locale: Locale;
  setLocale: (locale: Locale) => void;
  t: Translate;
  /** Picks the label of a glossary entry in the current language. */
  label: (label: Label) => string;
};

const I18nContext = createContext<I18nValue | null>(null);

function storedLocale(): Locale {
  try {
    return localStorage.getItem(STORAGE_KEY) === 'en' ? 'en' : 'zh-CN';
  } catch {
    return 'zh-CN';
  }
}

/** Provides the interface language (remembered in localStorage) and the `t` function. */
export function I18nProvider({ children }: { children: ReactNode }) {
  const [locale, setLocaleState] = useState<Locale>(storedLocale);
  const setLocale = useCallback((next: Locale) => {
    setLocaleState(next);
    try {
      localStorage.setItem(STORAGE_KEY, next);
    } catch {
      // Private mode without storage: the choice lasts for this page only.
    }
  }, []);
  const value = useMemo<I18nValue>(() => {
    const catalog = CATALOGS[locale];
    return {
      locale,
      setLocale,
      t: (key, params) => formatMessage(catalog[key], params),
      label: (entry) => (locale === 'zh-CN' ? entry.zh : entry.en),
    };
  }, [locale, setLocale]);
  useEffect(() => {
    document.documentElement.lang = locale;
    document.title = value.t('app.documentTitle');
  }, [locale, value]);
  return <I18nContext.Provider value={value}>{children}</I18nContext.Provider>;
}

/** The whole i18n context: locale, switch, `t` and glossary labels. */
export function useI18n(): I18nValue {
  const value = useContext(I18nContext);
  if (!value) throw new Error('useI18n outside I18nProvider');
  return value;
}

/** The translate function of the current language. */
export function useT(): Translate {
  return useI18n().t;
}
