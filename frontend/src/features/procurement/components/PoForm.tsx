import {
  Alert,
  Button,
  Card,
  Col,
  DatePicker,
  Form,
  Input,
  InputNumber,
  Radio,
  Row,
  Select,
  Space,
  Typography,
} from "antd";
import { useMemo } from "react";
import { useTranslation } from "react-i18next";
import { CategoryTreeSelect } from "@/components/CategoryTreeSelect";
import { FormAlert, useFormProblem } from "@/components/FormAlert";
import { LineTotals } from "@/components/LineEditor";
import { dateFieldProps } from "@/lib/dates";
import { CURRENCIES } from "@/lib/regions";
import type { PoInput, PurchaseOrder } from "../api/purchaseOrders";
import { PoLinesField } from "./PoLinesField";
import { orderAmounts, poBody, poValues, type PoValues } from "./poFormValues";
import { SupplierPicker } from "./SupplierPicker";

/**
 * A draft purchase order: to a company on Hansa (chosen by search) or to a supplier outside it (name and
 * e-mail: it receives the order as a PDF), its currency (with the rate into the company's own when it
 * differs), terms, and lines. Server field errors land on their fields, line errors on their line.
 */
export function PoForm({
  order,
  homeCurrency,
  submitting,
  onSubmit,
}: {
  order: PurchaseOrder | null;
  homeCurrency: string;
  submitting: boolean;
  onSubmit: (body: PoInput) => Promise<void>;
}) {
  const { t } = useTranslation();
  const [form] = Form.useForm<PoValues>();
  const { state, report, clear } = useFormProblem(form);
  const initialValues = useMemo(() => poValues(order, homeCurrency), [order, homeCurrency]);
  const kind = Form.useWatch("supplier_kind", form) ?? initialValues.supplier_kind;
  const currency = Form.useWatch("currency", form) ?? initialValues.currency;
  const lines = Form.useWatch("lines", form) ?? initialValues.lines;
  const totals = orderAmounts(lines ?? [], currency);
  const required = { required: true, message: t("validation.required") };

  const onFinish = async (values: PoValues) => {
    clear();
    try {
      await onSubmit(poBody(values, homeCurrency, order));
    } catch (error) {
      report(error);
    }
  };

  return (
    <Form<PoValues>
      form={form}
      name="purchase-order"
      layout="vertical"
      data-testid="po-form"
      initialValues={initialValues}
      onFinish={onFinish}
      scrollToFirstError
    >
      <FormAlert state={state} />
      <Card size="small" title={t("procurement.form.supplier")} style={{ marginBottom: 16 }}>
        <Form.Item name="supplier_kind">
          <Radio.Group data-testid="po-supplier-kind">
            <Radio value="hansa" data-testid="po-supplier-kind-hansa">
              {t("procurement.form.onHansa")}
            </Radio>
            <Radio value="outside" data-testid="po-supplier-kind-outside">
              {t("procurement.form.outside")}
            </Radio>
          </Radio.Group>
        </Form.Item>
        <Form.Item name="supplier_label" hidden>
          <Input />
        </Form.Item>
        {kind === "hansa" ? (
          <Row gutter={16}>
            <Col xs={24} md={14}>
              <Form.Item noStyle dependencies={["supplier_label"]}>
                {() => (
                  <Form.Item
                    name="supplier_id"
                    label={t("procurement.form.company")}
                    extra={t("procurement.form.companyHelp")}
                    rules={[required]}
                  >
                    <SupplierPicker
                      data-testid="po-supplier"
                      label={form.getFieldValue("supplier_label") as string | undefined}
                      onPick={(name) => form.setFieldValue("supplier_label", name)}
                    />
                  </Form.Item>
                )}
              </Form.Item>
            </Col>
            <Col xs={24} md={10}>
              <Form.Item
                name="supplier_email"
                label={t("procurement.form.contactEmail")}
                extra={t("procurement.form.contactEmailHelp")}
                rules={[{ type: "email", message: t("validation.email") }]}
              >
                <Input data-testid="po-supplier-email" />
              </Form.Item>
            </Col>
          </Row>
        ) : (
          <Row gutter={16}>
            <Col xs={24} md={12}>
              <Form.Item
                name="supplier_name"
                label={t("procurement.form.supplierName")}
                rules={[
                  { ...required, whitespace: true },
                  { max: 200, message: t("validation.maxLength", { max: 200 }) },
                ]}
              >
                <Input data-testid="po-supplier-name" />
              </Form.Item>
            </Col>
            <Col xs={24} md={12}>
              <Form.Item
                name="supplier_email"
                label={t("procurement.form.supplierEmail")}
                extra={t("procurement.form.supplierEmailHelp")}
                rules={[required, { type: "email", message: t("validation.email") }]}
              >
                <Input data-testid="po-supplier-email" />
              </Form.Item>
            </Col>
          </Row>
        )}
      </Card>

      <Card size="small" title={t("procurement.form.terms")} style={{ marginBottom: 16 }}>
        <Row gutter={16}>
          <Col xs={12} md={4}>
            <Form.Item name="currency" label={t("procurement.fields.currency")} rules={[required]}>
              <Select data-testid="po-currency" showSearch options={CURRENCIES.map((c) => ({ value: c, label: c }))} />
            </Form.Item>
          </Col>
          {currency !== homeCurrency ? (
            <Col xs={12} md={6}>
              <Form.Item
                name="exchange_rate"
                label={t("procurement.fields.exchangeRate")}
                extra={t("procurement.form.exchangeRateHelp", { currency, home: homeCurrency })}
                rules={[required]}
              >
                <InputNumber<string> stringMode min="0" style={{ width: "100%" }} data-testid="po-exchange-rate" />
              </Form.Item>
            </Col>
          ) : null}
          <Col xs={12} md={6}>
            <Form.Item name="requested_date" label={t("procurement.fields.requestedDate")} {...dateFieldProps}>
              <DatePicker style={{ width: "100%" }} data-testid="po-requested-date" />
            </Form.Item>
          </Col>
          <Col xs={24} md={8}>
            <Form.Item
              name="payment_terms"
              label={t("procurement.fields.paymentTerms")}
              rules={[{ max: 200, message: t("validation.maxLength", { max: 200 }) }]}
            >
              <Input placeholder={t("procurement.form.paymentTermsPlaceholder")} data-testid="po-payment-terms" />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item
              name="category_code"
              label={t("procurement.fields.category")}
              extra={t("procurement.form.categoryHelp")}
            >
              <CategoryTreeSelect data-testid="po-category" />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item
              name="ship_to"
              label={t("procurement.fields.shipTo")}
              rules={[{ max: 500, message: t("validation.maxLength", { max: 500 }) }]}
            >
              <Input.TextArea rows={2} data-testid="po-ship-to" />
            </Form.Item>
          </Col>
          <Col span={24}>
            <Form.Item
              name="notes"
              label={t("procurement.fields.notes")}
              rules={[{ max: 5000, message: t("validation.maxLength", { max: 5000 }) }]}
            >
              <Input.TextArea rows={2} data-testid="po-notes" />
            </Form.Item>
          </Col>
        </Row>
        <Alert type="info" showIcon message={t("procurement.form.departmentNote")} />
      </Card>

      <Card size="small" title={t("procurement.sections.lines")} style={{ marginBottom: 16 }}>
        <PoLinesField form={form} currency={currency} />
      </Card>

      <Card size="small" style={{ marginBottom: 16 }}>
        <LineTotals
          amounts={totals}
          currency={currency}
          labels={{
            net: t("procurement.fields.totalNet"),
            tax: t("procurement.fields.totalTax"),
            total: t("procurement.fields.total"),
          }}
          testIdPrefix="po-form-total"
        />
      </Card>
      <Space wrap>
        <Button type="primary" htmlType="submit" loading={submitting} data-testid="po-save">
          {order ? t("actions.save") : t("procurement.form.saveDraft")}
        </Button>
        <Typography.Text type="secondary">{t("procurement.form.afterSave")}</Typography.Text>
      </Space>
    </Form>
  );
}
