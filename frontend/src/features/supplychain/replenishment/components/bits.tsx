import { Tag } from "antd";
import type { TFunction } from "i18next";
import { useTranslation } from "react-i18next";
import { formatMoney, formatQuantity, formatUnitPrice, localized } from "@/lib/format";
import { currentLanguage } from "@/lib/i18n";
import type { Policy } from "../api/replenishment";

/** A fresh Idempotency-Key for a create (a retry after a lost answer then happens once). */
export function newKey(): string {
  if (typeof crypto.randomUUID === "function") return crypto.randomUUID();
  return Array.from(crypto.getRandomValues(new Uint8Array(16)), (b) => b.toString(16).padStart(2, "0")).join("");
}

export function useFormat() {
  const { t, i18n } = useTranslation();
  const language = currentLanguage(i18n);
  return {
    t,
    language,
    qty: (value: string | null | undefined, unit?: string) =>
      value === null || value === undefined ? "—" : `${formatQuantity(value, language)}${unit ? ` ${unit}` : ""}`,
    money: (value: string | null | undefined, currency: string) =>
      value === null || value === undefined ? "—" : formatMoney(value, currency, language),
    price: (value: string, currency: string) => formatUnitPrice(value, currency, language),
    name: (row: { name_en: string; name_zh: string; sku: string }) =>
      localized(row.name_en, row.name_zh, language) || row.sku,
  };
}

/** "min 20 / max 100 box" or "14 days (trigger 5)". */
export function termsText(t: TFunction, policy: Policy, qty: (v: string | null, unit?: string) => string): string {
  return policy.method === "min_max"
    ? t("supplyChain.replenishment.terms.minMax", {
        min: qty(policy.min_quantity),
        max: qty(policy.max_quantity, policy.unit),
      })
    : t("supplyChain.replenishment.terms.days", { target: policy.target_days, minimum: policy.minimum_days });
}

const STATUS_COLOURS: Record<string, string> = {
  sent: "processing",
  pending: "warning",
  accepted: "success",
  declined: "default",
};

export function StatusTag({ status, testId }: { status: string; testId?: string }) {
  const { t } = useTranslation();
  return (
    <Tag color={STATUS_COLOURS[status] ?? "default"} data-testid={testId}>
      {t(`supplyChain.replenishment.status.${status}`, { defaultValue: status })}
    </Tag>
  );
}

/** Why a received proposal waits for a person ("automatic_acceptance_failed:<code>" names the problem). */
export function reviewReasonText(t: TFunction, reason: string): string {
  if (!reason) return "";
  const [key, code] = reason.split(":");
  const text = t(`supplyChain.replenishment.review.${key}`, { defaultValue: key });
  return code ? `${text} (${t(`problem.${code}`, { defaultValue: code })})` : text;
}
