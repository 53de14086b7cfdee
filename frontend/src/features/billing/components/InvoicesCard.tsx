import { DownloadOutlined } from "@ant-design/icons";
import { Button, Card, Table, Tag } from "antd";
import { useTranslation } from "react-i18next";
import { EmptyState, QueryView } from "@/components/PageState";
import { tablePagination, usePageParams } from "@/components/pagination";
import { FIRST_PAGE } from "@/lib/api";
import { formatDate } from "@/lib/format";
import { currentLanguage } from "@/lib/i18n";
import { invoicePdfUrl, useInvoices, type PlatformInvoice } from "../api/invoices";
import { money } from "./labels";

const STATE_COLOURS: Record<string, string> = { open: "orange", paid: "green", void: "default", uncollectible: "red" };

/** The platform's invoices to the company, newest first, each with its PDF (`status`: only those). */
export function InvoicesCard({ status, title }: { status?: string; title?: string }) {
  const { t, i18n } = useTranslation();
  const language = currentLanguage(i18n);
  const [params, setParams] = usePageParams({ ...FIRST_PAGE, page_size: 10 });
  const invoices = useInvoices(params);
  const shown = (rows: PlatformInvoice[]) => (status ? rows.filter((row) => row.status === status) : rows);
  return (
    <Card title={title ?? t("billing.invoices.title")} data-testid="billing-invoices">
      <QueryView
        query={invoices}
        isEmpty={(page) => shown(page.results).length === 0}
        empty={<EmptyState description={t("billing.invoices.empty")} />}
      >
        {(page) => (
          <Table<PlatformInvoice>
            rowKey="id"
            size="small"
            dataSource={shown(page.results)}
            pagination={tablePagination(page.count, params, setParams)}
            columns={[
              { title: t("billing.invoices.number"), dataIndex: "number" },
              {
                title: t("billing.invoices.status"),
                dataIndex: "status",
                render: (value: string) => (
                  <Tag color={STATE_COLOURS[value] ?? "default"}>
                    {t(`billing.invoices.state.${value}`, { defaultValue: value })}
                  </Tag>
                ),
              },
              {
                title: t("billing.invoices.issued"),
                dataIndex: "issued_at",
                render: (v: string | null) => formatDate(v, language),
              },
              {
                title: t("billing.invoices.due"),
                dataIndex: "due_at",
                render: (v: string | null) => formatDate(v, language),
              },
              {
                title: t("billing.invoices.total"),
                dataIndex: "total",
                align: "right",
                render: (value: string, row) => money(value, row.currency, language),
              },
              {
                title: t("billing.invoices.paid"),
                key: "paid",
                align: "right",
                render: (_: unknown, row) => money(row.paid_amount, row.currency, language),
              },
              {
                title: t("billing.invoices.pdf"),
                key: "pdf",
                render: (_: unknown, row) => (
                  <Button
                    size="small"
                    icon={<DownloadOutlined />}
                    href={invoicePdfUrl(row.id)}
                    target="_blank"
                    data-testid={`invoice-${row.id}-pdf`}
                  >
                    {t("billing.invoices.download")}
                  </Button>
                ),
              },
            ]}
          />
        )}
      </QueryView>
    </Card>
  );
}
