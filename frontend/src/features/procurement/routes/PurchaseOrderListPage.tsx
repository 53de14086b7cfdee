import { CheckSquareOutlined, PlusOutlined } from "@ant-design/icons";
import { Badge, Button, Card, Input, Select, Space, Table, Tag, Typography } from "antd";
import { useTranslation } from "react-i18next";
import { Link, useSearchParams } from "react-router";
import { EmptyState, QueryView } from "@/components/PageState";
import { tablePagination } from "@/components/pagination";
import { FIRST_PAGE } from "@/lib/api";
import { useAccess } from "@/lib/access";
import { formatDate, formatMoney } from "@/lib/format";
import { currentLanguage } from "@/lib/i18n";
import { useApprovalInbox } from "../api/inbox";
import { PO_STATUSES, usePurchaseOrders, type PoStatus, type PoSummary } from "../api/purchaseOrders";
import { PoStatusTag } from "../components/PoStatusTag";

function isStatus(value: string | null): value is PoStatus {
  return value !== null && (PO_STATUSES as readonly string[]).includes(value);
}

export function PurchaseOrderListPage() {
  const { t, i18n } = useTranslation();
  const language = currentLanguage(i18n);
  const { can } = useAccess();
  // The filters live in the address, so a filtered list can be shared and survives a reload.
  const [params, setParams] = useSearchParams();
  const statusParam = params.get("status");
  const status = isStatus(statusParam) ? statusParam : undefined;
  const search = params.get("search") ?? "";
  const page = Math.max(1, Number(params.get("page")) || 1);
  const query = { ...FIRST_PAGE, page, ...(status ? { status } : {}), ...(search ? { search } : {}) };
  const orders = usePurchaseOrders(query);
  const inbox = useApprovalInbox({ enabled: can("po.approve") });

  const update = (changes: Record<string, string | null>) =>
    setParams(
      (current) => {
        const next = new URLSearchParams(current);
        for (const [key, value] of Object.entries(changes)) {
          if (value) next.set(key, value);
          else next.delete(key);
        }
        return next;
      },
      { replace: true },
    );

  const waiting = inbox.data?.length ?? 0;
  return (
    <Space direction="vertical" size="large" style={{ width: "100%" }} data-testid="po-list-page">
      <Space style={{ width: "100%", justifyContent: "space-between" }} wrap>
        <div>
          <Typography.Title level={2} style={{ margin: 0 }}>
            {t("procurement.list.title")}
          </Typography.Title>
          <Typography.Text type="secondary">{t("procurement.list.intro")}</Typography.Text>
        </div>
        <Space wrap>
          {waiting > 0 ? (
            <Link to="/approvals">
              <Badge count={waiting}>
                <Button icon={<CheckSquareOutlined />} data-testid="po-approvals-link">
                  {t("procurement.list.waitingForMe")}
                </Button>
              </Badge>
            </Link>
          ) : null}
          {can("po.create") ? (
            <Link to="/purchase-orders/new">
              <Button type="primary" icon={<PlusOutlined />} data-testid="po-new">
                {t("procurement.list.new")}
              </Button>
            </Link>
          ) : null}
        </Space>
      </Space>
      <Card>
        <Space wrap style={{ marginBottom: 16 }}>
          <Select<string>
            style={{ minWidth: 200 }}
            value={status ?? "all"}
            onChange={(value) => update({ status: value === "all" ? null : value, page: null })}
            options={[
              { value: "all", label: t("procurement.list.filterAll") },
              ...PO_STATUSES.map((value) => ({ value, label: t(`procurement.status.${value}`) })),
            ]}
            data-testid="po-status-filter"
          />
          <Input.Search
            key={search}
            allowClear
            defaultValue={search}
            placeholder={t("procurement.list.searchPlaceholder")}
            onSearch={(value) => update({ search: value.trim() || null, page: null })}
            style={{ width: 320 }}
            data-testid="po-search"
          />
        </Space>
        <QueryView
          query={orders}
          isEmpty={(data) => data.count === 0}
          empty={
            <EmptyState
              description={status || search ? t("procurement.list.emptyFiltered") : t("procurement.list.empty")}
            />
          }
        >
          {(data) => (
            <Table<PoSummary>
              data-testid="po-table"
              rowKey="id"
              size="middle"
              dataSource={data.results}
              loading={orders.isFetching && orders.isPlaceholderData}
              pagination={tablePagination(data.count, query, (next) =>
                update({ page: next.page > 1 ? String(next.page) : null }),
              )}
              scroll={{ x: true }}
              onRow={(r) =>
                ({ "data-testid": `po-row-${r.id}`, "data-number": r.number }) as React.HTMLAttributes<HTMLElement>
              }
              columns={[
                {
                  key: "number",
                  title: t("procurement.fields.number"),
                  render: (_, r) => (
                    <Space direction="vertical" size={0}>
                      <Link to={`/purchase-orders/${r.id}`} data-testid={`po-link-${r.id}`}>
                        {r.number}
                      </Link>
                      {r.version > 1 ? (
                        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                          {t("procurement.fields.versionN", { n: r.version })}
                        </Typography.Text>
                      ) : null}
                    </Space>
                  ),
                },
                {
                  key: "supplier",
                  title: t("procurement.fields.supplier"),
                  render: (_, r) => (
                    <Space size={4} wrap>
                      <span>{r.supplier_name}</span>
                      {r.on_hansa ? null : <Tag>{t("procurement.fields.outsideHansa")}</Tag>}
                    </Space>
                  ),
                },
                {
                  key: "status",
                  title: t("procurement.fields.status"),
                  render: (_, r) => <PoStatusTag status={r.status} testId={`po-row-status-${r.id}`} />,
                },
                {
                  key: "total",
                  title: t("procurement.fields.total"),
                  align: "right",
                  render: (_, r) => formatMoney(r.total, r.currency, language),
                },
                {
                  key: "orderDate",
                  title: t("procurement.fields.orderDate"),
                  render: (_, r) => formatDate(r.order_date, language),
                },
                {
                  key: "requested",
                  title: t("procurement.fields.requestedDate"),
                  render: (_, r) => formatDate(r.requested_date, language),
                },
                {
                  key: "rfq",
                  title: t("procurement.fields.rfq"),
                  render: (_, r) => (r.rfq_id ? <Link to={`/rfqs/${r.rfq_id}`}>#{r.rfq_id}</Link> : "—"),
                },
              ]}
            />
          )}
        </QueryView>
      </Card>
    </Space>
  );
}

export { PurchaseOrderListPage as Component };
