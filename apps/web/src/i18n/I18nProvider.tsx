import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import type { Label } from '@yipan/domain';
import { zhCN, type Catalog, type MessageKey } from './zh-CN';
import { formatMessage, type MessageParams } from './formatMessage';

export { formatMessage, type MessageParams } from './formatMessage';

/** The interface languages, zh-CN first. */
export type Locale = 'zh-CN' | 'en';

/** Catalogs in the first paint's code: zh-CN is the default, so only a user who chose English loads `en`. */
const BUNDLED_CATALOGS: Partial<Record<Locale, Catalog>> = { 'zh-CN': zhCN };
const LOAD_CATALOG: Record<Locale, () => Promise<Catalog>> = {
  'zh-CN': () => Promise.resolve(zhCN),
  en: () => import('./en').then((module) => module.en),
};
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
  const [catalogs, setCatalogs] = useState(BUNDLED_CATALOGS);
  const catalog = catalogs[locale];
  // A remembered English choice: its catalog loads before the first render; without it, zh-CN.
  useEffect(() => {
    if (catalog) return;
    let current = true;
    LOAD_CATALOG[locale]().then(
      (loaded) => {
        if (current) setCatalogs((known) => ({ ...known, [locale]: loaded }));
      },
      () => {
        if (current) setLocaleState('zh-CN');
      },
    );
    return () => {
      current = false;
    };
  }, [locale, catalog]);
  const setLocale = useCallback((next: Locale) => {
    try {
      localStorage.setItem(STORAGE_KEY, next);
    } catch {
      // Private mode without storage: the choice lasts for this page only.
    }
    // The page keeps its language until the other catalog is here, so nothing unmounts meanwhile.
    LOAD_CATALOG[next]().then(
      (loaded) => {
        setCatalogs((known) => ({ ...known, [next]: loaded }));
        setLocaleState(next);
      },
      () => {
        // Offline before English was ever loaded: the page stays in its language.
      },
    );
  }, []);
  const value = useMemo<I18nValue | null>(() => {
    if (!catalog) return null;
    return {
      locale,
      setLocale,
      t: (key, params) => formatMessage(catalog[key], params),
      label: (entry) => (locale === 'zh-CN' ? entry.zh : entry.en),
    };
  }, [locale, catalog, setLocale]);
  useEffect(() => {
    if (!value) return;
    document.documentElement.lang = locale;
    document.title = value.t('app.documentTitle');
  }, [locale, value]);
  if (!value) return null;
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
