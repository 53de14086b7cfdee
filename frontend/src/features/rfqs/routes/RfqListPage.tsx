import { PlusOutlined } from "@ant-design/icons";
import { Button, Card, Segmented, Space, Table, Typography } from "antd";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { EmptyState, QueryView } from "@/components/PageState";
import { tablePagination, usePageParams } from "@/components/pagination";
import { useAccess } from "@/lib/access";
import { formatDate, formatDateTime, regionName } from "@/lib/format";
import { currentLanguage } from "@/lib/i18n";
import { useRfqs, type RfqStatus, type RfqSummary } from "../api/rfqs";
import { RfqStatusTag, SealedTag } from "../components/RfqStatusTag";

const FILTERS = ["all", "draft", "open", "closed", "awarded", "cancelled"] as const;

export function RfqListPage() {
  const { t, i18n } = useTranslation();
  const language = currentLanguage(i18n);
  const { can } = useAccess();
  const [status, setStatus] = useState<(typeof FILTERS)[number]>("all");
  const [params, setParams] = usePageParams();
  const rfqs = useRfqs({ ...params, ...(status === "all" ? {} : { status: status as RfqStatus }) });

  return (
    <Space direction="vertical" size="large" style={{ width: "100%" }} data-testid="rfq-list-page">
      <Space style={{ width: "100%", justifyContent: "space-between" }} wrap>
        <div>
          <Typography.Title level={2} style={{ margin: 0 }}>
            {t("rfqs.title")}
          </Typography.Title>
          <Typography.Text type="secondary">{t("rfqs.intro")}</Typography.Text>
        </div>
        {can("rfq.create") ? (
          <Link to="/rfqs/new">
            <Button type="primary" icon={<PlusOutlined />} data-testid="rfq-new">
              {t("rfqs.new")}
            </Button>
          </Link>
        ) : null}
      </Space>
      <Card>
        <Segmented
          style={{ marginBottom: 16 }}
          value={status}
          onChange={(value) => {
            setStatus(value);
            setParams((current) => ({ ...current, page: 1 }));
          }}
          options={FILTERS.map((value) => ({
            value,
            label: value === "all" ? t("rfqs.filterAll") : t(`rfqs.status.${value}`),
          }))}
          data-testid="rfq-status-filter"
        />
        <QueryView
          query={rfqs}
          isEmpty={(data) => data.count === 0}
          empty={<EmptyState description={status === "all" ? t("rfqs.empty") : t("rfqs.emptyFiltered")} />}
        >
          {(data) => (
            <Table<RfqSummary>
              data-testid="rfq-table"
              rowKey="id"
              size="middle"
              dataSource={data.results}
              loading={rfqs.isFetching && rfqs.isPlaceholderData}
              pagination={tablePagination(data.count, params, setParams)}
              scroll={{ x: true }}
              onRow={(r) => ({ "data-testid": `rfq-row-${r.id}` }) as React.HTMLAttributes<HTMLElement>}
              columns={[
                {
                  key: "title",
                  title: t("rfqs.fields.title"),
                  render: (_, r) => (
                    <Space direction="vertical" size={0}>
                      <Link to={`/rfqs/${r.id}`} data-testid={`rfq-link-${r.id}`}>
                        {r.title}
                      </Link>
                      {r.reference ? (
                        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                          {r.reference}
                        </Typography.Text>
                      ) : null}
                    </Space>
                  ),
                },
                {
                  key: "status",
                  title: t("rfqs.fields.status"),
                  render: (_, r) => (
                    <Space size={0}>
                      <RfqStatusTag status={r.status} />
                      <SealedTag sealed={r.sealed} />
                    </Space>
                  ),
                },
                { key: "lines", title: t("rfqs.fields.lines"), dataIndex: "line_count", align: "right" },
                {
                  key: "quotes",
                  title: t("rfqs.fields.quotes"),
                  align: "right",
                  render: (_, r) => (r.status === "draft" ? "—" : r.quote_count),
                },
                {
                  key: "delivery",
                  title: t("rfqs.fields.delivery"),
                  render: (_, r) =>
                    r.delivery_date || r.delivery_region
                      ? `${formatDate(r.delivery_date, language)}${r.delivery_region ? ` · ${regionName(r.delivery_region, language)}` : ""}`
                      : "—",
                },
                {
                  key: "closing",
                  title: t("rfqs.fields.closingAt"),
                  render: (_, r) => formatDateTime(r.closing_at, language),
                },
                {
                  key: "created",
                  title: t("rfqs.fields.created"),
                  render: (_, r) => formatDate(r.created_at, language),
                },
              ]}
            />
          )}
        </QueryView>
      </Card>
    </Space>
  );
}

export { RfqListPage as Component };
