import { Tag } from "antd";
import { useTranslation } from "react-i18next";

const ORDER_COLORS: Record<string, string> = {
  awaiting_acceptance: "gold",
  changes_proposed: "purple",
  accepted: "blue",
  partly_shipped: "cyan",
  shipped: "geekblue",
  completed: "green",
  rejected: "red",
  cancelled: "default",
};

/** The sales order's state (`so-status` on the order page, with `data-status`). */
export function SalesStatusTag({ status, testId = "so-status" }: { status: string; testId?: string }) {
  const { t } = useTranslation();
  return (
    <Tag color={ORDER_COLORS[status] ?? "default"} data-testid={testId} data-status={status}>
      {t(`sales.status.${status}`, { defaultValue: status })}
    </Tag>
  );
}

/** Where the order came from: a buyer's purchase order on Hansa, or entered by hand. */
export function SourceTag({ source }: { source: string }) {
  const { t } = useTranslation();
  return (
    <Tag color={source === "hansa" ? "blue" : "default"} data-testid="so-source" data-source={source}>
      {t(`sales.source.${source}`, { defaultValue: source })}
    </Tag>
  );
}

const STATE_COLORS: Record<string, string> = {
  pending: "gold",
  accepted: "green",
  rejected: "red",
  superseded: "default",
  open: "gold",
  in_progress: "blue",
  done: "green",
  filled: "green",
  cancelled: "default",
};

/** The state of an amendment, a work order, a back-order or a follow-up (`kind` picks the words). */
export function StateTag({
  kind,
  status,
  testId,
}: {
  kind: "amendment" | "workOrder" | "backOrder" | "followUp";
  status: string;
  testId?: string;
}) {
  const { t } = useTranslation();
  return (
    <Tag color={STATE_COLORS[status] ?? "default"} data-testid={testId} data-status={status}>
      {t(`sales.${kind}Status.${status}`, { defaultValue: status })}
    </Tag>
  );
}
