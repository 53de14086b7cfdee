import type { ButtonProps } from "antd";
import {
  Alert,
  Button,
  Card,
  Form,
  Input,
  InputNumber,
  Modal,
  Radio,
  Select,
  Space,
  Table,
  Tag,
  Typography,
} from "antd";
import { useEffect, useMemo, useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import { FormAlert, useFormProblem } from "@/components/FormAlert";
import { formatDateTime, formatQuantity } from "@/lib/format";
import { currentLanguage } from "@/lib/i18n";
import { useCreateSettlement, useSettlements, type Resolution, type Settlement } from "../api/settlements";
import type { PurchaseOrder } from "../api/purchaseOrders";
import { newIdempotencyKey } from "./idempotencyKey";

const STATUS_COLORS: Record<string, string> = { pending: "gold", accepted: "green", declined: "red" };
const RESOLUTIONS: Resolution[] = ["replacement", "return", "short_close"];

interface Values {
  resolution: Resolution;
  line_no: number;
  quantity: number | null;
  reason?: string;
}

/** The buyer chooses how rejected goods of one line are settled; the supplier on Hansa then answers. */
function SettleModal({ order, open, onClose }: { order: PurchaseOrder; open: boolean; onClose: () => void }) {
  const { t, i18n } = useTranslation();
  const language = currentLanguage(i18n);
  const [form] = Form.useForm<Values>();
  const { state, report, clear } = useFormProblem(form, {
    "lines.0.quantity": "quantity",
    "lines.0.line_no": "line_no",
  });
  const create = useCreateSettlement();
  // One key per opening of the dialog: a retried send of the same choice happens once.
  const key = useRef(newIdempotencyKey());
  const candidates = useMemo(() => order.lines.filter((line) => Number(line.settleable_quantity) > 0), [order.lines]);

  useEffect(() => {
    if (open) {
      clear();
      form.resetFields();
      key.current = newIdempotencyKey();
      if (candidates[0]) form.setFieldsValue({ line_no: candidates[0].line_no, resolution: "replacement" });
    }
  }, [open, form, clear, candidates]);

  const onOk = async () => {
    const values = await form.validateFields();
    clear();
    try {
      await create.mutateAsync({
        id: order.id,
        idempotencyKey: key.current,
        body: {
          resolution: values.resolution,
          reason: (values.reason ?? "").trim(),
          lines: [{ line_no: values.line_no, quantity: values.quantity === null ? null : String(values.quantity) }],
        },
      });
      onClose();
    } catch (error) {
      report(error);
    }
  };

  return (
    <Modal
      open={open}
      title={t("procurement.settlements.chooseTitle")}
      okText={t("procurement.settlements.choose")}
      okButtonProps={{ loading: create.isPending, "data-testid": "settle-confirm" } as ButtonProps}
      onOk={onOk}
      onCancel={onClose}
      destroyOnClose
    >
      <FormAlert state={state} />
      <Typography.Paragraph type="secondary">
        {order.supplier_id ? t("procurement.settlements.introHansa") : t("procurement.settlements.introEmail")}
      </Typography.Paragraph>
      <Form form={form} layout="vertical" initialValues={{ resolution: "replacement", quantity: null }}>
        <Form.Item name="line_no" label={t("procurement.settlements.line")} rules={[{ required: true }]}>
          <Select
            data-testid="settle-line"
            options={candidates.map((line) => ({
              value: line.line_no,
              label: t("procurement.settlements.lineOption", {
                line: line.line_no,
                description: line.description,
                quantity: `${formatQuantity(line.settleable_quantity, language)} ${line.unit}`,
              }),
            }))}
          />
        </Form.Item>
        <Form.Item name="resolution" label={t("procurement.settlements.resolution")} rules={[{ required: true }]}>
          <Radio.Group>
            <Space direction="vertical">
              {RESOLUTIONS.map((resolution) => (
                <Radio key={resolution} value={resolution} data-testid={`settle-${resolution}`}>
                  {t(`procurement.settlements.resolutions.${resolution}`)}
                  <Typography.Text type="secondary">
                    {" "}
                    — {t(`procurement.settlements.explain.${resolution}`)}
                  </Typography.Text>
                </Radio>
              ))}
            </Space>
          </Radio.Group>
        </Form.Item>
        <Form.Item
          name="quantity"
          label={t("procurement.settlements.quantity")}
          extra={t("procurement.settlements.quantityHelp")}
        >
          <InputNumber min={0.0001} step={1} style={{ width: "100%" }} data-testid="settle-quantity" />
        </Form.Item>
        <Form.Item name="reason" label={t("procurement.settlements.reason")}>
          <Input.TextArea rows={2} maxLength={2000} />
        </Form.Item>
      </Form>
    </Modal>
  );
}

/** Settlements of rejected goods on a purchase order, and the button to choose one. */
export function SettlementsCard({ order, canChoose }: { order: PurchaseOrder; canChoose: boolean }) {
  const { t, i18n } = useTranslation();
  const language = currentLanguage(i18n);
  const rejected = order.lines.some((line) => Number(line.rejected_quantity) > 0);
  const settlements = useSettlements(order.id, rejected);
  const [open, setOpen] = useState(false);
  if (!rejected) return null;
  const toSettle = order.lines.some((line) => Number(line.settleable_quantity) > 0);
  const units = new Map(order.lines.map((line) => [line.line_no, line.unit]));
  const canSettleNow = canChoose && toSettle && order.status === "partly_received";

  return (
    <Card
      size="small"
      title={t("procurement.settlements.title")}
      extra={
        canSettleNow ? (
          <Button type="primary" size="small" onClick={() => setOpen(true)} data-testid="settle-open">
            {t("procurement.settlements.open")}
          </Button>
        ) : null
      }
    >
      {toSettle ? (
        <Alert type="warning" showIcon style={{ marginBottom: 12 }} message={t("procurement.settlements.unsettled")} />
      ) : null}
      <Table<Settlement>
        size="small"
        pagination={false}
        rowKey="id"
        loading={settlements.isLoading}
        dataSource={settlements.data ?? []}
        locale={{ emptyText: t("procurement.settlements.none") }}
        columns={[
          {
            key: "resolution",
            title: t("procurement.settlements.resolution"),
            render: (_, s) => (
              <Space direction="vertical" size={0}>
                <span>{t(`procurement.settlements.resolutions.${s.resolution}`)}</span>
                {s.return_number ? <Typography.Text code>{s.return_number}</Typography.Text> : null}
              </Space>
            ),
          },
          {
            key: "lines",
            title: t("procurement.settlements.lines"),
            render: (_, s) =>
              s.lines
                .map((l) => `#${l.line_no} × ${formatQuantity(l.quantity, language)} ${units.get(l.line_no) ?? ""}`)
                .join(", "),
          },
          {
            key: "status",
            title: t("procurement.settlements.status"),
            render: (_, s) => (
              <Space direction="vertical" size={0}>
                <Tag color={STATUS_COLORS[s.status]}>{t(`procurement.settlements.statuses.${s.status}`)}</Tag>
                {s.response_reason ? <Typography.Text type="secondary">{s.response_reason}</Typography.Text> : null}
              </Space>
            ),
          },
          {
            key: "at",
            title: t("procurement.settlements.at"),
            render: (_, s) => formatDateTime(s.decided_at ?? s.created_at, language),
          },
        ]}
      />
      <SettleModal order={order} open={open} onClose={() => setOpen(false)} />
    </Card>
  );
}
