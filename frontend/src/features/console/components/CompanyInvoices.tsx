import { FilePdfOutlined } from "@ant-design/icons";
import { Button, DatePicker, Form, Input, InputNumber, Space, Table, Tag } from "antd";
import dayjs, { type Dayjs } from "dayjs";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { EmptyState, QueryView } from "@/components/PageState";
import { tablePagination, usePageParams } from "@/components/pagination";
import { FIRST_PAGE } from "@/lib/api";
import { formatDate, formatMoney } from "@/lib/format";
import { currentLanguage } from "@/lib/i18n";
import type { CompanyDetail } from "../api/company";
import {
  invoicePdfUrl,
  useCompanyInvoices,
  useRecordPayment,
  useVoidInvoice,
  type ConsoleInvoice,
} from "../api/invoices";
import { newIdempotencyKey } from "../api/plans";
import { ReasonDialog } from "./ReasonDialog";

const STATUS_COLORS: Record<string, string> = { open: "orange", paid: "green", void: "default", uncollectible: "red" };

/** The company's platform invoices (number, status, dates, amounts, PDF). */
export function CompanyInvoices({ detail }: { detail: CompanyDetail }) {
  const { t, i18n } = useTranslation();
  const language = currentLanguage(i18n);
  const [params, setParams] = usePageParams({ ...FIRST_PAGE, page_size: 20 });
  const invoices = useCompanyInvoices(detail.company.id, params);
  const recordPayment = useRecordPayment();
  const voidInvoice = useVoidInvoice();
  const [paying, setPaying] = useState<{ invoice: ConsoleInvoice; key: string } | null>(null);
  const [voiding, setVoiding] = useState<ConsoleInvoice | null>(null);
  return (
    <>
      {paying ? (
        <ReasonDialog<{ paid_amount: string; received_on: Dayjs; reference: string }>
          open
          testId="payment-dialog"
          title={t("console.invoices.recordTitle", { number: paying.invoice.number })}
          confirmLabel={t("console.invoices.record")}
          initialValues={{ paid_amount: paying.invoice.open_amount, received_on: dayjs() }}
          pending={recordPayment.isPending}
          onSubmit={({ paid_amount, received_on, reference, reason }) =>
            recordPayment.mutateAsync({
              invoiceId: paying.invoice.id,
              key: paying.key,
              body: {
                paid_amount: String(paid_amount),
                received_on: received_on.format("YYYY-MM-DD"),
                reference: reference.trim(),
                reason,
              },
            })
          }
          onClose={() => setPaying(null)}
        >
          <Space wrap>
            <Form.Item
              name="paid_amount"
              label={t("console.invoices.paidAmount", { currency: paying.invoice.currency })}
              rules={[{ required: true, message: t("validation.required") }]}
            >
              <InputNumber<string>
                stringMode
                min="0.01"
                step="0.01"
                data-testid="payment-amount"
                style={{ width: 160 }}
              />
            </Form.Item>
            <Form.Item
              name="received_on"
              label={t("console.invoices.receivedOn")}
              rules={[{ required: true, message: t("validation.required") }]}
            >
              <DatePicker disabledDate={(day) => day.isAfter(dayjs(), "day")} />
            </Form.Item>
          </Space>
          <Form.Item
            name="reference"
            label={t("console.invoices.reference")}
            rules={[{ required: true, whitespace: true, message: t("validation.required") }]}
          >
            <Input maxLength={200} data-testid="payment-reference" />
          </Form.Item>
        </ReasonDialog>
      ) : null}
      <ReasonDialog<object>
        open={voiding !== null}
        testId="void-dialog"
        danger
        title={t("console.invoices.voidTitle", { number: voiding?.number ?? "" })}
        confirmLabel={t("console.invoices.void")}
        pending={voidInvoice.isPending}
        onSubmit={async ({ reason }) => {
          if (voiding) await voidInvoice.mutateAsync({ invoiceId: voiding.id, reason });
        }}
        onClose={() => setVoiding(null)}
      />
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
              {
                key: "issued",
                title: t("console.invoices.issued"),
                render: (_, i) => formatDate(i.issued_at, language),
              },
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
              {
                key: "actions",
                title: "",
                render: (_, i) =>
                  i.status === "open" ? (
                    <Space>
                      <Button
                        size="small"
                        type="primary"
                        data-testid={`invoice-record-${i.id}`}
                        onClick={() => setPaying({ invoice: i, key: newIdempotencyKey() })}
                      >
                        {t("console.invoices.record")}
                      </Button>
                      <Button size="small" danger data-testid={`invoice-void-${i.id}`} onClick={() => setVoiding(i)}>
                        {t("console.invoices.void")}
                      </Button>
                    </Space>
                  ) : null,
              },
            ]}
          />
        )}
      </QueryView>
    </>
  );
}
