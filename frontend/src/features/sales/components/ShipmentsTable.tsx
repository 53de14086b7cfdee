import { Space, Table, Typography } from "antd";
import { useTranslation } from "react-i18next";
import { formatDateTime } from "@/lib/format";
import { currentLanguage } from "@/lib/i18n";
import type { Shipment } from "../api/shipments";
import { quantityWithUnit } from "./quantities";

/** The order's shipments, newest first: number, when, carrier and tracking, packages, what was in it. */
export function ShipmentsTable({ shipments }: { shipments: Shipment[] }) {
  const { t, i18n } = useTranslation();
  const language = currentLanguage(i18n);
  return (
    <Table<Shipment>
      data-testid="shipments-table"
      size="small"
      rowKey="id"
      pagination={false}
      dataSource={shipments}
      scroll={{ x: true }}
      onRow={(s) => ({ "data-testid": `shipment-row-${s.number}` }) as React.HTMLAttributes<HTMLElement>}
      columns={[
        { key: "number", title: t("sales.shipments.number"), dataIndex: "number" },
        {
          key: "at",
          title: t("sales.shipments.shippedAt"),
          render: (_, s) => formatDateTime(s.shipped_at, language),
        },
        { key: "carrier", title: t("sales.ship.carrier"), dataIndex: "carrier" },
        {
          key: "tracking",
          title: t("sales.ship.tracking"),
          render: (_, s) => (s.tracking_number ? <Typography.Text copyable>{s.tracking_number}</Typography.Text> : "—"),
        },
        { key: "packages", title: t("sales.ship.packages"), dataIndex: "packages", align: "right" },
        {
          key: "lines",
          title: t("sales.shipments.contents"),
          render: (_, s) => (
            <Space direction="vertical" size={0}>
              {s.lines.map((line) => (
                <span key={line.line_no}>
                  {`#${line.line_no} ${line.sku} × ${quantityWithUnit(line.quantity, line.unit, language)}`}
                </span>
              ))}
            </Space>
          ),
        },
        { key: "notes", title: t("sales.ship.notes"), render: (_, s) => s.notes || "—" },
      ]}
    />
  );
}
