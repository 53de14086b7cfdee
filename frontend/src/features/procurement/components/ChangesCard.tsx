import type { TFunction } from "i18next";
import { App, Alert, Button, Card, Popconfirm, Space, Table, Tag, Typography } from "antd";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { formatDate, formatDateTime, formatQuantity, formatUnitPrice } from "@/lib/format";
import { currentLanguage, type AppLanguage } from "@/lib/i18n";
import { problemMessage } from "@/lib/problem";
import { useAcceptChange, useRejectChange } from "../api/changes";
import type { PoChange, PurchaseOrder } from "../api/purchaseOrders";
import { ReasonModal } from "./ReasonModal";

const STATUS_COLORS: Record<string, string> = { pending: "gold", accepted: "green", rejected: "red" };

interface Row {
  key: string;
  line_no: number;
  field: "quantity" | "unit_price" | "requested_date" | "promised_date";
  before: string | null;
  after: string;
}

function rowsOf(change: PoChange, order: PurchaseOrder): Row[] {
  const current = new Map(order.lines.map((line) => [line.line_no, line]));
  const before = new Map(change.before.map((line) => [line.line_no, line]));
  const rows: Row[] = [];
  for (const line of change.lines) {
    for (const field of ["quantity", "unit_price", "requested_date", "promised_date"] as const) {
      const after = line[field];
      if (after === null || after === undefined || after === "") continue;
      // A decided change keeps what it replaced; a pending one is compared with the order as it is.
      const was =
        change.status === "pending"
          ? (current.get(line.line_no)?.[field] ?? null)
          : (before.get(line.line_no)?.[field] ?? null);
      rows.push({ key: `${line.line_no}-${field}`, line_no: line.line_no, field, before: was, after });
    }
  }
  return rows;
}

function show(row: Pick<Row, "field">, value: string | null, currency: string, unit: string, language: AppLanguage) {
  if (value === null || value === undefined || value === "") return "—";
  if (row.field === "quantity") return `${formatQuantity(value, language)} ${unit}`;
  if (row.field === "unit_price") return formatUnitPrice(value, currency, language);
  return formatDate(value, language);
}

function ChangeTable({ change, order }: { change: PoChange; order: PurchaseOrder }) {
  const { t, i18n } = useTranslation();
  const language = currentLanguage(i18n);
  const units = new Map(order.lines.map((line) => [line.line_no, line.unit]));
  return (
    <Table<Row>
      size="small"
      pagination={false}
      rowKey="key"
      dataSource={rowsOf(change, order)}
      columns={[
        { key: "line", title: t("procurement.changes.line"), render: (_, r) => `#${r.line_no}`, width: 64 },
        {
          key: "field",
          title: t("procurement.changes.field"),
          render: (_, r) => t(`procurement.changes.fields.${r.field}`),
        },
        {
          key: "before",
          title: t("procurement.changes.before"),
          render: (_, r) => show(r, r.before, order.currency, units.get(r.line_no) ?? "", language),
        },
        {
          key: "after",
          title: t("procurement.changes.after"),
          render: (_, r) => (
            <Typography.Text strong>
              {show(r, r.after, order.currency, units.get(r.line_no) ?? "", language)}
            </Typography.Text>
          ),
        },
      ]}
    />
  );
}

function describe(change: PoChange, t: TFunction): string {
  if (change.proposed_by === "supplier") {
    return change.origin === "order_response"
      ? t("procurement.changes.supplierProposal")
      : t("procurement.changes.supplierRequest");
  }
  return t("procurement.changes.buyerRequest");
}

/**
 * The order's changes: the supplier's pending proposal or change request, to accept or refuse (with a
 * reason), the buyer's own request waiting for the supplier, and the history of every version.
 */
export function ChangesCard({ order, canDecide }: { order: PurchaseOrder; canDecide: boolean }) {
  const { t, i18n } = useTranslation();
  const language = currentLanguage(i18n);
  const { message } = App.useApp();
  const accept = useAcceptChange();
  const reject = useRejectChange();
  const [rejecting, setRejecting] = useState<PoChange | null>(null);
  if (order.changes.length === 0) return null;
  const pending = order.changes.filter((c) => c.status === "pending");
  const history = order.changes.filter((c) => c.status !== "pending");

  return (
    <Card size="small" title={t("procurement.changes.title")} data-testid="po-changes">
      <Space direction="vertical" style={{ width: "100%" }} size="middle">
        {pending.map((change) => (
          <Alert
            key={change.change_id}
            type={change.proposed_by === "supplier" ? "warning" : "info"}
            showIcon
            data-testid={`change-${change.change_id}`}
            data-status={change.status}
            message={
              <Space wrap>
                <Typography.Text strong>{describe(change, t)}</Typography.Text>
                <Tag>{t("procurement.changes.version", { n: change.version })}</Tag>
                <Typography.Text type="secondary">{formatDateTime(change.created_at, language)}</Typography.Text>
              </Space>
            }
            description={
              <Space direction="vertical" style={{ width: "100%" }}>
                {change.reason ? (
                  <Typography.Text>{t("procurement.changes.reason", { reason: change.reason })}</Typography.Text>
                ) : null}
                <ChangeTable change={change} order={order} />
                {change.proposed_by === "supplier" && canDecide ? (
                  <Space>
                    <Popconfirm
                      title={t("procurement.changes.acceptConfirm")}
                      okText={t("procurement.changes.accept")}
                      cancelText={t("actions.cancel")}
                      okButtonProps={
                        { "data-testid": `change-accept-confirm-${change.change_id}` } as Record<string, string>
                      }
                      onConfirm={() =>
                        accept
                          .mutateAsync({ id: order.id, changeId: change.change_id })
                          .then(() => void message.success(t("procurement.changes.accepted")))
                          .catch((error: unknown) => void message.error(problemMessage(t, error)))
                      }
                    >
                      <Button
                        type="primary"
                        loading={accept.isPending}
                        data-testid={`change-accept-${change.change_id}`}
                      >
                        {t("procurement.changes.accept")}
                      </Button>
                    </Popconfirm>
                    <Button
                      danger
                      onClick={() => setRejecting(change)}
                      data-testid={`change-reject-${change.change_id}`}
                    >
                      {t("procurement.changes.reject")}
                    </Button>
                  </Space>
                ) : change.proposed_by === "buyer" ? (
                  <Typography.Text type="secondary">{t("procurement.changes.waitingForSupplier")}</Typography.Text>
                ) : null}
              </Space>
            }
          />
        ))}
        {history.length > 0 ? (
          <Table<PoChange>
            size="small"
            rowKey="change_id"
            pagination={false}
            dataSource={history}
            data-testid="po-change-history"
            expandable={{ expandedRowRender: (change) => <ChangeTable change={change} order={order} /> }}
            columns={[
              { key: "version", title: t("procurement.changes.versionTitle"), render: (_, c) => `v${c.version}` },
              { key: "what", title: t("procurement.changes.what"), render: (_, c) => describe(c, t) },
              {
                key: "status",
                title: t("procurement.fields.status"),
                render: (_, c) => (
                  <Tag color={STATUS_COLORS[c.status] ?? "default"}>
                    {t(`procurement.changes.status.${c.status}`, { defaultValue: c.status })}
                  </Tag>
                ),
              },
              {
                key: "reason",
                title: t("procurement.changes.reasonTitle"),
                render: (_, c) => [c.reason, c.response_reason].filter(Boolean).join(" / ") || "—",
              },
              {
                key: "decided",
                title: t("procurement.changes.decidedAt"),
                render: (_, c) => formatDateTime(c.decided_at, language),
              },
            ]}
          />
        ) : null}
      </Space>
      <ReasonModal
        open={rejecting !== null}
        title={t("procurement.changes.rejectTitle")}
        label={t("procurement.changes.rejectReason")}
        okText={t("procurement.changes.reject")}
        danger
        testId="change-reject"
        onSubmit={async (reason) => {
          if (!rejecting) return;
          await reject.mutateAsync({ id: order.id, changeId: rejecting.change_id, reason });
          void message.success(t("procurement.changes.rejected"));
        }}
        onClose={() => setRejecting(null)}
      />
    </Card>
  );
}
