import { PaperClipOutlined } from "@ant-design/icons";
import { Alert, App, Button, Card, Descriptions, List, Space, Table, Tag, Typography } from "antd";
import { useTranslation } from "react-i18next";
import { Link, useParams } from "react-router";
import { QueryView } from "@/components/PageState";
import { categoryName } from "@/lib/categories";
import { formatBytes } from "@/lib/files";
import { formatDate, formatDateTime, formatQuantity, formatUnitPrice, regionName } from "@/lib/format";
import { currentLanguage } from "@/lib/i18n";
import { problemMessage } from "@/lib/problem";
import { downloadBuyerAttachment, useInboxRfq, type InboxLine, type InboxRfq } from "../api/inboxRfq";
import { QuoteForm } from "../components/QuoteForm";
import { QuoteAttachments, QuoteStatusTag, QuoteView } from "../components/QuoteView";

function Outcome({ rfq }: { rfq: InboxRfq }) {
  const { t, i18n } = useTranslation();
  const language = currentLanguage(i18n);
  if (rfq.outcome === "awarded") {
    return (
      <Alert
        type="success"
        showIcon
        data-testid="quote-outcome"
        data-outcome="awarded"
        message={t("quotes.outcome.awarded", { lines: rfq.awards.map((a) => `#${a.line_position}`).join(", ") })}
        description={
          rfq.awards
            .map((a) => a.reason)
            .filter(Boolean)
            .join(" · ") || undefined
        }
      />
    );
  }
  if (rfq.outcome === "not_awarded") {
    return (
      <Alert
        type="info"
        showIcon
        data-testid="quote-outcome"
        data-outcome="not_awarded"
        message={t("quotes.outcome.not_awarded")}
      />
    );
  }
  if (rfq.outcome === "cancelled") {
    return (
      <Alert
        type="error"
        showIcon
        data-testid="quote-outcome"
        data-outcome="cancelled"
        message={t("quotes.outcome.cancelled", { time: formatDateTime(rfq.cancelled_at, language) })}
        description={rfq.cancel_reason || undefined}
      />
    );
  }
  if (!rfq.accepting_quotes) {
    return (
      <Alert
        type="warning"
        showIcon
        data-testid="quote-outcome"
        data-outcome="closed"
        message={t("quotes.outcome.closed")}
      />
    );
  }
  return (
    <Alert
      type="info"
      showIcon
      data-testid="quote-outcome"
      data-outcome="open"
      message={t("quotes.outcome.open", { time: formatDateTime(rfq.closing_at, language) })}
      description={rfq.sealed ? t("quotes.sealedForSupplier") : undefined}
    />
  );
}

function RfqSummary({ rfq }: { rfq: InboxRfq }) {
  const { t, i18n } = useTranslation();
  const language = currentLanguage(i18n);
  const { message } = App.useApp();
  return (
    <Space direction="vertical" size="middle" style={{ width: "100%" }}>
      <Descriptions size="small" bordered column={{ xs: 1, md: 3 }} data-testid="inbox-rfq-details">
        <Descriptions.Item label={t("quotes.buyer")}>{rfq.buyer.name}</Descriptions.Item>
        <Descriptions.Item label={t("rfqs.fields.currency")}>{rfq.currency}</Descriptions.Item>
        <Descriptions.Item label={t("rfqs.fields.closingAt")}>
          {formatDateTime(rfq.closing_at, language)}
        </Descriptions.Item>
        <Descriptions.Item label={t("rfqs.fields.deliveryDate")}>
          {formatDate(rfq.delivery_date, language)}
        </Descriptions.Item>
        <Descriptions.Item label={t("rfqs.fields.deliveryRegion")}>
          {rfq.delivery_region ? regionName(rfq.delivery_region, language) : "—"}
        </Descriptions.Item>
        <Descriptions.Item label={t("rfqs.fields.paymentTerms")}>{rfq.payment_terms || "—"}</Descriptions.Item>
        {rfq.description ? (
          <Descriptions.Item label={t("rfqs.fields.description")} span={3}>
            <span style={{ whiteSpace: "pre-wrap" }}>{rfq.description}</span>
          </Descriptions.Item>
        ) : null}
      </Descriptions>
      <Table<InboxLine>
        data-testid="inbox-rfq-lines"
        size="small"
        rowKey="id"
        pagination={false}
        dataSource={rfq.lines}
        scroll={{ x: true }}
        columns={[
          { key: "pos", title: "#", dataIndex: "position", width: 48 },
          {
            key: "item",
            title: t("rfqs.lines.description"),
            render: (_, line) => (
              <Space direction="vertical" size={0}>
                <Typography.Text>{line.description || "—"}</Typography.Text>
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  {categoryName(line.category, language)}
                </Typography.Text>
              </Space>
            ),
          },
          {
            key: "qty",
            title: t("rfqs.lines.quantity"),
            align: "right",
            render: (_, line) => `${formatQuantity(line.quantity, language)} ${line.unit}`,
          },
          {
            key: "target",
            title: t("rfqs.lines.targetPrice"),
            align: "right",
            render: (_, line) => (line.target_price ? formatUnitPrice(line.target_price, rfq.currency, language) : "—"),
          },
          { key: "quality", title: t("rfqs.lines.qualityStandard"), render: (_, line) => line.quality_standard || "—" },
          {
            key: "certs",
            title: t("rfqs.lines.requiredCertifications"),
            render: (_, line) => line.required_certifications.map((c) => <Tag key={c}>{c}</Tag>),
          },
        ]}
      />
      {rfq.attachments.length > 0 ? (
        <List
          size="small"
          header={t("rfqs.attachments.title")}
          dataSource={rfq.attachments}
          renderItem={(attachment) => (
            <List.Item>
              <Button
                type="link"
                icon={<PaperClipOutlined />}
                onClick={() =>
                  void downloadBuyerAttachment(rfq.id, attachment.id, attachment.filename).catch((error: unknown) =>
                    message.error(problemMessage(t, error)),
                  )
                }
              >
                {attachment.filename}
              </Button>
              <Typography.Text type="secondary">{formatBytes(attachment.size, language)}</Typography.Text>
            </List.Item>
          )}
        />
      ) : null}
    </Space>
  );
}

function InboxRfqView({ rfq }: { rfq: InboxRfq }) {
  const { t } = useTranslation();
  const quote = rfq.quote;
  const active = quote && quote.status !== "withdrawn" ? quote : null;
  return (
    <Space
      direction="vertical"
      size="large"
      style={{ width: "100%" }}
      data-testid="inbox-rfq-page"
      data-rfq-id={rfq.id}
    >
      <div>
        <Space wrap>
          <Typography.Title level={2} style={{ margin: 0 }} data-testid="inbox-rfq-title">
            {rfq.title}
          </Typography.Title>
          {quote ? <QuoteStatusTag status={quote.status} revision={quote.revision} /> : null}
        </Space>
        {rfq.reference ? <Typography.Text type="secondary">{rfq.reference}</Typography.Text> : null}
      </div>
      <Outcome rfq={rfq} />
      <Card size="small" title={t("quotes.theRequest")}>
        <RfqSummary rfq={rfq} />
      </Card>
      <Card
        size="small"
        title={active ? t("quotes.yourQuote") : t("quotes.makeQuote")}
        extra={quote?.status === "withdrawn" ? <QuoteStatusTag status="withdrawn" /> : null}
      >
        {rfq.accepting_quotes ? (
          <QuoteForm rfq={rfq} key={`${quote?.id ?? "new"}-${quote?.revision ?? 0}-${quote?.status ?? ""}`} />
        ) : active ? (
          <QuoteView rfq={rfq} quote={active} />
        ) : (
          <Typography.Text type="secondary" data-testid="no-quote">
            {t("quotes.noQuoteMade")}
          </Typography.Text>
        )}
      </Card>
      {active ? (
        <Card size="small" title={t("quotes.attachments")}>
          <QuoteAttachments rfq={rfq} quote={active} />
        </Card>
      ) : null}
    </Space>
  );
}

export function InboxRfqPage() {
  const { t } = useTranslation();
  const id = Number(useParams().rfqId);
  const rfq = useInboxRfq(id);
  return (
    <Space direction="vertical" size="middle" style={{ width: "100%" }}>
      <Link to="/rfq-inbox">← {t("quotes.backToInbox")}</Link>
      <QueryView query={rfq} loadingRows={10}>
        {(data) => <InboxRfqView rfq={data} />}
      </QueryView>
    </Space>
  );
}

export { InboxRfqPage as Component };
