import { Tag } from "antd";
import { useTranslation } from "react-i18next";

const COLORS: Record<string, string> = {
  draft: "default",
  pending_approval: "gold",
  approved: "cyan",
  sent: "processing",
  acknowledged: "blue",
  changed: "geekblue",
  partly_received: "purple",
  received: "green",
  closed: "default",
  cancelled: "red",
};

export function PoStatusTag({ status, testId = "po-status" }: { status: string; testId?: string }) {
  const { t } = useTranslation();
  return (
    <Tag color={COLORS[status] ?? "default"} data-testid={testId} data-status={status}>
      {t(`procurement.status.${status}`, { defaultValue: status })}
    </Tag>
  );
}
