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
  // A date without a time ("2026-05-01") is that day wherever the reader is, not UTC midnight.
  const day = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  const date = day ? new Date(Number(day[1]), Number(day[2]) - 1, Number(day[3])) : new Date(value);
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

/**
 * A price per unit: at least the currency's minor digits, up to the 4 decimals prices are kept in
 * (`0.0125 CNY` stays as it is, `12.5` shows as `¥12.50`).
 */
export function formatUnitPrice(amount: string | number, currency: string, language: AppLanguage): string {
  const value = typeof amount === "string" ? Number(amount) : amount;
  if (!Number.isFinite(value)) return `${amount} ${currency}`;
  try {
    return new Intl.NumberFormat(language, { style: "currency", currency, maximumFractionDigits: 4 }).format(value);
  } catch {
    return `${amount} ${currency}`;
  }
}

/** A quantity (a decimal string from the API) without trailing zeros: "100.000" → "100". */
export function formatQuantity(value: string | number | null | undefined, language: AppLanguage): string {
  if (value === null || value === undefined || value === "") return "—";
  const number = typeof value === "string" ? Number(value) : value;
  if (!Number.isFinite(number)) return String(value);
  return new Intl.NumberFormat(language, { maximumFractionDigits: 4 }).format(number);
}

/** A rate between 0 and 1 as a percentage ("0.875" → "87.5%"); "—" when unknown. */
export function formatRate(value: string | number | null | undefined, language: AppLanguage): string {
  if (value === null || value === undefined || value === "") return "—";
  const number = typeof value === "string" ? Number(value) : value;
  if (!Number.isFinite(number)) return String(value);
  return new Intl.NumberFormat(language, { style: "percent", maximumFractionDigits: 1 }).format(number);
}

/**
 * The text of a thing named in both languages, in the UI language, falling back to the other one
 * (a supplier may fill only its Chinese or only its English name).
 */
export function localized(en: string | null | undefined, zh: string | null | undefined, language: AppLanguage): string {
  const first = language === "zh-CN" ? zh : en;
  const second = language === "zh-CN" ? en : zh;
  return (first ?? "").trim() || (second ?? "").trim();
}

/** A region served or delivered to: a country (`CN`) or a country's subdivision (`CN-JS`). */
export function regionName(code: string, language: AppLanguage): string {
  const [country, subdivision] = code.toUpperCase().split("-", 2);
  const name = countryName(country ?? code, language);
  return subdivision ? `${name} · ${subdivision}` : name;
}

/** A decimal string for an input, without trailing zeros: "100.000" → "100", "12.5000" → "12.5". */
export function trimDecimal(value: string | null | undefined): string | null {
  if (value === null || value === undefined || value === "") return null;
  if (!/^-?\d+(\.\d+)?$/.test(value)) return value;
  return value.includes(".") ? value.replace(/\.?0+$/, "") : value;
}
