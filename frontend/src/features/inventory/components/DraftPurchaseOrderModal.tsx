import { Form, Input, Modal, Radio, Select, Typography } from "antd";
import { useRef } from "react";
import { useTranslation } from "react-i18next";
import { useNavigate } from "react-router";
import { FormAlert, useFormProblem } from "@/components/FormAlert";
import { useDraftPurchaseOrder, useTradingPartners } from "../api/draftPurchaseOrder";
import type { ReorderRow } from "../api/reorderList";
import { newIdempotencyKey } from "./idempotencyKey";

interface Values {
  on: "hansa" | "email";
  supplier_id?: number;
  supplier_name?: string;
  supplier_email?: string;
  currency: string;
}

/** The picked reorder rows + a supplier → a draft purchase order (then opened to complete prices and send). */
export function DraftPurchaseOrderModal({ rows, onClose }: { rows: ReorderRow[]; onClose: () => void }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const [form] = Form.useForm<Values>();
  const problem = useFormProblem(form);
  const key = useRef(newIdempotencyKey());
  const draft = useDraftPurchaseOrder();
  const on = Form.useWatch("on", form) ?? "hansa";
  const partners = useTradingPartners({ enabled: true });
  const submit = async (values: Values) => {
    problem.clear();
    try {
      const order = await draft.mutateAsync({
        idempotencyKey: key.current,
        body: {
          supplier_id: values.on === "hansa" ? (values.supplier_id ?? null) : null,
          supplier_name: values.on === "email" ? (values.supplier_name ?? "") : "",
          supplier_email: values.on === "email" ? (values.supplier_email ?? "") : "",
          currency: values.currency.toUpperCase(),
          lines: rows.map((row) => ({ item_id: row.item.id })),
        },
      });
      onClose();
      void navigate(`/purchase-orders/${order.purchase_order_id}`);
    } catch (error) {
      problem.report(error);
    }
  };
  return (
    <Modal
      open
      title={t("inventory.reorderDraft.title", { count: rows.length })}
      onCancel={onClose}
      onOk={() => form.submit()}
      confirmLoading={draft.isPending}
      okText={t("inventory.reorderDraft.create")}
      okButtonProps={{ "data-testid": "reorder-draft-save" } as Record<string, string>}
      destroyOnHidden
    >
      <FormAlert state={problem.state} />
      <Typography.Paragraph type="secondary">{t("inventory.reorderDraft.help")}</Typography.Paragraph>
      <Typography.Paragraph data-testid="reorder-draft-items">
        {rows.map((row) => row.item.sku).join(", ")}
      </Typography.Paragraph>
      <Form form={form} layout="vertical" initialValues={{ on: "hansa", currency: "CNY" }} onFinish={submit}>
        <Form.Item name="on">
          <Radio.Group
            options={[
              { value: "hansa", label: t("inventory.reorderDraft.onHansa") },
              { value: "email", label: t("inventory.reorderDraft.byEmail") },
            ]}
          />
        </Form.Item>
        {on === "hansa" ? (
          <Form.Item
            name="supplier_id"
            label={t("inventory.reorderDraft.supplier")}
            rules={[{ required: true, message: t("inventory.reorderDraft.pickSupplier") }]}
          >
            <Select
              data-testid="reorder-draft-supplier"
              loading={partners.isPending}
              showSearch
              optionFilterProp="label"
              options={(partners.data ?? []).map((p) => ({ value: p.id, label: p.name }))}
            />
          </Form.Item>
        ) : (
          <>
            <Form.Item
              name="supplier_name"
              label={t("inventory.reorderDraft.supplierName")}
              rules={[{ required: true }]}
            >
              <Input maxLength={200} data-testid="reorder-draft-supplier-name" />
            </Form.Item>
            <Form.Item
              name="supplier_email"
              label={t("inventory.reorderDraft.supplierEmail")}
              rules={[{ required: true }]}
            >
              <Input maxLength={254} data-testid="reorder-draft-supplier-email" />
            </Form.Item>
          </>
        )}
        <Form.Item name="currency" label={t("inventory.reorderDraft.currency")} rules={[{ required: true }]}>
          <Input maxLength={3} style={{ width: 100 }} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
