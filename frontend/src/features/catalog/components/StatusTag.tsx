import { Tag } from "antd";
import { useTranslation } from "react-i18next";

const COLORS: Record<string, string> = { draft: "default", active: "green", archived: "red" };

export function StatusTag({ status }: { status: string }) {
  const { t } = useTranslation();
  return (
    <Tag color={COLORS[status] ?? "default"} data-testid={`listing-status-${status}`}>
      {t(`catalog.status.${status}`, { defaultValue: status })}
    </Tag>
  );
}
