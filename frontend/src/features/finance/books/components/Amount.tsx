import { useTranslation } from "react-i18next";
import { formatMoney } from "@/lib/format";
import { currentLanguage } from "@/lib/i18n";

/** A decimal amount of the API in its currency; `blankZero` leaves a zero debit or credit cell empty. */
export function Amount({
  value,
  currency,
  blankZero = false,
  testId,
}: {
  value: string | null | undefined;
  currency: string;
  blankZero?: boolean;
  testId?: string;
}) {
  const { i18n } = useTranslation();
  if (value === null || value === undefined || value === "") return null;
  if (blankZero && Number(value) === 0) return null;
  return (
    <span data-testid={testId} style={{ fontVariantNumeric: "tabular-nums", whiteSpace: "nowrap" }}>
      {formatMoney(value, currency, currentLanguage(i18n))}
    </span>
  );
}
