import { PlusOutlined } from "@ant-design/icons";
import { Alert, Badge, Button, Card, Input, Segmented, Select, Space, Table, Tabs, Typography } from "antd";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { Link, useSearchParams } from "react-router";
import { EmptyState, QueryView } from "@/components/PageState";
import { tablePagination } from "@/components/pagination";
import { FIRST_PAGE, type PageParams } from "@/lib/api";
import { useAccess } from "@/lib/access";
import { formatDate, formatMoney } from "@/lib/format";
import { currentLanguage } from "@/lib/i18n";
import { useBackOrders, type BackOrderStatus } from "../api/backOrders";
import {
  useAwaitingCount,
  useSalesOrders,
  type SalesOrderSource,
  type SalesOrderStatus,
  type SalesOrderSummary,
} from "../api/salesOrders";
import { useWorkOrders, type WorkOrderStatus } from "../api/workOrders";
import { BackOrdersTable, WorkOrdersTable } from "../components/FulfilmentTables";
import { SalesStatusTag, SourceTag } from "../components/StatusTags";

/** Awaiting acceptance first: what needs an answer, then the order of an order's life. */
const ORDER_STATUSES: readonly SalesOrderStatus[] = [
  "awaiting_acceptance",
  "changes_proposed",
  "accepted",
  "partly_shipped",
  "shipped",
  "completed",
  "rejected",
  "cancelled",
];
const SOURCES: readonly SalesOrderSource[] = ["hansa", "manual"];
const WORK_FILTERS = ["all", "open", "in_progress", "done", "cancelled"] as const;
const BACK_FILTERS = ["all", "open", "filled", "cancelled"] as const;
type Tab = "orders" | "work-orders" | "back-orders";

function pageOf(params: URLSearchParams): PageParams {
  return { page: Math.max(1, Number(params.get("page")) || 1), page_size: FIRST_PAGE.page_size };
}

function OrdersTab() {
  const { t, i18n } = useTranslation();
  const language = currentLanguage(i18n);
  const [params, setParams] = useSearchParams();
  const status = (params.get("status") as SalesOrderStatus | null) ?? undefined;
  const source = (params.get("source") as SalesOrderSource | null) ?? undefined;
  const search = params.get("q") ?? "";
  const [text, setText] = useState(search);
  const page = pageOf(params);
  const orders = useSalesOrders({
    ...page,
    ...(status ? { status } : {}),
    ...(source ? { source } : {}),
    ...(search ? { search } : {}),
  });
  const awaiting = useAwaitingCount();
  const update = (changes: Record<string, string | undefined>) =>
    setParams(
      (current) => {
        const next = new URLSearchParams(current);
        for (const [name, value] of Object.entries(changes)) {
          if (value) next.set(name, value);
          else next.delete(name);
        }
        if (!("page" in changes)) next.delete("page");
        return next;
      },
      { replace: true },
    );
  const filtered = Boolean(status || source || search);

  return (
    <Space direction="vertical" size="middle" style={{ width: "100%" }}>
      {awaiting && status !== "awaiting_acceptance" ? (
        <Alert
          type="warning"
          showIcon
          data-testid="so-awaiting-hint"
          message={t("sales.list.awaitingHint", { n: awaiting })}
          action={
            <Button
              size="small"
              onClick={() => update({ status: "awaiting_acceptance" })}
              data-testid="so-show-awaiting"
            >
              {t("sales.list.showAwaiting")}
            </Button>
          }
        />
      ) : null}
      <Space wrap data-testid="so-filters">
        <Select<SalesOrderStatus | "">
          style={{ minWidth: 220 }}
          value={status ?? ""}
          onChange={(value) => update({ status: value || undefined })}
          data-testid="so-status-filter"
          options={[
            { value: "", label: t("sales.list.allStatuses") },
            ...ORDER_STATUSES.map((value) => ({
              value,
              label:
                value === "awaiting_acceptance" && awaiting ? (
                  <Space size={4}>
                    {t(`sales.status.${value}`)}
                    <Badge count={awaiting} size="small" />
                  </Space>
                ) : (
                  t(`sales.status.${value}`)
                ),
            })),
          ]}
        />
        <Segmented<SalesOrderSource | "all">
          value={source ?? "all"}
          onChange={(value) => update({ source: value === "all" ? undefined : value })}
          data-testid="so-source-filter"
          options={[
            { value: "all", label: t("sales.list.allSources") },
            ...SOURCES.map((value) => ({ value, label: t(`sales.source.${value}`) })),
          ]}
        />
        <Input.Search
          allowClear
          style={{ width: 300 }}
          placeholder={t("sales.list.searchPlaceholder")}
          value={text}
          onChange={(event) => setText(event.target.value)}
          onSearch={(value) => update({ q: value.trim() || undefined })}
          data-testid="so-search"
        />
      </Space>
      <QueryView
        query={orders}
        isEmpty={(data) => data.count === 0}
        empty={<EmptyState description={filtered ? t("sales.list.emptyFiltered") : t("sales.list.empty")} />}
      >
        {(data) => (
          <Table<SalesOrderSummary>
            data-testid="so-table"
            rowKey="id"
            size="middle"
            dataSource={data.results}
            loading={orders.isFetching && orders.isPlaceholderData}
            pagination={tablePagination(data.count, page, (next) => update({ page: String(next.page) }))}
            scroll={{ x: true }}
            onRow={(r) =>
              ({ "data-testid": `so-row-${r.id}`, "data-status": r.status }) as React.HTMLAttributes<HTMLElement>
            }
            columns={[
              {
                key: "number",
                title: t("sales.fields.number"),
                render: (_, r) => (
                  <Space direction="vertical" size={0}>
                    <Link to={`/sales-orders/${r.id}`} data-testid={`so-link-${r.id}`}>
                      {r.number}
                    </Link>
                    {r.po_number || r.customer_reference ? (
                      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                        {r.po_number ? t("sales.detail.po", { po: r.po_number }) : r.customer_reference}
                      </Typography.Text>
                    ) : null}
                  </Space>
                ),
              },
              {
                key: "customer",
                title: t("sales.fields.customer"),
                render: (_, r) => <Link to={`/customers/${r.customer.id}`}>{r.customer.name}</Link>,
              },
              {
                key: "status",
                title: t("sales.fields.status"),
                render: (_, r) => <SalesStatusTag status={r.status} testId={`so-status-${r.id}`} />,
              },
              { key: "source", title: t("sales.fields.source"), render: (_, r) => <SourceTag source={r.source} /> },
              { key: "lines", title: t("sales.detail.lines"), dataIndex: "line_count", align: "right" },
              {
                key: "total",
                title: t("sales.totals.total"),
                align: "right",
                render: (_, r) => formatMoney(r.total, r.currency, language),
              },
              { key: "date", title: t("sales.fields.orderDate"), render: (_, r) => formatDate(r.order_date, language) },
              {
                key: "requested",
                title: t("sales.fields.requestedDate"),
                render: (_, r) => formatDate(r.requested_date, language),
              },
            ]}
          />
        )}
      </QueryView>
    </Space>
  );
}

function WorkOrdersTab() {
  const { t } = useTranslation();
  const [filter, setFilter] = useState<(typeof WORK_FILTERS)[number]>("open");
  const [page, setPage] = useState<PageParams>(FIRST_PAGE);
  const work = useWorkOrders({ ...page, ...(filter === "all" ? {} : { status: filter as WorkOrderStatus }) });
  return (
    <Space direction="vertical" size="middle" style={{ width: "100%" }}>
      <Segmented
        value={filter}
        onChange={(value) => {
          setFilter(value);
          setPage(FIRST_PAGE);
        }}
        data-testid="work-order-filter"
        options={WORK_FILTERS.map((value) => ({
          value,
          label: value === "all" ? t("sales.list.allStatuses") : t(`sales.workOrderStatus.${value}`),
        }))}
      />
      <QueryView
        query={work}
        isEmpty={(data) => data.count === 0}
        empty={<EmptyState description={t("sales.fulfilment.noWorkOrders")} />}
      >
        {(data) => (
          <WorkOrdersTable
            rows={data.results}
            loading={work.isFetching && work.isPlaceholderData}
            pagination={tablePagination(data.count, page, setPage)}
          />
        )}
      </QueryView>
    </Space>
  );
}

function BackOrdersTab() {
  const { t } = useTranslation();
  const [filter, setFilter] = useState<(typeof BACK_FILTERS)[number]>("open");
  const [page, setPage] = useState<PageParams>(FIRST_PAGE);
  const back = useBackOrders({ ...page, ...(filter === "all" ? {} : { status: filter as BackOrderStatus }) });
  return (
    <Space direction="vertical" size="middle" style={{ width: "100%" }}>
      <Segmented
        value={filter}
        onChange={(value) => {
          setFilter(value);
          setPage(FIRST_PAGE);
        }}
        data-testid="back-order-filter"
        options={BACK_FILTERS.map((value) => ({
          value,
          label: value === "all" ? t("sales.list.allStatuses") : t(`sales.backOrderStatus.${value}`),
        }))}
      />
      <QueryView
        query={back}
        isEmpty={(data) => data.count === 0}
        empty={<EmptyState description={t("sales.fulfilment.noBackOrders")} />}
      >
        {(data) => (
          <BackOrdersTable
            rows={data.results}
            loading={back.isFetching && back.isPlaceholderData}
            pagination={tablePagination(data.count, page, setPage)}
          />
        )}
      </QueryView>
    </Space>
  );
}

export function SalesOrderListPage() {
  const { t } = useTranslation();
  const { can } = useAccess();
  const [params, setParams] = useSearchParams();
  const tab = (params.get("tab") as Tab | null) ?? "orders";
  return (
    <Space direction="vertical" size="large" style={{ width: "100%" }} data-testid="so-list-page">
      <Space style={{ width: "100%", justifyContent: "space-between" }} wrap>
        <div>
          <Typography.Title level={2} style={{ margin: 0 }}>
            {t("sales.list.title")}
          </Typography.Title>
          <Typography.Text type="secondary">{t("sales.list.intro")}</Typography.Text>
        </div>
        {can("so.manage") ? (
          <Link to="/sales-orders/new">
            <Button type="primary" icon={<PlusOutlined />} data-testid="so-new">
              {t("sales.list.new")}
            </Button>
          </Link>
        ) : null}
      </Space>
      <Card>
        <Tabs
          activeKey={tab}
          onChange={(key) => setParams(key === "orders" ? {} : { tab: key }, { replace: true })}
          destroyOnHidden
          items={[
            {
              key: "orders",
              label: <span data-testid="tab-orders">{t("sales.list.tabOrders")}</span>,
              children: <OrdersTab />,
            },
            {
              key: "work-orders",
              label: <span data-testid="tab-work-orders">{t("sales.fulfilment.workOrders")}</span>,
              children: <WorkOrdersTab />,
            },
            {
              key: "back-orders",
              label: <span data-testid="tab-back-orders">{t("sales.fulfilment.backOrders")}</span>,
              children: <BackOrdersTab />,
            },
          ]}
        />
      </Card>
    </Space>
  );
}

export { SalesOrderListPage as Component };
