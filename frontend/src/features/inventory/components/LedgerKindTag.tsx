import { Tag } from "antd";
import { useTranslation } from "react-i18next";
import type { LedgerKind } from "../api/ledger";

const COLORS: Record<LedgerKind, string> = {
  receipt: "green",
  issue: "volcano",
  adjustment: "gold",
  transfer_out: "geekblue",
  transfer_in: "blue",
  reservation: "purple",
  release: "default",
};

export function LedgerKindTag({ kind }: { kind: LedgerKind }) {
  const { t } = useTranslation();
  return (
    <Tag color={COLORS[kind]} data-testid={`ledger-kind-${kind}`}>
      {t(`inventory.kind.${kind}`)}
    </Tag>
  );
}
