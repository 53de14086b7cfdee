import { Table, Tooltip } from "antd";
import type { TablePaginationConfig } from "antd";
import { useTranslation } from "react-i18next";
import { formatDateTime } from "@/lib/format";
import { currentLanguage } from "@/lib/i18n";
import type { MovementKind } from "../api/movements";
import type { StockLevel } from "../api/stockLevels";
import { ItemCell } from "./ItemName";
import { Quantity } from "./Quantity";
import { RowMovementMenu } from "./StockActions";

/** On hand, reserved and available per item and warehouse; each row's movements when the member may move stock. */
export function StockLevelsTable({
  levels,
  pagination,
  loading,
  showItem = true,
  onMove,
}: {
  levels: StockLevel[];
  pagination: TablePaginationConfig | false;
  loading?: boolean;
  showItem?: boolean;
  /** Given when the member holds stock.adjust. */
  onMove?: (kind: MovementKind, level: StockLevel) => void;
}) {
  const { t, i18n } = useTranslation();
  const language = currentLanguage(i18n);
  const rowId = (level: StockLevel) => `${level.item.sku}-${level.warehouse.code}`;
  return (
    <Table<StockLevel>
      data-testid="stock-table"
      rowKey={(level) => `${level.item.id}-${level.warehouse.id}`}
      size="middle"
      dataSource={levels}
      loading={loading}
      pagination={pagination}
      scroll={{ x: true }}
      onRow={(level) => ({ "data-testid": `stock-row-${rowId(level)}` }) as React.HTMLAttributes<HTMLElement>}
      columns={[
        ...(showItem
          ? [
              {
                key: "item",
                title: t("inventory.fields.item"),
                render: (_: unknown, l: StockLevel) => <ItemCell item={l.item} />,
              },
            ]
          : []),
        {
          key: "warehouse",
          title: t("inventory.fields.warehouse"),
          render: (_, level) => (
            <Tooltip title={level.warehouse.name}>{`${level.warehouse.code} · ${level.warehouse.name}`}</Tooltip>
          ),
        },
        {
          key: "on_hand",
          title: t("inventory.fields.onHand"),
          align: "right",
          render: (_, level) => (
            <Quantity value={level.on_hand} unit={level.item.unit} testId={`on-hand-${rowId(level)}`} />
          ),
        },
        {
          key: "reserved",
          title: t("inventory.fields.reserved"),
          align: "right",
          render: (_, level) => (
            <Quantity
              value={level.reserved}
              unit={level.item.unit}
              tone={Number(level.reserved) > 0 ? undefined : "secondary"}
              testId={`reserved-${rowId(level)}`}
            />
          ),
        },
        {
          key: "available",
          title: t("inventory.fields.available"),
          align: "right",
          render: (_, level) => (
            <Quantity
              value={level.available}
              unit={level.item.unit}
              tone={Number(level.available) <= 0 ? "danger" : "strong"}
              testId={`available-${rowId(level)}`}
            />
          ),
        },
        {
          key: "updated",
          title: t("inventory.fields.updated"),
          render: (_, level) => (
            <span style={{ whiteSpace: "nowrap" }}>{formatDateTime(level.updated_at, language)}</span>
          ),
        },
        ...(onMove
          ? [
              {
                key: "actions",
                title: t("inventory.fields.actions"),
                render: (_: unknown, level: StockLevel) => (
                  <RowMovementMenu testId={`stock-move-${rowId(level)}`} onPick={(kind) => onMove(kind, level)} />
                ),
              },
            ]
          : []),
      ]}
    />
  );
}
