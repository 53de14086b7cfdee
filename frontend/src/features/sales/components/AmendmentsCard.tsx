import { App, Button, Popconfirm, Space, Table, Typography } from "antd";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { EmptyState } from "@/components/PageState";
import { useAccess } from "@/lib/access";
import { formatDateTime } from "@/lib/format";
import { currentLanguage } from "@/lib/i18n";
import { problemMessage } from "@/lib/problem";
import { useAcceptAmendment, useRejectAmendment, type Amendment } from "../api/amendments";
import type { SalesOrder } from "../api/salesOrders";
import { ReasonModal } from "./ReasonModal";
import { StateTag } from "./StatusTags";
import { describeLineChange } from "./terms";

/**
 * Every version of changed terms, oldest first, with who proposed it, why, what changed (from → to) and
 * the answer. A change the buyer proposed and that still waits is accepted or rejected here (so.accept).
 */
export function AmendmentsCard({ order, amendments }: { order: SalesOrder; amendments: Amendment[] }) {
  const { t, i18n } = useTranslation();
  const language = currentLanguage(i18n);
  const { message } = App.useApp();
  const { can } = useAccess();
  const accept = useAcceptAmendment();
  const reject = useRejectAmendment();
  const [rejecting, setRejecting] = useState<Amendment | null>(null);
  const units = new Map(order.lines.map((line) => [line.line_no, line.unit]));
  const canAnswer = can("so.accept") && !["rejected", "shipped", "completed", "cancelled"].includes(order.status);

  if (amendments.length === 0) return <EmptyState description={t("sales.amendments.empty")} />;
  return (
    <>
      <Table<Amendment>
        data-testid="amendments-table"
        size="small"
        rowKey="id"
        pagination={false}
        dataSource={[...amendments].reverse()}
        scroll={{ x: true }}
        onRow={(a) => ({ "data-testid": `amendment-row-${a.version}` }) as React.HTMLAttributes<HTMLElement>}
        columns={[
          {
            key: "version",
            title: t("sales.amendments.version"),
            render: (_, a) => <Typography.Text strong>v{a.version}</Typography.Text>,
            width: 70,
          },
          {
            key: "kind",
            title: t("sales.amendments.kind"),
            render: (_, a) => (
              <Space direction="vertical" size={0}>
                <span>{t(`sales.amendments.kinds.${a.kind}`, { defaultValue: a.kind })}</span>
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  {t("sales.amendments.by", {
                    party: t(`sales.party.${a.proposed_by}`, { defaultValue: a.proposed_by }),
                  })}
                </Typography.Text>
              </Space>
            ),
          },
          {
            key: "changes",
            title: t("sales.amendments.changes"),
            render: (_, a) => {
              const before = new Map(a.before.map((b) => [b.line_no, b]));
              return (
                <Space direction="vertical" size={0}>
                  {a.lines.map((line) => (
                    <span key={line.line_no}>
                      {describeLineChange(line, before.get(line.line_no), {
                        unit: units.get(line.line_no) ?? "",
                        currency: order.currency,
                        t,
                        language,
                      })}
                    </span>
                  ))}
                  {a.reason ? (
                    <Typography.Text type="secondary">
                      {t("sales.timeline.reason", { reason: a.reason })}
                    </Typography.Text>
                  ) : null}
                </Space>
              );
            },
          },
          {
            key: "status",
            title: t("sales.amendments.status"),
            render: (_, a) => (
              <Space direction="vertical" size={0}>
                <StateTag kind="amendment" status={a.status} testId={`amendment-status-${a.version}`} />
                {a.response_reason ? (
                  <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                    {a.response_reason}
                  </Typography.Text>
                ) : null}
              </Space>
            ),
          },
          {
            key: "when",
            title: t("sales.amendments.when"),
            render: (_, a) => (
              <Space direction="vertical" size={0}>
                <span>{formatDateTime(a.created_at, language)}</span>
                {a.decided_at ? (
                  <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                    {t("sales.amendments.decidedAt", { time: formatDateTime(a.decided_at, language) })}
                  </Typography.Text>
                ) : null}
              </Space>
            ),
          },
          {
            key: "actions",
            title: "",
            render: (_, a) =>
              canAnswer && a.status === "pending" && a.proposed_by === "buyer" ? (
                <Space>
                  <Popconfirm
                    title={t("sales.amendments.acceptConfirm", { version: a.version })}
                    okText={t("sales.amendments.accept")}
                    cancelText={t("actions.cancel")}
                    okButtonProps={{ "data-testid": `amendment-accept-confirm-${a.id}` } as Record<string, string>}
                    onConfirm={() =>
                      accept
                        .mutateAsync({ id: order.id, amendmentId: a.id })
                        .then(() => void message.success(t("sales.amendments.accepted")))
                        .catch((error: unknown) => void message.error(problemMessage(t, error)))
                    }
                  >
                    <Button size="small" type="primary" data-testid={`amendment-accept-${a.id}`}>
                      {t("sales.amendments.accept")}
                    </Button>
                  </Popconfirm>
                  <Button size="small" danger onClick={() => setRejecting(a)} data-testid={`amendment-reject-${a.id}`}>
                    {t("sales.amendments.reject")}
                  </Button>
                </Space>
              ) : a.status === "pending" ? (
                <Typography.Text type="secondary">
                  {a.proposed_by === "buyer"
                    ? t("sales.amendments.waitingForUs")
                    : t("sales.amendments.waitingForBuyer")}
                </Typography.Text>
              ) : null,
          },
        ]}
      />
      <ReasonModal
        open={rejecting !== null}
        title={t("sales.amendments.rejectTitle", { version: rejecting?.version ?? "" })}
        label={t("sales.reason")}
        okText={t("sales.amendments.reject")}
        submitting={reject.isPending}
        testId="amendment-reject"
        onSubmit={(reason) =>
          reject
            .mutateAsync({ id: order.id, amendmentId: rejecting?.id ?? 0, reason })
            .then(() => void message.success(t("sales.amendments.rejected")))
        }
        onClose={() => setRejecting(null)}
      />
    </>
  );
}
