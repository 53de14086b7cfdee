/** How routing figures read: metres as kilometres, clock times without seconds, savings against a baseline. */
import type { AppLanguage } from "@/lib/i18n";

export function formatKm(metres: number, language: AppLanguage): string {
  const km = metres / 1000;
  return `${new Intl.NumberFormat(language, { minimumFractionDigits: 1, maximumFractionDigits: 1 }).format(km)} km`;
}

/** "09:05:00" → "09:05". */
export function formatClock(value: string | null | undefined): string {
  return value ? value.slice(0, 5) : "—";
}

/** How much shorter `plan` is than `baseline`, in percent (positive: shorter); null without a baseline. */
export function savingPercent(plan: number, baseline: number): number | null {
  if (baseline <= 0) return null;
  return ((baseline - plan) / baseline) * 100;
}

export function formatPercent(value: number | null, language: AppLanguage): string {
  if (value === null) return "—";
  return `${new Intl.NumberFormat(language, { maximumFractionDigits: 1, minimumFractionDigits: 1 }).format(value)} %`;
}
