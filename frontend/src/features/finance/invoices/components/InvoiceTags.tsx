import { Tag } from "antd";
import { useTranslation } from "react-i18next";
import type { InvoiceSummary } from "../api/invoices";

const STATUS_COLORS: Record<string, string> = {
  draft: "default",
  open: "blue",
  paid: "green",
  cancelled: "default",
  rejected: "red",
};
const MATCH_COLORS: Record<string, string> = {
  matched: "green",
  mismatch: "orange",
  approved: "gold",
  rejected: "red",
};

/** The invoice's state in words: a received draft waits for approval; an issued one the buyer refused
 * says so. */
export function InvoiceStatusTag({ invoice }: { invoice: Pick<InvoiceSummary, "id" | "status" | "direction"> }) {
  const { t } = useTranslation();
  const label =
    invoice.direction === "in" && invoice.status === "draft"
      ? t("finance.invoices.receivedStatus.draft")
      : invoice.direction === "out" && invoice.status === "rejected"
        ? t("finance.invoices.receivedStatus.rejectedOut")
        : t(`finance.invoices.status.${invoice.status}`);
  return (
    <Tag color={STATUS_COLORS[invoice.status]} data-testid={`invoice-status-${invoice.id}`}>
      {label}
    </Tag>
  );
}

export function MatchTag({ status }: { status: string }) {
  const { t } = useTranslation();
  if (!status) return null;
  return <Tag color={MATCH_COLORS[status]}>{t(`finance.invoices.matchStatus.${status}`)}</Tag>;
}

export function KindTag({ kind }: { kind: string }) {
  const { t } = useTranslation();
  if (kind === "invoice") return null;
  return <Tag color={kind === "credit_note" ? "volcano" : "purple"}>{t(`finance.invoices.kind.${kind}`)}</Tag>;
}
