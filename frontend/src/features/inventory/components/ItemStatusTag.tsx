import { Tag } from "antd";
import { useTranslation } from "react-i18next";

export function ItemStatusTag({ active, testId }: { active: boolean; testId?: string }) {
  const { t } = useTranslation();
  return (
    <Tag color={active ? "green" : "default"} data-testid={testId} data-active={active}>
      {active ? t("inventory.status.active") : t("inventory.status.inactive")}
    </Tag>
  );
}

export function BelowReorderTag({ testId }: { testId?: string }) {
  const { t } = useTranslation();
  return (
    <Tag color="red" data-testid={testId}>
      {t("inventory.status.belowReorder")}
    </Tag>
  );
}
