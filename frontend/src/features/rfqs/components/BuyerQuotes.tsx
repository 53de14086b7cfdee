import { PaperClipOutlined } from "@ant-design/icons";
import { App, Button, Card, Descriptions, Space, Tag, Typography } from "antd";
import { useTranslation } from "react-i18next";
import { EmptyState, QueryView } from "@/components/PageState";
import { formatDate, formatDateTime, formatMoney } from "@/lib/format";
import { currentLanguage } from "@/lib/i18n";
import { problemMessage } from "@/lib/problem";
import { downloadQuoteAttachment } from "../api/attachments";
import { useQuotes } from "../api/quotes";
import type { Rfq } from "../api/rfqs";

/** Each submitted quote's own terms, notes and attachments (the numbers are in the comparison). */
export function BuyerQuotes({ rfq }: { rfq: Rfq }) {
  const { t, i18n } = useTranslation();
  const language = currentLanguage(i18n);
  const { message } = App.useApp();
  const quotes = useQuotes(rfq.id);
  return (
    <QueryView
      query={quotes}
      isEmpty={(data) => data.count === 0}
      empty={<EmptyState description={t("rfqs.quotes.none")} />}
    >
      {(data) => (
        <Space direction="vertical" style={{ width: "100%" }} data-testid="buyer-quotes">
          {data.results.map((quote) => (
            <Card
              key={quote.id}
              size="small"
              title={
                <Space>
                  {quote.supplier.name}
                  <Tag>{t("rfqs.comparison.revision", { n: quote.revision })}</Tag>
                </Space>
              }
              extra={formatDateTime(quote.submitted_at, language)}
            >
              <Descriptions size="small" column={{ xs: 1, md: 3 }}>
                <Descriptions.Item label={t("quotes.fields.totalNet")}>
                  {formatMoney(quote.total_net, quote.currency, language)}
                </Descriptions.Item>
                <Descriptions.Item label={t("quotes.fields.totalGross")}>
                  {formatMoney(quote.total_gross, quote.currency, language)}
                </Descriptions.Item>
                <Descriptions.Item label={t("quotes.fields.validUntil")}>
                  {formatDate(quote.valid_until, language)}
                </Descriptions.Item>
                <Descriptions.Item label={t("quotes.fields.supplierReference")}>
                  {quote.supplier_reference || "—"}
                </Descriptions.Item>
                <Descriptions.Item label={t("quotes.fields.paymentTerms")}>
                  {quote.payment_terms || "—"}
                </Descriptions.Item>
                <Descriptions.Item label={t("quotes.fields.deliveryDate")}>
                  {formatDate(quote.delivery_date, language)}
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
              {quote.attachments.length > 0 ? (
                <Space wrap>
                  {quote.attachments.map((attachment) => (
                    <Button
                      key={attachment.id}
                      type="link"
                      icon={<PaperClipOutlined />}
                      onClick={() =>
                        void downloadQuoteAttachment(rfq.id, quote.id, attachment.id, attachment.filename).catch(
                          (error: unknown) => message.error(problemMessage(t, error)),
                        )
                      }
                    >
                      {attachment.filename}
                    </Button>
                  ))}
                </Space>
              ) : (
                <Typography.Text type="secondary">{t("quotes.noAttachments")}</Typography.Text>
              )}
            </Card>
          ))}
        </Space>
      )}
    </QueryView>
  );
}
