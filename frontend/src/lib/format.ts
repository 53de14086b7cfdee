/** Dates, money and names of countries and currencies, in the UI language. */
import { type AppLanguage } from "./i18n";

export function formatDateTime(value: string | number | null | undefined, language: AppLanguage): string {
  if (value === null || value === undefined || value === "") return "—";
  // allauth sends epoch seconds; the Hansa API sends ISO 8601.
  const date = typeof value === "number" ? new Date(value * 1000) : new Date(value);
  if (Number.isNaN(date.getTime())) return String(value);
  return new Intl.DateTimeFormat(language, { dateStyle: "medium", timeStyle: "short" }).format(date);
}

export function formatDate(value: string | null | undefined, language: AppLanguage): string {
  if (!value) return "—";
  const date = new Date(value);
  if (Number.isNaN(date.getTime())) return value;
  return new Intl.DateTimeFormat(language, { dateStyle: "medium" }).format(date);
}

/** Money arrives as a decimal string with its currency; never round-trip it through float maths. */
export function formatMoney(amount: string | number, currency: string, language: AppLanguage): string {
  const value = typeof amount === "string" ? Number(amount) : amount;
  if (!Number.isFinite(value)) return `${amount} ${currency}`;
  return new Intl.NumberFormat(language, { style: "currency", currency }).format(value);
}

function displayName(type: "region" | "currency", code: string, language: AppLanguage): string {
  try {
    return new Intl.DisplayNames([language], { type }).of(code) ?? code;
  } catch {
    return code;
  }
}

export function countryName(code: string, language: AppLanguage): string {
  return displayName("region", code.toUpperCase(), language);
}

export function currencyName(code: string, language: AppLanguage): string {
  return displayName("currency", code.toUpperCase(), language);
}
