import { FilePdfOutlined } from "@ant-design/icons";
import { Table, Tag } from "antd";
import { useTranslation } from "react-i18next";
import { EmptyState, QueryView } from "@/components/PageState";
import { tablePagination, usePageParams } from "@/components/pagination";
import { FIRST_PAGE } from "@/lib/api";
import { formatDate, formatMoney } from "@/lib/format";
import { currentLanguage } from "@/lib/i18n";
import type { CompanyDetail } from "../api/company";
import { invoicePdfUrl, useCompanyInvoices, type ConsoleInvoice } from "../api/invoices";

const STATUS_COLORS: Record<string, string> = { open: "orange", paid: "green", void: "default", uncollectible: "red" };

/** The company's platform invoices (number, status, dates, amounts, PDF). */
export function CompanyInvoices({ detail }: { detail: CompanyDetail }) {
  const { t, i18n } = useTranslation();
  const language = currentLanguage(i18n);
  const [params, setParams] = usePageParams({ ...FIRST_PAGE, page_size: 20 });
  const invoices = useCompanyInvoices(detail.company.id, params);
  return (
    <QueryView
      query={invoices}
      isEmpty={(data) => data.count === 0}
      empty={<EmptyState description={t("console.invoices.empty")} />}
    >
      {(data) => (
        <Table<ConsoleInvoice>
          data-testid="company-invoices"
          rowKey="id"
          size="small"
          scroll={{ x: true }}
          dataSource={data.results}
          loading={invoices.isFetching && invoices.isPlaceholderData}
          pagination={tablePagination(data.count, params, setParams)}
          columns={[
            { key: "number", title: t("console.invoices.number"), render: (_, i) => i.number || "—" },
            {
              key: "status",
              title: t("console.invoices.status"),
              render: (_, i) => (
                <Tag color={STATUS_COLORS[i.status]}>
                  {t(`console.invoices.statuses.${i.status}`, { defaultValue: i.status })}
                </Tag>
              ),
            },
            {
              key: "period",
              title: t("console.fields.period"),
              render: (_, i) =>
                i.period_start
                  ? `${formatDate(i.period_start, language)} – ${formatDate(i.period_end, language)}`
                  : "—",
            },
            { key: "issued", title: t("console.invoices.issued"), render: (_, i) => formatDate(i.issued_at, language) },
            { key: "due", title: t("console.invoices.due"), render: (_, i) => formatDate(i.due_at, language) },
            {
              key: "total",
              title: t("console.invoices.total"),
              align: "right",
              render: (_, i) => formatMoney(i.total, i.currency, language),
            },
            {
              key: "open",
              title: t("console.invoices.open"),
              align: "right",
              render: (_, i) => formatMoney(i.open_amount, i.currency, language),
            },
            {
              key: "pdf",
              title: "",
              render: (_, i) =>
                i.number ? (
                  <a href={invoicePdfUrl(i.id)} target="_blank" rel="noreferrer" data-testid={`invoice-pdf-${i.id}`}>
                    <FilePdfOutlined /> PDF
                  </a>
                ) : null,
            },
          ]}
        />
      )}
    </QueryView>
  );
}
