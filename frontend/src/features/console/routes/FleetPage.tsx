import { Card, Input, Select, Space, Table, Typography, type TableProps } from "antd";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { EmptyState, QueryView } from "@/components/PageState";
import { tablePagination, usePageParams } from "@/components/pagination";
import { FIRST_PAGE } from "@/lib/api";
import { formatDateTime, formatMoney } from "@/lib/format";
import { currentLanguage } from "@/lib/i18n";
import { useFleet, type FleetCompany, type FleetFilters } from "../api/fleet";
import { usePlans } from "../api/plans";
import {
  COMPANY_STATUSES,
  CompanyStatusTag,
  SUBSCRIPTION_STATUSES,
  SubscriptionStatusTag,
  planName,
} from "../components/labels";
import { UsagePeak } from "../components/UsageBars";

type Ordering = NonNullable<FleetFilters["ordering"]>;

/** Table column key -> the list's `ordering` name. */
const SORTABLE: Record<string, string> = {
  name: "name",
  members: "members",
  mrr: "mrr",
  last_active: "last_active",
  plan: "plan",
  created_at: "created_at",
};

export function FleetPage() {
  const { t, i18n } = useTranslation();
  const language = currentLanguage(i18n);
  const [filters, setFilters] = useState<FleetFilters>({ ordering: "name" });
  const [params, setParams] = usePageParams({ ...FIRST_PAGE, page_size: 50 });
  const fleet = useFleet(filters, params);
  const plans = usePlans();

  const update = (next: Partial<FleetFilters>) => {
    setFilters((current) => ({ ...current, ...next }));
    setParams((current) => ({ ...current, page: 1 }));
  };

  const sortOrder = (key: string) => {
    const ordering = filters.ordering ?? "name";
    if (ordering === SORTABLE[key]) return "ascend" as const;
    if (ordering === `-${SORTABLE[key]}`) return "descend" as const;
    return null;
  };

  const onTableChange: TableProps<FleetCompany>["onChange"] = (_pagination, _filters, sorter) => {
    const one = Array.isArray(sorter) ? sorter[0] : sorter;
    const key = one?.columnKey ? SORTABLE[String(one.columnKey)] : undefined;
    if (!key || !one?.order) update({ ordering: "name" });
    else update({ ordering: (one.order === "descend" ? `-${key}` : key) as Ordering });
  };

  return (
    <Space direction="vertical" size="large" style={{ width: "100%" }} data-testid="fleet-page">
      <div>
        <Typography.Title level={2} style={{ margin: 0 }}>
          {t("console.fleet.title")}
        </Typography.Title>
        <Typography.Text type="secondary">{t("console.fleet.intro")}</Typography.Text>
      </div>
      <Card>
        <Space wrap style={{ marginBottom: 16 }}>
          <Input.Search
            allowClear
            data-testid="fleet-search"
            placeholder={t("console.fleet.searchPlaceholder")}
            style={{ width: 260 }}
            onSearch={(q) => update({ q: q.trim() || undefined })}
          />
          <Select
            allowClear
            data-testid="fleet-filter-status"
            placeholder={t("console.fleet.filters.status")}
            style={{ width: 160 }}
            value={filters.status}
            onChange={(status) => update({ status })}
            options={COMPANY_STATUSES.map((s) => ({ value: s, label: t(`console.companyStatus.${s}`) }))}
          />
          <Select
            allowClear
            data-testid="fleet-filter-plan"
            placeholder={t("console.fleet.filters.plan")}
            style={{ width: 160 }}
            value={filters.plan}
            onChange={(plan) => update({ plan })}
            options={(plans.data ?? []).map((p) => ({ value: p.code, label: planName(p, language) }))}
          />
          <Select
            allowClear
            data-testid="fleet-filter-subscription"
            placeholder={t("console.fleet.filters.subscriptionStatus")}
            style={{ width: 200 }}
            value={filters.subscription_status}
            onChange={(subscription_status) => update({ subscription_status })}
            options={[...SUBSCRIPTION_STATUSES, "none" as const].map((s) => ({
              value: s,
              label: t(`console.subscriptionStatus.${s}`),
            }))}
          />
        </Space>
        <QueryView
          query={fleet}
          isEmpty={(data) => data.count === 0}
          empty={<EmptyState description={t("console.fleet.empty")} />}
        >
          {(data) => (
            <Table<FleetCompany>
              data-testid="fleet-table"
              rowKey="id"
              size="middle"
              scroll={{ x: true }}
              dataSource={data.results}
              loading={fleet.isFetching && fleet.isPlaceholderData}
              pagination={tablePagination(data.count, params, setParams)}
              onChange={onTableChange}
              onRow={(c) => ({ "data-testid": `fleet-row-${c.slug}` }) as React.HTMLAttributes<HTMLElement>}
              columns={[
                {
                  key: "name",
                  title: t("console.fleet.columns.company"),
                  sorter: true,
                  sortOrder: sortOrder("name"),
                  render: (_, c) => (
                    <Space direction="vertical" size={0}>
                      <Link to={`/console/companies/${c.id}`} data-testid={`fleet-open-${c.slug}`}>
                        {c.name}
                      </Link>
                      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                        {c.slug} · {c.country}
                      </Typography.Text>
                    </Space>
                  ),
                },
                {
                  key: "status",
                  title: t("console.fleet.columns.status"),
                  render: (_, c) => <CompanyStatusTag t={t} status={c.status} />,
                },
                {
                  key: "plan",
                  title: t("console.fleet.columns.plan"),
                  sorter: true,
                  sortOrder: sortOrder("plan"),
                  render: (_, c) => (
                    <Space direction="vertical" size={0}>
                      <span>{planName(c.plan, language)}</span>
                      <SubscriptionStatusTag t={t} status={c.subscription_status} />
                    </Space>
                  ),
                },
                {
                  key: "members",
                  title: t("console.fleet.columns.members"),
                  sorter: true,
                  sortOrder: sortOrder("members"),
                  align: "right",
                  render: (_, c) => c.members,
                },
                {
                  key: "usage",
                  title: t("console.fleet.columns.usage"),
                  render: (_, c) => <UsagePeak usage={c.usage} />,
                },
                {
                  key: "last_active",
                  title: t("console.fleet.columns.lastActive"),
                  sorter: true,
                  sortOrder: sortOrder("last_active"),
                  render: (_, c) => formatDateTime(c.last_active_at, language),
                },
                {
                  key: "mrr",
                  title: t("console.fleet.columns.mrr"),
                  sorter: true,
                  sortOrder: sortOrder("mrr"),
                  align: "right",
                  render: (_, c) => (
                    <Space direction="vertical" size={0} style={{ textAlign: "right" }}>
                      <span data-testid="fleet-mrr">
                        {formatMoney(c.mrr_amount, c.subscription_currency ?? c.currency, language)}
                      </span>
                      {c.mrr_cny_amount !== null && (c.subscription_currency ?? "CNY") !== "CNY" ? (
                        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                          ≈ {formatMoney(c.mrr_cny_amount, "CNY", language)}
                        </Typography.Text>
                      ) : null}
                    </Space>
                  ),
                },
                {
                  key: "created_at",
                  title: t("console.fleet.columns.createdAt"),
                  sorter: true,
                  sortOrder: sortOrder("created_at"),
                  render: (_, c) => formatDateTime(c.created_at, language),
                },
              ]}
            />
          )}
        </QueryView>
      </Card>
    </Space>
  );
}

export { FleetPage as Component };
