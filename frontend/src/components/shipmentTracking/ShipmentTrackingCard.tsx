/**
 * The tracking of an order's shipments — status, ETA, promised date, a late badge and the events as a
 * timeline — on the supplier's sales-order page and the buyer's purchase-order page. On the supplier's
 * side, members who may manage supply chain enter events and the ETA by hand.
 */
import {
  Alert,
  App,
  Button,
  Card,
  Col,
  DatePicker,
  Descriptions,
  Form,
  Input,
  Modal,
  Row,
  Select,
  Space,
  Tag,
  Timeline,
  Typography,
} from "antd";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { QueryView } from "@/components/PageState";
import { useAccess } from "@/lib/access";
import { dateTimeFieldProps } from "@/lib/dates";
import { applyProblemToForm } from "@/lib/forms";
import { formatDate, formatDateTime } from "@/lib/format";
import { currentLanguage } from "@/lib/i18n";
import { problemMessage } from "@/lib/problem";
import {
  type ShipmentTimeline,
  type TrackingEvent,
  type TrackingEventInput,
  type TrackingSide,
  useAddTrackingEvent,
  useOrderTracking,
  useSetTrackingEta,
} from "./api";
import { useSupplyChainMessages } from "./useSupplyChainMessages";

const EVENT_TYPES = ["picked_up", "in_transit", "out_for_delivery", "delivered", "exception"] as const;
const STATUS_COLOURS: Record<string, string> = {
  shipped: "default",
  picked_up: "blue",
  in_transit: "processing",
  out_for_delivery: "cyan",
  delivered: "success",
  exception: "error",
};

function newKey(): string {
  if (typeof crypto.randomUUID === "function") return crypto.randomUUID();
  return Array.from(crypto.getRandomValues(new Uint8Array(16)), (b) => b.toString(16).padStart(2, "0")).join("");
}

export function ShipmentTrackingCard({
  side,
  orderId,
  canManage = false,
}: {
  side: TrackingSide;
  orderId: number;
  canManage?: boolean;
}) {
  const { can } = useAccess();
  const allowed = can("supplychain.view");
  const ready = useSupplyChainMessages();
  const query = useOrderTracking(side, orderId, allowed);
  // Secondary on the order pages: nothing at all until there is a shipment to track.
  if (!allowed || !ready || query.isError || (query.isSuccess && query.data.length === 0)) return null;
  return <TrackingCardBody side={side} query={query} canManage={canManage && side === "supplier"} />;
}

function TrackingCardBody({
  side,
  query,
  canManage,
}: {
  side: TrackingSide;
  query: ReturnType<typeof useOrderTracking>;
  canManage: boolean;
}) {
  const { t } = useTranslation();
  const [dialog, setDialog] = useState<{ kind: "event" | "eta"; timeline: ShipmentTimeline } | null>(null);
  return (
    <Card size="small" title={t("supplyChain.tracking.card.title")} data-testid={`tracking-card-${side}`}>
      <QueryView query={query} loadingRows={3}>
        {(rows) => (
          <Space direction="vertical" size="large" style={{ width: "100%" }}>
            {rows.map((row) => (
              <ShipmentBlock
                key={row.shipment_number}
                row={row}
                canManage={canManage && row.shipment_id !== null}
                onEvent={() => setDialog({ kind: "event", timeline: row })}
                onEta={() => setDialog({ kind: "eta", timeline: row })}
              />
            ))}
          </Space>
        )}
      </QueryView>
      {dialog?.kind === "event" ? <EventModal timeline={dialog.timeline} onClose={() => setDialog(null)} /> : null}
      {dialog?.kind === "eta" ? <EtaModal timeline={dialog.timeline} onClose={() => setDialog(null)} /> : null}
    </Card>
  );
}

function ShipmentBlock({
  row,
  canManage,
  onEvent,
  onEta,
}: {
  row: ShipmentTimeline;
  canManage: boolean;
  onEvent: () => void;
  onEta: () => void;
}) {
  const { t } = useTranslation();
  const language = currentLanguage();
  const none = t("supplyChain.tracking.card.none");
  return (
    <div data-testid={`tracking-${row.shipment_number}`}>
      <Row justify="space-between" align="middle" gutter={8}>
        <Col>
          <Space wrap>
            <Typography.Text strong>{row.shipment_number}</Typography.Text>
            <Tag color={STATUS_COLOURS[row.status] ?? "default"} data-testid={`tracking-status-${row.shipment_number}`}>
              {t(`supplyChain.tracking.status.${row.status}`)}
            </Tag>
            {row.late ? (
              <Tag color="red" data-testid={`tracking-late-${row.shipment_number}`}>
                {t("supplyChain.tracking.card.late")}
                {row.late_reason ? ` · ${t(`supplyChain.tracking.lateReason.${row.late_reason}`)}` : ""}
              </Tag>
            ) : null}
          </Space>
        </Col>
        {canManage ? (
          <Col>
            <Space>
              <Button size="small" onClick={onEvent} data-testid={`tracking-add-event-${row.shipment_number}`}>
                {t("supplyChain.tracking.card.addEvent")}
              </Button>
              <Button size="small" onClick={onEta} data-testid={`tracking-set-eta-${row.shipment_number}`}>
                {t("supplyChain.tracking.card.setEta")}
              </Button>
            </Space>
          </Col>
        ) : null}
      </Row>
      <Descriptions size="small" column={{ xs: 1, sm: 2 }} style={{ marginTop: 8 }}>
        <Descriptions.Item label={t("supplyChain.tracking.card.carrier")}>{row.carrier || none}</Descriptions.Item>
        <Descriptions.Item label={t("supplyChain.tracking.card.trackingNumber")}>
          {row.tracking_number || none}
        </Descriptions.Item>
        <Descriptions.Item
          label={
            row.eta_source
              ? t("supplyChain.tracking.card.etaBy", { source: t(`supplyChain.tracking.source.${row.eta_source}`) })
              : t("supplyChain.tracking.card.eta")
          }
        >
          <span data-testid={`tracking-eta-${row.shipment_number}`}>
            {row.eta ? formatDateTime(row.eta, language) : none}
          </span>
        </Descriptions.Item>
        <Descriptions.Item label={t("supplyChain.tracking.card.promised")}>
          {row.promised_date ? formatDate(row.promised_date, language) : none}
        </Descriptions.Item>
        {row.delivered_at ? (
          <Descriptions.Item label={t("supplyChain.tracking.card.delivered")}>
            {formatDateTime(row.delivered_at, language)}
          </Descriptions.Item>
        ) : null}
      </Descriptions>
      {row.events.length === 0 ? (
        <Typography.Text type="secondary">{t("supplyChain.tracking.card.noEvents")}</Typography.Text>
      ) : (
        <Timeline
          style={{ marginTop: 8 }}
          items={[...row.events].reverse().map((event) => ({
            color: event.type === "exception" ? "red" : event.type === "delivered" ? "green" : "blue",
            children: <EventLine event={event} />,
          }))}
        />
      )}
    </div>
  );
}

function EventLine({ event }: { event: TrackingEvent }) {
  const { t } = useTranslation();
  const language = currentLanguage();
  return (
    <div data-testid={`tracking-event-${event.id}`}>
      <Space wrap size={4}>
        <Typography.Text strong>{t(`supplyChain.tracking.status.${event.type}`)}</Typography.Text>
        <Typography.Text type="secondary">{formatDateTime(event.occurred_at, language)}</Typography.Text>
        <Tag>{t(`supplyChain.tracking.source.${event.source}`)}</Tag>
      </Space>
      {event.location ? <div>{event.location}</div> : null}
      {event.latitude !== null && event.longitude !== null ? (
        <Typography.Text type="secondary">
          {t("supplyChain.tracking.card.coordinates", { lat: event.latitude, lon: event.longitude })}
        </Typography.Text>
      ) : null}
      {event.reason ? <div>{event.reason}</div> : null}
    </div>
  );
}

interface EventValues {
  type: TrackingEventInput["type"];
  occurred_at?: string | null;
  location?: string;
  latitude?: string;
  longitude?: string;
  reason?: string;
  eta?: string | null;
}

function EventModal({ timeline, onClose }: { timeline: ShipmentTimeline; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<EventValues>();
  const [key] = useState(newKey);
  const [error, setError] = useState<string | null>(null);
  const add = useAddTrackingEvent();
  const type = Form.useWatch("type", form);
  const submit = async (values: EventValues) => {
    setError(null);
    try {
      await add.mutateAsync({
        shipmentId: timeline.shipment_id as number,
        idempotencyKey: key,
        body: {
          type: values.type,
          occurred_at: values.occurred_at ?? null,
          location: values.location ?? "",
          latitude: values.latitude ? values.latitude : null,
          longitude: values.longitude ? values.longitude : null,
          reason: values.reason ?? "",
          eta: values.eta ?? null,
        },
      });
      void message.success(t("supplyChain.tracking.eventForm.saved"));
      onClose();
    } catch (caught) {
      const unplaced = applyProblemToForm(form, caught);
      setError(unplaced.length ? unplaced.join(" ") : problemMessage(t, caught));
    }
  };
  return (
    <Modal
      open
      title={t("supplyChain.tracking.eventForm.title", { shipment: timeline.shipment_number })}
      okText={t("supplyChain.tracking.eventForm.submit")}
      onOk={() => form.submit()}
      onCancel={onClose}
      confirmLoading={add.isPending}
      okButtonProps={{ "data-testid": "tracking-event-submit" } as Record<string, string>}
      destroyOnHidden
    >
      {error ? (
        <Alert type="error" showIcon message={error} style={{ marginBottom: 12 }} data-testid="tracking-event-error" />
      ) : null}
      <Form form={form} layout="vertical" onFinish={submit} initialValues={{ type: "in_transit" }}>
        <Form.Item name="type" label={t("supplyChain.tracking.eventForm.type")} rules={[{ required: true }]}>
          <Select
            data-testid="tracking-event-type"
            options={EVENT_TYPES.map((value) => ({ value, label: t(`supplyChain.tracking.status.${value}`) }))}
          />
        </Form.Item>
        <Form.Item
          name="occurred_at"
          label={t("supplyChain.tracking.eventForm.occurredAt")}
          extra={t("supplyChain.tracking.eventForm.occurredAtHelp")}
          {...dateTimeFieldProps}
        >
          <DatePicker showTime style={{ width: "100%" }} />
        </Form.Item>
        <Form.Item name="location" label={t("supplyChain.tracking.eventForm.location")}>
          <Input maxLength={300} data-testid="tracking-event-location" />
        </Form.Item>
        <Row gutter={8}>
          <Col span={12}>
            <Form.Item name="latitude" label={t("supplyChain.tracking.eventForm.latitude")}>
              <Input inputMode="decimal" data-testid="tracking-event-latitude" />
            </Form.Item>
          </Col>
          <Col span={12}>
            <Form.Item name="longitude" label={t("supplyChain.tracking.eventForm.longitude")}>
              <Input inputMode="decimal" data-testid="tracking-event-longitude" />
            </Form.Item>
          </Col>
        </Row>
        <Form.Item
          name="reason"
          label={t("supplyChain.tracking.eventForm.reason")}
          rules={
            type === "exception"
              ? [{ required: true, message: t("supplyChain.tracking.eventForm.reasonRequired") }]
              : []
          }
        >
          <Input.TextArea maxLength={1000} rows={2} data-testid="tracking-event-reason" />
        </Form.Item>
        <Form.Item name="eta" label={t("supplyChain.tracking.eventForm.eta")} {...dateTimeFieldProps}>
          <DatePicker showTime style={{ width: "100%" }} />
        </Form.Item>
      </Form>
    </Modal>
  );
}

function EtaModal({ timeline, onClose }: { timeline: ShipmentTimeline; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<{ eta: string | null }>();
  const [error, setError] = useState<string | null>(null);
  const setEta = useSetTrackingEta();
  const submit = async (values: { eta?: string | null }) => {
    setError(null);
    try {
      await setEta.mutateAsync({ shipmentId: timeline.shipment_id as number, eta: values.eta ?? null });
      void message.success(t("supplyChain.tracking.etaForm.saved"));
      onClose();
    } catch (caught) {
      const unplaced = applyProblemToForm(form, caught);
      setError(unplaced.length ? unplaced.join(" ") : problemMessage(t, caught));
    }
  };
  return (
    <Modal
      open
      title={t("supplyChain.tracking.etaForm.title", { shipment: timeline.shipment_number })}
      okText={t("supplyChain.tracking.etaForm.submit")}
      onOk={() => form.submit()}
      onCancel={onClose}
      confirmLoading={setEta.isPending}
      okButtonProps={{ "data-testid": "tracking-eta-submit" } as Record<string, string>}
      destroyOnHidden
    >
      {error ? <Alert type="error" showIcon message={error} style={{ marginBottom: 12 }} /> : null}
      <Form form={form} layout="vertical" onFinish={submit} initialValues={{ eta: timeline.eta }}>
        <Form.Item
          name="eta"
          label={t("supplyChain.tracking.etaForm.eta")}
          extra={t("supplyChain.tracking.etaForm.etaHelp")}
          {...dateTimeFieldProps}
        >
          <DatePicker showTime allowClear style={{ width: "100%" }} data-testid="tracking-eta-input" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
