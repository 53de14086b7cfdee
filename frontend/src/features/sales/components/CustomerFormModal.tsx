import { App, Col, Form, Input, Modal, Row, Select } from "antd";
import { useEffect, useRef } from "react";
import { useTranslation } from "react-i18next";
import { FormAlert, useFormProblem } from "@/components/FormAlert";
import { CURRENCIES } from "@/lib/regions";
import { useUpdateCustomer } from "../api/customer";
import { useCreateCustomer, type Customer, type CustomerInput } from "../api/customers";
import { newIdempotencyKey } from "./idempotencyKey";

type Values = Required<
  Pick<CustomerInput, "name" | "email" | "phone" | "address" | "currency" | "payment_terms" | "notes">
>;

function valuesOf(customer: Customer | null): Values {
  return {
    name: customer?.name ?? "",
    email: customer?.email ?? "",
    phone: customer?.phone ?? "",
    address: customer?.address ?? "",
    currency: (customer?.currency ?? "") as Values["currency"],
    payment_terms: customer?.payment_terms ?? "",
    notes: customer?.notes ?? "",
  };
}

/** A customer account: new (`customer` null) or edited. Contacts are kept on the customer's page. */
export function CustomerFormModal({
  customer,
  open,
  onClose,
  onSaved,
}: {
  customer: Customer | null;
  open: boolean;
  onClose: () => void;
  onSaved?: (customer: Customer) => void;
}) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const { state, report, clear } = useFormProblem(form);
  const create = useCreateCustomer();
  const update = useUpdateCustomer();
  const key = useRef(newIdempotencyKey());

  useEffect(() => {
    if (open) {
      clear();
      key.current = newIdempotencyKey();
      form.resetFields();
      form.setFieldsValue(valuesOf(customer));
    }
    // Only when the dialog opens: a refetch must not wipe what is being typed.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [open]);

  const onOk = async () => {
    const values = await form.validateFields();
    clear();
    const body = Object.fromEntries(
      Object.entries(values).map(([name, value]) => [name, typeof value === "string" ? value.trim() : value]),
    ) as Values;
    try {
      const saved = customer
        ? await update.mutateAsync({ id: customer.id, body })
        : await create.mutateAsync({ body, idempotencyKey: key.current });
      void message.success(customer ? t("sales.customers.saved") : t("sales.customers.created"));
      onSaved?.(saved);
      onClose();
    } catch (error) {
      report(error);
    }
  };

  return (
    <Modal
      open={open}
      width={720}
      title={customer ? t("sales.customers.editTitle", { name: customer.name }) : t("sales.customers.newTitle")}
      okText={t("actions.save")}
      cancelText={t("actions.cancel")}
      confirmLoading={create.isPending || update.isPending}
      okButtonProps={{ "data-testid": "customer-save" } as Record<string, string>}
      onOk={() => void onOk().catch(() => undefined)}
      onCancel={onClose}
      forceRender
    >
      <Form form={form} layout="vertical" name="customer" data-testid="customer-form">
        <FormAlert state={state} />
        <Row gutter={16}>
          <Col xs={24} md={12}>
            <Form.Item
              name="name"
              label={t("sales.customers.name")}
              rules={[
                { required: true, whitespace: true, message: t("validation.required") },
                { max: 200, message: t("validation.maxLength", { max: 200 }) },
              ]}
            >
              <Input data-testid="customer-name" />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item
              name="email"
              label={t("sales.customers.email")}
              rules={[{ type: "email", message: t("validation.email") }]}
            >
              <Input data-testid="customer-email" />
            </Form.Item>
          </Col>
          <Col xs={24} md={8}>
            <Form.Item
              name="phone"
              label={t("sales.customers.phone")}
              rules={[{ max: 40, message: t("validation.maxLength", { max: 40 }) }]}
            >
              <Input data-testid="customer-phone" />
            </Form.Item>
          </Col>
          <Col xs={24} md={8}>
            <Form.Item name="currency" label={t("sales.customers.currency")}>
              <Select
                data-testid="customer-currency"
                showSearch
                options={[
                  { value: "", label: t("sales.customers.noCurrency") },
                  ...CURRENCIES.map((c) => ({ value: c, label: c })),
                ]}
              />
            </Form.Item>
          </Col>
          <Col xs={24} md={8}>
            <Form.Item
              name="payment_terms"
              label={t("sales.fields.paymentTerms")}
              rules={[{ max: 200, message: t("validation.maxLength", { max: 200 }) }]}
            >
              <Input data-testid="customer-payment-terms" placeholder={t("sales.form.paymentTermsPlaceholder")} />
            </Form.Item>
          </Col>
          <Col span={24}>
            <Form.Item
              name="address"
              label={t("sales.customers.address")}
              rules={[{ max: 2000, message: t("validation.maxLength", { max: 2000 }) }]}
            >
              <Input.TextArea rows={2} data-testid="customer-address" />
            </Form.Item>
          </Col>
          <Col span={24}>
            <Form.Item
              name="notes"
              label={t("sales.customers.notes")}
              rules={[{ max: 10000, message: t("validation.maxLength", { max: 10000 }) }]}
            >
              <Input.TextArea rows={3} data-testid="customer-notes" />
            </Form.Item>
          </Col>
        </Row>
      </Form>
    </Modal>
  );
}
