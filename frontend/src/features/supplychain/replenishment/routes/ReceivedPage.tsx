import { App, Button, Input, Modal, Segmented, Space, Table, Typography } from "antd";
import { useState } from "react";
import { Link } from "react-router";
import { EmptyState, QueryView } from "@/components/PageState";
import { useAccess } from "@/lib/access";
import { formatDateTime } from "@/lib/format";
import { problemMessage } from "@/lib/problem";
import { type Received, type ReceivedQuery, useAccept, useDecline, useReceived } from "../api/replenishment";
import { reviewReasonText, StatusTag, useFormat } from "../components/bits";

type Status = NonNullable<ReceivedQuery["status"]>;

/** `/supply-chain/replenishment/received`: as a buyer, proposals our suppliers sent; accept or decline. */
export function Component() {
  const { t, language, qty, money, price, name } = useFormat();
  const { can } = useAccess();
  const { message } = App.useApp();
  const [status, setStatus] = useState<Status>("pending");
  const received = useReceived(status);
  const accept = useAccept();
  const decline = useDecline();
  const [declining, setDeclining] = useState<Received | null>(null);
  const [reason, setReason] = useState("");
  const mayDecide = can("po.approve");
  const fail = (error: unknown) => void message.error(problemMessage(t, error));
  const acceptOne = (row: Received) =>
    accept.mutate(row.id, {
      onSuccess: (done) =>
        void message.success(t("supplyChain.replenishment.received.accepted", { number: done.po_number })),
      onError: fail,
    });
  const declineOne = () => {
    if (!declining) return;
    decline.mutate(
      { id: declining.id, reason },
      {
        onSuccess: () => {
          setDeclining(null);
          setReason("");
          void message.success(t("supplyChain.replenishment.received.declined"));
        },
        onError: fail,
      },
    );
  };
  return (
    <div data-testid="replenishment-received">
      <Typography.Title level={4}>{t("supplyChain.replenishment.received.title")}</Typography.Title>
      <Typography.Paragraph type="secondary">{t("supplyChain.replenishment.received.intro")}</Typography.Paragraph>
      <Segmented<Status>
        value={status}
        onChange={setStatus}
        style={{ marginBottom: 16 }}
        data-testid="received-status"
        options={(["pending", "accepted", "declined"] as const).map((value) => ({
          value,
          label: t(`supplyChain.replenishment.status.${value}`),
        }))}
      />
      <QueryView
        query={received}
        isEmpty={(rows) => rows.length === 0}
        empty={<EmptyState description={t("supplyChain.replenishment.received.empty")} />}
      >
        {(rows) => (
          <Table<Received>
            rowKey="id"
            dataSource={rows}
            pagination={rows.length > 50 ? { pageSize: 50 } : false}
            scroll={{ x: true }}
            onRow={(r) => ({ "data-testid": `received-row-${r.number}` }) as React.HTMLAttributes<HTMLElement>}
            columns={[
              { key: "number", title: t("supplyChain.replenishment.fields.number"), dataIndex: "number" },
              { key: "supplier", title: t("supplyChain.replenishment.fields.supplier"), dataIndex: "supplier_name" },
              {
                key: "item",
                title: t("supplyChain.replenishment.fields.item"),
                render: (_, r) => `${name(r)} (${r.sku})`,
              },
              {
                key: "quantity",
                title: t("supplyChain.replenishment.fields.quantity"),
                align: "right",
                render: (_, r) => (
                  <>
                    <div>{qty(r.quantity, r.unit)}</div>
                    <Typography.Text type="secondary">{price(r.unit_price, r.currency)}</Typography.Text>
                  </>
                ),
              },
              {
                key: "total",
                title: t("supplyChain.replenishment.fields.total"),
                align: "right",
                render: (_, r) => money(r.total, r.currency),
              },
              {
                key: "status",
                title: t("supplyChain.replenishment.fields.status"),
                render: (_, r) => (
                  <>
                    <StatusTag status={r.status} testId={`received-status-${r.number}`} />
                    {r.accepted_automatically ? (
                      <Typography.Text type="secondary">{t("supplyChain.replenishment.automatic")}</Typography.Text>
                    ) : null}
                    {r.review_reason ? (
                      <div data-testid={`received-reason-${r.number}`}>{reviewReasonText(t, r.review_reason)}</div>
                    ) : null}
                    {r.decline_reason ? <div>{r.decline_reason}</div> : null}
                  </>
                ),
              },
              {
                key: "po",
                title: t("supplyChain.replenishment.fields.purchaseOrder"),
                render: (_, r) =>
                  r.purchase_order_id ? (
                    <Link to={`/purchase-orders/${r.purchase_order_id}`} data-testid={`received-po-${r.number}`}>
                      {r.po_number}
                    </Link>
                  ) : (
                    "—"
                  ),
              },
              {
                key: "created",
                title: t("supplyChain.replenishment.fields.createdAt"),
                render: (_, r) => formatDateTime(r.created_at, language),
              },
              {
                key: "actions",
                title: t("supplyChain.replenishment.fields.actions"),
                render: (_, r) =>
                  mayDecide && r.status === "pending" ? (
                    <Space>
                      <Button
                        size="small"
                        type="primary"
                        loading={accept.isPending && accept.variables === r.id}
                        onClick={() => acceptOne(r)}
                        data-testid={`received-accept-${r.number}`}
                      >
                        {t("supplyChain.replenishment.received.accept")}
                      </Button>
                      <Button size="small" onClick={() => setDeclining(r)} data-testid={`received-decline-${r.number}`}>
                        {t("supplyChain.replenishment.received.decline")}
                      </Button>
                    </Space>
                  ) : null,
              },
            ]}
          />
        )}
      </QueryView>
      <Modal
        open={declining !== null}
        title={t("supplyChain.replenishment.received.declineTitle", { number: declining?.number ?? "" })}
        onCancel={() => setDeclining(null)}
        onOk={declineOne}
        confirmLoading={decline.isPending}
        okButtonProps={{
          disabled: !reason.trim(),
          ...({ "data-testid": "decline-confirm" } as Record<string, string>),
        }}
      >
        <Input.TextArea
          value={reason}
          onChange={(e) => setReason(e.target.value)}
          maxLength={500}
          placeholder={t("supplyChain.replenishment.received.reason")}
          data-testid="decline-reason"
        />
      </Modal>
    </div>
  );
}
