import { App, Button, Popconfirm, Space, Table, Typography } from "antd";
import type { TablePaginationConfig } from "antd";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { useAccess } from "@/lib/access";
import { formatDate, formatDateTime } from "@/lib/format";
import { currentLanguage } from "@/lib/i18n";
import { problemMessage } from "@/lib/problem";
import { useAllocateBackOrder, type BackOrder } from "../api/backOrders";
import { useCompleteWorkOrder, useStartWorkOrder, type WorkOrder } from "../api/workOrders";
import { quantityWithUnit } from "./quantities";
import { StateTag } from "./StatusTags";

function OrderRef({ row, showOrder }: { row: WorkOrder | BackOrder; showOrder: boolean }) {
  const { t } = useTranslation();
  return (
    <Space direction="vertical" size={0}>
      {showOrder ? (
        <Link to={`/sales-orders/${row.order_id}`} data-testid={`fulfilment-order-link-${row.order_id}`}>
          {row.order_number}
        </Link>
      ) : null}
      <Typography.Text type={showOrder ? "secondary" : undefined} style={showOrder ? { fontSize: 12 } : undefined}>
        {t("sales.fulfilment.lineRef", { line: row.line_no, sku: row.sku })}
        {showOrder ? ` · ${row.customer_name}` : ""}
      </Typography.Text>
    </Space>
  );
}

/**
 * Make-to-order work orders: start (so.manage) an open one, complete (stock.adjust) one in production —
 * completing receives the goods into stock and reserves them for the order line.
 */
export function WorkOrdersTable({
  rows,
  showOrder = true,
  loading,
  pagination = false,
}: {
  rows: WorkOrder[];
  showOrder?: boolean;
  loading?: boolean;
  pagination?: TablePaginationConfig | false;
}) {
  const { t, i18n } = useTranslation();
  const language = currentLanguage(i18n);
  const { message } = App.useApp();
  const { can } = useAccess();
  const start = useStartWorkOrder();
  const complete = useCompleteWorkOrder();
  const fail = (error: unknown) => void message.error(problemMessage(t, error));
  return (
    <Table<WorkOrder>
      data-testid="work-orders-table"
      size="small"
      rowKey="id"
      loading={loading}
      pagination={pagination}
      dataSource={rows}
      scroll={{ x: true }}
      onRow={(w) => ({ "data-testid": `work-order-row-${w.number}` }) as React.HTMLAttributes<HTMLElement>}
      columns={[
        { key: "number", title: t("sales.fulfilment.workOrder"), dataIndex: "number" },
        {
          key: "order",
          title: t("sales.fulfilment.for"),
          render: (_, w) => <OrderRef row={w} showOrder={showOrder} />,
        },
        {
          key: "qty",
          title: t("sales.fulfilment.quantity"),
          align: "right",
          render: (_, w) => quantityWithUnit(w.quantity, w.unit, language),
        },
        { key: "due", title: t("sales.fulfilment.due"), render: (_, w) => formatDate(w.due_date, language) },
        {
          key: "status",
          title: t("sales.fulfilment.status"),
          render: (_, w) => (
            <Space direction="vertical" size={0}>
              <StateTag kind="workOrder" status={w.status} testId={`work-order-status-${w.number}`} />
              {w.completed_at ? (
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  {formatDateTime(w.completed_at, language)}
                </Typography.Text>
              ) : w.started_at ? (
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  {formatDateTime(w.started_at, language)}
                </Typography.Text>
              ) : null}
            </Space>
          ),
        },
        {
          key: "actions",
          title: "",
          render: (_, w) => (
            <Space>
              {w.status === "open" && can("so.manage") ? (
                <Button
                  size="small"
                  loading={start.isPending && start.variables === w.id}
                  onClick={() =>
                    start
                      .mutateAsync(w.id)
                      .then(() => void message.success(t("sales.fulfilment.started", { number: w.number })))
                      .catch(fail)
                  }
                  data-testid={`work-order-start-${w.number}`}
                >
                  {t("sales.fulfilment.start")}
                </Button>
              ) : null}
              {(w.status === "open" || w.status === "in_progress") && can("stock.adjust") ? (
                <Popconfirm
                  title={t("sales.fulfilment.completeConfirm", {
                    quantity: quantityWithUnit(w.quantity, w.unit, language),
                  })}
                  okText={t("sales.fulfilment.complete")}
                  cancelText={t("actions.cancel")}
                  onConfirm={() =>
                    complete
                      .mutateAsync(w.id)
                      .then(() => void message.success(t("sales.fulfilment.completed", { number: w.number })))
                      .catch(fail)
                  }
                >
                  <Button
                    size="small"
                    type="primary"
                    loading={complete.isPending && complete.variables === w.id}
                    data-testid={`work-order-complete-${w.number}`}
                  >
                    {t("sales.fulfilment.complete")}
                  </Button>
                </Popconfirm>
              ) : null}
            </Space>
          ),
        },
      ]}
    />
  );
}

/** Back-orders: a line's shortfall waiting for stock; allocate (so.manage) reserves what has come in. */
export function BackOrdersTable({
  rows,
  showOrder = true,
  loading,
  pagination = false,
}: {
  rows: BackOrder[];
  showOrder?: boolean;
  loading?: boolean;
  pagination?: TablePaginationConfig | false;
}) {
  const { t, i18n } = useTranslation();
  const language = currentLanguage(i18n);
  const { message } = App.useApp();
  const { can } = useAccess();
  const allocate = useAllocateBackOrder();
  return (
    <Table<BackOrder>
      data-testid="back-orders-table"
      size="small"
      rowKey="id"
      loading={loading}
      pagination={pagination}
      dataSource={rows}
      scroll={{ x: true }}
      onRow={(b) => ({ "data-testid": `back-order-row-${b.id}` }) as React.HTMLAttributes<HTMLElement>}
      columns={[
        {
          key: "order",
          title: t("sales.fulfilment.for"),
          render: (_, b) => <OrderRef row={b} showOrder={showOrder} />,
        },
        {
          key: "qty",
          title: t("sales.fulfilment.quantity"),
          align: "right",
          render: (_, b) => quantityWithUnit(b.quantity, b.unit, language),
        },
        {
          key: "allocated",
          title: t("sales.fulfilment.allocated"),
          align: "right",
          render: (_, b) => quantityWithUnit(b.allocated, b.unit, language),
        },
        {
          key: "remaining",
          title: t("sales.fulfilment.remaining"),
          align: "right",
          render: (_, b) => quantityWithUnit(b.remaining, b.unit, language),
        },
        { key: "since", title: t("sales.fulfilment.since"), render: (_, b) => formatDate(b.created_at, language) },
        {
          key: "status",
          title: t("sales.fulfilment.status"),
          render: (_, b) => <StateTag kind="backOrder" status={b.status} testId={`back-order-status-${b.id}`} />,
        },
        {
          key: "actions",
          title: "",
          render: (_, b) =>
            b.status === "open" && can("so.manage") ? (
              <Button
                size="small"
                loading={allocate.isPending && allocate.variables === b.id}
                onClick={() =>
                  allocate
                    .mutateAsync(b.id)
                    .then(
                      (done) =>
                        void message.success(
                          done.status === "filled"
                            ? t("sales.fulfilment.filled")
                            : t("sales.fulfilment.allocatedSome", {
                                quantity: quantityWithUnit(done.allocated, done.unit, language),
                              }),
                        ),
                    )
                    .catch((error: unknown) => void message.error(problemMessage(t, error)))
                }
                data-testid={`back-order-allocate-${b.id}`}
              >
                {t("sales.fulfilment.allocate")}
              </Button>
            ) : null,
        },
      ]}
    />
  );
}
