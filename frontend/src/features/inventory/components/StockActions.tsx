import { DownOutlined } from "@ant-design/icons";
import { Button, Dropdown } from "antd";
import { useTranslation } from "react-i18next";
import type { MovementKind } from "../api/movements";

export const MOVEMENT_KINDS: readonly MovementKind[] = ["receipt", "issue", "adjustment", "transfer"];

/** The movement buttons' test ids, as the browser tests know them. */
export const MOVEMENT_TEST_IDS: Record<MovementKind, string> = {
  receipt: "stock-receive",
  issue: "stock-issue",
  adjustment: "stock-adjust",
  transfer: "stock-transfer",
};

/** A row's "Move stock" menu: receive, issue, adjust or transfer this item in this warehouse. */
export function RowMovementMenu({ testId, onPick }: { testId: string; onPick: (kind: MovementKind) => void }) {
  const { t } = useTranslation();
  return (
    <Dropdown
      trigger={["click"]}
      menu={{
        items: MOVEMENT_KINDS.map((kind) => ({
          key: kind,
          label: <span data-testid={`${testId}-${kind}`}>{t(`inventory.movement.action.${kind}`)}</span>,
        })),
        onClick: ({ key }) => onPick(key as MovementKind),
      }}
    >
      <Button size="small" data-testid={testId}>
        {t("inventory.movement.move")} <DownOutlined />
      </Button>
    </Dropdown>
  );
}
