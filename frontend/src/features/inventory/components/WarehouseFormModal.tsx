import { App, Form, Input, Modal } from "antd";
import { useEffect, useRef } from "react";
import { useTranslation } from "react-i18next";
import { FormAlert, useFormProblem } from "@/components/FormAlert";
import { toProblem } from "@/lib/problem";
import { useUpdateWarehouse } from "../api/warehouse";
import { useCreateWarehouse, type Warehouse } from "../api/warehouses";
import { newIdempotencyKey } from "./idempotencyKey";

interface Values {
  code: string;
  name: string;
  address: string;
}

/** Creates a warehouse (`warehouse` null; the first one becomes the default) or renames one (its code stays). */
export function WarehouseFormModal({
  open,
  warehouse,
  onClose,
}: {
  open: boolean;
  warehouse: Warehouse | null;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const create = useCreateWarehouse();
  const update = useUpdateWarehouse();
  const { state, report, clear } = useFormProblem(form);
  const idempotencyKey = useRef(newIdempotencyKey());

  useEffect(() => {
    if (!open) return;
    clear();
    form.resetFields();
    idempotencyKey.current = newIdempotencyKey();
    form.setFieldsValue(
      warehouse
        ? { code: warehouse.code, name: warehouse.name, address: warehouse.address }
        : { code: "", name: "", address: "" },
    );
  }, [open, warehouse, form, clear]);

  const onOk = async () => {
    const v = await form.validateFields();
    clear();
    try {
      if (warehouse) {
        await update.mutateAsync({ id: warehouse.id, body: { name: v.name.trim(), address: v.address.trim() } });
        void message.success(t("inventory.warehouses.saved"));
      } else {
        const created = await create.mutateAsync({
          body: { code: v.code.trim(), name: v.name.trim(), address: v.address.trim() },
          idempotencyKey: idempotencyKey.current,
        });
        void message.success(t("inventory.warehouses.created", { code: created.code }));
      }
      onClose();
    } catch (error) {
      report(error);
      if (toProblem(error).code === "duplicate_warehouse_code") {
        form.setFields([{ name: "code", errors: [t("problem.duplicate_warehouse_code")] }]);
      }
    }
  };

  return (
    <Modal
      open={open}
      title={
        warehouse ? t("inventory.warehouses.editTitle", { code: warehouse.code }) : t("inventory.warehouses.newTitle")
      }
      okText={t("actions.save")}
      cancelText={t("actions.cancel")}
      confirmLoading={create.isPending || update.isPending}
      onOk={() => void onOk().catch(() => undefined)}
      onCancel={onClose}
      okButtonProps={{ "data-testid": "warehouse-save" } as Record<string, string>}
      forceRender
    >
      <Form form={form} layout="vertical" name="warehouse" data-testid="warehouse-form" requiredMark="optional">
        <FormAlert state={state} />
        <Form.Item
          name="code"
          label={t("inventory.fields.warehouseCode")}
          extra={warehouse ? t("inventory.warehouses.codeFixed") : t("inventory.warehouses.codeHelp")}
          normalize={(value: string) => (value ?? "").toUpperCase()}
          rules={[
            { required: true, whitespace: true, message: t("validation.required") },
            { max: 32, message: t("validation.maxLength", { max: 32 }) },
          ]}
        >
          <Input maxLength={32} disabled={warehouse !== null} data-testid="warehouse-code" />
        </Form.Item>
        <Form.Item
          name="name"
          label={t("inventory.fields.warehouseName")}
          rules={[
            { required: true, whitespace: true, message: t("validation.required") },
            { max: 200, message: t("validation.maxLength", { max: 200 }) },
          ]}
        >
          <Input maxLength={200} data-testid="warehouse-name" />
        </Form.Item>
        <Form.Item
          name="address"
          label={t("inventory.fields.address")}
          rules={[{ max: 500, message: t("validation.maxLength", { max: 500 }) }]}
        >
          <Input.TextArea rows={2} maxLength={500} data-testid="warehouse-address" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
