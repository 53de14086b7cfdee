import { EditOutlined } from "@ant-design/icons";
import { Alert, App, Button, Card, Descriptions, Form, InputNumber, Space } from "antd";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { FormAlert, useFormProblem } from "@/components/FormAlert";
import { trimDecimal } from "@/lib/format";
import { currentLanguage } from "@/lib/i18n";
import { useUpdateItem } from "../api/item";
import type { Item } from "../api/items";
import { isQuantity, quantityText, unitLabel } from "./Quantity";

interface Values {
  reorder_point: string | null;
  reorder_quantity: string | null;
}

function blankToNull(value: string | null | undefined): string | null {
  const text = value === null || value === undefined ? "" : String(value).trim();
  return text === "" ? null : text;
}

/**
 * The item's reorder point and reorder quantity. The point is compared with the item's AVAILABLE
 * stock across all warehouses (the API keeps one per item, not one per warehouse).
 */
export function ReorderCard({ item, mayEdit }: { item: Item; mayEdit: boolean }) {
  const { t, i18n } = useTranslation();
  const language = currentLanguage(i18n);
  const { message } = App.useApp();
  const [editing, setEditing] = useState(false);
  const [form] = Form.useForm<Values>();
  const update = useUpdateItem();
  const { state, report, clear } = useFormProblem(form);

  const start = () => {
    clear();
    form.setFieldsValue({
      reorder_point: trimDecimal(item.reorder_point),
      reorder_quantity: trimDecimal(item.reorder_quantity),
    });
    setEditing(true);
  };

  const save = async () => {
    const v = await form.validateFields();
    clear();
    try {
      await update.mutateAsync({
        id: item.id,
        body: { reorder_point: blankToNull(v.reorder_point), reorder_quantity: blankToNull(v.reorder_quantity) },
      });
      void message.success(t("inventory.reorder.saved"));
      setEditing(false);
    } catch (error) {
      report(error);
    }
  };

  const quantityRule = {
    validator: (_: unknown, value: string | null) =>
      value === null || value === undefined || value === "" || isQuantity(String(value))
        ? Promise.resolve()
        : Promise.reject(new Error(t("inventory.validation.quantity"))),
  };
  const unit = unitLabel(t, item.unit);

  return (
    <Card
      title={t("inventory.reorder.title")}
      data-testid="reorder-card"
      extra={
        mayEdit && !editing ? (
          <Button size="small" icon={<EditOutlined />} onClick={start} data-testid="reorder-edit">
            {t("actions.edit")}
          </Button>
        ) : null
      }
    >
      {item.below_reorder_point ? (
        <Alert
          type="warning"
          showIcon
          style={{ marginBottom: 16 }}
          data-testid="reorder-below"
          message={t("inventory.reorder.below", {
            available: quantityText(t, language, item.available, item.unit),
            point: quantityText(t, language, item.reorder_point, item.unit),
          })}
        />
      ) : null}
      {editing ? (
        <Form form={form} layout="vertical" name="reorder" onFinish={() => void save()}>
          <FormAlert state={state} />
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
              suffix={unit || undefined}
              style={{ width: "100%" }}
              data-testid="reorder-point-input"
            />
          </Form.Item>
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
              suffix={unit || undefined}
              style={{ width: "100%" }}
              data-testid="reorder-quantity-input"
            />
          </Form.Item>
          <Space>
            <Button type="primary" htmlType="submit" loading={update.isPending} data-testid="reorder-save">
              {t("actions.save")}
            </Button>
            <Button onClick={() => setEditing(false)} data-testid="reorder-cancel">
              {t("actions.cancel")}
            </Button>
          </Space>
        </Form>
      ) : (
        <Descriptions column={1} size="small">
          <Descriptions.Item label={t("inventory.fields.reorderPoint")}>
            <span data-testid="reorder-point">
              {item.reorder_point === null
                ? t("inventory.reorder.none")
                : quantityText(t, language, item.reorder_point, item.unit)}
            </span>
          </Descriptions.Item>
          <Descriptions.Item label={t("inventory.fields.reorderQuantity")}>
            <span data-testid="reorder-quantity">{quantityText(t, language, item.reorder_quantity, item.unit)}</span>
          </Descriptions.Item>
          <Descriptions.Item label={t("inventory.reorder.scope")}>{t("inventory.reorder.scopeAll")}</Descriptions.Item>
        </Descriptions>
      )}
    </Card>
  );
}
