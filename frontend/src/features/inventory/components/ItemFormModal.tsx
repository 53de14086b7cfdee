import { App, AutoComplete, Col, Form, Input, InputNumber, Modal, Row, Switch } from "antd";
import { useEffect, useRef } from "react";
import { useTranslation } from "react-i18next";
import { CategoryTreeSelect } from "@/components/CategoryTreeSelect";
import { FormAlert, useFormProblem } from "@/components/FormAlert";
import { trimDecimal } from "@/lib/format";
import { toProblem } from "@/lib/problem";
import { UNITS } from "@/lib/units";
import { useUpdateItem } from "../api/item";
import { useCreateItem, type Item } from "../api/items";
import { newIdempotencyKey } from "./idempotencyKey";
import { ListingSelect } from "./ListingSelect";
import { isQuantity, unitLabel } from "./Quantity";

interface Values {
  sku: string;
  name_zh: string;
  name_en: string;
  unit: string;
  category_code: string | null;
  listing_id: number | null;
  reorder_point: string | null;
  reorder_quantity: string | null;
  is_active: boolean;
}

function blankToNull(value: string | null | undefined): string | null {
  const text = value === null || value === undefined ? "" : String(value).trim();
  return text === "" ? null : text;
}

/**
 * Creates an item (`item` null) or edits one. The SKU is fixed once created: documents and the ledger
 * refer to it. The reorder point applies to the item's available stock across all warehouses.
 */
export function ItemFormModal({
  open,
  item,
  onClose,
  onSaved,
}: {
  open: boolean;
  item: Item | null;
  onClose: () => void;
  onSaved?: (item: Item) => void;
}) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const create = useCreateItem();
  const update = useUpdateItem();
  const { state, report, clear } = useFormProblem(form);
  const idempotencyKey = useRef(newIdempotencyKey());

  useEffect(() => {
    if (!open) return;
    clear();
    form.resetFields();
    idempotencyKey.current = newIdempotencyKey();
    form.setFieldsValue(
      item
        ? {
            sku: item.sku,
            name_zh: item.name_zh,
            name_en: item.name_en,
            unit: item.unit,
            category_code: item.category_code || null,
            listing_id: item.listing_id,
            reorder_point: trimDecimal(item.reorder_point),
            reorder_quantity: trimDecimal(item.reorder_quantity),
            is_active: item.is_active,
          }
        : {
            sku: "",
            name_zh: "",
            name_en: "",
            unit: "pcs",
            category_code: null,
            listing_id: null,
            reorder_point: null,
            reorder_quantity: null,
            is_active: true,
          },
    );
  }, [open, item, form, clear]);

  const onOk = async () => {
    const v = await form.validateFields();
    clear();
    const common = {
      name_zh: v.name_zh.trim(),
      name_en: v.name_en.trim(),
      unit: v.unit.trim(),
      category_code: v.category_code ?? "",
      listing_id: v.listing_id ?? null,
      reorder_point: blankToNull(v.reorder_point),
      reorder_quantity: blankToNull(v.reorder_quantity),
    };
    try {
      const saved = item
        ? await update.mutateAsync({ id: item.id, body: { ...common, is_active: v.is_active } })
        : await create.mutateAsync({ body: { sku: v.sku.trim(), ...common }, idempotencyKey: idempotencyKey.current });
      void message.success(item ? t("inventory.items.saved") : t("inventory.items.created", { sku: saved.sku }));
      onClose();
      onSaved?.(saved);
    } catch (error) {
      report(error);
      if (toProblem(error).code === "duplicate_sku") {
        form.setFields([{ name: "sku", errors: [t("problem.duplicate_sku")] }]);
      }
    }
  };

  const quantityRule = {
    validator: (_: unknown, value: string | null) =>
      value === null || value === undefined || value === "" || isQuantity(String(value))
        ? Promise.resolve()
        : Promise.reject(new Error(t("inventory.validation.quantity"))),
  };

  return (
    <Modal
      open={open}
      width={720}
      title={item ? t("inventory.items.editTitle", { sku: item.sku }) : t("inventory.items.newTitle")}
      okText={t("actions.save")}
      cancelText={t("actions.cancel")}
      confirmLoading={create.isPending || update.isPending}
      onOk={() => void onOk().catch(() => undefined)}
      onCancel={onClose}
      okButtonProps={{ "data-testid": "item-save" } as Record<string, string>}
      forceRender
    >
      <Form form={form} layout="vertical" name="item" data-testid="item-form" requiredMark="optional">
        <FormAlert state={state} />
        <Row gutter={16}>
          <Col xs={24} sm={12}>
            <Form.Item
              name="sku"
              label={t("inventory.fields.sku")}
              extra={item ? t("inventory.items.skuFixed") : undefined}
              rules={[
                { required: true, whitespace: true, message: t("validation.required") },
                { max: 100, message: t("validation.maxLength", { max: 100 }) },
              ]}
            >
              <Input maxLength={100} disabled={item !== null} data-testid="item-sku" />
            </Form.Item>
          </Col>
          <Col xs={24} sm={12}>
            <Form.Item
              name="unit"
              label={t("inventory.fields.unit")}
              rules={[
                { required: true, whitespace: true, message: t("validation.required") },
                { max: 32, message: t("validation.maxLength", { max: 32 }) },
              ]}
            >
              <AutoComplete
                data-testid="item-unit"
                options={UNITS.map((u) => ({ value: u, label: `${unitLabel(t, u)} (${u})` }))}
                filterOption={(input, option) =>
                  String(option?.value ?? "")
                    .toLowerCase()
                    .includes(input.toLowerCase())
                }
              />
            </Form.Item>
          </Col>
          <Col xs={24} sm={12}>
            <Form.Item
              name="name_zh"
              label={t("inventory.fields.nameZh")}
              dependencies={["name_en"]}
              rules={[
                { max: 300, message: t("validation.maxLength", { max: 300 }) },
                {
                  validator: (_, value: string) =>
                    (value ?? "").trim() || (form.getFieldValue("name_en") ?? "").trim()
                      ? Promise.resolve()
                      : Promise.reject(new Error(t("inventory.validation.name"))),
                },
              ]}
            >
              <Input maxLength={300} data-testid="item-name-zh" />
            </Form.Item>
          </Col>
          <Col xs={24} sm={12}>
            <Form.Item
              name="name_en"
              label={t("inventory.fields.nameEn")}
              dependencies={["name_zh"]}
              rules={[
                { max: 300, message: t("validation.maxLength", { max: 300 }) },
                {
                  validator: (_, value: string) =>
                    (value ?? "").trim() || (form.getFieldValue("name_zh") ?? "").trim()
                      ? Promise.resolve()
                      : Promise.reject(new Error(t("inventory.validation.name"))),
                },
              ]}
            >
              <Input maxLength={300} data-testid="item-name-en" />
            </Form.Item>
          </Col>
          <Col xs={24} sm={12}>
            <Form.Item name="category_code" label={t("inventory.fields.category")}>
              <CategoryTreeSelect data-testid="item-category" />
            </Form.Item>
          </Col>
          <Col xs={24} sm={12}>
            <Form.Item name="listing_id" label={t("inventory.fields.listing")} extra={t("inventory.items.listingHelp")}>
              <ListingSelect data-testid="item-listing" />
            </Form.Item>
          </Col>
          <Col xs={24} sm={12}>
            <Form.Item
              name="reorder_point"
              label={t("inventory.fields.reorderPoint")}
              extra={t("inventory.items.reorderPointHelp")}
              rules={[quantityRule]}
            >
              <InputNumber<string>
                stringMode
                min="0"
                controls={false}
                style={{ width: "100%" }}
                data-testid="item-reorder-point"
              />
            </Form.Item>
          </Col>
          <Col xs={24} sm={12}>
            <Form.Item
              name="reorder_quantity"
              label={t("inventory.fields.reorderQuantity")}
              extra={t("inventory.items.reorderQuantityHelp")}
              rules={[quantityRule]}
            >
              <InputNumber<string>
                stringMode
                min="0"
                controls={false}
                style={{ width: "100%" }}
                data-testid="item-reorder-quantity"
              />
            </Form.Item>
          </Col>
          {item ? (
            <Col xs={24}>
              <Form.Item
                name="is_active"
                label={t("inventory.fields.active")}
                valuePropName="checked"
                extra={t("inventory.items.activeHelp")}
              >
                <Switch data-testid="item-active" />
              </Form.Item>
            </Col>
          ) : null}
        </Row>
      </Form>
    </Modal>
  );
}
