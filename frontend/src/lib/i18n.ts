/**
 * Languages of the app and how one is chosen.
 *
 * Order of precedence: the member's `preferred_language` (from /api/me/), else the choice stored in
 * this browser, else the browser's own language, else English. Chinese (simplified) and English
 * catalogs are both complete; a key missing from one falls back to English.
 */
import i18next, { type i18n as I18n } from "i18next";
import { initReactI18next } from "react-i18next";
import {
  en,
  loadCompanyDataCatalogs,
  loadConsoleCatalogs,
  loadFinanceCatalogs,
  loadSupplyChainCatalogs,
  zhCN,
} from "@/locales";

export type AppLanguage = "zh-CN" | "en";
/** The values the API uses for a language (Django language codes). */
export type ServerLocale = "zh-hans" | "en";

export const LANGUAGES: readonly AppLanguage[] = ["zh-CN", "en"];
export const DEFAULT_LANGUAGE: AppLanguage = "en";
export const FALLBACK_LANGUAGE: AppLanguage = "en";
export const LANGUAGE_STORAGE_KEY = "hansa.language";

export const resources = {
  en: { translation: en },
  "zh-CN": { translation: zhCN },
} as const;

/** Maps any BCP 47 tag or Django code to a language of the app, or null when there is none. */
export function normalizeLanguage(tag: string | null | undefined): AppLanguage | null {
  if (!tag) return null;
  const lower = tag.toLowerCase();
  if (lower === "zh" || lower.startsWith("zh-") || lower.startsWith("zh_")) return "zh-CN";
  if (lower === "en" || lower.startsWith("en-") || lower.startsWith("en_")) return "en";
  return null;
}

export function toServerLocale(language: AppLanguage): ServerLocale {
  return language === "zh-CN" ? "zh-hans" : "en";
}

export function storedLanguage(storage: Pick<Storage, "getItem"> | null = safeStorage()): AppLanguage | null {
  try {
    return normalizeLanguage(storage?.getItem(LANGUAGE_STORAGE_KEY));
  } catch {
    return null;
  }
}

export function storeLanguage(language: AppLanguage, storage: Pick<Storage, "setItem"> | null = safeStorage()): void {
  try {
    storage?.setItem(LANGUAGE_STORAGE_KEY, language);
  } catch {
    // Private mode or storage disabled: the choice lasts for this page only.
  }
}

export function browserLanguage(languages: readonly string[] = browserLanguageTags()): AppLanguage | null {
  for (const tag of languages) {
    const language = normalizeLanguage(tag);
    if (language) return language;
  }
  return null;
}

export interface LanguageSources {
  preferred?: string | null;
  stored?: AppLanguage | null;
  browser?: AppLanguage | null;
}

export function resolveLanguage({ preferred, stored, browser }: LanguageSources): AppLanguage {
  return normalizeLanguage(preferred) ?? stored ?? browser ?? DEFAULT_LANGUAGE;
}

/** The language to start with, before /api/me/ has answered. */
export function initialLanguage(): AppLanguage {
  return resolveLanguage({ stored: storedLanguage(), browser: browserLanguage() });
}

export function currentLanguage(instance: I18n = i18n): AppLanguage {
  return normalizeLanguage(instance.resolvedLanguage ?? instance.language) ?? DEFAULT_LANGUAGE;
}

/** A fresh, initialised i18next instance (the app uses one; tests make their own). */
export function createI18n(language: AppLanguage = initialLanguage()): I18n {
  const instance = i18next.createInstance();
  void instance.use(initReactI18next).init({
    // i18next writes into the resources it is given; each instance gets its own copy.
    resources: structuredClone(resources) as unknown as typeof resources,
    lng: language,
    fallbackLng: FALLBACK_LANGUAGE,
    supportedLngs: [...LANGUAGES],
    load: "currentOnly",
    interpolation: { escapeValue: false }, // React escapes already
    returnNull: false,
    initAsync: false,
  });
  instance.on("languageChanged", (lng) => {
    if (typeof document !== "undefined") document.documentElement.lang = lng;
  });
  if (typeof document !== "undefined") document.documentElement.lang = language;
  return instance;
}

export const i18n: I18n = createI18n();

/** Adds the finance messages (both languages) to ``instance``; idempotent. Called before /finance renders. */
export async function loadFinanceMessages(instance: I18n = i18n): Promise<void> {
  const catalogs = await loadFinanceCatalogs();
  for (const language of LANGUAGES)
    instance.addResourceBundle(language, "translation", catalogs[language], true, false);
}

/** Adds the supply-chain messages (both languages) to ``instance``; idempotent. Called before /supply-chain. */
export async function loadSupplyChainMessages(instance: I18n = i18n): Promise<void> {
  const catalogs = await loadSupplyChainCatalogs();
  for (const language of LANGUAGES)
    instance.addResourceBundle(language, "translation", catalogs[language], true, false);
}

/** Adds the operator console's messages (both languages) to ``instance``; idempotent. Called before /console. */
export async function loadConsoleMessages(instance: I18n = i18n): Promise<void> {
  const catalogs = await loadConsoleCatalogs();
  for (const language of LANGUAGES)
    instance.addResourceBundle(language, "translation", catalogs[language], true, false);
}

/** Adds the company data messages (export, closure) to ``instance``; idempotent. Called before the page. */
export async function loadCompanyDataMessages(instance: I18n = i18n): Promise<void> {
  const catalogs = await loadCompanyDataCatalogs();
  for (const language of LANGUAGES)
    instance.addResourceBundle(language, "translation", catalogs[language], true, false);
}

/** Switches the UI language; `persist` keeps the choice in this browser for the next visit. */
export async function changeLanguage(
  language: AppLanguage,
  { persist = true, instance = i18n }: { persist?: boolean; instance?: I18n } = {},
): Promise<void> {
  if (persist) storeLanguage(language);
  if (currentLanguage(instance) !== language) await instance.changeLanguage(language);
}

function safeStorage(): Storage | null {
  try {
    return typeof window !== "undefined" ? window.localStorage : null;
  } catch {
    return null;
  }
}

function browserLanguageTags(): readonly string[] {
  if (typeof navigator === "undefined") return [];
  return navigator.languages?.length ? navigator.languages : [navigator.language];
}
