import { Alert, App, Col, Form, Input, InputNumber, Modal, Radio, Row, Typography } from "antd";
import { useEffect, useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import { FormAlert, useFormProblem } from "@/components/FormAlert";
import { resultsOf } from "@/lib/api";
import { currentLanguage } from "@/lib/i18n";
import { toProblem } from "@/lib/problem";
import { usePostMovement, type Movement, type MovementKind } from "../api/movements";
import { useStockLevels } from "../api/stockLevels";
import { useWarehouses } from "../api/warehouses";
import { newIdempotencyKey } from "./idempotencyKey";
import type { ItemRef } from "./ItemName";
import { ItemSelect } from "./ItemSelect";
import { isQuantity, quantityText, unitLabel } from "./Quantity";
import { WarehouseSelect } from "./WarehouseSelect";

export interface MovementStart {
  kind: MovementKind;
  item?: ItemRef | null;
  warehouseId?: number | null;
}

interface Values {
  item: number | null;
  warehouse: number | null;
  from_warehouse: number | null;
  to_warehouse: number | null;
  direction: "increase" | "decrease";
  quantity: string | null;
  reason: string;
  reference: string;
}

/** Where the server names the adjustment's signed quantity, the form has a direction and a size. */
const FIELD_MAP = { quantity_delta: "quantity" };

function toMovement(kind: MovementKind, v: Values): Movement {
  const item = v.item ?? 0;
  const quantity = (v.quantity ?? "").trim();
  const reference = (v.reference ?? "").trim();
  switch (kind) {
    case "receipt":
      return { kind, body: { item_id: item, warehouse_id: v.warehouse, quantity, reference } };
    case "issue":
      return { kind, body: { item_id: item, warehouse_id: v.warehouse, quantity, reference } };
    case "adjustment":
      return {
        kind,
        body: {
          item_id: item,
          warehouse_id: v.warehouse,
          quantity_delta: v.direction === "decrease" ? `-${quantity}` : quantity,
          reason: (v.reason ?? "").trim(),
        },
      };
    case "transfer":
      return {
        kind,
        body: {
          item_id: item,
          from_warehouse_id: v.from_warehouse ?? 0,
          to_warehouse_id: v.to_warehouse ?? 0,
          quantity,
          reference,
        },
      };
  }
}

/**
 * A manual stock movement: goods received, goods issued, a correction with its reason, or a transfer
 * between warehouses. Shows what is on hand and available where the goods come from; the server
 * refuses to take more than is available (`insufficient_stock`) and that answer is shown as it is.
 */
export function MovementModal({ start, onClose }: { start: MovementStart | null; onClose: () => void }) {
  const { t, i18n } = useTranslation();
  const language = currentLanguage(i18n);
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const post = usePostMovement();
  const { state, report, clear } = useFormProblem(form, FIELD_MAP);
  // The item picked in this movement (its unit), else the one it started with.
  const [picked, setPicked] = useState<{ start: MovementStart | null; item: ItemRef | null }>({
    start: null,
    item: null,
  });
  const item = picked.start === start && start !== null ? picked.item : (start?.item ?? null);
  const idempotencyKey = useRef(newIdempotencyKey());
  const warehouses = useWarehouses();
  const open = start !== null;
  const kind = start?.kind ?? "receipt";

  const defaultWarehouse = resultsOf(warehouses.data).find((w) => w.is_default && w.is_active)?.id ?? null;

  useEffect(() => {
    if (!start) return;
    clear();
    form.resetFields();
    idempotencyKey.current = newIdempotencyKey();
    const warehouse = start.warehouseId ?? null;
    form.setFieldsValue({
      item: start.item?.id ?? null,
      warehouse,
      from_warehouse: warehouse,
      to_warehouse: null,
      direction: "decrease",
      quantity: null,
      reason: "",
      reference: "",
    });
  }, [start, form, clear]);

  // The default warehouse, once known, for a movement that names none yet.
  useEffect(() => {
    if (open && defaultWarehouse !== null && kind !== "transfer" && form.getFieldValue("warehouse") == null) {
      form.setFieldsValue({ warehouse: defaultWarehouse });
    }
  }, [open, kind, defaultWarehouse, form]);

  const itemId = Form.useWatch("item", form) ?? null;
  const warehouseId = Form.useWatch(kind === "transfer" ? "from_warehouse" : "warehouse", form) ?? null;
  const fromWarehouse = Form.useWatch("from_warehouse", form) ?? null;
  const direction = Form.useWatch("direction", form);
  const quantity = Form.useWatch("quantity", form);
  const level = useStockLevels(
    { item_id: itemId ?? undefined, warehouse_id: warehouseId ?? undefined, page: 1, page_size: 1 },
    { enabled: open && itemId !== null && warehouseId !== null },
  );
  // What the chosen warehouse holds of the chosen item (nothing yet: zeros), once the server said so.
  const found = level.data?.results[0];
  const current =
    itemId === null || warehouseId === null || !level.data || level.isPlaceholderData
      ? null
      : found && found.item.id === itemId && found.warehouse.id === warehouseId
        ? { on_hand: found.on_hand, reserved: found.reserved, available: found.available, unit: found.item.unit }
        : { on_hand: "0", reserved: "0", available: "0", unit: "" };
  const available = current ? Number(current.available) : 0;
  const takes = kind === "issue" || kind === "transfer" || (kind === "adjustment" && direction === "decrease");
  const wanted = quantity && isQuantity(String(quantity)) ? Number(quantity) : 0;
  const exceeds = takes && current !== null && !level.isFetching && wanted > available;
  const unit = item?.unit || current?.unit || "";

  const onOk = async () => {
    const values = await form.validateFields();
    clear();
    try {
      await post.mutateAsync({ movement: toMovement(kind, values), idempotencyKey: idempotencyKey.current });
      void message.success(t(`inventory.movement.done.${kind}`));
      onClose();
    } catch (error) {
      report(error);
      if (toProblem(error).code === "insufficient_stock") void level.refetch();
    }
  };

  const problemCode = state ? toProblem(state.error).code : undefined;

  return (
    <Modal
      open={open}
      title={t(`inventory.movement.title.${kind}`)}
      okText={t(`inventory.movement.submit.${kind}`)}
      cancelText={t("actions.cancel")}
      confirmLoading={post.isPending}
      onOk={() => void onOk().catch(() => undefined)}
      onCancel={onClose}
      okButtonProps={{ "data-testid": "movement-submit" } as Record<string, string>}
      cancelButtonProps={{ "data-testid": "movement-cancel" } as Record<string, string>}
      forceRender
    >
      <div data-testid="movement-modal" data-kind={kind}>
        <Typography.Paragraph type="secondary">{t(`inventory.movement.help.${kind}`)}</Typography.Paragraph>
        <Form form={form} layout="vertical" name={`movement-${kind}`} requiredMark="optional">
          <div data-testid="movement-error" data-problem-code={problemCode}>
            <FormAlert state={state} />
          </div>
          <Form.Item
            name="item"
            label={t("inventory.fields.item")}
            rules={[{ required: true, message: t("validation.required") }]}
          >
            <ItemSelect
              activeOnly
              allowClear={false}
              selected={start?.item ?? null}
              onChange={(_, next) => setPicked({ start, item: next })}
              data-testid="movement-item"
            />
          </Form.Item>
          {kind === "transfer" ? (
            <Row gutter={12}>
              <Col xs={24} sm={12}>
                <Form.Item
                  name="from_warehouse"
                  label={t("inventory.fields.fromWarehouse")}
                  rules={[{ required: true, message: t("validation.required") }]}
                >
                  <WarehouseSelect activeOnly allowClear={false} data-testid="movement-from-warehouse" />
                </Form.Item>
              </Col>
              <Col xs={24} sm={12}>
                <Form.Item
                  name="to_warehouse"
                  label={t("inventory.fields.toWarehouse")}
                  dependencies={["from_warehouse"]}
                  rules={[
                    { required: true, message: t("validation.required") },
                    {
                      validator: (_, value: number | null) =>
                        value === null || value === undefined || value !== form.getFieldValue("from_warehouse")
                          ? Promise.resolve()
                          : Promise.reject(new Error(t("inventory.movement.sameWarehouse"))),
                    },
                  ]}
                >
                  <WarehouseSelect
                    activeOnly
                    allowClear={false}
                    exclude={fromWarehouse}
                    data-testid="movement-to-warehouse"
                  />
                </Form.Item>
              </Col>
            </Row>
          ) : (
            <Form.Item
              name="warehouse"
              label={t("inventory.fields.warehouse")}
              extra={resultsOf(warehouses.data).length === 0 ? t("inventory.movement.defaultWarehouse") : undefined}
            >
              <WarehouseSelect activeOnly allowClear={false} data-testid="movement-warehouse" />
            </Form.Item>
          )}
          {current ? (
            <Alert
              data-testid="movement-available"
              type={exceeds ? "warning" : "info"}
              showIcon
              style={{ marginBottom: 16 }}
              message={t("inventory.movement.levelNow", {
                onHand: quantityText(t, language, current.on_hand, unit),
                reserved: quantityText(t, language, current.reserved, unit),
                available: quantityText(t, language, current.available, unit),
              })}
              description={
                exceeds
                  ? t("inventory.movement.exceeds", { available: quantityText(t, language, current.available, unit) })
                  : undefined
              }
            />
          ) : null}
          {kind === "adjustment" ? (
            <Form.Item name="direction" label={t("inventory.fields.direction")}>
              <Radio.Group optionType="button" buttonStyle="solid" data-testid="movement-direction">
                <Radio.Button value="increase" data-testid="movement-direction-increase">
                  {t("inventory.movement.increase")}
                </Radio.Button>
                <Radio.Button value="decrease" data-testid="movement-direction-decrease">
                  {t("inventory.movement.decrease")}
                </Radio.Button>
              </Radio.Group>
            </Form.Item>
          ) : null}
          <Form.Item
            name="quantity"
            label={t("inventory.fields.quantity")}
            rules={[
              { required: true, message: t("validation.required") },
              {
                validator: (_, value: string | null) => {
                  if (value === null || value === undefined || value === "") return Promise.resolve();
                  if (!isQuantity(String(value))) return Promise.reject(new Error(t("inventory.validation.quantity")));
                  if (Number(value) <= 0) return Promise.reject(new Error(t("inventory.validation.positive")));
                  return Promise.resolve();
                },
              },
            ]}
          >
            <InputNumber<string>
              stringMode
              min="0"
              controls={false}
              style={{ width: "100%" }}
              suffix={unit ? unitLabel(t, unit) : undefined}
              data-testid="movement-quantity"
            />
          </Form.Item>
          {kind === "adjustment" ? (
            <Form.Item
              name="reason"
              label={t("inventory.fields.reason")}
              extra={t("inventory.movement.reasonHelp")}
              rules={[
                { required: true, whitespace: true, message: t("inventory.validation.reason") },
                { max: 500, message: t("validation.maxLength", { max: 500 }) },
              ]}
            >
              <Input.TextArea rows={2} maxLength={500} data-testid="movement-reason" />
            </Form.Item>
          ) : (
            <Form.Item
              name="reference"
              label={t("inventory.fields.reference")}
              extra={t("inventory.movement.referenceHelp")}
              rules={[{ max: 200, message: t("validation.maxLength", { max: 200 }) }]}
            >
              <Input maxLength={200} data-testid="movement-reference" />
            </Form.Item>
          )}
        </Form>
      </div>
    </Modal>
  );
}
