/** /finance/statements/aging: receivables or payables by partner and days overdue, each partner's invoices below. */
import { DownloadOutlined, FilePdfOutlined } from "@ant-design/icons";
import { App, Button, Card, DatePicker, Segmented, Space, Table } from "antd";
import dayjs from "dayjs";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { QueryView } from "@/components/PageState";
import { currentLanguage } from "@/lib/i18n";
import { formatDate } from "@/lib/format";
import { problemMessage } from "@/lib/problem";
import { useAging, type AgingDirection, type AgingRow } from "../api/aging";
import { downloadExport, exportUrl, type ExportFormat } from "../api/export";
import type { StatementLang } from "../api/statements";
import { formatFigure } from "../components/range";

const BUCKETS = ["current", "days_1_30", "days_31_60", "days_61_90", "days_over_90"] as const;

export function Component() {
  const { t, i18n } = useTranslation();
  const { message } = App.useApp();
  const language = currentLanguage(i18n);
  const [direction, setDirection] = useState<AgingDirection>("out");
  const [asOf, setAsOf] = useState(dayjs());
  const lang: StatementLang = language;
  const query = useAging(direction, asOf.format("YYYY-MM-DD"), lang);
  const report = direction === "out" ? "receivables_aging" : "payables_aging";
  const download = (format: ExportFormat) =>
    downloadExport(exportUrl(report, format, { as_of: asOf.format("YYYY-MM-DD"), lang }), `${report}.${format}`).catch(
      (error: unknown) => void message.error(problemMessage(t, error)),
    );
  return (
    <div data-testid="statement-aging">
      <Space wrap style={{ marginBottom: 16 }}>
        <Segmented<AgingDirection>
          value={direction}
          onChange={setDirection}
          options={[
            { value: "out", label: t("financeStatements.receivables") },
            { value: "in", label: t("financeStatements.payables") },
          ]}
          data-testid="aging-direction"
        />
        <DatePicker
          value={asOf}
          allowClear={false}
          onChange={(value) => value && setAsOf(value)}
          aria-label={t("financeStatements.asOf")}
        />
        <Button icon={<DownloadOutlined />} onClick={() => void download("xlsx")}>
          {t("financeStatements.exportXlsx")}
        </Button>
        <Button icon={<FilePdfOutlined />} onClick={() => void download("pdf")}>
          {t("financeStatements.exportPdf")}
        </Button>
      </Space>
      <QueryView query={query}>
        {(data) => {
          const bucketLabel = (key: string) => {
            const bucket = data.buckets.find((b) => b.key === key);
            return bucket ? (language === "en" ? bucket.label_en : bucket.label_zh) : key;
          };
          return (
            <Card title={direction === "out" ? t("financeStatements.receivables") : t("financeStatements.payables")}>
              <Table<AgingRow>
                rowKey={(row) => `${row.partner_company_id ?? ""}-${row.customer_id ?? ""}-${row.partner_name}`}
                size="small"
                pagination={false}
                dataSource={data.rows}
                data-testid="aging-table"
                expandable={{
                  expandedRowRender: (row) => (
                    <Table
                      rowKey="id"
                      size="small"
                      pagination={false}
                      dataSource={row.items}
                      columns={[
                        { title: t("financeStatements.invoice"), dataIndex: "number" },
                        {
                          title: t("financeStatements.dueDate"),
                          dataIndex: "due_date",
                          render: (v: string) => formatDate(v, language),
                        },
                        { title: t("financeStatements.daysOverdue"), dataIndex: "days_overdue", align: "right" },
                        {
                          title: t("financeStatements.openAmount"),
                          dataIndex: "open_amount",
                          align: "right",
                          render: (v: string) => formatFigure(v, language),
                        },
                      ]}
                    />
                  ),
                }}
                columns={[
                  { title: t("financeStatements.partner"), dataIndex: "partner_name" },
                  ...BUCKETS.map((key) => ({
                    title: bucketLabel(key),
                    key,
                    align: "right" as const,
                    render: (_: unknown, row: AgingRow) => formatFigure(row[`${key}_amount`], language),
                  })),
                  {
                    title: t("financeStatements.total"),
                    key: "total",
                    align: "right" as const,
                    render: (_: unknown, row: AgingRow) => <strong>{formatFigure(row.total, language)}</strong>,
                  },
                ]}
                summary={() => (
                  <Table.Summary.Row>
                    <Table.Summary.Cell index={0} />
                    <Table.Summary.Cell index={1}>
                      <strong>{t("financeStatements.total")}</strong>
                    </Table.Summary.Cell>
                    {BUCKETS.map((key, index) => (
                      <Table.Summary.Cell key={key} index={index + 2} align="right">
                        {formatFigure(data.totals[`${key}_amount`], language)}
                      </Table.Summary.Cell>
                    ))}
                    <Table.Summary.Cell index={7} align="right">
                      <strong data-testid="aging-total">{formatFigure(data.totals.total, language)}</strong>
                    </Table.Summary.Cell>
                  </Table.Summary.Row>
                )}
              />
            </Card>
          );
        }}
      </QueryView>
    </div>
  );
}
