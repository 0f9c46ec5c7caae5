// The console's two languages, switchable at any time; the choice survives a reload.
import { create } from 'zustand';
import { en, type MessageKey } from './en';
import type { AdminError, LockState } from '../../src-main/admin/contract';
import { zhCN, zhCNLockReasons } from './zh-CN';
import { enCoreErrors, enFieldLabels } from './core-errors.en';
import { zhCNCoreErrors, zhCNFieldLabels } from './core-errors.zh-CN';

export type Language = 'en' | 'zh-CN';
export type { MessageKey };

const LANGUAGE_STORAGE_KEY = 'cloudsso-local.language';
const DICTIONARIES: Record<Language, Record<MessageKey, string>> = { en, 'zh-CN': zhCN };

export type Translate = (key: MessageKey, vars?: Record<string, string | number>) => string;

// `{count, plural, one {# object} other {# objects}}`: the branch the language's plural rules pick for the number,
// with # standing for it (the ICU message syntax, reduced to what the console needs). Chinese needs no plural forms.
const PLURAL = /\{(\w+), plural,((?:\s*\w+ \{[^{}]*\})+)\s*\}/g;
const PLURAL_BRANCH = /(\w+) \{([^{}]*)\}/g;

function selectPlural(language: Language, branches: string, count: number): string {
  const forms = new Map([...branches.matchAll(PLURAL_BRANCH)].map((m) => [m[1]!, m[2]!] as const));
  const text = forms.get(new Intl.PluralRules(language).select(count)) ?? forms.get('other') ?? '';
  return text.replace(/#/g, String(count));
}

export function translate(language: Language, key: MessageKey, vars?: Record<string, string | number>): string {
  const template = DICTIONARIES[language][key] ?? en[key];
  if (!vars) return template;
  return template
    .replace(PLURAL, (whole, name: string, branches: string) => (typeof vars[name] === 'number' ? selectPlural(language, branches, vars[name]) : whole))
    .replace(/\{(\w+)\}/g, (whole, name: string) => (name in vars ? String(vars[name]) : whole));
}

function initialLanguage(): Language {
  try {
    const stored = window.localStorage.getItem(LANGUAGE_STORAGE_KEY);
    if (stored === 'en' || stored === 'zh-CN') return stored;
    return window.navigator.language.toLowerCase().startsWith('zh') ? 'zh-CN' : 'en';
  } catch {
    return 'en';
  }
}

interface LanguageState {
  language: Language;
  setLanguage(language: Language): void;
}

export const useLanguage = create<LanguageState>((set) => ({
  language: typeof window === 'undefined' ? 'en' : initialLanguage(),
  setLanguage(language) {
    try {
      window.localStorage.setItem(LANGUAGE_STORAGE_KEY, language);
    } catch {
      // Private windows may refuse storage; the switch still applies to this session.
    }
    document.documentElement.lang = language;
    set({ language });
  },
}));

export function useT(): Translate {
  const language = useLanguage((state) => state.language);
  return (key, vars) => translate(language, key, vars);
}

/** The core's lock reason in the console's language. The core decides whether and why something is locked; this
 *  only words it: English is the core's own text, Chinese is looked up by the reason's code. */
export function useLockReason(): (lock: LockState) => string | null {
  const language = useLanguage((state) => state.language);
  return (lock) => (language === 'zh-CN' && lock.LockReasonCode ? zhCNLockReasons[lock.LockReasonCode] : lock.LockReason);
}

const CORE_ERRORS = { en: enCoreErrors, 'zh-CN': zhCNCoreErrors } as const;
const FIELD_LABELS = { en: enFieldLabels, 'zh-CN': zhCNFieldLabels } as const;

/** A refusal from the core in the console's language, worded from its message code and parameters. Errors
 *  without a code (the transport's own) keep their English Message. */
export function wordCoreError(language: Language, error: AdminError): string {
  const template = error.MessageCode ? CORE_ERRORS[language][error.MessageCode] : undefined;
  if (!template) return error.Message;
  const params = error.Params ?? {};
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => {
    if (!Object.hasOwn(params, name)) return whole;
    const value = String(params[name]);
    return name === 'attribute' ? (FIELD_LABELS[language][value] ?? value) : value;
  });
}
