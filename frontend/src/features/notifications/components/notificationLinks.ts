import type { Notification } from "../api/notifications";

/** Kinds a supplier receives (its RFQ inbox) and those a buyer receives (its own RFQ). */
const SUPPLIER_KINDS = new Set(["rfq.invited", "rfq.extended", "rfq.cancelled", "rfq.awarded", "rfq.not_awarded"]);

export const NOTIFICATION_KINDS = [
  "rfq.invited",
  "rfq.extended",
  "rfq.cancelled",
  "rfq.closed",
  "rfq.awarded",
  "rfq.not_awarded",
  "billing.usage_warning",
  "billing.past_due",
  "billing.read_only_soon",
  "billing.read_only",
  "billing.suspended",
  "finance.invoice_mismatch",
  "supplychain.grant_received",
  "supplychain.grant_revoked",
  "supplychain.tracking.late",
  "supplychain.tracking.late_inbound",
] as const;

/** Where a notification leads in the workspace, if anywhere. */
export function notificationLink(
  notification: Pick<Notification, "kind" | "rfq_id"> & Partial<Pick<Notification, "subject_id">>,
): string | null {
  if (notification.kind.startsWith("billing.")) return "/billing";
  if (notification.kind === "finance.invoice_mismatch" && notification.subject_id)
    return `/finance/invoices/${notification.subject_id}`;
  if (notification.kind === "supplychain.grant_received") return "/supply-chain/sharing/stock";
  if (notification.kind === "supplychain.grant_revoked") return "/supply-chain/sharing/received";
  if (notification.kind === "supplychain.tracking.late" && notification.subject_id)
    return `/sales-orders/${notification.subject_id}`;
  if (notification.kind === "supplychain.tracking.late_inbound" && notification.subject_id)
    return `/purchase-orders/${notification.subject_id}`;
  if (notification.rfq_id === null) return null;
  if (SUPPLIER_KINDS.has(notification.kind)) return `/rfq-inbox/${notification.rfq_id}`;
  if (notification.kind === "rfq.closed") return `/rfqs/${notification.rfq_id}?tab=comparison`;
  return null;
}
