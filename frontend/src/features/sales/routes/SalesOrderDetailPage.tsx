import { CarOutlined, CheckOutlined, CloseOutlined, EditOutlined, StopOutlined, SwapOutlined } from "@ant-design/icons";
import { Alert, App, Button, Card, Col, Descriptions, Progress, Row, Space, Statistic, Typography } from "antd";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { Link, useParams } from "react-router";
import { EmptyState, ErrorState, QueryView } from "@/components/PageState";
import { ShipmentTrackingCard } from "@/components/shipmentTracking/ShipmentTrackingCard";
import { useAccess } from "@/lib/access";
import { formatDate, formatDateTime, formatMoney } from "@/lib/format";
import { currentLanguage } from "@/lib/i18n";
import { useAmendments, type Amendment } from "../api/amendments";
import { useBackOrders } from "../api/backOrders";
import { useCancelOrder, useRejectOrder } from "../api/orderActions";
import { useSalesOrder } from "../api/salesOrder";
import type { SalesOrder } from "../api/salesOrders";
import { useShipments } from "../api/shipments";
import { useStockCheck } from "../api/stockCheck";
import { useWorkOrders } from "../api/workOrders";
import { AcceptModal } from "../components/AcceptModal";
import { AmendmentsCard } from "../components/AmendmentsCard";
import { SettlementsCard } from "../components/SettlementsCard";
import { BackOrdersTable, WorkOrdersTable } from "../components/FulfilmentTables";
import { OrderLinesTable } from "../components/OrderLinesTable";
import { num } from "../components/quantities";
import { ReasonModal } from "../components/ReasonModal";
import { SalesTimeline } from "../components/SalesTimeline";
import { SalesStatusTag, SourceTag } from "../components/StatusTags";
import { ShipmentModal } from "../components/ShipmentModal";
import { ShipmentsTable } from "../components/ShipmentsTable";
import { StockCheckTable } from "../components/StockCheck";
import { TermsModal } from "../components/TermsModal";

type Dialog = "accept" | "reject" | "propose" | "amend" | "ship" | "cancel" | null;

const LIVE = new Set(["awaiting_acceptance", "changes_proposed", "accepted", "partly_shipped", "shipped"]);

function StatusBanner({ order }: { order: SalesOrder }) {
  const { t, i18n } = useTranslation();
  const language = currentLanguage(i18n);
  const banners = [];
  switch (order.status) {
    case "awaiting_acceptance":
      banners.push(
        <Alert
          key="status"
          type="warning"
          showIcon
          message={order.source === "hansa" ? t("sales.banner.awaitingHansa") : t("sales.banner.awaitingManual")}
        />,
      );
      break;
    case "changes_proposed":
      banners.push(<Alert key="status" type="info" showIcon message={t("sales.banner.changesProposed")} />);
      break;
    case "rejected":
      banners.push(
        <Alert
          key="status"
          type="error"
          showIcon
          message={t("sales.banner.rejected", { time: formatDateTime(order.rejected_at, language) })}
          description={order.reject_reason ? t("sales.timeline.reason", { reason: order.reject_reason }) : undefined}
        />,
      );
      break;
    case "cancelled":
      banners.push(
        <Alert
          key="status"
          type="error"
          showIcon
          message={t("sales.banner.cancelled", {
            time: formatDateTime(order.cancelled_at, language),
            by: t(`sales.party.${order.cancelled_by}`, { defaultValue: order.cancelled_by }),
          })}
          description={order.cancel_reason ? t("sales.timeline.reason", { reason: order.cancel_reason }) : undefined}
        />,
      );
      break;
    case "completed":
      banners.push(
        <Alert
          key="status"
          type="success"
          showIcon
          message={t("sales.banner.completed", { time: formatDateTime(order.completed_at, language) })}
        />,
      );
      break;
    default:
      break;
  }
  if (order.pending_amendments > 0 && order.status !== "changes_proposed") {
    banners.push(
      <Alert
        key="pending"
        type="info"
        showIcon
        message={t("sales.banner.pendingChanges", { n: order.pending_amendments })}
      />,
    );
  }
  if (order.cancellation_refused_reason) {
    banners.push(
      <Alert
        key="refused"
        type="warning"
        showIcon
        message={t("sales.banner.cancellationRefused")}
        description={t("sales.timeline.reason", { reason: order.cancellation_refused_reason })}
      />,
    );
  }
  if (banners.length === 0) return null;
  return (
    <Space direction="vertical" style={{ width: "100%" }} data-testid="so-banner">
      {banners}
    </Space>
  );
}

function Details({ order }: { order: SalesOrder }) {
  const { t, i18n } = useTranslation();
  const language = currentLanguage(i18n);
  const contact = [order.buyer_contact.name, order.buyer_contact.email].filter(Boolean).join(" · ");
  return (
    <Descriptions size="small" bordered column={{ xs: 1, md: 2, xl: 3 }} data-testid="so-details">
      <Descriptions.Item label={t("sales.fields.customer")}>
        <Link to={`/customers/${order.customer.id}`} data-testid="so-customer-link">
          {order.customer.name}
        </Link>
      </Descriptions.Item>
      <Descriptions.Item label={t("sales.fields.buyerContact")}>{contact || "—"}</Descriptions.Item>
      <Descriptions.Item label={t("sales.fields.poNumber")}>{order.po_number || "—"}</Descriptions.Item>
      <Descriptions.Item label={t("sales.fields.customerReference")}>
        {order.customer_reference || "—"}
      </Descriptions.Item>
      <Descriptions.Item label={t("sales.fields.orderDate")}>
        {formatDate(order.order_date, language)}
      </Descriptions.Item>
      <Descriptions.Item label={t("sales.fields.requestedDate")}>
        {formatDate(order.requested_date, language)}
      </Descriptions.Item>
      <Descriptions.Item label={t("sales.fields.currency")}>{order.currency}</Descriptions.Item>
      <Descriptions.Item label={t("sales.fields.paymentTerms")}>{order.payment_terms || "—"}</Descriptions.Item>
      {order.accepted_at ? (
        <Descriptions.Item label={t("sales.fields.acceptedAt")}>
          {formatDateTime(order.accepted_at, language)}
        </Descriptions.Item>
      ) : null}
      {order.shipped_at ? (
        <Descriptions.Item label={t("sales.fields.shippedAt")}>
          {formatDateTime(order.shipped_at, language)}
        </Descriptions.Item>
      ) : null}
      <Descriptions.Item label={t("sales.fields.shipTo")} span="filled">
        <span style={{ whiteSpace: "pre-wrap" }}>{order.ship_to || "—"}</span>
      </Descriptions.Item>
      {order.notes ? (
        <Descriptions.Item label={t("sales.fields.notes")} span="filled">
          <span style={{ whiteSpace: "pre-wrap" }}>{order.notes}</span>
        </Descriptions.Item>
      ) : null}
    </Descriptions>
  );
}

function StockCard({ order }: { order: SalesOrder }) {
  const { t } = useTranslation();
  const stock = useStockCheck(order.id);
  return (
    <Card
      size="small"
      title={t("sales.stock.title")}
      extra={<Typography.Text type="secondary">{t("sales.stock.help")}</Typography.Text>}
    >
      {stock.isError ? (
        <ErrorState error={stock.error} onRetry={() => void stock.refetch()} />
      ) : (
        <StockCheckTable rows={stock.data ?? []} loading={stock.isPending} />
      )}
    </Card>
  );
}

function FulfilmentCard({ order }: { order: SalesOrder }) {
  const { t } = useTranslation();
  const query = { order_id: order.id, page: 1, page_size: 200 };
  const work = useWorkOrders(query);
  const back = useBackOrders(query);
  const workRows = work.data?.results ?? [];
  const backRows = back.data?.results ?? [];
  if (workRows.length === 0 && backRows.length === 0) return null;
  return (
    <Card size="small" title={t("sales.fulfilment.title")} data-testid="so-fulfilment">
      <Space direction="vertical" size="middle" style={{ width: "100%" }}>
        {workRows.length > 0 ? (
          <div>
            <Typography.Title level={5}>{t("sales.fulfilment.workOrders")}</Typography.Title>
            <WorkOrdersTable rows={workRows} showOrder={false} />
          </div>
        ) : null}
        {backRows.length > 0 ? (
          <div>
            <Typography.Title level={5}>{t("sales.fulfilment.backOrders")}</Typography.Title>
            <BackOrdersTable rows={backRows} showOrder={false} />
          </div>
        ) : null}
      </Space>
    </Card>
  );
}

function OrderView({ order }: { order: SalesOrder }) {
  const { t, i18n } = useTranslation();
  const language = currentLanguage(i18n);
  const { message } = App.useApp();
  const { can } = useAccess();
  const [dialog, setDialog] = useState<Dialog>(null);
  const amendments = useAmendments(order.id);
  const shipments = useShipments(order.id);
  const reject = useRejectOrder();
  const cancel = useCancelOrder();
  const has = (action: string) => order.actions.includes(action);
  // A dialog closes only itself: the accept dialog, for one, is unmounted as soon as the accepted order
  // arrives, and its close (after the refetches) must not shut the shipment dialog opened meanwhile.
  const closer = (which: Exclude<Dialog, null>) => () => setDialog((open) => (open === which ? null : open));
  const live = LIVE.has(order.status);
  const ordered = order.lines.reduce((sum, line) => sum + num(line.quantity), 0);
  const shipped = order.lines.reduce((sum, line) => sum + num(line.shipped_quantity), 0);
  const shippedPercent = ordered > 0 ? Math.min(100, Math.round((shipped / ordered) * 100)) : 0;
  const amendmentList: Amendment[] = amendments.data ?? [];

  return (
    <Space
      direction="vertical"
      size="large"
      style={{ width: "100%" }}
      data-testid="so-page"
      data-order-id={order.id}
      data-status={order.status}
    >
      <Space style={{ width: "100%", justifyContent: "space-between" }} align="start" wrap>
        <div>
          <Space wrap>
            <Typography.Title level={2} style={{ margin: 0 }} data-testid="so-number">
              {t("sales.detail.title", { number: order.number })}
            </Typography.Title>
            <SalesStatusTag status={order.status} />
            <SourceTag source={order.source} />
          </Space>
          <Typography.Text type="secondary" style={{ display: "block" }}>
            {order.customer.name}
            {order.po_number ? ` · ${t("sales.detail.po", { po: order.po_number })}` : ""}
          </Typography.Text>
        </div>
        <Space wrap>
          {has("accept") && can("so.accept") ? (
            <Button type="primary" icon={<CheckOutlined />} onClick={() => setDialog("accept")} data-testid="so-accept">
              {t("sales.accept.button")}
            </Button>
          ) : null}
          {has("propose") && can("so.accept") ? (
            <Button icon={<SwapOutlined />} onClick={() => setDialog("propose")} data-testid="so-propose">
              {t("sales.terms.proposeButton")}
            </Button>
          ) : null}
          {has("edit") && can("so.manage") ? (
            <Link to={`/sales-orders/${order.id}/edit`}>
              <Button icon={<EditOutlined />} data-testid="so-edit">
                {t("actions.edit")}
              </Button>
            </Link>
          ) : null}
          {has("reject") && can("so.accept") ? (
            <Button danger icon={<CloseOutlined />} onClick={() => setDialog("reject")} data-testid="so-reject">
              {t("sales.reject.button")}
            </Button>
          ) : null}
          {has("ship") && can("so.ship") ? (
            <Button type="primary" icon={<CarOutlined />} onClick={() => setDialog("ship")} data-testid="so-ship">
              {t("sales.ship.button")}
            </Button>
          ) : null}
          {has("amend") && can("so.accept") ? (
            <Button icon={<EditOutlined />} onClick={() => setDialog("amend")} data-testid="so-amend">
              {t("sales.terms.amendButton")}
            </Button>
          ) : null}
          {has("cancel") && can("so.manage") ? (
            <Button danger icon={<StopOutlined />} onClick={() => setDialog("cancel")} data-testid="so-cancel">
              {t("sales.cancel.button")}
            </Button>
          ) : null}
        </Space>
      </Space>

      <StatusBanner order={order} />

      <Row gutter={16}>
        <Col xs={12} md={6}>
          <Statistic
            title={t("sales.totals.total")}
            value={formatMoney(order.total, order.currency, language)}
            valueStyle={{ fontSize: 22 }}
          />
        </Col>
        <Col xs={12} md={6}>
          <Statistic title={t("sales.detail.lines")} value={order.lines.length} valueStyle={{ fontSize: 22 }} />
        </Col>
        <Col xs={12} md={6}>
          <Typography.Text type="secondary">{t("sales.detail.shippedProgress")}</Typography.Text>
          <Progress percent={shippedPercent} size="small" data-testid="so-shipped-progress" />
        </Col>
        <Col xs={12} md={6}>
          <Statistic
            title={t("sales.fields.requestedDate")}
            value={formatDate(order.requested_date, language)}
            valueStyle={{ fontSize: 16 }}
          />
        </Col>
      </Row>

      <Row gutter={[16, 16]}>
        <Col xs={24} xl={16}>
          <Space direction="vertical" size="large" style={{ width: "100%" }}>
            <Details order={order} />
            <Card size="small" title={t("sales.sections.lines")}>
              <OrderLinesTable order={order} />
            </Card>
            {["awaiting_acceptance", "changes_proposed"].includes(order.status) ? <StockCard order={order} /> : null}
            {order.accepted_at ? <FulfilmentCard order={order} /> : null}
            <Card
              size="small"
              title={t("sales.sections.shipments", { n: shipments.data?.length ?? 0 })}
              data-testid="so-shipments"
            >
              <QueryView
                query={shipments}
                isEmpty={(rows) => rows.length === 0}
                empty={<EmptyState description={t("sales.shipments.empty")} />}
              >
                {(rows) => <ShipmentsTable shipments={rows} />}
              </QueryView>
            </Card>
            <ShipmentTrackingCard side="supplier" orderId={order.id} canManage={can("supplychain.manage")} />
            <Card size="small" title={t("sales.sections.amendments")} data-testid="so-amendments">
              <QueryView query={amendments}>{(rows) => <AmendmentsCard order={order} amendments={rows} />}</QueryView>
            </Card>
            <SettlementsCard order={order} canAnswer={can("so.accept")} />
          </Space>
        </Col>
        <Col xs={24} xl={8}>
          <Card size="small" title={t("sales.sections.timeline")}>
            <SalesTimeline
              orderId={order.id}
              live={live}
              currency={order.currency}
              lines={order.lines}
              amendments={amendmentList}
            />
          </Card>
        </Col>
      </Row>

      {/* Only the dialogs the order's state allows, so each test id is on the page once. */}
      {has("accept") ? <AcceptModal order={order} open={dialog === "accept"} onClose={closer("accept")} /> : null}
      {has("propose") ? (
        <TermsModal order={order} mode="propose" open={dialog === "propose"} onClose={closer("propose")} />
      ) : null}
      {has("amend") ? (
        <TermsModal order={order} mode="amend" open={dialog === "amend"} onClose={closer("amend")} />
      ) : null}
      {has("ship") ? <ShipmentModal order={order} open={dialog === "ship"} onClose={closer("ship")} /> : null}
      <ReasonModal
        open={dialog === "reject"}
        title={t("sales.reject.title", { number: order.number })}
        intro={order.source === "hansa" ? t("sales.reject.buyerTold") : undefined}
        label={t("sales.reason")}
        okText={t("sales.reject.submit")}
        submitting={reject.isPending}
        testId="reject"
        onSubmit={(reason) =>
          reject.mutateAsync({ id: order.id, reason }).then(() => void message.success(t("sales.reject.done")))
        }
        onClose={closer("reject")}
      />
      <ReasonModal
        open={dialog === "cancel"}
        title={t("sales.cancel.title", { number: order.number })}
        intro={t("sales.cancel.intro")}
        label={t("sales.reason")}
        okText={t("sales.cancel.submit")}
        submitting={cancel.isPending}
        testId="cancel"
        onSubmit={(reason) =>
          cancel.mutateAsync({ id: order.id, reason }).then(() => void message.success(t("sales.cancel.done")))
        }
        onClose={closer("cancel")}
      />
    </Space>
  );
}

export function SalesOrderDetailPage() {
  const { t } = useTranslation();
  const id = Number(useParams().orderId);
  const order = useSalesOrder(id);
  return (
    <Space direction="vertical" size="middle" style={{ width: "100%" }}>
      <Link to="/sales-orders">← {t("sales.backToList")}</Link>
      <QueryView query={order} loadingRows={10}>
        {(data) => <OrderView order={data} />}
      </QueryView>
    </Space>
  );
}

export { SalesOrderDetailPage as Component };
