import { Card, Segmented, Space, Table, Tag, Typography } from "antd";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { EmptyState, QueryView } from "@/components/PageState";
import { tablePagination, usePageParams } from "@/components/pagination";
import { formatDate, formatDateTime, regionName } from "@/lib/format";
import { currentLanguage } from "@/lib/i18n";
import { useInbox, type InboxItem, type InboxStatus } from "../api/inbox";
import { QuoteStatusTag } from "../components/QuoteView";

const FILTERS = ["accepting", "all", "closed", "awarded", "cancelled"] as const;

export function RfqInboxPage() {
  const { t, i18n } = useTranslation();
  const language = currentLanguage(i18n);
  const [filter, setFilter] = useState<(typeof FILTERS)[number]>("accepting");
  const [params, setParams] = usePageParams();
  const inbox = useInbox({ ...params, ...(filter === "all" ? {} : { status: filter as InboxStatus }) });

  return (
    <Space direction="vertical" size="large" style={{ width: "100%" }} data-testid="rfq-inbox-page">
      <div>
        <Typography.Title level={2} style={{ margin: 0 }}>
          {t("quotes.inboxTitle")}
        </Typography.Title>
        <Typography.Text type="secondary">{t("quotes.inboxIntro")}</Typography.Text>
      </div>
      <Card>
        <Segmented
          style={{ marginBottom: 16 }}
          value={filter}
          onChange={(value) => {
            setFilter(value);
            setParams((current) => ({ ...current, page: 1 }));
          }}
          options={FILTERS.map((value) => ({ value, label: t(`quotes.inboxFilters.${value}`) }))}
          data-testid="inbox-filter"
        />
        <QueryView
          query={inbox}
          isEmpty={(data) => data.count === 0}
          empty={<EmptyState description={t("quotes.inboxEmpty")} />}
        >
          {(data) => (
            <Table<InboxItem>
              data-testid="inbox-table"
              rowKey="id"
              size="middle"
              dataSource={data.results}
              loading={inbox.isFetching && inbox.isPlaceholderData}
              pagination={tablePagination(data.count, params, setParams)}
              scroll={{ x: true }}
              onRow={(r) => ({ "data-testid": `inbox-row-${r.id}` }) as React.HTMLAttributes<HTMLElement>}
              columns={[
                {
                  key: "title",
                  title: t("rfqs.fields.title"),
                  render: (_, r) => (
                    <Link to={`/rfq-inbox/${r.id}`} data-testid={`inbox-link-${r.id}`}>
                      {r.title}
                    </Link>
                  ),
                },
                { key: "buyer", title: t("quotes.buyer"), render: (_, r) => r.buyer.name },
                {
                  key: "state",
                  title: t("rfqs.fields.status"),
                  render: (_, r) => (
                    <Space size={[0, 4]} wrap>
                      <Tag color={r.accepting_quotes ? "processing" : "default"}>
                        {r.accepting_quotes
                          ? t("quotes.accepting")
                          : t(`rfqs.status.${r.status}`, { defaultValue: r.status })}
                      </Tag>
                      {r.invitation_status === "invited" ? <Tag color="blue">{t("quotes.invited")}</Tag> : null}
                      {r.sealed ? <Tag color="purple">{t("rfqs.sealed")}</Tag> : null}
                    </Space>
                  ),
                },
                {
                  key: "quote",
                  title: t("quotes.yourQuote"),
                  render: (_, r) =>
                    r.quote_status ? (
                      <QuoteStatusTag status={r.quote_status} revision={r.quote_revision ?? undefined} />
                    ) : (
                      <Typography.Text type="secondary">{t("quotes.none")}</Typography.Text>
                    ),
                },
                { key: "lines", title: t("rfqs.fields.lines"), dataIndex: "line_count", align: "right" },
                {
                  key: "delivery",
                  title: t("rfqs.fields.delivery"),
                  render: (_, r) =>
                    `${formatDate(r.delivery_date, language)}${r.delivery_region ? ` · ${regionName(r.delivery_region, language)}` : ""}`,
                },
                {
                  key: "closing",
                  title: t("rfqs.fields.closingAt"),
                  render: (_, r) => formatDateTime(r.closing_at, language),
                },
              ]}
            />
          )}
        </QueryView>
      </Card>
    </Space>
  );
}

export { RfqInboxPage as Component };
