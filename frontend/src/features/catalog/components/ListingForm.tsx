import { DeleteOutlined, PlusOutlined } from "@ant-design/icons";
import { Alert, Button, Card, Col, Form, Input, InputNumber, Radio, Row, Select, Space } from "antd";
import { useTranslation } from "react-i18next";
import { CategoryTreeSelect } from "@/components/CategoryTreeSelect";
import { FormAlert, useFormProblem } from "@/components/FormAlert";
import { trimDecimal } from "@/lib/format";
import { CURRENCIES } from "@/lib/regions";
import { UNITS, type Unit } from "@/lib/units";
import type { ListingInput, OwnListing } from "../api/listings";
import { MAX_ATTRIBUTES, MAX_TIERS, SKU_PATTERN, tierProblem, type TierValue } from "./listingRules";

export interface ListingValues {
  sku: string;
  name_zh: string;
  name_en: string;
  category_code?: string;
  unit?: Unit;
  currency: string;
  price_tiers: TierValue[];
  moq: string | null;
  lead_time_days: number | null;
  availability: "in_stock" | "made_to_order";
  stock_quantity: string | null;
  attributes: { key?: string; value?: string }[];
  description_zh: string;
  description_en: string;
  status: "draft" | "active";
}

export function listingValues(listing: OwnListing | null, currency: string): ListingValues {
  if (!listing) {
    return {
      sku: "",
      name_zh: "",
      name_en: "",
      currency,
      price_tiers: [{ min_quantity: "1", unit_price: null }],
      moq: "1",
      lead_time_days: 7,
      availability: "made_to_order",
      stock_quantity: null,
      attributes: [],
      description_zh: "",
      description_en: "",
      status: "draft",
    };
  }
  return {
    sku: listing.sku,
    name_zh: listing.name_zh,
    name_en: listing.name_en,
    category_code: listing.category.code,
    unit: listing.unit as Unit,
    currency: listing.currency,
    price_tiers: listing.price_tiers.map((tier) => ({
      min_quantity: trimDecimal(tier.min_quantity),
      unit_price: trimDecimal(tier.unit_price),
    })),
    moq: trimDecimal(listing.moq),
    lead_time_days: listing.lead_time_days,
    availability: listing.availability,
    stock_quantity: trimDecimal(listing.stock_quantity),
    attributes: listing.attributes.map((attribute) => ({ ...attribute })),
    description_zh: listing.description_zh,
    description_en: listing.description_en,
    status: listing.status === "active" ? "active" : "draft",
  };
}

/** The request body for the form's values (trimmed, numbers as the API's decimal strings). */
export function listingBody(values: ListingValues): ListingInput {
  return {
    sku: values.sku.trim(),
    name_zh: values.name_zh.trim(),
    name_en: values.name_en.trim(),
    category_code: values.category_code ?? "",
    unit: values.unit ?? "pcs",
    currency: values.currency,
    price_tiers: values.price_tiers.map((tier) => ({
      min_quantity: String(tier.min_quantity),
      unit_price: String(tier.unit_price),
    })),
    moq: String(values.moq),
    lead_time_days: values.lead_time_days ?? 0,
    availability: values.availability,
    stock_quantity: values.availability === "in_stock" ? String(values.stock_quantity) : null,
    attributes: values.attributes
      .filter((a) => a.key?.trim() || a.value?.trim())
      .map((a) => ({ key: (a.key ?? "").trim(), value: (a.value ?? "").trim() })),
    description_zh: values.description_zh.trim(),
    description_en: values.description_en.trim(),
    status: values.status,
  };
}

/**
 * A catalog listing: SKU, names in both languages, category, unit, price tiers in a currency, MOQ,
 * lead time, availability, attributes and descriptions. Checks what it can before sending; whatever
 * the API still refuses lands on its field (`price_tiers.1.unit_price` on that tier's price).
 */
export function ListingForm({
  listing,
  currency,
  readOnly,
  submitting,
  onSubmit,
}: {
  listing: OwnListing | null;
  currency: string;
  readOnly: boolean;
  submitting: boolean;
  onSubmit: (body: ListingInput) => Promise<void>;
}) {
  const { t } = useTranslation();
  const [form] = Form.useForm<ListingValues>();
  const { state, report, clear } = useFormProblem(form);
  const availability = Form.useWatch("availability", form) ?? listing?.availability ?? "made_to_order";
  // The figure of a listing linked to an inventory item is inventory's (see StockSourceCard).
  const stockLinked = listing?.stock_source === "inventory";

  const onFinish = async (values: ListingValues) => {
    clear();
    try {
      await onSubmit(listingBody(values));
    } catch (error) {
      report(error);
    }
  };

  const oneName = ({ getFieldValue }: { getFieldValue: (name: string) => unknown }) => ({
    validator: () =>
      String(getFieldValue("name_zh") ?? "").trim() || String(getFieldValue("name_en") ?? "").trim()
        ? Promise.resolve()
        : Promise.reject(new Error(t("catalog.validation.nameRequired"))),
  });
  const required = { required: true, message: t("validation.required") };

  return (
    <Form<ListingValues>
      form={form}
      name="listing"
      layout="vertical"
      data-testid="listing-form"
      disabled={readOnly}
      initialValues={listingValues(listing, currency)}
      onFinish={onFinish}
      scrollToFirstError
    >
      <FormAlert state={state} />
      <Card size="small" title={t("catalog.sections.basics")} style={{ marginBottom: 16 }}>
        <Row gutter={16}>
          <Col xs={24} md={8}>
            <Form.Item
              name="sku"
              label={t("catalog.fields.sku")}
              extra={t("catalog.skuHelp")}
              rules={[
                { ...required, whitespace: true },
                { pattern: SKU_PATTERN, message: t("catalog.validation.sku") },
              ]}
            >
              <Input data-testid="listing-sku" maxLength={64} />
            </Form.Item>
          </Col>
          <Col xs={24} md={8}>
            <Form.Item
              name="name_zh"
              label={t("catalog.fields.name_zh")}
              dependencies={["name_en"]}
              rules={[oneName, { max: 200, message: t("validation.maxLength", { max: 200 }) }]}
            >
              <Input data-testid="listing-name-zh" lang="zh-CN" />
            </Form.Item>
          </Col>
          <Col xs={24} md={8}>
            <Form.Item
              name="name_en"
              label={t("catalog.fields.name_en")}
              dependencies={["name_zh"]}
              rules={[oneName, { max: 200, message: t("validation.maxLength", { max: 200 }) }]}
            >
              <Input data-testid="listing-name-en" lang="en" />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item name="category_code" label={t("catalog.fields.category")} rules={[required]}>
              <CategoryTreeSelect data-testid="listing-category" allowClear={false} />
            </Form.Item>
          </Col>
          <Col xs={12} md={6}>
            <Form.Item name="unit" label={t("catalog.fields.unit")} rules={[required]}>
              <Select
                data-testid="listing-unit"
                showSearch
                options={UNITS.map((unit) => ({ value: unit, label: `${t(`units.${unit}`)} (${unit})` }))}
              />
            </Form.Item>
          </Col>
          <Col xs={12} md={6}>
            <Form.Item name="status" label={t("catalog.fields.status")}>
              <Radio.Group optionType="button" data-testid="listing-status">
                <Radio value="draft">{t("catalog.status.draft")}</Radio>
                <Radio value="active">{t("catalog.status.active")}</Radio>
              </Radio.Group>
            </Form.Item>
          </Col>
        </Row>
      </Card>

      <Card size="small" title={t("catalog.sections.pricing")} style={{ marginBottom: 16 }}>
        <Row gutter={16}>
          <Col xs={24} md={6}>
            <Form.Item name="currency" label={t("catalog.fields.currency")} rules={[required]}>
              <Select
                data-testid="listing-currency"
                showSearch
                options={CURRENCIES.map((c) => ({ value: c, label: c }))}
              />
            </Form.Item>
          </Col>
          <Col xs={24} md={6}>
            <Form.Item
              name="moq"
              label={t("catalog.fields.moq")}
              rules={[
                required,
                {
                  validator: (_, value: string | null) =>
                    value === null || value === undefined || Number(value) > 0
                      ? Promise.resolve()
                      : Promise.reject(new Error(t("catalog.validation.positive"))),
                },
              ]}
            >
              <InputNumber<string>
                stringMode
                min="0"

                style={{ width: "100%" }}
                data-testid="listing-moq"
              />
            </Form.Item>
          </Col>
          <Col xs={24} md={6}>
            <Form.Item name="lead_time_days" label={t("catalog.fields.leadTime")} rules={[required]}>
              <InputNumber
                min={0}
                max={365}
                precision={0}
                style={{ width: "100%" }}
                addonAfter={t("marketplace.days")}
                data-testid="listing-lead-time"
              />
            </Form.Item>
          </Col>
        </Row>
        <Form.List
          name="price_tiers"
          rules={[
            {
              validator: async (_, tiers: TierValue[] | undefined) => {
                const problem = tierProblem(tiers ?? [], form.getFieldValue("moq") as string | null);
                if (problem) throw new Error(t(problem, { max: MAX_TIERS }));
              },
            },
          ]}
        >
          {(fields, { add, remove }, { errors }) => (
            <div data-testid="listing-tiers">
              <div style={{ marginBottom: 8 }}>{t("catalog.fields.priceTiers")}</div>
              {fields.map((field, index) => (
                <Space key={field.key} align="baseline" wrap data-testid={`listing-tier-${index}`}>
                  <Form.Item name={[field.name, "min_quantity"]} rules={[required]} style={{ marginBottom: 8 }}>
                    <InputNumber<string>
                      stringMode
                      min="0"

                      addonBefore={t("catalog.fields.fromQuantity")}
                      data-testid={`listing-tier-${index}-quantity`}
                    />
                  </Form.Item>
                  <Form.Item name={[field.name, "unit_price"]} rules={[required]} style={{ marginBottom: 8 }}>
                    <InputNumber<string>
                      stringMode
                      min="0"

                      addonBefore={t("catalog.fields.unitPrice")}
                      data-testid={`listing-tier-${index}-price`}
                    />
                  </Form.Item>
                  {fields.length > 1 ? (
                    <Button
                      type="text"
                      danger
                      icon={<DeleteOutlined />}
                      aria-label={t("catalog.removeTier")}
                      onClick={() => remove(field.name)}
                    />
                  ) : null}
                </Space>
              ))}
              <Form.ErrorList errors={errors} />
              {fields.length < MAX_TIERS ? (
                <Button
                  type="dashed"
                  icon={<PlusOutlined />}
                  onClick={() => add({ min_quantity: null, unit_price: null })}
                  data-testid="listing-tier-add"
                  style={{ marginTop: 8 }}
                >
                  {t("catalog.addTier")}
                </Button>
              ) : null}
            </div>
          )}
        </Form.List>
      </Card>

      <Card size="small" title={t("catalog.sections.availability")} style={{ marginBottom: 16 }}>
        <Row gutter={16}>
          <Col xs={24} md={12}>
            <Form.Item
              name="availability"
              label={t("catalog.fields.availability")}
              extra={stockLinked ? t("catalog.stockLink.lockedHint") : undefined}
            >
              <Radio.Group data-testid="listing-availability" disabled={stockLinked}>
                <Radio value="in_stock">{t("marketplace.availability.in_stock")}</Radio>
                <Radio value="made_to_order">{t("marketplace.availability.made_to_order")}</Radio>
              </Radio.Group>
            </Form.Item>
          </Col>
          {availability === "in_stock" ? (
            <Col xs={24} md={12}>
              <Form.Item name="stock_quantity" label={t("catalog.fields.stockQuantity")} rules={[required]}>
                <InputNumber<string>
                  stringMode
                  min="0"
                  disabled={stockLinked}

                  style={{ width: "100%" }}
                  data-testid="listing-stock"
                />
              </Form.Item>
            </Col>
          ) : null}
        </Row>
      </Card>

      <Card size="small" title={t("catalog.fields.attributes")} style={{ marginBottom: 16 }}>
        <Form.List name="attributes">
          {(fields, { add, remove }) => (
            <div data-testid="listing-attributes">
              {fields.map((field, index) => (
                <Space key={field.key} align="baseline" wrap>
                  <Form.Item
                    name={[field.name, "key"]}
                    rules={[
                      { ...required, whitespace: true },
                      { max: 60, message: t("validation.maxLength", { max: 60 }) },
                    ]}
                    style={{ marginBottom: 8 }}
                  >
                    <Input placeholder={t("catalog.attributeKey")} data-testid={`listing-attribute-${index}-key`} />
                  </Form.Item>
                  <Form.Item
                    name={[field.name, "value"]}
                    rules={[
                      { ...required, whitespace: true },
                      { max: 200, message: t("validation.maxLength", { max: 200 }) },
                    ]}
                    style={{ marginBottom: 8 }}
                  >
                    <Input
                      placeholder={t("catalog.attributeValue")}
                      style={{ minWidth: 260 }}
                      data-testid={`listing-attribute-${index}-value`}
                    />
                  </Form.Item>
                  <Button
                    type="text"
                    danger
                    icon={<DeleteOutlined />}
                    aria-label={t("catalog.removeAttribute")}
                    onClick={() => remove(field.name)}
                  />
                </Space>
              ))}
              {fields.length < MAX_ATTRIBUTES ? (
                <Button
                  type="dashed"
                  icon={<PlusOutlined />}
                  onClick={() => add({ key: "", value: "" })}
                  data-testid="listing-attribute-add"
                >
                  {t("catalog.addAttribute")}
                </Button>
              ) : null}
            </div>
          )}
        </Form.List>
      </Card>

      <Card size="small" title={t("catalog.fields.description")} style={{ marginBottom: 16 }}>
        <Row gutter={16}>
          <Col xs={24} md={12}>
            <Form.Item
              name="description_zh"
              label={t("catalog.fields.description_zh")}
              rules={[{ max: 5000, message: t("validation.maxLength", { max: 5000 }) }]}
            >
              <Input.TextArea rows={4} lang="zh-CN" data-testid="listing-description-zh" />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item
              name="description_en"
              label={t("catalog.fields.description_en")}
              rules={[{ max: 5000, message: t("validation.maxLength", { max: 5000 }) }]}
            >
              <Input.TextArea rows={4} lang="en" data-testid="listing-description-en" />
            </Form.Item>
          </Col>
        </Row>
      </Card>
      {readOnly ? (
        <Alert type="info" showIcon message={t("catalog.archivedReadOnly")} />
      ) : (
        <Button type="primary" htmlType="submit" loading={submitting} data-testid="listing-save">
          {listing ? t("actions.save") : t("catalog.createListing")}
        </Button>
      )}
    </Form>
  );
}
