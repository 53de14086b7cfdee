/** Names of plans, meters and amounts in the UI language. */
import type { TFunction } from "i18next";
import { formatMoney, localized } from "@/lib/format";
import type { AppLanguage } from "@/lib/i18n";

export function planName(plan: { name_en: string; name_zh: string }, language: AppLanguage): string {
  return localized(plan.name_en, plan.name_zh, language);
}

export function meterLabel(t: TFunction, meter: string): string {
  return t(`billing.meter.${meter}`, { defaultValue: meter });
}

export function money(amount: string | null | undefined, currency: string, language: AppLanguage): string {
  return amount === null || amount === undefined ? "—" : formatMoney(amount, currency, language);
}

/** Progress colours: normal below 80 %, a warning from 80 %, an error from 100 %. */
export function usageColour(percent: number): "normal" | "warning" | "error" {
  if (percent >= 100) return "error";
  if (percent >= 80) return "warning";
  return "normal";
}
