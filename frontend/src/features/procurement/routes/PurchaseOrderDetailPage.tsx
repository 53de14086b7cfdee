import {
  CheckOutlined,
  CloseOutlined,
  DiffOutlined,
  DownloadOutlined,
  EditOutlined,
  InboxOutlined,
  SendOutlined,
  StopOutlined,
} from "@ant-design/icons";
import { Alert, App, Button, Card, Col, Descriptions, Row, Space, Table, Tag, Typography } from "antd";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { Link, useParams } from "react-router";
import { QueryView } from "@/components/PageState";
import { ShipmentTrackingCard } from "@/components/shipmentTracking/ShipmentTrackingCard";
import { useAccess } from "@/lib/access";
import { categoryPath, useCategoryTree } from "@/lib/categories";
import { formatDate, formatDateTime, formatMoney, formatQuantity, formatUnitPrice, trimDecimal } from "@/lib/format";
import { currentLanguage } from "@/lib/i18n";
import { useSignedInMe } from "@/lib/me";
import { problemMessage } from "@/lib/problem";
import {
  useAcknowledgeOrder,
  useApproveOrder,
  useCancelOrder,
  useCloseOrder,
  useRejectOrder,
  useSendOrder,
  useSubmitOrder,
} from "../api/actions";
import { useDepartments } from "../api/departments";
import { useApprovalInbox } from "../api/inbox";
import { useMemberDirectory } from "../api/members";
import { downloadOrderPdf } from "../api/pdf";
import { usePurchaseOrder } from "../api/purchaseOrder";
import type { PoLine, PurchaseOrder } from "../api/purchaseOrders";
import { useTimeline } from "../api/timeline";
import { useWarehouses } from "../api/warehouses";
import { ApprovalSteps, StepApprovers } from "../components/ApprovalSteps";
import { ChangeRequestModal } from "../components/ChangeRequestModal";
import { ChangesCard } from "../components/ChangesCard";
import { SettlementsCard } from "../components/SettlementsCard";
import { AcknowledgeModal, ApproveModal } from "../components/DecisionModals";
import { OrderTimeline } from "../components/OrderTimeline";
import { PoStatusTag } from "../components/PoStatusTag";
import { minorUnits, multiplyDecimal } from "../components/poFormValues";
import { ReasonModal } from "../components/ReasonModal";
import { ReceiptsTable } from "../components/ReceiptsTable";

const RECEIVABLE = ["sent", "acknowledged", "changed", "partly_received"];
const CANCELLABLE = ["draft", "pending_approval", "approved", "sent", "acknowledged", "changed"];
const CHANGEABLE = ["acknowledged", "changed", "partly_received"];
const LIVE = ["pending_approval", "approved", "sent", "acknowledged", "changed", "partly_received"];

type Dialog = "approve" | "reject" | "cancel" | "close" | "acknowledge" | "change" | null;

function StatusBanner({ order, nameOf }: { order: PurchaseOrder; nameOf: (id: number | null | undefined) => string }) {
  const { t, i18n } = useTranslation();
  const language = currentLanguage(i18n);
  const pending = order.approval_steps.find((step) => step.status === "pending");
  switch (order.status) {
    case "draft":
      return order.rejection_reason ? (
        <Alert
          type="error"
          showIcon
          data-testid="po-banner"
          message={t("procurement.banner.rejected")}
          description={t("procurement.banner.rejectionReason", { reason: order.rejection_reason })}
        />
      ) : (
        <Alert type="info" showIcon data-testid="po-banner" message={t("procurement.banner.draft")} />
      );
    case "pending_approval":
      return (
        <Alert
          type="warning"
          showIcon
          data-testid="po-banner"
          message={
            pending
              ? t("procurement.banner.pendingLevel", { n: pending.position, total: order.approval_steps.length })
              : t("procurement.banner.pending")
          }
          description={pending ? <StepApprovers step={pending} nameOf={nameOf} /> : undefined}
        />
      );
    case "approved":
      return (
        <Alert
          type="success"
          showIcon
          data-testid="po-banner"
          message={t("procurement.banner.approved", { time: formatDateTime(order.approved_at, language) })}
        />
      );
    case "sent":
      return (
        <Alert
          type="info"
          showIcon
          data-testid="po-banner"
          message={
            order.on_hansa
              ? t("procurement.banner.sentHansa", { time: formatDateTime(order.sent_at, language) })
              : t("procurement.banner.sentEmail", {
                  time: formatDateTime(order.sent_at, language),
                  email: order.supplier_email,
                })
          }
        />
      );
    case "cancelled":
      return (
        <Alert
          type="error"
          showIcon
          data-testid="po-banner"
          message={
            order.cancelled_by === "supplier"
              ? t("procurement.banner.cancelledBySupplier", { time: formatDateTime(order.cancelled_at, language) })
              : t("procurement.banner.cancelled", { time: formatDateTime(order.cancelled_at, language) })
          }
          description={
            order.cancel_reason ? t("procurement.banner.reason", { reason: order.cancel_reason }) : undefined
          }
        />
      );
    case "closed":
      return (
        <Alert
          type="success"
          showIcon
          data-testid="po-banner"
          message={t("procurement.banner.closed", { time: formatDateTime(order.closed_at, language) })}
          description={order.close_reason ? t("procurement.banner.reason", { reason: order.close_reason }) : undefined}
        />
      );
    default:
      return null;
  }
}

function LinesTable({ order }: { order: PurchaseOrder }) {
  const { t, i18n } = useTranslation();
  const language = currentLanguage(i18n);
  const money = (value: string) => formatMoney(value, order.currency, language);
  return (
    <Table<PoLine>
      data-testid="po-lines-table"
      size="small"
      rowKey="id"
      pagination={false}
      dataSource={order.lines}
      scroll={{ x: true }}
      onRow={(line) => ({ "data-testid": `po-line-row-${line.line_no}` }) as React.HTMLAttributes<HTMLElement>}
      columns={[
        { key: "no", title: "#", dataIndex: "line_no", width: 48 },
        {
          key: "item",
          title: t("procurement.lines.item"),
          render: (_, line) => (
            <Space direction="vertical" size={0}>
              <Typography.Text>{line.description || line.sku}</Typography.Text>
              {line.sku ? (
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  {line.sku}
                </Typography.Text>
              ) : null}
            </Space>
          ),
        },
        {
          key: "ordered",
          title: t("procurement.lines.ordered"),
          align: "right",
          render: (_, line) => `${formatQuantity(line.quantity, language)} ${line.unit}`,
        },
        {
          key: "received",
          title: t("procurement.lines.received"),
          align: "right",
          render: (_, line) => (
            <span data-testid={`po-line-received-${line.line_no}`}>
              {formatQuantity(line.received_quantity, language)} {line.unit}
            </span>
          ),
        },
        {
          key: "rejected",
          title: t("procurement.lines.rejected"),
          align: "right",
          render: (_, line) =>
            Number(line.rejected_quantity) > 0 ? (
              <Typography.Text type="danger">{formatQuantity(line.rejected_quantity, language)}</Typography.Text>
            ) : (
              "—"
            ),
        },
        {
          key: "open",
          title: t("procurement.lines.open"),
          align: "right",
          render: (_, line) => (
            <span data-testid={`po-line-open-${line.line_no}`}>{formatQuantity(line.open_quantity, language)}</span>
          ),
        },
        {
          key: "price",
          title: t("procurement.lines.unitPriceShort"),
          align: "right",
          render: (_, line) => formatUnitPrice(line.unit_price, order.currency, language),
        },
        {
          key: "tax",
          title: t("procurement.lines.taxRate"),
          align: "right",
          render: (_, line) => `${trimDecimal(line.tax_rate) ?? "0"}%`,
        },
        { key: "net", title: t("procurement.lines.net"), align: "right", render: (_, line) => money(line.net_amount) },
        {
          key: "date",
          title: t("procurement.lines.dates"),
          render: (_, line) => (
            <Space direction="vertical" size={0}>
              <span>{formatDate(line.requested_date, language)}</span>
              {line.promised_date ? (
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  {t("procurement.lines.promised", { date: formatDate(line.promised_date, language) })}
                </Typography.Text>
              ) : null}
            </Space>
          ),
        },
      ]}
      summary={() => (
        <>
          <Table.Summary.Row>
            <Table.Summary.Cell index={0} colSpan={8} align="right">
              {t("procurement.fields.totalNet")}
            </Table.Summary.Cell>
            <Table.Summary.Cell index={1} align="right">
              <span data-testid="po-total-net">{money(order.total_net)}</span>
            </Table.Summary.Cell>
            <Table.Summary.Cell index={2} />
          </Table.Summary.Row>
          <Table.Summary.Row>
            <Table.Summary.Cell index={0} colSpan={8} align="right">
              {t("procurement.fields.totalTax")}
            </Table.Summary.Cell>
            <Table.Summary.Cell index={1} align="right">
              <span data-testid="po-total-tax">{money(order.total_tax)}</span>
            </Table.Summary.Cell>
            <Table.Summary.Cell index={2} />
          </Table.Summary.Row>
          <Table.Summary.Row>
            <Table.Summary.Cell index={0} colSpan={8} align="right">
              <Typography.Text strong>{t("procurement.fields.total")}</Typography.Text>
            </Table.Summary.Cell>
            <Table.Summary.Cell index={1} align="right">
              <Typography.Text strong data-testid="po-total">
                {money(order.total)}
              </Typography.Text>
            </Table.Summary.Cell>
            <Table.Summary.Cell index={2} />
          </Table.Summary.Row>
        </>
      )}
    />
  );
}

function OrderView({ order }: { order: PurchaseOrder }) {
  const { t, i18n } = useTranslation();
  const language = currentLanguage(i18n);
  const { message } = App.useApp();
  const { can } = useAccess();
  const homeCurrency = useSignedInMe().company?.currency ?? order.currency;
  const directory = useMemberDirectory();
  const inbox = useApprovalInbox();
  const tree = useCategoryTree();
  const departments = useDepartments({ enabled: can("approval.rules") });
  const warehouses = useWarehouses({ enabled: can("stock.view") && order.receipts.length > 0 });
  const timeline = useTimeline(order.id, LIVE.includes(order.status));
  const [dialog, setDialog] = useState<Dialog>(null);
  // A dialog closes only itself: a dialog's close that comes after its awaited refetches must not shut
  // another dialog opened meanwhile.
  const closer = (which: Exclude<Dialog, null>) => () => setDialog((open) => (open === which ? null : open));
  const [downloading, setDownloading] = useState(false);
  const submit = useSubmitOrder();
  const approve = useApproveOrder();
  const reject = useRejectOrder();
  const send = useSendOrder();
  const acknowledge = useAcknowledgeOrder();
  const cancel = useCancelOrder();
  const close = useCloseOrder();

  const canBuy = can("po.create");
  // Whose turn it is the server knows: the inbox lists the orders this member may decide now.
  const myTurn =
    order.status === "pending_approval" ? inbox.data?.find((entry) => entry.order.id === order.id) : undefined;
  const hasPendingBuyerChange = order.changes.some((c) => c.status === "pending" && c.proposed_by === "buyer");
  const fail = (error: unknown) => void message.error(problemMessage(t, error));
  const { nameOf } = directory;
  const warehouseName = (id: number | null) =>
    id === null
      ? t("procurement.receipts.defaultWarehouse")
      : (warehouses.data?.find((w) => w.id === id)?.name ?? `#${id}`);
  const department = departments.data?.find((d) => d.id === order.department_id);

  const onSubmit = () =>
    submit
      .mutateAsync(order.id)
      .then(
        (next) =>
          void message.success(
            next.status === "approved"
              ? t("procurement.actions.submittedAutoApproved")
              : t("procurement.actions.submitted"),
          ),
      )
      .catch(fail);

  const onSend = () =>
    send
      .mutateAsync(order.id)
      .then(
        () =>
          void message.success(
            order.on_hansa ? t("procurement.actions.sentHansa") : t("procurement.actions.sentEmail"),
          ),
      )
      .catch(fail);

  const onPdf = () => {
    setDownloading(true);
    downloadOrderPdf(order.id, order.number)
      .catch(fail)
      .finally(() => setDownloading(false));
  };

  return (
    <Space direction="vertical" size="large" style={{ width: "100%" }} data-testid="po-page" data-po-id={order.id}>
      <Space style={{ width: "100%", justifyContent: "space-between" }} align="start" wrap>
        <div>
          <Space wrap>
            <Typography.Title level={2} style={{ margin: 0 }} data-testid="po-number">
              {order.number}
            </Typography.Title>
            <PoStatusTag status={order.status} />
            {order.version > 1 ? <Tag>{t("procurement.fields.versionN", { n: order.version })}</Tag> : null}
          </Space>
          <div>
            <Typography.Text type="secondary" data-testid="po-supplier-name">
              {order.supplier_name}
            </Typography.Text>
            {order.on_hansa ? null : <Tag style={{ marginInlineStart: 8 }}>{t("procurement.fields.outsideHansa")}</Tag>}
          </div>
        </div>
        <Space wrap>
          {order.status === "draft" && canBuy ? (
            <Link to={`/purchase-orders/${order.id}/edit`}>
              <Button icon={<EditOutlined />} data-testid="po-edit">
                {t("actions.edit")}
              </Button>
            </Link>
          ) : null}
          {order.status === "draft" && canBuy ? (
            <Button
              type="primary"
              icon={<SendOutlined />}
              loading={submit.isPending}
              onClick={onSubmit}
              data-testid="po-submit"
            >
              {t("procurement.actions.submit")}
            </Button>
          ) : null}
          {myTurn ? (
            <>
              <Button
                type="primary"
                icon={<CheckOutlined />}
                onClick={() => setDialog("approve")}
                data-testid="po-approve"
              >
                {t("procurement.actions.approve")}
              </Button>
              <Button danger icon={<CloseOutlined />} onClick={() => setDialog("reject")} data-testid="po-reject">
                {t("procurement.actions.reject")}
              </Button>
            </>
          ) : null}
          {order.status === "approved" && canBuy ? (
            <Button
              type="primary"
              icon={<SendOutlined />}
              loading={send.isPending}
              onClick={onSend}
              data-testid="po-send"
            >
              {t("procurement.actions.send")}
            </Button>
          ) : null}
          {order.status === "sent" && !order.on_hansa && canBuy ? (
            <Button onClick={() => setDialog("acknowledge")} data-testid="po-acknowledge">
              {t("procurement.actions.acknowledge")}
            </Button>
          ) : null}
          {RECEIVABLE.includes(order.status) && can("po.receive") ? (
            <Link to={`/purchase-orders/${order.id}/receive`}>
              <Button type="primary" icon={<InboxOutlined />} data-testid="po-receive">
                {t("procurement.actions.receive")}
              </Button>
            </Link>
          ) : null}
          {CHANGEABLE.includes(order.status) && canBuy && !hasPendingBuyerChange ? (
            <Button icon={<DiffOutlined />} onClick={() => setDialog("change")} data-testid="po-request-change">
              {t("procurement.actions.requestChange")}
            </Button>
          ) : null}
          {["received", "partly_received"].includes(order.status) && canBuy ? (
            <Button onClick={() => setDialog("close")} data-testid="po-close">
              {order.status === "partly_received"
                ? t("procurement.actions.shortClose")
                : t("procurement.actions.close")}
            </Button>
          ) : null}
          <Button icon={<DownloadOutlined />} loading={downloading} onClick={onPdf} data-testid="po-pdf">
            {t("procurement.actions.pdf")}
          </Button>
          {CANCELLABLE.includes(order.status) && canBuy ? (
            <Button danger icon={<StopOutlined />} onClick={() => setDialog("cancel")} data-testid="po-cancel">
              {t("procurement.actions.cancel")}
            </Button>
          ) : null}
        </Space>
      </Space>

      <StatusBanner order={order} nameOf={nameOf} />
      {myTurn?.on_behalf_of_id ? (
        <Alert
          type="info"
          showIcon
          data-testid="po-delegated"
          message={t("procurement.approval.youStandIn", { name: nameOf(myTurn.on_behalf_of_id) })}
        />
      ) : null}

      <Row gutter={[16, 16]}>
        <Col xs={24} xl={16}>
          <Space direction="vertical" size="middle" style={{ width: "100%" }}>
            <Descriptions size="small" bordered column={{ xs: 1, md: 2 }} data-testid="po-details">
              <Descriptions.Item label={t("procurement.fields.supplier")}>
                <Space direction="vertical" size={0}>
                  <span>{order.supplier_name}</span>
                  {order.supplier_email ? (
                    <Typography.Text type="secondary">{order.supplier_email}</Typography.Text>
                  ) : null}
                </Space>
              </Descriptions.Item>
              <Descriptions.Item label={t("procurement.fields.currency")}>
                {order.currency}
                {Number(order.exchange_rate) !== 1 ? (
                  <Typography.Text type="secondary">
                    {" "}
                    · {t("procurement.fields.rate", { rate: trimDecimal(order.exchange_rate) })}
                  </Typography.Text>
                ) : null}
              </Descriptions.Item>
              <Descriptions.Item label={t("procurement.fields.orderDate")}>
                {formatDate(order.order_date, language)}
              </Descriptions.Item>
              <Descriptions.Item label={t("procurement.fields.requestedDate")}>
                {formatDate(order.requested_date, language)}
              </Descriptions.Item>
              <Descriptions.Item label={t("procurement.fields.paymentTerms")}>
                {order.payment_terms || "—"}
              </Descriptions.Item>
              <Descriptions.Item label={t("procurement.fields.category")}>
                {order.category_code ? categoryPath(tree.data ?? [], order.category_code, language) : "—"}
              </Descriptions.Item>
              <Descriptions.Item label={t("procurement.fields.createdBy")}>
                {nameOf(order.created_by_id)}
              </Descriptions.Item>
              {department ? (
                <Descriptions.Item label={t("procurement.fields.department")}>{department.name}</Descriptions.Item>
              ) : null}
              {order.rfq_id ? (
                <Descriptions.Item label={t("procurement.fields.rfq")}>
                  <Link to={`/rfqs/${order.rfq_id}`}>#{order.rfq_id}</Link>
                </Descriptions.Item>
              ) : null}
              {order.supplier_order_number ? (
                <Descriptions.Item label={t("procurement.fields.supplierOrderNumber")}>
                  {order.supplier_order_number}
                </Descriptions.Item>
              ) : null}
              {order.currency !== homeCurrency ? (
                <Descriptions.Item label={t("procurement.fields.totalInCompanyCurrency")}>
                  {formatMoney(
                    multiplyDecimal(order.total, order.exchange_rate, minorUnits(homeCurrency)),
                    homeCurrency,
                    language,
                  )}
                </Descriptions.Item>
              ) : null}
              {order.approved_total ? (
                <Descriptions.Item label={t("procurement.fields.approvedTotal")}>
                  {formatMoney(order.approved_total, order.currency, language)}
                </Descriptions.Item>
              ) : null}
              {order.ship_to ? (
                <Descriptions.Item label={t("procurement.fields.shipTo")} span={2}>
                  <span style={{ whiteSpace: "pre-wrap" }}>{order.ship_to}</span>
                </Descriptions.Item>
              ) : null}
              {order.notes ? (
                <Descriptions.Item label={t("procurement.fields.notes")} span={2}>
                  <span style={{ whiteSpace: "pre-wrap" }}>{order.notes}</span>
                </Descriptions.Item>
              ) : null}
            </Descriptions>

            <Card size="small" title={t("procurement.sections.lines")}>
              <LinesTable order={order} />
            </Card>

            <ChangesCard order={order} canDecide={canBuy} />

            {order.approval_steps.length > 0 || order.approval_rule_name ? (
              <Card size="small" title={t("procurement.sections.approval")}>
                <ApprovalSteps steps={order.approval_steps} ruleName={order.approval_rule_name} nameOf={nameOf} />
              </Card>
            ) : null}

            {order.receipts.length > 0 || RECEIVABLE.includes(order.status) ? (
              <Card size="small" title={t("procurement.sections.receipts")}>
                <ReceiptsTable
                  receipts={order.receipts}
                  lines={order.lines}
                  nameOf={nameOf}
                  warehouseName={warehouseName}
                />
              </Card>
            ) : null}

            <ShipmentTrackingCard side="buyer" orderId={order.id} />

            <SettlementsCard order={order} canChoose={canBuy} />
          </Space>
        </Col>
        <Col xs={24} xl={8}>
          <Card size="small" title={t("procurement.sections.timeline")}>
            <QueryView query={timeline} loadingRows={6}>
              {(events) => (
                <OrderTimeline events={events} lines={order.lines} currency={order.currency} nameOf={nameOf} />
              )}
            </QueryView>
          </Card>
        </Col>
      </Row>

      <ApproveModal
        order={order}
        level={myTurn?.step.position ?? null}
        onBehalfOf={myTurn?.on_behalf_of_id ? nameOf(myTurn.on_behalf_of_id) : null}
        open={dialog === "approve"}
        onApprove={async (note) => {
          const next = await approve.mutateAsync({ id: order.id, body: { note, step_id: myTurn?.step.id ?? null } });
          void message.success(
            next.status === "approved" ? t("procurement.actions.approvedFully") : t("procurement.actions.approvedStep"),
          );
        }}
        onClose={closer("approve")}
      />
      <ReasonModal
        open={dialog === "reject"}
        title={t("procurement.reject.title", { number: order.number })}
        description={t("procurement.reject.help")}
        label={t("procurement.reject.reason")}
        okText={t("procurement.actions.reject")}
        danger
        testId="po-reject"
        onSubmit={async (reason) => {
          await reject.mutateAsync({ id: order.id, body: { reason, step_id: myTurn?.step.id ?? null } });
          void message.success(t("procurement.actions.rejected"));
        }}
        onClose={closer("reject")}
      />
      <ReasonModal
        open={dialog === "cancel"}
        title={t("procurement.cancel.title", { number: order.number })}
        description={
          ["sent", "acknowledged", "changed"].includes(order.status) ? t("procurement.cancel.supplierTold") : undefined
        }
        label={t("procurement.cancel.reason")}
        okText={t("procurement.actions.cancel")}
        danger
        testId="po-cancel"
        onSubmit={async (reason) => {
          await cancel.mutateAsync({ id: order.id, reason });
          void message.success(t("procurement.actions.cancelled"));
        }}
        onClose={closer("cancel")}
      />
      <ReasonModal
        open={dialog === "close"}
        title={t("procurement.close.title", { number: order.number })}
        description={
          order.status === "partly_received" ? t("procurement.close.shortHelp") : t("procurement.close.help")
        }
        label={t("procurement.close.reason")}
        okText={
          order.status === "partly_received" ? t("procurement.actions.shortClose") : t("procurement.actions.close")
        }
        required={order.status === "partly_received"}
        testId="po-close"
        onSubmit={async (reason) => {
          await close.mutateAsync({ id: order.id, reason });
          void message.success(t("procurement.actions.closed"));
        }}
        onClose={closer("close")}
      />
      <AcknowledgeModal
        order={order}
        open={dialog === "acknowledge"}
        onAcknowledge={async (values) => {
          await acknowledge.mutateAsync({ id: order.id, body: values });
          void message.success(t("procurement.actions.acknowledged"));
        }}
        onClose={closer("acknowledge")}
      />
      <ChangeRequestModal order={order} open={dialog === "change"} onClose={closer("change")} />
    </Space>
  );
}

export function PurchaseOrderDetailPage() {
  const { t } = useTranslation();
  const id = Number(useParams().orderId);
  const order = usePurchaseOrder(Number.isFinite(id) ? id : null);
  return (
    <Space direction="vertical" size="middle" style={{ width: "100%" }}>
      <Link to="/purchase-orders">← {t("procurement.backToList")}</Link>
      <QueryView query={order} loadingRows={10}>
        {(data) => <OrderView order={data} />}
      </QueryView>
    </Space>
  );
}

export { PurchaseOrderDetailPage as Component };
