import { DeleteOutlined, PaperClipOutlined, UploadOutlined } from "@ant-design/icons";
import { App, Button, Descriptions, List, Popconfirm, Space, Table, Tag, Typography, Upload } from "antd";
import { useTranslation } from "react-i18next";
import { formatBytes } from "@/lib/files";
import { formatDate, formatDateTime, formatMoney, formatQuantity, formatUnitPrice } from "@/lib/format";
import { currentLanguage } from "@/lib/i18n";
import { problemMessage } from "@/lib/problem";
import type { InboxRfq, OwnQuote } from "../api/inboxRfq";
import {
  downloadOwnQuoteAttachment,
  useDeleteQuoteAttachment,
  useUploadQuoteAttachment,
} from "../api/quoteAttachments";

const QUOTE_COLORS: Record<string, string> = { draft: "default", submitted: "green", withdrawn: "red" };

export function QuoteStatusTag({ status, revision }: { status: string; revision?: number }) {
  const { t } = useTranslation();
  return (
    <Tag color={QUOTE_COLORS[status] ?? "default"} data-testid="quote-status" data-status={status}>
      {t(`quotes.status.${status}`, { defaultValue: status })}
      {revision ? ` · ${t("rfqs.comparison.revision", { n: revision })}` : ""}
    </Tag>
  );
}

/** The quote as sent: read-only (after closing), with its totals and attachments. */
export function QuoteView({ rfq, quote }: { rfq: InboxRfq; quote: OwnQuote }) {
  const { t, i18n } = useTranslation();
  const language = currentLanguage(i18n);
  const lines = new Map(rfq.lines.map((line) => [line.id, line] as const));
  return (
    <Space direction="vertical" style={{ width: "100%" }} data-testid="quote-view">
      <Descriptions size="small" bordered column={{ xs: 1, md: 3 }}>
        <Descriptions.Item label={t("quotes.fields.status")}>
          <QuoteStatusTag status={quote.status} revision={quote.revision} />
        </Descriptions.Item>
        <Descriptions.Item label={t("quotes.fields.submittedAt")}>
          {formatDateTime(quote.submitted_at, language)}
        </Descriptions.Item>
        <Descriptions.Item label={t("quotes.fields.validUntil")}>
          {formatDate(quote.valid_until, language)}
        </Descriptions.Item>
        <Descriptions.Item label={t("quotes.fields.totalNet")}>
          <span data-testid="quote-total-net">{formatMoney(quote.total_net, quote.currency, language)}</span>
        </Descriptions.Item>
        <Descriptions.Item label={t("quotes.fields.totalGross")}>
          {formatMoney(quote.total_gross, quote.currency, language)}
        </Descriptions.Item>
        <Descriptions.Item label={t("quotes.fields.deliveryDate")}>
          {formatDate(quote.delivery_date, language)}
        </Descriptions.Item>
        <Descriptions.Item label={t("quotes.fields.supplierReference")}>
          {quote.supplier_reference || "—"}
        </Descriptions.Item>
        <Descriptions.Item label={t("quotes.fields.paymentTerms")} span={2}>
          {quote.payment_terms || "—"}
        </Descriptions.Item>
        {quote.terms ? (
          <Descriptions.Item label={t("quotes.fields.terms")} span={3}>
            <span style={{ whiteSpace: "pre-wrap" }}>{quote.terms}</span>
          </Descriptions.Item>
        ) : null}
        {quote.notes ? (
          <Descriptions.Item label={t("quotes.fields.notes")} span={3}>
            <span style={{ whiteSpace: "pre-wrap" }}>{quote.notes}</span>
          </Descriptions.Item>
        ) : null}
      </Descriptions>
      <Table
        size="small"
        rowKey="id"
        pagination={false}
        dataSource={quote.lines}
        scroll={{ x: true }}
        columns={[
          {
            key: "line",
            title: t("rfqs.comparison.line"),
            render: (_, line) => {
              const requested = lines.get(line.rfq_line_id);
              return `${line.position}. ${requested?.description ?? ""}`;
            },
          },
          {
            key: "price",
            title: t("quotes.fields.unitPrice", { currency: quote.currency }),
            align: "right",
            render: (_, line) => formatUnitPrice(line.unit_price, quote.currency, language),
          },
          {
            key: "qty",
            title: t("rfqs.lines.quantity"),
            align: "right",
            render: (_, line) => formatQuantity(line.offered_quantity, language),
          },
          {
            key: "lead",
            title: t("quotes.fields.leadTime"),
            align: "right",
            render: (_, line) => t("marketplace.days_n", { days: line.lead_time_days }),
          },
          {
            key: "net",
            title: t("quotes.fields.net"),
            align: "right",
            render: (_, line) => formatMoney(line.net_amount, quote.currency, language),
          },
        ]}
      />
    </Space>
  );
}

/** The quote's files; added and removed while the RFQ takes quotes. */
export function QuoteAttachments({ rfq, quote }: { rfq: InboxRfq; quote: OwnQuote }) {
  const { t, i18n } = useTranslation();
  const language = currentLanguage(i18n);
  const { message } = App.useApp();
  const upload = useUploadQuoteAttachment();
  const remove = useDeleteQuoteAttachment();
  const fail = (error: unknown) => void message.error(problemMessage(t, error));
  const editable = rfq.accepting_quotes && quote.status !== "withdrawn";
  return (
    <div data-testid="quote-attachments">
      <List
        size="small"
        dataSource={quote.attachments}
        locale={{ emptyText: t("quotes.noAttachments") }}
        renderItem={(attachment) => (
          <List.Item
            actions={
              editable
                ? [
                    <Popconfirm
                      key="delete"
                      title={t("rfqs.attachments.deleteConfirm", { name: attachment.filename })}
                      okText={t("actions.delete")}
                      cancelText={t("actions.cancel")}
                      onConfirm={() => remove.mutateAsync({ rfqId: rfq.id, attachmentId: attachment.id }).catch(fail)}
                    >
                      <Button
                        size="small"
                        type="text"
                        danger
                        icon={<DeleteOutlined />}
                        aria-label={t("actions.delete")}
                      />
                    </Popconfirm>,
                  ]
                : []
            }
          >
            <Button
              type="link"
              icon={<PaperClipOutlined />}
              onClick={() => void downloadOwnQuoteAttachment(rfq.id, attachment.id, attachment.filename).catch(fail)}
            >
              {attachment.filename}
            </Button>
            <Typography.Text type="secondary">{formatBytes(attachment.size, language)}</Typography.Text>
          </List.Item>
        )}
      />
      {editable ? (
        <Upload
          showUploadList={false}
          multiple
          customRequest={({ file, onSuccess, onError }) =>
            upload.mutate(
              { rfqId: rfq.id, file: file as File },
              {
                onSuccess: (result) => onSuccess?.(result),
                onError: (error) => {
                  onError?.(error);
                  fail(error);
                },
              },
            )
          }
        >
          <Button
            icon={<UploadOutlined />}
            loading={upload.isPending}
            style={{ marginTop: 8 }}
            data-testid="quote-attachment-upload"
          >
            {t("rfqs.attachments.add")}
          </Button>
        </Upload>
      ) : null}
    </div>
  );
}
