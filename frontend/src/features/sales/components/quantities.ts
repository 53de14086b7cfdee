/** Small helpers for the decimal strings the sales API sends (quantities, prices). */
import { formatQuantity } from "@/lib/format";
import type { AppLanguage } from "@/lib/i18n";

/** A decimal string as a number, for comparisons and previews only (the server does the arithmetic). */
export function num(value: string | number | null | undefined): number {
  if (value === null || value === undefined || value === "") return 0;
  const n = typeof value === "number" ? value : Number(value);
  return Number.isFinite(n) ? n : 0;
}

/** "12 pcs". */
export function quantityWithUnit(value: string | number | null | undefined, unit: string, language: AppLanguage) {
  return `${formatQuantity(value, language)} ${unit}`.trim();
}

/** A value typed into an InputNumber (string mode) as the API's decimal string; null when empty. */
export function decimalInput(value: string | number | null | undefined): string | null {
  if (value === null || value === undefined) return null;
  const text = String(value).trim();
  return text === "" ? null : text;
}

/**
 * Field names of the server's errors on the lines that were sent (`lines.<sent index>.<field>`) renamed to
 * the form rows they came from (`lines.<row>.<field>`), so a message lands on the right row.
 */
export function sentLinesFieldMap(rows: number[], fields: readonly string[]): Record<string, string> {
  const map: Record<string, string> = {};
  rows.forEach((row, sent) => {
    for (const field of fields) map[`lines.${sent}.${field}`] = `lines.${row}.${field}`;
  });
  return map;
}
