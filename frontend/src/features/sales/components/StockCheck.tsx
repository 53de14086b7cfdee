import { Table, Typography } from "antd";
import { useTranslation } from "react-i18next";
import { currentLanguage } from "@/lib/i18n";
import type { StockRow } from "../api/stockCheck";
import { num, quantityWithUnit } from "./quantities";

/** Per line: left to ship, reserved, in production, back-ordered, available in stock now and the shortfall. */
export function StockCheckTable({ rows, loading }: { rows: StockRow[]; loading?: boolean }) {
  const { t, i18n } = useTranslation();
  const language = currentLanguage(i18n);
  const q = (value: string, row: StockRow) => quantityWithUnit(value, row.unit, language);
  return (
    <Table<StockRow>
      data-testid="so-stock-check"
      size="small"
      rowKey="line_no"
      loading={loading}
      pagination={false}
      dataSource={rows}
      scroll={{ x: true }}
      onRow={(row) => ({ "data-testid": `stock-row-${row.line_no}` }) as React.HTMLAttributes<HTMLElement>}
      columns={[
        { key: "line", title: "#", dataIndex: "line_no", width: 48 },
        { key: "sku", title: t("sales.lines.sku"), dataIndex: "sku" },
        { key: "open", title: t("sales.stock.open"), align: "right", render: (_, r) => q(r.open_quantity, r) },
        { key: "reserved", title: t("sales.stock.reserved"), align: "right", render: (_, r) => q(r.reserved, r) },
        {
          key: "production",
          title: t("sales.stock.inProduction"),
          align: "right",
          render: (_, r) => q(r.in_production, r),
        },
        {
          key: "back",
          title: t("sales.stock.backOrdered"),
          align: "right",
          render: (_, r) => q(r.back_ordered, r),
        },
        { key: "available", title: t("sales.stock.available"), align: "right", render: (_, r) => q(r.available, r) },
        {
          key: "shortfall",
          title: t("sales.stock.shortfall"),
          align: "right",
          render: (_, r) =>
            num(r.shortfall) > 0 ? (
              <Typography.Text type="danger" strong data-testid={`stock-shortfall-${r.line_no}`}>
                {q(r.shortfall, r)}
              </Typography.Text>
            ) : (
              <Typography.Text type="success">{t("sales.stock.covered")}</Typography.Text>
            ),
        },
      ]}
    />
  );
}
