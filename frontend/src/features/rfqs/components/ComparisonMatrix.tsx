import { DownloadOutlined, TrophyOutlined } from "@ant-design/icons";
import { App, Button, Space, Table, Tag, Tooltip, Typography, type TableColumnsType } from "antd";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { useAccess } from "@/lib/access";
import { categoryName } from "@/lib/categories";
import { formatDate, formatMoney, formatQuantity, formatUnitPrice } from "@/lib/format";
import { currentLanguage } from "@/lib/i18n";
import { problemMessage } from "@/lib/problem";
import {
  exportComparison,
  type Comparison,
  type ComparisonCell,
  type ComparisonRow,
  type ComparisonSupplier,
} from "../api/comparison";
import type { Rfq } from "../api/rfqs";
import { AwardModal, awardableLines } from "./AwardModal";

const BEST = { background: "#f6ffed", boxShadow: "inset 3px 0 0 #52c41a" } as const;
const AWARDED = { background: "#e6f4ff", boxShadow: "inset 3px 0 0 #1677ff" } as const;

function Cell({ cell, row, currency }: { cell: ComparisonCell | undefined; row: ComparisonRow; currency: string }) {
  const { t, i18n } = useTranslation();
  const language = currentLanguage(i18n);
  if (!cell) return <Typography.Text type="secondary">{t("rfqs.comparison.notQuoted")}</Typography.Text>;
  const partial = Number(cell.offered_quantity) < Number(row.line.quantity);
  const landedDiffers = cell.landed_unit_price !== cell.unit_price;
  return (
    <Space
      direction="vertical"
      size={0}
      data-testid={`cell-${row.line.position}-${cell.supplier_id}`}
      data-best={cell.best}
    >
      <Space size={4}>
        <Typography.Text strong>{formatUnitPrice(cell.unit_price, currency, language)}</Typography.Text>
        {cell.best ? (
          <Tag color="green" icon={<TrophyOutlined />} data-testid="best-price">
            {t("rfqs.comparison.best")}
          </Tag>
        ) : null}
        {cell.awarded ? <Tag color="blue">{t("rfqs.comparison.awarded")}</Tag> : null}
      </Space>
      {landedDiffers ? (
        <Tooltip title={t("rfqs.comparison.landedHelp")}>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {t("rfqs.comparison.landed", { price: formatUnitPrice(cell.landed_unit_price, currency, language) })}
          </Typography.Text>
        </Tooltip>
      ) : null}
      <Typography.Text type={partial ? "warning" : "secondary"} style={{ fontSize: 12 }}>
        {formatQuantity(cell.offered_quantity, language)} · {t("marketplace.days_n", { days: cell.lead_time_days })}
      </Typography.Text>
      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
        {t("rfqs.comparison.net", { amount: formatMoney(cell.net_amount, currency, language) })}
      </Typography.Text>
    </Space>
  );
}

/**
 * Lines down, suppliers across: each supplier's price, quantity and lead time per line with the best
 * landed price per line highlighted, then per supplier its totals, longest lead time, matching score,
 * validity and terms, and the award.
 */
export function ComparisonMatrix({ rfq, comparison }: { rfq: Rfq; comparison: Comparison }) {
  const { t, i18n } = useTranslation();
  const language = currentLanguage(i18n);
  const { message } = App.useApp();
  const { can } = useAccess();
  const [awarding, setAwarding] = useState<ComparisonSupplier | null>(null);
  const currency = comparison.currency;
  const canAward = can("rfq.award") && (rfq.status === "closed" || rfq.status === "awarded");

  const cellOf = (row: ComparisonRow, supplier: ComparisonSupplier) =>
    row.cells.find((cell) => cell.quote_id === supplier.quote_id);

  const columns: TableColumnsType<ComparisonRow> = [
    {
      key: "line",
      title: t("rfqs.comparison.line"),
      fixed: "left",
      width: 260,
      render: (_, row) => (
        <Space direction="vertical" size={0}>
          <Typography.Text strong>
            {row.line.position}. {row.line.description || categoryName(row.line.category, language)}
          </Typography.Text>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {formatQuantity(row.line.quantity, language)} {row.line.unit}
            {row.line.target_price
              ? ` · ${t("rfqs.comparison.target", { price: formatUnitPrice(row.line.target_price, currency, language) })}`
              : ""}
          </Typography.Text>
        </Space>
      ),
    },
    ...comparison.suppliers.map((supplier) => ({
      key: `s-${supplier.quote_id}`,
      title: (
        <Space direction="vertical" size={0} data-testid={`supplier-column-${supplier.supplier_id}`}>
          <Typography.Text strong>{supplier.name}</Typography.Text>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {t("rfqs.comparison.revision", { n: supplier.revision })}
            {supplier.supplier_reference ? ` · ${supplier.supplier_reference}` : ""}
          </Typography.Text>
        </Space>
      ),
      onCell: (row: ComparisonRow) => {
        const cell = cellOf(row, supplier);
        return { style: cell?.awarded ? AWARDED : cell?.best ? BEST : undefined };
      },
      render: (_: unknown, row: ComparisonRow) => <Cell cell={cellOf(row, supplier)} row={row} currency={currency} />,
    })),
  ];

  const summaryRow = (label: string, render: (supplier: ComparisonSupplier) => React.ReactNode, testId: string) => (
    <Table.Summary.Row data-testid={testId}>
      <Table.Summary.Cell index={0}>
        <Typography.Text strong>{label}</Typography.Text>
      </Table.Summary.Cell>
      {comparison.suppliers.map((supplier, index) => (
        <Table.Summary.Cell index={index + 1} key={supplier.quote_id}>
          {render(supplier)}
        </Table.Summary.Cell>
      ))}
    </Table.Summary.Row>
  );

  return (
    <Space direction="vertical" size="middle" style={{ width: "100%" }} data-testid="comparison">
      <Space style={{ width: "100%", justifyContent: "space-between" }} wrap>
        <Space size={[4, 4]} wrap>
          <Tag style={BEST}>{t("rfqs.comparison.legendBest")}</Tag>
          <Tag style={AWARDED}>{t("rfqs.comparison.legendAwarded")}</Tag>
        </Space>
        <Button
          icon={<DownloadOutlined />}
          data-testid="comparison-export"
          onClick={() =>
            void exportComparison(rfq.id, rfq.reference).catch((error: unknown) =>
              message.error(problemMessage(t, error)),
            )
          }
        >
          {t("rfqs.comparison.export")}
        </Button>
      </Space>
      <Table<ComparisonRow>
        data-testid="comparison-table"
        rowKey={(row) => row.line.id}
        bordered
        size="small"
        pagination={false}
        scroll={{ x: 260 + 220 * comparison.suppliers.length }}
        dataSource={comparison.rows}
        columns={columns}
        summary={() => (
          <Table.Summary>
            {summaryRow(
              t("rfqs.comparison.totalNet"),
              (s) => (
                <Typography.Text strong data-testid={`total-net-${s.supplier_id}`}>
                  {formatMoney(s.total_net, currency, language)}
                </Typography.Text>
              ),
              "summary-total-net",
            )}
            {summaryRow(
              t("rfqs.comparison.totalGross"),
              (s) => formatMoney(s.total_gross, currency, language),
              "summary-total-gross",
            )}
            {summaryRow(
              t("rfqs.comparison.linesQuoted"),
              (s) =>
                t("rfqs.comparison.linesQuotedValue", {
                  quoted: s.lines_quoted,
                  total: comparison.rows.length,
                  best: s.best_lines,
                }),
              "summary-lines",
            )}
            {summaryRow(
              t("rfqs.comparison.leadTime"),
              (s) => (s.max_lead_time_days === null ? "—" : t("marketplace.days_n", { days: s.max_lead_time_days })),
              "summary-lead-time",
            )}
            {summaryRow(
              t("rfqs.comparison.score"),
              (s) => (s.score === null ? "—" : Number(s.score).toFixed(1)),
              "summary-score",
            )}
            {summaryRow(t("rfqs.comparison.validUntil"), (s) => formatDate(s.valid_until, language), "summary-valid")}
            {summaryRow(
              t("rfqs.comparison.delivery"),
              (s) => formatDate(s.delivery_date, language),
              "summary-delivery",
            )}
            {summaryRow(t("rfqs.comparison.paymentTerms"), (s) => s.payment_terms || "—", "summary-terms")}
            {canAward
              ? summaryRow(
                  t("rfqs.comparison.award"),
                  (s) =>
                    awardableLines(comparison, s).length > 0 ? (
                      <Button
                        type="primary"
                        size="small"
                        icon={<TrophyOutlined />}
                        onClick={() => setAwarding(s)}
                        data-testid={`award-open-${s.supplier_id}`}
                      >
                        {t("rfqs.comparison.awardButton")}
                      </Button>
                    ) : s.awarded_lines > 0 ? (
                      <Tag color="blue">{t("rfqs.comparison.awardedLines", { n: s.awarded_lines })}</Tag>
                    ) : (
                      "—"
                    ),
                  "summary-award",
                )
              : null}
          </Table.Summary>
        )}
      />
      <AwardModal rfqId={rfq.id} comparison={comparison} supplier={awarding} onClose={() => setAwarding(null)} />
    </Space>
  );
}
