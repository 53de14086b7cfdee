import { Tag } from "antd";
import type { TFunction } from "i18next";
import type { AppLanguage } from "@/lib/i18n";

const COMPANY_STATUS_COLORS: Record<string, string> = { active: "green", suspended: "red", closed: "default" };
const SUBSCRIPTION_STATUS_COLORS: Record<string, string> = {
  trialing: "blue",
  active: "green",
  past_due: "orange",
  read_only: "volcano",
  suspended: "red",
  canceled: "default",
};

export const COMPANY_STATUSES = ["active", "suspended", "closed"] as const;
export const SUBSCRIPTION_STATUSES = ["trialing", "active", "past_due", "read_only", "suspended", "canceled"] as const;
export const METERS = [
  "members",
  "listings",
  "rfqs_published",
  "purchase_orders",
  "sales_orders",
  "api_requests",
  "storage_mb",
] as const;
export const FEATURES = ["approvals_multi_level", "api_keys", "sealed_rfqs", "finance", "supply_chain"] as const;
export const CURRENCIES = ["CNY", "USD", "EUR"] as const;

export function CompanyStatusTag({ t, status }: { t: TFunction; status: string }) {
  return (
    <Tag color={COMPANY_STATUS_COLORS[status]} data-testid="company-status" data-status={status}>
      {t(`console.companyStatus.${status}`, { defaultValue: status })}
    </Tag>
  );
}

export function SubscriptionStatusTag({ t, status }: { t: TFunction; status: string | null | undefined }) {
  if (!status) return <Tag>{t("console.subscriptionStatus.none")}</Tag>;
  return (
    <Tag color={SUBSCRIPTION_STATUS_COLORS[status]} data-testid="subscription-status" data-status={status}>
      {t(`console.subscriptionStatus.${status}`, { defaultValue: status })}
    </Tag>
  );
}

export function planName(plan: { name_en: string; name_zh: string } | null | undefined, language: AppLanguage): string {
  if (!plan) return "—";
  return language === "zh-CN" ? plan.name_zh || plan.name_en : plan.name_en || plan.name_zh;
}

export function meterLabel(t: TFunction, meter: string): string {
  return t(`console.meters.${meter}`, { defaultValue: meter });
}

export function featureLabel(t: TFunction, feature: string): string {
  return t(`console.features.${feature}`, { defaultValue: feature });
}

export function auditActionLabel(t: TFunction, action: string): string {
  return t(`console.auditActions.${action}`, { defaultValue: t(`auditActions.${action}`, { defaultValue: action }) });
}
