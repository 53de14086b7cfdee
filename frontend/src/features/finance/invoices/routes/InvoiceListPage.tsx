import { PlusOutlined } from "@ant-design/icons";
import { Button, Input, Select, Space, Table, Tabs, Typography } from "antd";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { Link, useSearchParams } from "react-router";
import { EmptyState, QueryView } from "@/components/PageState";
import { tablePagination } from "@/components/pagination";
import { FIRST_PAGE } from "@/lib/api";
import { useAccess } from "@/lib/access";
import { formatDate, formatMoney } from "@/lib/format";
import { currentLanguage } from "@/lib/i18n";
import { useInvoices, type InvoiceQuery, type InvoiceSummary } from "../api/invoices";
import { InvoiceStatusTag, KindTag, MatchTag } from "../components/InvoiceTags";

const STATUSES = ["draft", "open", "paid", "cancelled", "rejected"] as const;
const MATCHES = ["mismatch", "matched", "approved", "rejected"] as const;
type Direction = "out" | "in";

/** `/finance/invoices`: issued and received invoices in two tabs, with filters kept in the URL. */
export function Component() {
  const { t, i18n } = useTranslation();
  const language = currentLanguage(i18n);
  const { can } = useAccess();
  const [params, setParams] = useSearchParams();
  const direction: Direction = params.get("direction") === "in" ? "in" : "out";
  const status = params.get("status") ?? "";
  const match = params.get("match_status") ?? "";
  const partner = params.get("partner") ?? "";
  const order = params.get("order") ?? "";
  const [partnerText, setPartnerText] = useState(partner);
  const [orderText, setOrderText] = useState(order);
  const page = { page: Math.max(1, Number(params.get("page")) || 1), page_size: FIRST_PAGE.page_size };
  const query: InvoiceQuery = {
    ...page,
    direction,
    ...(status ? { status: status as InvoiceQuery["status"] } : {}),
    ...(match && direction === "in" ? { match_status: match as InvoiceQuery["match_status"] } : {}),
    ...(partner ? { partner } : {}),
    ...(order ? { order } : {}),
  };
  const invoices = useInvoices(query);
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
  const filtered = Boolean(status || match || partner || order);

  return (
    <Space direction="vertical" size="middle" style={{ width: "100%" }} data-testid="invoice-list">
      <Space style={{ width: "100%", justifyContent: "space-between" }}>
        <Typography.Title level={3} style={{ margin: 0 }}>
          {t("finance.invoices.title")}
        </Typography.Title>
        {can("finance.post") ? (
          <Link to="/finance/invoices/new">
            <Button type="primary" icon={<PlusOutlined />} data-testid="invoice-create">
              {t("finance.invoices.create")}
            </Button>
          </Link>
        ) : null}
      </Space>
      <Tabs
        activeKey={direction}
        onChange={(key) => update({ direction: key === "in" ? "in" : undefined, match_status: undefined })}
        items={(["out", "in"] as const).map((key) => ({
          key,
          label: <span data-testid={`invoice-tab-${key}`}>{t(`finance.invoices.tabs.${key}`)}</span>,
        }))}
      />
      <Space wrap>
        <Select<string>
          style={{ minWidth: 180 }}
          value={status}
          onChange={(value) => update({ status: value || undefined })}
          data-testid="invoice-status-filter"
          options={[
            { value: "", label: t("finance.invoices.filters.allStatuses") },
            ...STATUSES.map((value) => ({ value, label: t(`finance.invoices.status.${value}`) })),
          ]}
        />
        {direction === "in" ? (
          <Select<string>
            style={{ minWidth: 180 }}
            value={match}
            onChange={(value) => update({ match_status: value || undefined })}
            data-testid="invoice-match-filter"
            options={[
              { value: "", label: t("finance.invoices.filters.allMatches") },
              ...MATCHES.map((value) => ({ value, label: t(`finance.invoices.matchStatus.${value}`) })),
            ]}
          />
        ) : null}
        <Input.Search
          allowClear
          style={{ width: 220 }}
          placeholder={t("finance.invoices.filters.partner")}
          value={partnerText}
          onChange={(event) => setPartnerText(event.target.value)}
          onSearch={(value) => update({ partner: value.trim() || undefined })}
          data-testid="invoice-partner-filter"
        />
        <Input.Search
          allowClear
          style={{ width: 200 }}
          placeholder={t("finance.invoices.filters.order")}
          value={orderText}
          onChange={(event) => setOrderText(event.target.value)}
          onSearch={(value) => update({ order: value.trim() || undefined })}
          data-testid="invoice-order-filter"
        />
      </Space>
      <QueryView
        query={invoices}
        isEmpty={(data) => data.count === 0}
        empty={
          <EmptyState description={filtered ? t("finance.invoices.emptyFiltered") : t("finance.invoices.empty")} />
        }
      >
        {(data) => (
          <Table<InvoiceSummary>
            data-testid="invoice-table"
            rowKey="id"
            size="middle"
            dataSource={data.results}
            loading={invoices.isFetching && invoices.isPlaceholderData}
            pagination={tablePagination(data.count, page, (next) => update({ page: String(next.page) }))}
            scroll={{ x: true }}
            onRow={(r) => ({ "data-testid": `invoice-row-${r.id}` }) as React.HTMLAttributes<HTMLElement>}
            columns={[
              {
                key: "number",
                title: t("finance.invoices.fields.number"),
                render: (_, r) => (
                  <Space direction="vertical" size={0}>
                    <Space size={4}>
                      <Link to={`/finance/invoices/${r.id}`}>{r.number.startsWith("DRAFT-") ? "—" : r.number}</Link>
                      <KindTag kind={r.kind} />
                    </Space>
                    {r.partner_number ? (
                      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                        {r.partner_number}
                      </Typography.Text>
                    ) : null}
                  </Space>
                ),
              },
              { key: "partner", title: t("finance.invoices.fields.partner"), dataIndex: "partner_name" },
              { key: "order", title: t("finance.invoices.fields.order"), dataIndex: "order_number" },
              {
                key: "status",
                title: t("finance.invoices.fields.status"),
                render: (_, r) => (
                  <Space size={4}>
                    <InvoiceStatusTag invoice={r} />
                    <MatchTag status={r.match_status} />
                  </Space>
                ),
              },
              {
                key: "issue",
                title: t("finance.invoices.fields.issueDate"),
                render: (_, r) => formatDate(r.issue_date, language),
              },
              {
                key: "due",
                title: t("finance.invoices.fields.dueDate"),
                render: (_, r) => formatDate(r.due_date, language),
              },
              {
                key: "total",
                title: t("finance.invoices.fields.total"),
                align: "right",
                render: (_, r) => formatMoney(r.total, r.currency, language),
              },
              {
                key: "open",
                title: t("finance.invoices.fields.open"),
                align: "right",
                render: (_, r) => formatMoney(r.amount_open, r.currency, language),
              },
            ]}
          />
        )}
      </QueryView>
    </Space>
  );
}
