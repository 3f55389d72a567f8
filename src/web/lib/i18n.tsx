import { createContext, useCallback, useContext, useMemo, useState, type ReactNode } from 'react';
import type { ProposalKind } from '../../shared/domain.js';
import { inEnglishWordsOf, inWordsOf } from '../../shared/vocabulary.js';

// Chinese is the source language: UI strings are written in Chinese and looked up in an English
// dictionary when a user switches to English. A missing entry falls back to the Chinese text.
export type Locale = 'zh-CN' | 'en-US';

const english: Record<string, string> = {};

/** Features add their own English strings when their module loads. */
export function extendEnglish(entries: Record<string, string>) {
  Object.assign(english, entries);
}

/** The English of a Chinese string, if the dictionary has it (for code outside React: the API client). */
export const englishOf = (zh: string): string | undefined => english[zh];

const STORAGE_KEY = 'duban.locale';
let current: Locale = typeof localStorage !== 'undefined' && localStorage.getItem(STORAGE_KEY) === 'en-US' ? 'en-US' : 'zh-CN';
/** The interface language now, for code outside React (the API client words its errors in it). */
export const currentLocale = (): Locale => current;
// The page's language follows the choice from the first paint (index.html says zh-CN).
if (typeof document !== 'undefined') document.documentElement.lang = current;

interface I18n {
  locale: Locale;
  setLocale: (l: Locale) => void;
  t: (zh: string, vars?: Record<string, string | number>) => string;
}

const I18nContext = createContext<I18n | null>(null);

export function I18nProvider({ children }: { children: ReactNode }) {
  const [locale, setLocaleState] = useState<Locale>(() => current);
  const setLocale = useCallback((l: Locale) => {
    localStorage.setItem(STORAGE_KEY, l);
    document.documentElement.lang = l;
    current = l;
    setLocaleState(l);
  }, []);
  const t = useCallback(
    (zh: string, vars?: Record<string, string | number>) => {
      let s = locale === 'en-US' ? (english[zh] ?? zh) : zh;
      if (vars) for (const [k, v] of Object.entries(vars)) s = s.replaceAll(`{${k}}`, String(v));
      return s;
    },
    [locale],
  );
  const value = useMemo(() => ({ locale, setLocale, t }), [locale, setLocale, t]);
  return <I18nContext.Provider value={value}>{children}</I18nContext.Provider>;
}

export function useI18n(): I18n {
  const v = useContext(I18nContext);
  if (!v) throw new Error('useI18n outside I18nProvider');
  return v;
}

export const useT = () => useI18n().t;

/**
 * The translator for a screen that shows one item: strings written in the CPPCC's words (提案,
 * 提案人, 联名人, 界别 …) come out in the NPC's (代表建议, 代表, 附议代表, 代表团 …) when the item is a
 * deputy's suggestion, in either language. The template is rewritten before the variables are put
 * in, so a title or a name is never changed.
 */
export function useKindI18n(kind: ProposalKind | undefined): I18n {
  const { locale, setLocale } = useI18n();
  const t = useCallback(
    (zh: string, vars?: Record<string, string | number>) => {
      let s = locale === 'en-US' ? (english[zh] ?? zh) : zh;
      if (kind) s = locale === 'en-US' && english[zh] ? inEnglishWordsOf(kind, s) : inWordsOf(kind, s);
      if (vars) for (const [k, v] of Object.entries(vars)) s = s.replaceAll(`{${k}}`, String(v));
      return s;
    },
    [locale, kind],
  );
  return useMemo(() => ({ locale, setLocale, t }), [locale, setLocale, t]);
}
