/** How the books name things in the UI language: accounts, report lines, roles, cash-flow tags, event kinds. */
import type { TFunction } from "i18next";
import { localized } from "@/lib/format";
import type { AppLanguage } from "@/lib/i18n";

export interface NamedAccount {
  code: string;
  name_zh: string;
  name_en: string;
}

export function accountName(account: NamedAccount, language: AppLanguage): string {
  return localized(account.name_en, account.name_zh, language);
}

/** "1002 银行存款" */
export function accountLabel(account: NamedAccount, language: AppLanguage): string {
  return `${account.code} ${accountName(account, language)}`;
}

export function reportLineLabel(t: TFunction, line: string): string {
  return line ? t(`finance.books.reportLines.${line}`, { defaultValue: line }) : "";
}

export function roleName(t: TFunction, role: string): string {
  return role ? t(`finance.books.roles.${role}`, { defaultValue: role }) : "";
}

export function cashFlowTagLabel(t: TFunction, tag: string): string {
  return tag ? t(`finance.books.cashFlowTags.${tag}`, { defaultValue: tag }) : "";
}

/** A business event's kind ("supplier_invoice"): its name when known, else the kind as the server spells it. */
export function eventKindLabel(t: TFunction, kind: string): string {
  return t(`finance.books.eventKinds.${kind}`, { defaultValue: kind.replace(/_/g, " ") });
}

/** Where an entry came from: manual, a reversal, or the business event it posts. */
export function sourceLabel(t: TFunction, sourceKind: string): string {
  if (sourceKind === "manual") return t("finance.books.entries.sourceManual");
  if (sourceKind === "reversal") return t("finance.books.entries.sourceReversal");
  return eventKindLabel(t, sourceKind);
}

/** The cash-flow tags the API accepts on a cash line (tenants/finance/services/posting.py CASH_FLOW_TAGS). */
export const CASH_FLOW_TAGS = [
  "customer_receipts",
  "tax_refunds",
  "other_operating_receipts",
  "supplier_payments",
  "employee_payments",
  "tax_payments",
  "other_operating_payments",
  "asset_purchases",
  "asset_disposals",
  "borrowings",
  "repayments",
  "capital_contributions",
  "interest_paid",
] as const;
