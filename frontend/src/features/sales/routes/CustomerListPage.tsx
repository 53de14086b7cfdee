import { PlusOutlined } from "@ant-design/icons";
import { Badge, Button, Card, Input, Segmented, Space, Table, Tag, Typography } from "antd";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { Link, useNavigate } from "react-router";
import { EmptyState, QueryView } from "@/components/PageState";
import { tablePagination } from "@/components/pagination";
import { FIRST_PAGE, type PageParams } from "@/lib/api";
import { useAccess } from "@/lib/access";
import { formatDate } from "@/lib/format";
import { currentLanguage } from "@/lib/i18n";
import { useCustomers, type CustomerSummary } from "../api/customers";
import { useFollowUps } from "../api/followUps";
import { CustomerFormModal } from "../components/CustomerFormModal";
import { FollowUpsTable } from "../components/FollowUps";

type Linked = "all" | "true" | "false";

/** The open follow-ups due today or earlier, across all customers. */
function DueFollowUps() {
  const { t } = useTranslation();
  const [page, setPage] = useState<PageParams>({ page: 1, page_size: 10 });
  const due = useFollowUps({ ...page, due: true, status: "open" });
  if (!due.data || due.data.count === 0) return null;
  return (
    <Card
      size="small"
      data-testid="due-follow-ups"
      title={
        <Space>
          {t("sales.followUps.dueTitle")}
          <Badge count={due.data.count} />
        </Space>
      }
    >
      <FollowUpsTable
        rows={due.data.results}
        showCustomer
        loading={due.isFetching && due.isPlaceholderData}
        pagination={tablePagination(due.data.count, page, setPage)}
      />
    </Card>
  );
}

export function CustomerListPage() {
  const { t, i18n } = useTranslation();
  const language = currentLanguage(i18n);
  const { can } = useAccess();
  const navigate = useNavigate();
  const [text, setText] = useState("");
  const [search, setSearch] = useState("");
  const [linked, setLinked] = useState<Linked>("all");
  const [params, setParams] = useState<PageParams>(FIRST_PAGE);
  const [creating, setCreating] = useState(false);
  const customers = useCustomers({
    ...params,
    ...(search ? { search } : {}),
    ...(linked === "all" ? {} : { linked: linked === "true" }),
  });

  return (
    <Space direction="vertical" size="large" style={{ width: "100%" }} data-testid="customer-list-page">
      <Space style={{ width: "100%", justifyContent: "space-between" }} wrap>
        <div>
          <Typography.Title level={2} style={{ margin: 0 }}>
            {t("sales.customers.title")}
          </Typography.Title>
          <Typography.Text type="secondary">{t("sales.customers.intro")}</Typography.Text>
        </div>
        {can("so.manage") ? (
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)} data-testid="customer-new">
            {t("sales.customers.new")}
          </Button>
        ) : null}
      </Space>
      <DueFollowUps />
      <Card>
        <Space wrap style={{ marginBottom: 16 }}>
          <Input.Search
            allowClear
            style={{ width: 300 }}
            placeholder={t("sales.customers.searchPlaceholder")}
            value={text}
            onChange={(event) => setText(event.target.value)}
            onSearch={(value) => {
              setSearch(value.trim());
              setParams(FIRST_PAGE);
            }}
            data-testid="customer-search"
          />
          <Segmented<Linked>
            value={linked}
            onChange={(value) => {
              setLinked(value);
              setParams(FIRST_PAGE);
            }}
            data-testid="customer-linked-filter"
            options={[
              { value: "all", label: t("sales.customers.all") },
              { value: "true", label: t("sales.customers.onHansa") },
              { value: "false", label: t("sales.customers.offHansa") },
            ]}
          />
        </Space>
        <QueryView
          query={customers}
          isEmpty={(data) => data.count === 0}
          empty={
            <EmptyState
              description={search || linked !== "all" ? t("sales.customers.emptyFiltered") : t("sales.customers.empty")}
            />
          }
        >
          {(data) => (
            <Table<CustomerSummary>
              data-testid="customer-table"
              rowKey="id"
              size="middle"
              dataSource={data.results}
              loading={customers.isFetching && customers.isPlaceholderData}
              pagination={tablePagination(data.count, params, setParams)}
              scroll={{ x: true }}
              onRow={(c) => ({ "data-testid": `customer-row-${c.id}` }) as React.HTMLAttributes<HTMLElement>}
              columns={[
                {
                  key: "name",
                  title: t("sales.customers.name"),
                  render: (_, c) => (
                    <Space size={4}>
                      <Link to={`/customers/${c.id}`} data-testid={`customer-link-${c.id}`}>
                        {c.name}
                      </Link>
                      {c.buyer_id ? <Tag color="blue">{t("sales.customers.onHansa")}</Tag> : null}
                    </Space>
                  ),
                },
                {
                  key: "contact",
                  title: t("sales.customers.contact"),
                  render: (_, c) => [c.email, c.phone].filter(Boolean).join(" · ") || "—",
                },
                { key: "currency", title: t("sales.customers.currency"), render: (_, c) => c.currency || "—" },
                { key: "terms", title: t("sales.fields.paymentTerms"), render: (_, c) => c.payment_terms || "—" },
                { key: "orders", title: t("sales.customers.orders"), dataIndex: "order_count", align: "right" },
                {
                  key: "followUps",
                  title: t("sales.customers.openFollowUps"),
                  align: "right",
                  render: (_, c) => (c.open_follow_ups > 0 ? <Badge count={c.open_follow_ups} color="blue" /> : "—"),
                },
                {
                  key: "since",
                  title: t("sales.customers.since"),
                  render: (_, c) => formatDate(c.created_at, language),
                },
              ]}
            />
          )}
        </QueryView>
      </Card>
      <CustomerFormModal
        customer={null}
        open={creating}
        onClose={() => setCreating(false)}
        onSaved={(customer) => void navigate(`/customers/${customer.id}`)}
      />
    </Space>
  );
}

export { CustomerListPage as Component };
