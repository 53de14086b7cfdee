import { EditOutlined, PlusOutlined, ShoppingCartOutlined } from "@ant-design/icons";
import { Button, Card, Col, Descriptions, Row, Segmented, Space, Statistic, Table, Tag, Typography } from "antd";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { Link, useParams } from "react-router";
import { EmptyState, QueryView } from "@/components/PageState";
import { tablePagination } from "@/components/pagination";
import { FIRST_PAGE, type PageParams } from "@/lib/api";
import { useAccess } from "@/lib/access";
import { formatDate, formatDateTime, formatMoney } from "@/lib/format";
import { currentLanguage } from "@/lib/i18n";
import { useCustomer, useCustomerHistory, type CustomerHistory } from "../api/customer";
import type { Customer } from "../api/customers";
import { useFollowUps, type FollowUp } from "../api/followUps";
import type { SalesOrderSummary } from "../api/salesOrders";
import { ContactsCard } from "../components/ContactsCard";
import { CustomerFormModal } from "../components/CustomerFormModal";
import { FollowUpModal, FollowUpsTable } from "../components/FollowUps";
import { quantityWithUnit } from "../components/quantities";
import { SalesStatusTag } from "../components/StatusTags";

type TopItem = CustomerHistory["top_items"][number];
type CurrencyTotal = CustomerHistory["totals"][number];
const FOLLOW_UP_FILTERS = ["open", "done", "all"] as const;

function FollowUpsCard({ customer }: { customer: Customer }) {
  const { t } = useTranslation();
  const { can } = useAccess();
  const [filter, setFilter] = useState<(typeof FOLLOW_UP_FILTERS)[number]>("open");
  const [page, setPage] = useState<PageParams>(FIRST_PAGE);
  const [editing, setEditing] = useState<FollowUp | "new" | null>(null);
  const followUps = useFollowUps({
    ...page,
    customer_id: customer.id,
    ...(filter === "all" ? {} : { status: filter }),
  });
  return (
    <Card
      size="small"
      title={t("sales.followUps.title")}
      data-testid="customer-follow-ups"
      extra={
        can("so.manage") ? (
          <Button size="small" icon={<PlusOutlined />} onClick={() => setEditing("new")} data-testid="follow-up-add">
            {t("sales.followUps.add")}
          </Button>
        ) : null
      }
    >
      <Segmented
        style={{ marginBottom: 12 }}
        value={filter}
        onChange={(value) => {
          setFilter(value);
          setPage(FIRST_PAGE);
        }}
        data-testid="follow-up-filter"
        options={FOLLOW_UP_FILTERS.map((value) => ({
          value,
          label: value === "all" ? t("sales.list.allStatuses") : t(`sales.followUpStatus.${value}`),
        }))}
      />
      <QueryView
        query={followUps}
        isEmpty={(data) => data.count === 0}
        empty={<EmptyState description={t("sales.followUps.empty")} />}
      >
        {(data) => (
          <FollowUpsTable
            rows={data.results}
            showCustomer={false}
            loading={followUps.isFetching && followUps.isPlaceholderData}
            pagination={tablePagination(data.count, page, setPage)}
            onEdit={(f) => setEditing(f)}
          />
        )}
      </QueryView>
      <FollowUpModal
        customerId={customer.id}
        followUp={editing === "new" ? null : editing}
        open={editing !== null}
        onClose={() => setEditing(null)}
      />
    </Card>
  );
}

function HistoryCard({ customerId }: { customerId: number }) {
  const { t, i18n } = useTranslation();
  const language = currentLanguage(i18n);
  const history = useCustomerHistory(customerId);
  return (
    <Card size="small" title={t("sales.history.title")} data-testid="customer-history">
      <QueryView
        query={history}
        isEmpty={(data) => data.order_count === 0}
        empty={<EmptyState description={t("sales.history.empty")} />}
      >
        {(data) => (
          <Space direction="vertical" size="large" style={{ width: "100%" }}>
            <Row gutter={16}>
              <Col xs={12} md={6}>
                <Statistic
                  title={t("sales.history.orders")}
                  value={data.order_count}
                  data-testid="history-order-count"
                />
              </Col>
              <Col xs={12} md={6}>
                <Statistic title={t("sales.history.openOrders")} value={data.open_order_count} />
              </Col>
              <Col xs={12} md={6}>
                <Statistic
                  title={t("sales.history.firstOrder")}
                  value={formatDate(data.first_order_date, language)}
                  valueStyle={{ fontSize: 16 }}
                />
              </Col>
              <Col xs={12} md={6}>
                <Statistic
                  title={t("sales.history.lastOrder")}
                  value={`${formatDate(data.last_order_date, language)}${data.last_order_number ? ` · ${data.last_order_number}` : ""}`}
                  valueStyle={{ fontSize: 16 }}
                />
              </Col>
            </Row>
            {data.usual_payment_terms ? (
              <Typography.Text>
                {t("sales.history.usualTerms")}: <Tag>{data.usual_payment_terms}</Tag>
              </Typography.Text>
            ) : null}
            <Table<CurrencyTotal>
              data-testid="history-totals"
              size="small"
              rowKey="currency"
              pagination={false}
              dataSource={data.totals}
              columns={[
                { key: "currency", title: t("sales.fields.currency"), dataIndex: "currency" },
                { key: "orders", title: t("sales.history.orders"), dataIndex: "order_count", align: "right" },
                {
                  key: "net",
                  title: t("sales.totals.net"),
                  align: "right",
                  render: (_, r) => formatMoney(r.total_net, r.currency, language),
                },
                {
                  key: "total",
                  title: t("sales.totals.total"),
                  align: "right",
                  render: (_, r) => formatMoney(r.total, r.currency, language),
                },
                {
                  key: "average",
                  title: t("sales.history.average"),
                  align: "right",
                  render: (_, r) => formatMoney(r.average_order, r.currency, language),
                },
              ]}
            />
            <div>
              <Typography.Title level={5}>{t("sales.history.topItems")}</Typography.Title>
              <Table<TopItem>
                data-testid="history-top-items"
                size="small"
                rowKey={(r) => `${r.sku}-${r.unit}`}
                pagination={false}
                dataSource={data.top_items}
                columns={[
                  {
                    key: "item",
                    title: t("sales.lines.item"),
                    render: (_, r) => (
                      <Space direction="vertical" size={0}>
                        <Typography.Text strong>{r.sku}</Typography.Text>
                        {r.description ? (
                          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                            {r.description}
                          </Typography.Text>
                        ) : null}
                      </Space>
                    ),
                  },
                  {
                    key: "qty",
                    title: t("sales.history.quantity"),
                    align: "right",
                    render: (_, r) => quantityWithUnit(r.quantity, r.unit, language),
                  },
                  { key: "orders", title: t("sales.history.orders"), dataIndex: "order_count", align: "right" },
                  {
                    key: "last",
                    title: t("sales.history.lastOrdered"),
                    render: (_, r) => formatDate(r.last_ordered, language),
                  },
                ]}
              />
            </div>
            <div>
              <Typography.Title level={5}>{t("sales.history.recentOrders")}</Typography.Title>
              <Table<SalesOrderSummary>
                data-testid="history-recent-orders"
                size="small"
                rowKey="id"
                pagination={false}
                dataSource={data.recent_orders}
                columns={[
                  {
                    key: "number",
                    title: t("sales.fields.number"),
                    render: (_, r) => <Link to={`/sales-orders/${r.id}`}>{r.number}</Link>,
                  },
                  {
                    key: "status",
                    title: t("sales.fields.status"),
                    render: (_, r) => <SalesStatusTag status={r.status} testId={`history-status-${r.id}`} />,
                  },
                  {
                    key: "date",
                    title: t("sales.fields.orderDate"),
                    render: (_, r) => formatDate(r.order_date, language),
                  },
                  {
                    key: "total",
                    title: t("sales.totals.total"),
                    align: "right",
                    render: (_, r) => formatMoney(r.total, r.currency, language),
                  },
                ]}
              />
            </div>
          </Space>
        )}
      </QueryView>
    </Card>
  );
}

function CustomerView({ customer }: { customer: Customer }) {
  const { t, i18n } = useTranslation();
  const language = currentLanguage(i18n);
  const { can } = useAccess();
  const [editing, setEditing] = useState(false);
  const canManage = can("so.manage");
  return (
    <Space
      direction="vertical"
      size="large"
      style={{ width: "100%" }}
      data-testid="customer-page"
      data-customer-id={customer.id}
    >
      <Space style={{ width: "100%", justifyContent: "space-between" }} align="start" wrap>
        <Space wrap>
          <Typography.Title level={2} style={{ margin: 0 }} data-testid="customer-name-heading">
            {customer.name}
          </Typography.Title>
          {customer.buyer_id ? (
            <Tag color="blue">{t("sales.customers.onHansa")}</Tag>
          ) : (
            <Tag>{t("sales.customers.offHansa")}</Tag>
          )}
        </Space>
        <Space wrap>
          {canManage ? (
            <Link to={`/sales-orders/new?customer=${customer.id}`}>
              <Button icon={<ShoppingCartOutlined />} data-testid="customer-new-order">
                {t("sales.list.new")}
              </Button>
            </Link>
          ) : null}
          {canManage ? (
            <Button icon={<EditOutlined />} onClick={() => setEditing(true)} data-testid="customer-edit">
              {t("actions.edit")}
            </Button>
          ) : null}
        </Space>
      </Space>
      <Descriptions size="small" bordered column={{ xs: 1, md: 2, xl: 3 }} data-testid="customer-details">
        <Descriptions.Item label={t("sales.customers.email")}>
          {customer.email ? <a href={`mailto:${customer.email}`}>{customer.email}</a> : "—"}
        </Descriptions.Item>
        <Descriptions.Item label={t("sales.customers.phone")}>{customer.phone || "—"}</Descriptions.Item>
        <Descriptions.Item label={t("sales.customers.currency")}>{customer.currency || "—"}</Descriptions.Item>
        <Descriptions.Item label={t("sales.fields.paymentTerms")}>{customer.payment_terms || "—"}</Descriptions.Item>
        <Descriptions.Item label={t("sales.customers.since")}>
          {formatDateTime(customer.created_at, language)}
        </Descriptions.Item>
        <Descriptions.Item label={t("sales.customers.address")} span="filled">
          <span style={{ whiteSpace: "pre-wrap" }}>{customer.address || "—"}</span>
        </Descriptions.Item>
        <Descriptions.Item label={t("sales.customers.notes")} span="filled">
          <span style={{ whiteSpace: "pre-wrap" }}>{customer.notes || "—"}</span>
        </Descriptions.Item>
      </Descriptions>
      <Row gutter={[16, 16]}>
        <Col xs={24} xl={12}>
          <Card size="small" title={t("sales.contacts.heading")} data-testid="customer-contacts">
            <ContactsCard customer={customer} canManage={canManage} />
          </Card>
        </Col>
        <Col xs={24} xl={12}>
          <FollowUpsCard customer={customer} />
        </Col>
      </Row>
      <HistoryCard customerId={customer.id} />
      <CustomerFormModal customer={customer} open={editing} onClose={() => setEditing(false)} />
    </Space>
  );
}

export function CustomerDetailPage() {
  const { t } = useTranslation();
  const id = Number(useParams().customerId);
  const customer = useCustomer(id);
  return (
    <Space direction="vertical" size="middle" style={{ width: "100%" }}>
      <Link to="/customers">← {t("sales.customers.backToList")}</Link>
      <QueryView query={customer} loadingRows={8}>
        {(data) => <CustomerView customer={data} />}
      </QueryView>
    </Space>
  );
}

export { CustomerDetailPage as Component };
