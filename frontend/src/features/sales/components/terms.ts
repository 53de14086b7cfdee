/** Changed line terms (quantity, unit price, date) in words: "Line 1: quantity 10 → 8 pcs, price ¥12.00 → ¥11.50". */
import type { TFunction } from "i18next";
import { formatDate, formatUnitPrice } from "@/lib/format";
import type { AppLanguage } from "@/lib/i18n";
import { quantityWithUnit } from "./quantities";

export interface TermsLike {
  line_no?: unknown;
  quantity?: unknown;
  unit_price?: unknown;
  date?: unknown;
  promised_date?: unknown;
}

function str(value: unknown): string | null {
  if (typeof value === "string" && value !== "") return value;
  if (typeof value === "number") return String(value);
  return null;
}

function dateOf(terms: TermsLike | undefined): string | null {
  return str(terms?.promised_date) ?? str(terms?.date);
}

/** One line's change; `before` (the terms when it was proposed) adds "from → to". */
export function describeLineChange(
  after: TermsLike,
  before: TermsLike | undefined,
  { unit, currency, t, language }: { unit: string; currency: string; t: TFunction; language: AppLanguage },
): string {
  const arrow = (from: string | null, to: string) => (from && from !== to ? `${from} → ${to}` : to);
  const parts: string[] = [];
  const quantity = str(after.quantity);
  if (quantity) {
    const from = str(before?.quantity);
    parts.push(
      t("sales.amendments.quantity", {
        value: arrow(from ? quantityWithUnit(from, unit, language) : null, quantityWithUnit(quantity, unit, language)),
      }),
    );
  }
  const price = str(after.unit_price);
  if (price) {
    const from = str(before?.unit_price);
    parts.push(
      t("sales.amendments.price", {
        value: arrow(
          from ? formatUnitPrice(from, currency, language) : null,
          formatUnitPrice(price, currency, language),
        ),
      }),
    );
  }
  const date = dateOf(after);
  if (date) {
    const from = dateOf(before);
    parts.push(
      t("sales.amendments.date", {
        value: arrow(from ? formatDate(from, language) : null, formatDate(date, language)),
      }),
    );
  }
  return `${t("sales.amendments.line", { line: Number(after.line_no) })}: ${parts.join(t("common.listSeparator"))}`;
}
