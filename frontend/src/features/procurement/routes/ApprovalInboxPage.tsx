import { CheckOutlined, CloseOutlined, SettingOutlined, TransactionOutlined } from "@ant-design/icons";
import { App, Button, Card, Space, Table, Tag, Typography } from "antd";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { EmptyState, QueryView } from "@/components/PageState";
import { canAny, PROCUREMENT_READERS, useAccess } from "@/lib/access";
import { useMe } from "@/lib/me";
import { formatDateTime, formatMoney } from "@/lib/format";
import { currentLanguage } from "@/lib/i18n";
import { useApproveOrder, useRejectOrder } from "../api/actions";
import { useApprovalInbox, type InboxEntry } from "../api/inbox";
import { useMemberDirectory } from "../api/members";
import { StepApprovers } from "../components/ApprovalSteps";
import { ApproveModal } from "../components/DecisionModals";
import { DelegationsCard } from "../components/DelegationsCard";
import { ReasonModal } from "../components/ReasonModal";

/**
 * The approvals waiting for the signed-in member — their own, and those of members they stand in for
 * while away — to approve or reject right here or on the order; and the delegations.
 */
export function ApprovalInboxPage() {
  const { t, i18n } = useTranslation();
  const language = currentLanguage(i18n);
  const { message } = App.useApp();
  const { can } = useAccess();
  const me = useMe();
  const inbox = useApprovalInbox();
  const { nameOf } = useMemberDirectory();
  const approve = useApproveOrder();
  const reject = useRejectOrder();
  const [approving, setApproving] = useState<InboxEntry | null>(null);
  const [rejecting, setRejecting] = useState<InboxEntry | null>(null);

  return (
    <Space direction="vertical" size="large" style={{ width: "100%" }} data-testid="approvals-page">
      <Space style={{ width: "100%", justifyContent: "space-between" }} wrap>
        <div>
          <Typography.Title level={2} style={{ margin: 0 }}>
            {t("procurement.inbox.title")}
          </Typography.Title>
          <Typography.Text type="secondary">{t("procurement.inbox.intro")}</Typography.Text>
        </div>
        <Space wrap>
          {can("approval.rules") ? (
            <Link to="/approvals/rules">
              <Button icon={<SettingOutlined />} data-testid="approval-rules-link">
                {t("procurement.rules.title")}
              </Button>
            </Link>
          ) : null}
          {canAny(me.data, PROCUREMENT_READERS) ? (
            <Link to="/approvals/settings">
              <Button icon={<TransactionOutlined />} data-testid="rates-settings-link">
                {t("procurement.settings.pageTitle")}
              </Button>
            </Link>
          ) : null}
        </Space>
      </Space>
      <Card title={t("procurement.inbox.waiting")}>
        <QueryView
          query={inbox}
          isEmpty={(data) => data.length === 0}
          empty={<EmptyState description={t("procurement.inbox.empty")} />}
        >
          {(data) => (
            <Table<InboxEntry>
              data-testid="inbox-table"
              rowKey={(entry) => entry.step.id}
              size="middle"
              pagination={false}
              dataSource={data}
              scroll={{ x: true }}
              onRow={(entry) =>
                ({
                  "data-testid": `inbox-row-${entry.order.id}`,
                  "data-number": entry.order.number,
                }) as React.HTMLAttributes<HTMLElement>
              }
              columns={[
                {
                  key: "order",
                  title: t("procurement.fields.number"),
                  render: (_, entry) => (
                    <Space direction="vertical" size={0}>
                      <Link to={`/purchase-orders/${entry.order.id}`} data-testid={`inbox-open-${entry.order.id}`}>
                        {entry.order.number}
                      </Link>
                      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                        {entry.order.supplier_name}
                      </Typography.Text>
                    </Space>
                  ),
                },
                {
                  key: "total",
                  title: t("procurement.fields.total"),
                  align: "right",
                  render: (_, entry) => formatMoney(entry.order.total, entry.order.currency, language),
                },
                {
                  key: "step",
                  title: t("procurement.inbox.step"),
                  render: (_, entry) => (
                    <Space direction="vertical" size={2}>
                      <span>{t("procurement.approval.level", { n: entry.step.position })}</span>
                      <StepApprovers step={entry.step} nameOf={nameOf} />
                    </Space>
                  ),
                },
                {
                  key: "for",
                  title: t("procurement.inbox.for"),
                  render: (_, entry) =>
                    entry.on_behalf_of_id ? (
                      <Tag color="purple" data-testid={`inbox-delegated-${entry.order.id}`}>
                        {t("procurement.inbox.standingIn", { name: nameOf(entry.on_behalf_of_id) })}
                      </Tag>
                    ) : (
                      <Tag>{t("procurement.inbox.myself")}</Tag>
                    ),
                },
                {
                  key: "since",
                  title: t("procurement.inbox.since"),
                  render: (_, entry) => formatDateTime(entry.waiting_since, language),
                },
                {
                  key: "actions",
                  title: "",
                  render: (_, entry) => (
                    <Space>
                      <Button
                        type="primary"
                        size="small"
                        icon={<CheckOutlined />}
                        onClick={() => setApproving(entry)}
                        data-testid={`inbox-approve-${entry.order.id}`}
                      >
                        {t("procurement.actions.approve")}
                      </Button>
                      <Button
                        danger
                        size="small"
                        icon={<CloseOutlined />}
                        onClick={() => setRejecting(entry)}
                        data-testid={`inbox-reject-${entry.order.id}`}
                      >
                        {t("procurement.actions.reject")}
                      </Button>
                    </Space>
                  ),
                },
              ]}
            />
          )}
        </QueryView>
      </Card>
      <DelegationsCard />

      {approving ? (
        <ApproveModal
          order={approving.order}
          level={approving.step.position}
          onBehalfOf={approving.on_behalf_of_id ? nameOf(approving.on_behalf_of_id) : null}
          open
          onApprove={async (note) => {
            const next = await approve.mutateAsync({
              id: approving.order.id,
              body: { note, step_id: approving.step.id },
            });
            void message.success(
              next.status === "approved"
                ? t("procurement.actions.approvedFully")
                : t("procurement.actions.approvedStep"),
            );
          }}
          onClose={() => setApproving(null)}
        />
      ) : null}
      <ReasonModal
        open={rejecting !== null}
        title={t("procurement.reject.title", { number: rejecting?.order.number ?? "" })}
        description={t("procurement.reject.help")}
        label={t("procurement.reject.reason")}
        okText={t("procurement.actions.reject")}
        danger
        testId="po-reject"
        onSubmit={async (reason) => {
          if (!rejecting) return;
          await reject.mutateAsync({ id: rejecting.order.id, body: { reason, step_id: rejecting.step.id } });
          void message.success(t("procurement.actions.rejected"));
        }}
        onClose={() => setRejecting(null)}
      />
    </Space>
  );
}

export { ApprovalInboxPage as Component };
