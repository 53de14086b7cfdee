import { App, Button, Space, Table, Typography } from "antd";
import { Link } from "react-router";
import { EmptyState, QueryView } from "@/components/PageState";
import { useAccess } from "@/lib/access";
import { formatDateTime } from "@/lib/format";
import { problemMessage } from "@/lib/problem";
import { type Proposal, useProposals, useRun } from "../api/replenishment";
import { StatusTag, useFormat } from "../components/bits";

/** `/supply-chain/replenishment/proposals`: as a supplier, run replenishment and follow what we proposed. */
export function Component() {
  const { t, language, qty, money, name } = useFormat();
  const { can } = useAccess();
  const { message } = App.useApp();
  const proposals = useProposals();
  const run = useRun();
  const start = () =>
    run.mutate(undefined, {
      onSuccess: (result) =>
        void message.success(
          t("supplyChain.replenishment.proposals.ran", {
            count: result.proposals.length,
            skipped: result.skipped.length,
          }),
        ),
      onError: (error) => void message.error(problemMessage(t, error)),
    });
  return (
    <div data-testid="replenishment-proposals">
      <Space style={{ width: "100%", justifyContent: "space-between", marginBottom: 16 }}>
        <Typography.Title level={4} style={{ margin: 0 }}>
          {t("supplyChain.replenishment.proposals.title")}
        </Typography.Title>
        {can("supplychain.manage") ? (
          <Button type="primary" loading={run.isPending} onClick={start} data-testid="replenishment-run">
            {t("supplyChain.replenishment.proposals.run")}
          </Button>
        ) : null}
      </Space>
      <Typography.Paragraph type="secondary">{t("supplyChain.replenishment.proposals.intro")}</Typography.Paragraph>
      <QueryView
        query={proposals}
        isEmpty={(rows) => rows.length === 0}
        empty={<EmptyState description={t("supplyChain.replenishment.proposals.empty")} />}
      >
        {(rows) => (
          <Table<Proposal>
            rowKey="id"
            dataSource={rows}
            pagination={rows.length > 50 ? { pageSize: 50 } : false}
            scroll={{ x: true }}
            onRow={(p) => ({ "data-testid": `proposal-row-${p.number}` }) as React.HTMLAttributes<HTMLElement>}
            columns={[
              { key: "number", title: t("supplyChain.replenishment.fields.number"), dataIndex: "number" },
              { key: "buyer", title: t("supplyChain.replenishment.fields.buyer"), dataIndex: "buyer_name" },
              {
                key: "item",
                title: t("supplyChain.replenishment.fields.item"),
                render: (_, p) => `${name(p)} (${p.sku})`,
              },
              {
                key: "figures",
                title: t("supplyChain.replenishment.fields.sharedAvailable"),
                align: "right",
                render: (_, p) => qty(p.available_quantity, p.unit),
              },
              {
                key: "quantity",
                title: t("supplyChain.replenishment.fields.quantity"),
                align: "right",
                render: (_, p) => qty(p.quantity, p.unit),
              },
              {
                key: "total",
                title: t("supplyChain.replenishment.fields.total"),
                align: "right",
                render: (_, p) => money(p.total, p.currency),
              },
              {
                key: "status",
                title: t("supplyChain.replenishment.fields.status"),
                render: (_, p) => (
                  <>
                    <StatusTag status={p.status} testId={`proposal-status-${p.number}`} />
                    {p.accepted_automatically ? (
                      <Typography.Text type="secondary">{t("supplyChain.replenishment.automatic")}</Typography.Text>
                    ) : null}
                    {p.decline_reason ? <div>{p.decline_reason}</div> : null}
                  </>
                ),
              },
              {
                key: "orders",
                title: t("supplyChain.replenishment.fields.orders"),
                render: (_, p) =>
                  p.po_number ? (
                    <>
                      <div>{t("supplyChain.replenishment.proposals.theirPo", { number: p.po_number })}</div>
                      {p.sales_order_id ? (
                        <Link to={`/sales-orders/${p.sales_order_id}`} data-testid={`proposal-so-${p.number}`}>
                          {p.sales_order_number}
                        </Link>
                      ) : null}
                    </>
                  ) : (
                    "—"
                  ),
              },
              {
                key: "created",
                title: t("supplyChain.replenishment.fields.createdAt"),
                render: (_, p) => formatDateTime(p.created_at, language),
              },
            ]}
          />
        )}
      </QueryView>
    </div>
  );
}
