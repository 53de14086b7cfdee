import { Space, Table, Typography } from "antd";
import { useTranslation } from "react-i18next";
import { formatDateTime, formatQuantity } from "@/lib/format";
import { currentLanguage } from "@/lib/i18n";
import type { PoLine, PoReceipt } from "../api/purchaseOrders";

/** The goods receipts of the order: when, by whom, into which warehouse, and per line what was taken in. */
export function ReceiptsTable({
  receipts,
  lines,
  nameOf,
  warehouseName,
}: {
  receipts: readonly PoReceipt[];
  lines: readonly PoLine[];
  nameOf: (userId: number | null | undefined) => string;
  warehouseName: (id: number | null) => string;
}) {
  const { t, i18n } = useTranslation();
  const language = currentLanguage(i18n);
  const byNo = new Map(lines.map((line) => [line.line_no, line]));
  return (
    <Table<PoReceipt>
      data-testid="po-receipts"
      size="small"
      rowKey="id"
      pagination={false}
      dataSource={[...receipts]}
      onRow={(r) => ({ "data-testid": `receipt-row-${r.number}` }) as React.HTMLAttributes<HTMLElement>}
      locale={{ emptyText: t("procurement.receipts.empty") }}
      columns={[
        { key: "number", title: t("procurement.receipts.number"), dataIndex: "number" },
        {
          key: "at",
          title: t("procurement.receipts.receivedAt"),
          render: (_, r) => formatDateTime(r.received_at, language),
        },
        { key: "by", title: t("procurement.receipts.receivedBy"), render: (_, r) => nameOf(r.received_by_id) },
        {
          key: "warehouse",
          title: t("procurement.receipts.warehouse"),
          render: (_, r) => warehouseName(r.warehouse_id),
        },
        {
          key: "lines",
          title: t("procurement.receipts.lines"),
          render: (_, r) => (
            <Space direction="vertical" size={0}>
              {r.lines.map((line) => {
                const unit = byNo.get(line.line_no)?.unit ?? "";
                return (
                  <Typography.Text key={line.line_no} style={{ fontSize: 13 }}>
                    {t("procurement.receipts.line", {
                      n: line.line_no,
                      accepted: `${formatQuantity(line.accepted_quantity, language)} ${unit}`,
                    })}
                    {Number(line.rejected_quantity) > 0
                      ? ` · ${t("procurement.receipts.rejected", {
                          rejected: `${formatQuantity(line.rejected_quantity, language)} ${unit}`,
                          reason: line.rejection_reason || "—",
                        })}`
                      : ""}
                  </Typography.Text>
                );
              })}
            </Space>
          ),
        },
        { key: "note", title: t("procurement.receipts.note"), render: (_, r) => r.note || "—" },
      ]}
    />
  );
}
