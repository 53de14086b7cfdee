import { Table, Tag, Typography } from "antd";
import { useTranslation } from "react-i18next";
import { formatQuantity, formatUnitPrice } from "@/lib/format";
import { currentLanguage } from "@/lib/i18n";
import type { InvoiceLine } from "../api/invoices";

/**
 * The three-way match of a received invoice: per line the purchase order's price against the invoice's,
 * and the quantity received and not yet invoiced against the invoiced one. Differences outside the
 * tolerance are shown in red.
 */
export function MatchTable({ lines, currency }: { lines: InvoiceLine[]; currency: string }) {
  const { t, i18n } = useTranslation();
  const language = currentLanguage(i18n);
  const rows = lines.filter((line) => line.match);
  const reasons = (line: InvoiceLine) => line.match?.reasons ?? [];
  const priceOff = (line: InvoiceLine) => reasons(line).includes("price_above_tolerance");
  const quantityOff = (line: InvoiceLine) =>
    reasons(line).some((r) => r === "quantity_over_received" || r === "not_received");
  const money = (value: string | undefined) => (value === undefined ? "—" : formatUnitPrice(value, currency, language));
  const quantity = (value: string | undefined) => (value === undefined ? "—" : formatQuantity(value, language));
  return (
    <Table<InvoiceLine>
      data-testid="invoice-match-table"
      rowKey="line_no"
      size="small"
      pagination={false}
      dataSource={rows}
      scroll={{ x: true }}
      onRow={(line) =>
        ({
          "data-testid": `match-row-${line.line_no}`,
          "data-matched": String(Boolean(line.match?.matched)),
        }) as React.HTMLAttributes<HTMLElement>
      }
      columns={[
        { key: "no", title: t("finance.invoices.lines.no"), dataIndex: "line_no" },
        { key: "description", title: t("finance.invoices.lines.description"), dataIndex: "description" },
        {
          key: "expectedPrice",
          title: t("finance.invoices.match.expectedPrice"),
          align: "right",
          render: (_, line) => money(line.match?.expected_unit_price),
        },
        {
          key: "actualPrice",
          title: t("finance.invoices.match.actualPrice"),
          align: "right",
          render: (_, line) => (
            <Typography.Text type={priceOff(line) ? "danger" : undefined} strong={priceOff(line)}>
              {money(line.match?.actual_unit_price)}
            </Typography.Text>
          ),
        },
        {
          key: "received",
          title: t("finance.invoices.match.received"),
          align: "right",
          render: (_, line) => quantity(line.match?.received_quantity),
        },
        {
          key: "invoicedBefore",
          title: t("finance.invoices.match.invoicedBefore"),
          align: "right",
          render: (_, line) => quantity(line.match?.invoiced_quantity),
        },
        {
          key: "expectedQuantity",
          title: t("finance.invoices.match.expectedQuantity"),
          align: "right",
          render: (_, line) => quantity(line.match?.expected_quantity),
        },
        {
          key: "actualQuantity",
          title: t("finance.invoices.match.actualQuantity"),
          align: "right",
          render: (_, line) => (
            <Typography.Text type={quantityOff(line) ? "danger" : undefined} strong={quantityOff(line)}>
              {quantity(line.match?.actual_quantity)}
            </Typography.Text>
          ),
        },
        {
          key: "result",
          title: t("finance.invoices.match.result"),
          render: (_, line) =>
            reasons(line).length ? (
              reasons(line).map((reason) => (
                <Tag key={reason} color="red" data-testid={`match-reason-${line.line_no}-${reason}`}>
                  {t(`finance.invoices.match.reasons.${reason}`)}
                </Tag>
              ))
            ) : (
              <Tag color="green">{t("finance.invoices.match.ok")}</Tag>
            ),
        },
      ]}
    />
  );
}
