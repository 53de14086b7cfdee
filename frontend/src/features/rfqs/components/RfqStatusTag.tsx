import { LockOutlined } from "@ant-design/icons";
import { Tag, Tooltip } from "antd";
import { useTranslation } from "react-i18next";

const COLORS: Record<string, string> = {
  draft: "default",
  open: "processing",
  closed: "orange",
  awarded: "green",
  cancelled: "red",
};

export function RfqStatusTag({ status }: { status: string }) {
  const { t } = useTranslation();
  return (
    <Tag color={COLORS[status] ?? "default"} data-testid="rfq-status" data-status={status}>
      {t(`rfqs.status.${status}`, { defaultValue: status })}
    </Tag>
  );
}

export function SealedTag({ sealed }: { sealed: boolean }) {
  const { t } = useTranslation();
  if (!sealed) return null;
  return (
    <Tooltip title={t("rfqs.sealedHelp")}>
      <Tag icon={<LockOutlined />} color="purple" data-testid="rfq-sealed-tag">
        {t("rfqs.sealed")}
      </Tag>
    </Tooltip>
  );
}
