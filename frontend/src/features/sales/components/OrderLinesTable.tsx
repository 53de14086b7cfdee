import { Space, Table, Tag, Tooltip, Typography } from "antd";
import { useTranslation } from "react-i18next";
import { formatDate, formatMoney, formatUnitPrice } from "@/lib/format";
import { currentLanguage } from "@/lib/i18n";
import type { SalesOrder, SalesOrderLine } from "../api/salesOrders";
import { num, quantityWithUnit } from "./quantities";

const CLOSED = new Set(["rejected", "shipped", "completed", "cancelled"]);

/**
 * The order's lines: ordered (as the buyer sent it), accepted (the terms agreed now), shipped, received
 * by the buyer, and — while it is open — how what is left is covered (reserved, in production,
 * back-ordered). Totals at the foot.
 */
export function OrderLinesTable({ order }: { order: SalesOrder }) {
  const { t, i18n } = useTranslation();
  const language = currentLanguage(i18n);
  const accepted = order.accepted_at !== null;
  const showCover = accepted && !CLOSED.has(order.status);
  const q = (value: string, line: SalesOrderLine) => quantityWithUnit(value, line.unit, language);
  return (
    <Table<SalesOrderLine>
      data-testid="so-lines"
      size="small"
      rowKey="id"
      pagination={false}
      dataSource={order.lines}
      scroll={{ x: true }}
      onRow={(line) => ({ "data-testid": `so-line-${line.line_no}` }) as React.HTMLAttributes<HTMLElement>}
      columns={[
        { key: "line", title: "#", dataIndex: "line_no", width: 40 },
        {
          key: "item",
          title: t("sales.lines.item"),
          render: (_, line) => (
            <Space direction="vertical" size={0}>
              <Typography.Text strong>{line.sku}</Typography.Text>
              {line.description ? (
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  {line.description}
                </Typography.Text>
              ) : null}
            </Space>
          ),
        },
        {
          key: "ordered",
          title: t("sales.lines.ordered"),
          align: "right",
          render: (_, line) => (
            <span data-testid={`line-ordered-${line.line_no}`}>{q(line.ordered_quantity, line)}</span>
          ),
        },
        {
          key: "accepted",
          title: t("sales.lines.accepted"),
          align: "right",
          render: (_, line) =>
            accepted ? (
              <Typography.Text
                data-testid={`line-accepted-${line.line_no}`}
                type={num(line.quantity) !== num(line.ordered_quantity) ? "warning" : undefined}
              >
                {q(line.quantity, line)}
              </Typography.Text>
            ) : (
              "—"
            ),
        },
        {
          key: "shipped",
          title: t("sales.lines.shipped"),
          align: "right",
          render: (_, line) => (
            <span data-testid={`line-shipped-${line.line_no}`}>{q(line.shipped_quantity, line)}</span>
          ),
        },
        {
          key: "received",
          title: t("sales.lines.received"),
          align: "right",
          render: (_, line) => (
            <Space direction="vertical" size={0} align="end">
              <span>{q(line.received_quantity, line)}</span>
              {num(line.rejected_quantity) > 0 ? (
                <Typography.Text type="danger" style={{ fontSize: 12 }}>
                  {t("sales.lines.refused", { quantity: q(line.rejected_quantity, line) })}
                </Typography.Text>
              ) : null}
            </Space>
          ),
        },
        ...(showCover
          ? [
              {
                key: "cover",
                title: t("sales.lines.cover"),
                render: (_: unknown, line: SalesOrderLine) => (
                  <Space size={[0, 4]} wrap data-testid={`line-cover-${line.line_no}`}>
                    {num(line.reserved) > 0 ? (
                      <Tag color="green">{t("sales.lines.reservedQty", { quantity: q(line.reserved, line) })}</Tag>
                    ) : null}
                    {num(line.in_production) > 0 ? (
                      <Tag color="blue">
                        {t("sales.lines.inProductionQty", { quantity: q(line.in_production, line) })}
                      </Tag>
                    ) : null}
                    {num(line.back_ordered) > 0 ? (
                      <Tag color="orange">
                        {t("sales.lines.backOrderedQty", { quantity: q(line.back_ordered, line) })}
                      </Tag>
                    ) : null}
                    {num(line.open_quantity) <= 0 ? <Tag>{t("sales.lines.allShipped")}</Tag> : null}
                  </Space>
                ),
              },
            ]
          : []),
        {
          key: "price",
          title: t("sales.lines.unitPrice"),
          align: "right",
          render: (_, line) => (
            <Space direction="vertical" size={0} align="end">
              <span>{formatUnitPrice(line.unit_price, order.currency, language)}</span>
              {num(line.unit_price) !== num(line.ordered_unit_price) ? (
                <Tooltip title={t("sales.lines.orderedPrice")}>
                  <Typography.Text delete type="secondary" style={{ fontSize: 12 }}>
                    {formatUnitPrice(line.ordered_unit_price, order.currency, language)}
                  </Typography.Text>
                </Tooltip>
              ) : null}
            </Space>
          ),
        },
        {
          key: "tax",
          title: t("sales.lines.taxRate"),
          align: "right",
          render: (_, line) => `${num(line.tax_rate)}%`,
        },
        {
          key: "net",
          title: t("sales.lines.net"),
          align: "right",
          render: (_, line) => formatMoney(line.net_amount, order.currency, language),
        },
        {
          key: "dates",
          title: t("sales.lines.dates"),
          render: (_, line) => (
            <Space direction="vertical" size={0}>
              <span>
                {t("sales.lines.requestedOn", {
                  date: formatDate(line.requested_date ?? order.requested_date, language),
                })}
              </span>
              {line.promised_date ? (
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  {t("sales.lines.promisedOn", { date: formatDate(line.promised_date, language) })}
                </Typography.Text>
              ) : null}
            </Space>
          ),
        },
      ]}
      summary={() => (
        <Table.Summary fixed>
          <Table.Summary.Row>
            <Table.Summary.Cell index={0} colSpan={showCover ? 9 : 8} align="right">
              <Space direction="vertical" size={0} align="end">
                <Typography.Text type="secondary">{t("sales.totals.net")}</Typography.Text>
                <Typography.Text type="secondary">{t("sales.totals.tax")}</Typography.Text>
                <Typography.Text strong>{t("sales.totals.total")}</Typography.Text>
              </Space>
            </Table.Summary.Cell>
            <Table.Summary.Cell index={1} align="right">
              <Space direction="vertical" size={0} align="end">
                <span data-testid="so-total-net">{formatMoney(order.total_net, order.currency, language)}</span>
                <span>{formatMoney(order.total_tax, order.currency, language)}</span>
                <Typography.Text strong data-testid="so-total">
                  {formatMoney(order.total, order.currency, language)}
                </Typography.Text>
              </Space>
            </Table.Summary.Cell>
            <Table.Summary.Cell index={2} />
          </Table.Summary.Row>
        </Table.Summary>
      )}
    />
  );
}
