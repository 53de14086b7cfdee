import { DownloadOutlined } from "@ant-design/icons";
import { Alert, App, Button, Card, Descriptions, Popconfirm, Space, Table, Typography } from "antd";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { Link, useParams } from "react-router";
import { ErrorState, QueryView } from "@/components/PageState";
import { useAccess } from "@/lib/access";
import { formatDate, formatDateTime, formatMoney, formatQuantity, formatUnitPrice } from "@/lib/format";
import { currentLanguage } from "@/lib/i18n";
import { problemMessage } from "@/lib/problem";
import {
  invoicePdfUrl,
  useApproveInvoice,
  useCreditInvoice,
  useInvoice,
  useInvoiceAction,
  useRejectInvoice,
  type Invoice,
  type InvoiceLine,
} from "../api/invoices";
import { newIdempotencyKey } from "../components/idempotencyKey";
import { CreditModal, TextModal } from "../components/InvoiceModals";
import { InvoiceStatusTag, KindTag, MatchTag } from "../components/InvoiceTags";
import { MatchTable } from "../components/MatchTable";

type Dialog = "credit_note" | "debit_note" | "approve" | "reject" | null;

function Actions({ invoice }: { invoice: Invoice }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const { can } = useAccess();
  const [dialog, setDialog] = useState<Dialog>(null);
  const issue = useInvoiceAction("issue");
  const cancel = useInvoiceAction("cancel");
  const rematch = useInvoiceAction("match");
  const approve = useApproveInvoice();
  const reject = useRejectInvoice();
  const credit = useCreditInvoice();
  const fail = (error: unknown) => void message.error(problemMessage(t, error));
  const out = invoice.direction === "out";
  // Waiting for an approval: outside tolerance, or matched where the company approves every invoice.
  const pending =
    invoice.direction === "in" &&
    invoice.status === "draft" &&
    (invoice.match_status === "mismatch" || invoice.match_status === "matched");
  const correctable = out && invoice.kind === "invoice" && ["open", "paid", "rejected"].includes(invoice.status);
  const writer = can("finance.post");

  return (
    <Space wrap data-testid="invoice-actions">
      {writer && out && invoice.status === "draft" ? (
        <>
          <Button
            type="primary"
            loading={issue.isPending}
            data-testid="invoice-issue"
            onClick={() =>
              issue
                .mutateAsync(invoice.id)
                .then((done) => void message.success(t("finance.invoices.actions.issued", { number: done.number })))
                .catch(fail)
            }
          >
            {t("finance.invoices.actions.issue")}
          </Button>
          <Popconfirm
            title={t("finance.invoices.actions.cancelConfirm")}
            onConfirm={() => cancel.mutateAsync(invoice.id).catch(fail)}
          >
            <Button danger data-testid="invoice-cancel">
              {t("finance.invoices.actions.cancel")}
            </Button>
          </Popconfirm>
        </>
      ) : null}
      {writer && correctable ? (
        <>
          <Button data-testid="invoice-credit" onClick={() => setDialog("credit_note")}>
            {t("finance.invoices.actions.credit")}
          </Button>
          <Button data-testid="invoice-debit" onClick={() => setDialog("debit_note")}>
            {t("finance.invoices.actions.debit")}
          </Button>
        </>
      ) : null}
      {writer && pending ? (
        <>
          <Button type="primary" data-testid="invoice-approve" onClick={() => setDialog("approve")}>
            {t("finance.invoices.actions.approve")}
          </Button>
          <Button danger data-testid="invoice-reject" onClick={() => setDialog("reject")}>
            {t("finance.invoices.actions.reject")}
          </Button>
          <Button
            loading={rematch.isPending}
            data-testid="invoice-rematch"
            onClick={() =>
              rematch
                .mutateAsync(invoice.id)
                .then(() => void message.success(t("finance.invoices.actions.done")))
                .catch(fail)
            }
          >
            {t("finance.invoices.actions.rematch")}
          </Button>
        </>
      ) : null}
      {writer && invoice.direction === "in" && invoice.status === "open" ? (
        <Link to={`/finance/bills?draw=${invoice.id}`} data-testid="invoice-pay-by-bill">
          <Button>{t("finance.invoices.actions.payByBill")}</Button>
        </Link>
      ) : null}
      <a href={invoicePdfUrl(invoice.id)} data-testid="invoice-pdf">
        <Button icon={<DownloadOutlined />}>{t("finance.invoices.actions.pdf")}</Button>
      </a>
      <CreditModal
        open={dialog === "credit_note" || dialog === "debit_note"}
        title={t(
          dialog === "debit_note" ? "finance.invoices.credit.titleDebit" : "finance.invoices.credit.titleCredit",
          {
            number: invoice.number,
          },
        )}
        defaultTaxRate={invoice.lines[0]?.tax_rate}
        submitting={credit.isPending}
        onClose={() => setDialog(null)}
        onSubmit={(values) =>
          credit.mutateAsync({
            id: invoice.id,
            body: { kind: dialog === "debit_note" ? "debit_note" : "credit_note", ...values },
            idempotencyKey: newIdempotencyKey(),
          })
        }
      />
      <TextModal
        open={dialog === "approve"}
        title={t("finance.invoices.approve.title", { number: invoice.number })}
        label={t("finance.invoices.approve.note")}
        required={false}
        okText={t("finance.invoices.actions.approve")}
        submitting={approve.isPending}
        testId="invoice-approve-dialog"
        onClose={() => setDialog(null)}
        onSubmit={(note) => approve.mutateAsync({ id: invoice.id, note })}
      />
      <TextModal
        open={dialog === "reject"}
        title={t("finance.invoices.reject.title", { number: invoice.number })}
        label={t("finance.invoices.reject.reason")}
        required
        requiredMessage={t("finance.invoices.reject.reasonRequired")}
        okText={t("finance.invoices.actions.reject")}
        danger
        submitting={reject.isPending}
        testId="invoice-reject-dialog"
        onClose={() => setDialog(null)}
        onSubmit={(reason) => reject.mutateAsync({ id: invoice.id, reason })}
      />
    </Space>
  );
}

function Detail({ invoice }: { invoice: Invoice }) {
  const { t, i18n } = useTranslation();
  const language = currentLanguage(i18n);
  const money = (value: string) => formatMoney(value, invoice.currency, language);
  const hasMatch = invoice.lines.some((line) => line.match);
  const fapiao = invoice.fapiao_type || "none";

  return (
    <Space direction="vertical" size="middle" style={{ width: "100%" }} data-testid="invoice-detail">
      <Space style={{ width: "100%", justifyContent: "space-between" }} wrap>
        <Space>
          <Typography.Title level={3} style={{ margin: 0 }} data-testid="invoice-number">
            {invoice.number}
          </Typography.Title>
          <KindTag kind={invoice.kind} />
          <InvoiceStatusTag invoice={invoice} />
          <MatchTag status={invoice.match_status} />
        </Space>
        <Actions invoice={invoice} />
      </Space>
      {invoice.reason ? (
        <Alert
          type={invoice.status === "rejected" ? "error" : "info"}
          showIcon
          data-testid="invoice-reason"
          message={`${t("finance.invoices.fields.reason")}: ${invoice.reason}`}
          description={
            invoice.decided_by
              ? `${t("finance.invoices.fields.decidedBy")}: ${invoice.decided_by} ${formatDateTime(invoice.decided_at, language)}`
              : undefined
          }
        />
      ) : null}
      <Card>
        <Descriptions column={{ xs: 1, md: 2, xl: 3 }} size="small">
          <Descriptions.Item label={t("finance.invoices.fields.partner")}>{invoice.partner_name}</Descriptions.Item>
          {invoice.partner_number ? (
            <Descriptions.Item label={t("finance.invoices.fields.partnerNumber")}>
              {invoice.partner_number}
            </Descriptions.Item>
          ) : null}
          <Descriptions.Item label={t("finance.invoices.fields.order")}>
            {invoice.order_number || "—"}
          </Descriptions.Item>
          {invoice.original_id ? (
            <Descriptions.Item label={t("finance.invoices.fields.original")}>
              <Link to={`/finance/invoices/${invoice.original_id}`}>{invoice.original_number}</Link>
            </Descriptions.Item>
          ) : null}
          <Descriptions.Item label={t("finance.invoices.fields.issueDate")}>
            {formatDate(invoice.issue_date, language)}
          </Descriptions.Item>
          <Descriptions.Item label={t("finance.invoices.fields.dueDate")}>
            {formatDate(invoice.due_date, language)}
          </Descriptions.Item>
          <Descriptions.Item label={t("finance.invoices.fields.paymentTerms")}>
            {invoice.payment_terms || "—"}
          </Descriptions.Item>
          <Descriptions.Item label={t("finance.invoices.fields.fapiaoType")}>
            {t(`finance.invoices.fapiao.${fapiao}`)}
          </Descriptions.Item>
          <Descriptions.Item label={t("finance.invoices.fields.sellerTaxId")}>
            {invoice.seller_tax_id || "—"}
          </Descriptions.Item>
          <Descriptions.Item label={t("finance.invoices.fields.buyerTaxId")}>
            {invoice.buyer_tax_id || invoice.partner_tax_id || "—"}
          </Descriptions.Item>
          <Descriptions.Item label={t("finance.invoices.fields.currency")}>
            {invoice.currency}
            {invoice.exchange_rate !== "1.00000000" ? ` @ ${invoice.exchange_rate}` : ""}
          </Descriptions.Item>
          <Descriptions.Item label={t("finance.invoices.fields.totalNet")}>
            {money(invoice.total_net)}
          </Descriptions.Item>
          <Descriptions.Item label={t("finance.invoices.fields.totalTax")}>
            {money(invoice.total_tax)}
          </Descriptions.Item>
          <Descriptions.Item label={t("finance.invoices.fields.total")}>
            <strong data-testid="invoice-total">{money(invoice.total)}</strong>
          </Descriptions.Item>
          <Descriptions.Item label={t("finance.invoices.fields.paid")}>{money(invoice.amount_paid)}</Descriptions.Item>
          <Descriptions.Item label={t("finance.invoices.fields.open")}>
            <span data-testid="invoice-open">{money(invoice.amount_open)}</span>
          </Descriptions.Item>
          {invoice.notes ? (
            <Descriptions.Item label={t("finance.invoices.fields.notes")}>{invoice.notes}</Descriptions.Item>
          ) : null}
        </Descriptions>
      </Card>
      <Card title={t("finance.invoices.lines.title")}>
        <Table<InvoiceLine>
          data-testid="invoice-lines"
          rowKey="line_no"
          size="small"
          pagination={false}
          dataSource={invoice.lines}
          scroll={{ x: true }}
          columns={[
            { key: "no", title: t("finance.invoices.lines.no"), dataIndex: "line_no" },
            {
              key: "description",
              title: t("finance.invoices.lines.description"),
              render: (_, line) => (line.sku ? `${line.sku} · ${line.description}` : line.description),
            },
            {
              key: "quantity",
              title: t("finance.invoices.lines.quantity"),
              align: "right",
              render: (_, line) => `${formatQuantity(line.quantity, language)} ${line.unit}`.trim(),
            },
            {
              key: "price",
              title: t("finance.invoices.lines.unitPrice"),
              align: "right",
              render: (_, line) => formatUnitPrice(line.unit_price, invoice.currency, language),
            },
            { key: "rate", title: t("finance.invoices.lines.taxRate"), align: "right", dataIndex: "tax_rate" },
            {
              key: "net",
              title: t("finance.invoices.lines.net"),
              align: "right",
              render: (_, line) => money(line.net_amount),
            },
            {
              key: "tax",
              title: t("finance.invoices.lines.tax"),
              align: "right",
              render: (_, line) => money(line.tax_amount),
            },
          ]}
        />
      </Card>
      {hasMatch ? (
        <Card title={t("finance.invoices.match.title")}>
          <Typography.Paragraph type="secondary">{t("finance.invoices.match.intro")}</Typography.Paragraph>
          <MatchTable lines={invoice.lines} currency={invoice.currency} />
        </Card>
      ) : null}
      {invoice.adjustments.length ? (
        <Card title={t("finance.invoices.adjustments")}>
          <Space direction="vertical">
            {invoice.adjustments.map((note) => (
              <Space key={note.id}>
                <Link to={`/finance/invoices/${note.id}`}>{note.number}</Link>
                <KindTag kind={note.kind} />
                {formatDate(note.issue_date, language)}
                {money(note.total)}
              </Space>
            ))}
          </Space>
        </Card>
      ) : null}
    </Space>
  );
}

/** `/finance/invoices/:invoiceId`: the invoice with its lines, the match table and its actions. */
export function Component() {
  const { invoiceId } = useParams();
  const id = Number(invoiceId);
  const invoice = useInvoice(id);
  if (!Number.isInteger(id) || id <= 0) return <ErrorState error={new Error("not found")} />;
  return <QueryView query={invoice}>{(data) => <Detail invoice={data} />}</QueryView>;
}
