import { Typography } from "antd";
import type { TFunction } from "i18next";
import { useTranslation } from "react-i18next";
import { formatQuantity } from "@/lib/format";
import { currentLanguage, type AppLanguage } from "@/lib/i18n";

/** A unit's label ("m²" for `m2`); a unit the catalog does not know is shown as it is. */
export function unitLabel(t: TFunction, unit: string): string {
  return unit ? t(`units.${unit}`, { defaultValue: unit }) : "";
}

/** "1,250 pcs": a decimal string from the API, without trailing zeros, with its unit. */
export function quantityText(t: TFunction, language: AppLanguage, value: string | null | undefined, unit?: string) {
  if (value === null || value === undefined || value === "") return "—";
  const number = formatQuantity(value, language);
  return unit ? `${number} ${unitLabel(t, unit)}` : number;
}

/** A quantity with its unit; `tone` colours shortages (danger) and the figures that matter (strong). */
export function Quantity({
  value,
  unit,
  tone,
  testId,
}: {
  value: string | null | undefined;
  unit?: string;
  tone?: "danger" | "warning" | "secondary" | "strong";
  testId?: string;
}) {
  const { t, i18n } = useTranslation();
  const text = quantityText(t, currentLanguage(i18n), value, unit);
  return (
    <Typography.Text
      type={tone === "danger" || tone === "warning" || tone === "secondary" ? tone : undefined}
      strong={tone === "strong"}
      data-testid={testId}
      style={{ whiteSpace: "nowrap", fontVariantNumeric: "tabular-nums" }}
    >
      {text}
    </Typography.Text>
  );
}

/** A signed change ("+100", "−5"), or nothing for a zero change. */
export function signedQuantity(language: AppLanguage, value: string): string | null {
  const number = Number(value);
  if (!Number.isFinite(number) || number === 0) return null;
  const magnitude = formatQuantity(String(Math.abs(number)), language);
  return number > 0 ? `+${magnitude}` : `−${magnitude}`;
}

/** A decimal string is a valid movement quantity: a number with at most 4 decimal places. */
export function isQuantity(value: string): boolean {
  return /^\d+(\.\d{1,4})?$/.test(value.trim());
}
