import { Button, Table } from "antd";
import { useTranslation } from "react-i18next";
import type { ReorderRow } from "../api/reorderList";
import { ItemCell, type ItemRef } from "./ItemName";
import { Quantity } from "./Quantity";

/** Items whose available stock (all warehouses together) is below their reorder point, with the shortfall. */
export function ReorderTable({
  rows,
  onReceive,
  selected,
  onSelect,
}: {
  rows: ReorderRow[];
  onReceive?: (item: ItemRef) => void;
  /** With ``onSelect``: rows can be picked (to draft a purchase order from them). */
  selected?: number[];
  onSelect?: (itemIds: number[]) => void;
}) {
  const { t } = useTranslation();
  return (
    <Table<ReorderRow>
      data-testid="reorder-table"
      rowKey={(row) => row.item.id}
      rowSelection={
        onSelect
          ? {
              selectedRowKeys: selected ?? [],
              onChange: (keys) => onSelect(keys.map(Number)),
              getCheckboxProps: (row) => ({ "data-testid": `reorder-pick-${row.item.sku}` }) as object,
            }
          : undefined
      }
      size="middle"
      dataSource={rows}
      pagination={rows.length > 50 ? { pageSize: 50, showSizeChanger: false } : false}
      scroll={{ x: true }}
      onRow={(row) => ({ "data-testid": `reorder-row-${row.item.sku}` }) as React.HTMLAttributes<HTMLElement>}
      columns={[
        { key: "item", title: t("inventory.fields.item"), render: (_, row) => <ItemCell item={row.item} /> },
        {
          key: "on_hand",
          title: t("inventory.fields.onHand"),
          align: "right",
          render: (_, row) => <Quantity value={row.on_hand} unit={row.item.unit} />,
        },
        {
          key: "reserved",
          title: t("inventory.fields.reserved"),
          align: "right",
          render: (_, row) => <Quantity value={row.reserved} unit={row.item.unit} tone="secondary" />,
        },
        {
          key: "available",
          title: t("inventory.fields.available"),
          align: "right",
          render: (_, row) => <Quantity value={row.available} unit={row.item.unit} tone="danger" />,
        },
        {
          key: "reorder_point",
          title: t("inventory.fields.reorderPoint"),
          align: "right",
          render: (_, row) => <Quantity value={row.reorder_point} unit={row.item.unit} />,
        },
        {
          key: "shortfall",
          title: t("inventory.fields.shortfall"),
          align: "right",
          render: (_, row) => (
            <Quantity value={row.shortfall} unit={row.item.unit} tone="danger" testId={`shortfall-${row.item.sku}`} />
          ),
        },
        {
          key: "reorder_quantity",
          title: t("inventory.fields.reorderQuantity"),
          align: "right",
          render: (_, row) => <Quantity value={row.reorder_quantity} unit={row.item.unit} />,
        },
        ...(onReceive
          ? [
              {
                key: "actions",
                title: t("inventory.fields.actions"),
                render: (_: unknown, row: ReorderRow) => (
                  <Button
                    size="small"
                    onClick={() => onReceive(row.item)}
                    data-testid={`reorder-receive-${row.item.sku}`}
                  >
                    {t("inventory.movement.action.receipt")}
                  </Button>
                ),
              },
            ]
          : []),
      ]}
    />
  );
}
