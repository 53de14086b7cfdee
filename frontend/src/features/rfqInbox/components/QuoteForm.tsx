import {
  App,
  Button,
  Card,
  Checkbox,
  Col,
  DatePicker,
  Form,
  Input,
  InputNumber,
  Popconfirm,
  Row,
  Space,
  Typography,
} from "antd";
import { useMemo } from "react";
import { useTranslation } from "react-i18next";
import { FormAlert, useFormProblem } from "@/components/FormAlert";
import { categoryName } from "@/lib/categories";
import { beforeToday, dateFieldProps, dayjs } from "@/lib/dates";
import { formatQuantity, formatUnitPrice } from "@/lib/format";
import { currentLanguage } from "@/lib/i18n";
import { problemMessage } from "@/lib/problem";
import type { InboxRfq } from "../api/inboxRfq";
import { useCreateQuote, useReviseQuote, useWithdrawQuote } from "../api/quote";
import { quoteBody, quoteFieldMap, quoteValues, type QuoteValues } from "./quoteFormValues";

/**
 * The company's quote: per line the unit price, quantity offered and lead time (plus discount,
 * freight, tax, warranty, MOQ and a note), then validity, delivery, terms and notes. Saved as a draft
 * or submitted; revised until the RFQ closes; withdrawn.
 */
export function QuoteForm({ rfq }: { rfq: InboxRfq }) {
  const { t, i18n } = useTranslation();
  const language = currentLanguage(i18n);
  const { message } = App.useApp();
  const [form] = Form.useForm<QuoteValues>();
  const initialValues = useMemo(() => quoteValues(rfq), [rfq]);
  const watched = Form.useWatch([], form) as QuoteValues | undefined;
  const fieldMap = useMemo(() => quoteFieldMap(watched ?? initialValues), [watched, initialValues]);
  const { state, report, clear } = useFormProblem(form, fieldMap);
  const create = useCreateQuote();
  const revise = useReviseQuote();
  const withdraw = useWithdrawQuote();
  const active = rfq.quote && rfq.quote.status !== "withdrawn" ? rfq.quote : null;
  const busy = create.isPending || revise.isPending;

  const save = async (status: "draft" | "submitted") => {
    clear();
    let values: QuoteValues;
    try {
      // A draft may leave the validity date open; a submitted quote may not.
      values = await form.validateFields();
      if (status === "submitted" && !values.valid_until) {
        form.setFields([{ name: "valid_until", errors: [t("quotes.validation.validUntilRequired")] }]);
        return;
      }
    } catch {
      return;
    }
    if (!values.lines.some((line) => line.include)) {
      form.setFields([{ name: "lines", errors: [t("quotes.validation.oneLine")] }]);
      return;
    }
    const body = quoteBody(values, status);
    try {
      if (active) await revise.mutateAsync({ rfqId: rfq.id, body });
      else await create.mutateAsync({ rfqId: rfq.id, body });
      void message.success(status === "submitted" ? t("quotes.submitted") : t("quotes.draftSaved"));
    } catch (error) {
      report(error);
    }
  };

  const required = { required: true, message: t("validation.required") };
  const closing = rfq.closing_at ? dayjs(rfq.closing_at) : null;
  return (
    <Form<QuoteValues>
      form={form}
      layout="vertical"
      name="quote"
      data-testid="quote-form"
      initialValues={initialValues}
    >
      <FormAlert state={state} />
      <Form.List name="lines">
        {(fields, _, { errors }) => (
          <div data-testid="quote-lines">
            {fields.map((field, index) => {
              const line = rfq.lines[index];
              if (!line) return null;
              return (
                <Card key={field.key} size="small" style={{ marginBottom: 12 }} data-testid={`quote-line-${index}`}>
                  <Form.Item noStyle shouldUpdate>
                    {() => {
                      const include =
                        (form.getFieldValue(["lines", field.name, "include"]) as boolean | undefined) ?? true;
                      const linesRules = include ? [required] : [];
                      return (
                        <Row gutter={12}>
                          <Col span={24}>
                            <Space align="start" style={{ width: "100%", justifyContent: "space-between" }} wrap>
                              <Space direction="vertical" size={0}>
                                <Typography.Text strong>
                                  {line.position}. {line.description || categoryName(line.category, language)}
                                </Typography.Text>
                                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                                  {t("quotes.requested", {
                                    quantity: formatQuantity(line.quantity, language),
                                    unit: line.unit,
                                  })}
                                  {line.target_price
                                    ? ` · ${t("rfqs.comparison.target", { price: formatUnitPrice(line.target_price, rfq.currency, language) })}`
                                    : ""}
                                  {line.quality_standard ? ` · ${line.quality_standard}` : ""}
                                  {line.required_certifications.length > 0
                                    ? ` · ${line.required_certifications.join(", ")}`
                                    : ""}
                                </Typography.Text>
                              </Space>
                              <Form.Item name={[field.name, "include"]} valuePropName="checked" noStyle>
                                <Checkbox data-testid={`quote-line-${index}-include`}>
                                  {t("quotes.quoteThisLine")}
                                </Checkbox>
                              </Form.Item>
                            </Space>
                          </Col>
                          {include ? (
                            <>
                              <Col xs={12} md={6}>
                                <Form.Item
                                  name={[field.name, "unit_price"]}
                                  label={t("quotes.fields.unitPrice", { currency: rfq.currency })}
                                  rules={linesRules}
                                >
                                  <InputNumber<string>
                                    stringMode
                                    min="0"

                                    style={{ width: "100%" }}
                                    data-testid={`quote-line-${index}-price`}
                                  />
                                </Form.Item>
                              </Col>
                              <Col xs={12} md={6}>
                                <Form.Item
                                  name={[field.name, "offered_quantity"]}
                                  label={t("quotes.fields.quantityOffered", { unit: line.unit })}
                                  rules={[
                                    ...linesRules,
                                    {
                                      validator: (_, value: string | null) =>
                                        value === null || value === undefined || Number(value) > 0
                                          ? Promise.resolve()
                                          : Promise.reject(new Error(t("rfqs.validation.quantityPositive"))),
                                    },
                                  ]}
                                >
                                  <InputNumber<string>
                                    stringMode
                                    min="0"

                                    style={{ width: "100%" }}
                                    data-testid={`quote-line-${index}-quantity`}
                                  />
                                </Form.Item>
                              </Col>
                              <Col xs={12} md={6}>
                                <Form.Item
                                  name={[field.name, "lead_time_days"]}
                                  label={t("quotes.fields.leadTime")}
                                  rules={linesRules}
                                >
                                  <InputNumber
                                    min={0}
                                    max={3650}
                                    precision={0}
                                    addonAfter={t("marketplace.days")}
                                    style={{ width: "100%" }}
                                    data-testid={`quote-line-${index}-lead-time`}
                                  />
                                </Form.Item>
                              </Col>
                              <Col xs={12} md={6}>
                                <Form.Item name={[field.name, "min_order_quantity"]} label={t("quotes.fields.moq")}>
                                  <InputNumber<string> stringMode min="0" style={{ width: "100%" }} />
                                </Form.Item>
                              </Col>
                              <Col xs={12} md={4}>
                                <Form.Item name={[field.name, "discount_percent"]} label={t("quotes.fields.discount")}>
                                  <InputNumber<string>
                                    stringMode
                                    min="0"
                                    max="100"

                                    addonAfter="%"
                                    style={{ width: "100%" }}
                                  />
                                </Form.Item>
                              </Col>
                              <Col xs={12} md={4}>
                                <Form.Item name={[field.name, "freight_amount"]} label={t("quotes.fields.freight")}>
                                  <InputNumber<string> stringMode min="0" style={{ width: "100%" }} />
                                </Form.Item>
                              </Col>
                              <Col xs={12} md={4}>
                                <Form.Item name={[field.name, "tax_rate"]} label={t("quotes.fields.tax")}>
                                  <InputNumber<string>
                                    stringMode
                                    min="0"
                                    max="100"

                                    addonAfter="%"
                                    style={{ width: "100%" }}
                                  />
                                </Form.Item>
                              </Col>
                              <Col xs={12} md={4}>
                                <Form.Item name={[field.name, "warranty_months"]} label={t("quotes.fields.warranty")}>
                                  <InputNumber min={0} max={600} precision={0} style={{ width: "100%" }} />
                                </Form.Item>
                              </Col>
                              <Col xs={24} md={8}>
                                <Form.Item
                                  name={[field.name, "notes"]}
                                  label={t("quotes.fields.lineNotes")}
                                  rules={[{ max: 500, message: t("validation.maxLength", { max: 500 }) }]}
                                >
                                  <Input />
                                </Form.Item>
                              </Col>
                            </>
                          ) : null}
                        </Row>
                      );
                    }}
                  </Form.Item>
                </Card>
              );
            })}
            <Form.ErrorList errors={errors} />
          </div>
        )}
      </Form.List>
      <Card size="small" title={t("quotes.sections.terms")} style={{ marginBottom: 16 }}>
        <Row gutter={16}>
          <Col xs={24} md={6}>
            <Form.Item
              name="valid_until"
              label={t("quotes.fields.validUntil")}
              extra={t("quotes.validUntilHelp")}
              rules={[
                {
                  validator: (_, value: string | null) =>
                    !value || !closing || !dayjs(value).isBefore(closing, "day")
                      ? Promise.resolve()
                      : Promise.reject(new Error(t("quotes.validation.validUntilAfterClosing"))),
                },
              ]}
              {...dateFieldProps}
            >
              <DatePicker style={{ width: "100%" }} disabledDate={beforeToday} data-testid="quote-valid-until" />
            </Form.Item>
          </Col>
          <Col xs={24} md={6}>
            <Form.Item name="delivery_date" label={t("quotes.fields.deliveryDate")} {...dateFieldProps}>
              <DatePicker style={{ width: "100%" }} disabledDate={beforeToday} data-testid="quote-delivery-date" />
            </Form.Item>
          </Col>
          <Col xs={24} md={6}>
            <Form.Item
              name="supplier_reference"
              label={t("quotes.fields.supplierReference")}
              rules={[{ max: 60, message: t("validation.maxLength", { max: 60 }) }]}
            >
              <Input data-testid="quote-reference" />
            </Form.Item>
          </Col>
          <Col xs={24} md={6}>
            <Form.Item
              name="payment_terms"
              label={t("quotes.fields.paymentTerms")}
              rules={[{ max: 200, message: t("validation.maxLength", { max: 200 }) }]}
            >
              <Input data-testid="quote-payment-terms" />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item
              name="terms"
              label={t("quotes.fields.terms")}
              rules={[{ max: 10000, message: t("validation.maxLength", { max: 10000 }) }]}
            >
              <Input.TextArea rows={3} data-testid="quote-terms" />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item
              name="notes"
              label={t("quotes.fields.notes")}
              rules={[{ max: 10000, message: t("validation.maxLength", { max: 10000 }) }]}
            >
              <Input.TextArea rows={3} data-testid="quote-notes" />
            </Form.Item>
          </Col>
        </Row>
      </Card>
      <Space wrap>
        <Button type="primary" loading={busy} onClick={() => void save("submitted")} data-testid="quote-submit">
          {active ? t("quotes.submitRevision") : t("quotes.submit")}
        </Button>
        <Button loading={busy} onClick={() => void save("draft")} data-testid="quote-save-draft">
          {t("quotes.saveDraft")}
        </Button>
        {active ? (
          <Popconfirm
            title={t("quotes.withdrawConfirm")}
            okText={t("quotes.withdraw")}
            cancelText={t("actions.cancel")}
            okButtonProps={{ danger: true, ...({ "data-testid": "quote-withdraw-confirm" } as Record<string, string>) }}
            onConfirm={() =>
              withdraw
                .mutateAsync({ rfqId: rfq.id })
                .then(() => void message.success(t("quotes.withdrawn")))
                .catch((error: unknown) => void message.error(problemMessage(t, error)))
            }
          >
            <Button danger loading={withdraw.isPending} data-testid="quote-withdraw">
              {t("quotes.withdraw")}
            </Button>
          </Popconfirm>
        ) : null}
      </Space>
    </Form>
  );
}
