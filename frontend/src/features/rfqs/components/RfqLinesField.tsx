import { DeleteOutlined, PlusOutlined } from "@ant-design/icons";
import { AutoComplete, Button, Card, Col, Form, Input, InputNumber, Row, Select, type FormInstance } from "antd";
import { useTranslation } from "react-i18next";
import { CategoryTreeSelect } from "@/components/CategoryTreeSelect";
import { localized, trimDecimal } from "@/lib/format";
import { currentLanguage } from "@/lib/i18n";
import { UNITS } from "@/lib/units";
import type { ListingHit } from "../api/listingSearch";
import { ListingPicker } from "./ListingPicker";
import { emptyLine, type LineValues, type RfqValues } from "./rfqFormValues";

const MAX_LINES = 200;
const COMMON_CERTIFICATIONS = [
  "ISO 9001",
  "ISO 14001",
  "ISO 45001",
  "IATF 16949",
  "HACCP",
  "ISO 22000",
  "CE",
  "RoHS",
  "UL",
  "FSC",
];

/** The RFQ's lines: a linked listing or a description, category, quantity and unit, and the rest. */
export function RfqLinesField({ form }: { form: FormInstance<RfqValues> }) {
  const { t, i18n } = useTranslation();
  const language = currentLanguage(i18n);
  const required = { required: true, message: t("validation.required") };

  const fillFromListing = (index: number, hit: ListingHit) => {
    const lines = [...(form.getFieldValue("lines") as LineValues[])];
    const line = lines[index];
    if (!line) return;
    lines[index] = {
      ...line,
      listing_label: `${localized(hit.name_en, hit.name_zh, language) || hit.sku} · ${hit.sku}`,
      category_code: hit.category.code,
      unit: hit.unit,
      quantity: line.quantity || trimDecimal(hit.moq),
    };
    form.setFieldValue("lines", lines);
  };

  return (
    <Form.List
      name="lines"
      rules={[
        {
          validator: async (_, lines: LineValues[] | undefined) => {
            if (!lines || lines.length === 0) throw new Error(t("rfqs.validation.linesRequired"));
          },
        },
      ]}
    >
      {(fields, { add, remove }, { errors }) => (
        <div data-testid="rfq-lines">
          {fields.map((field, index) => (
            <Card
              key={field.key}
              size="small"
              style={{ marginBottom: 12 }}
              data-testid={`rfq-line-${index}`}
              title={t("rfqs.lines.title", { n: index + 1 })}
              extra={
                fields.length > 1 ? (
                  <Button
                    type="text"
                    danger
                    icon={<DeleteOutlined />}
                    onClick={() => remove(field.name)}
                    aria-label={t("rfqs.lines.remove")}
                    data-testid={`rfq-line-${index}-remove`}
                  />
                ) : null
              }
            >
              <Row gutter={12}>
                <Col xs={24} md={12}>
                  <Form.Item noStyle dependencies={[["lines", field.name, "listing_label"]]}>
                    {() => (
                      <Form.Item
                        name={[field.name, "listing_id"]}
                        label={t("rfqs.lines.listing")}
                        extra={t("rfqs.lines.listingHelp")}
                      >
                        <ListingPicker
                          data-testid={`rfq-line-${index}-listing`}
                          label={form.getFieldValue(["lines", field.name, "listing_label"]) as string | undefined}
                          onPick={(hit) => fillFromListing(field.name, hit)}
                        />
                      </Form.Item>
                    )}
                  </Form.Item>
                </Col>
                <Col xs={24} md={12}>
                  <Form.Item
                    name={[field.name, "category_code"]}
                    label={t("rfqs.lines.category")}
                    dependencies={[["lines", field.name, "listing_id"]]}
                    rules={[
                      ({ getFieldValue }) => ({
                        validator: (_, value: string | undefined) => {
                          const linked = Boolean(getFieldValue(["lines", field.name, "listing_id"]));
                          if (!value && !linked)
                            return Promise.reject(new Error(t("rfqs.validation.categoryRequired")));
                          return Promise.resolve();
                        },
                      }),
                    ]}
                  >
                    <CategoryTreeSelect data-testid={`rfq-line-${index}-category`} />
                  </Form.Item>
                </Col>
                <Col span={24}>
                  <Form.Item
                    name={[field.name, "description"]}
                    label={t("rfqs.lines.description")}
                    dependencies={[["lines", field.name, "listing_id"]]}
                    rules={[
                      { max: 5000, message: t("validation.maxLength", { max: 5000 }) },
                      ({ getFieldValue }) => ({
                        validator: (_, value: string | undefined) =>
                          value?.trim() || getFieldValue(["lines", field.name, "listing_id"])
                            ? Promise.resolve()
                            : Promise.reject(new Error(t("rfqs.validation.describeOrLink"))),
                      }),
                    ]}
                  >
                    <Input.TextArea
                      rows={2}
                      placeholder={t("rfqs.lines.descriptionPlaceholder")}
                      data-testid={`rfq-line-${index}-description`}
                    />
                  </Form.Item>
                </Col>
                <Col xs={12} md={6}>
                  <Form.Item
                    name={[field.name, "quantity"]}
                    label={t("rfqs.lines.quantity")}
                    rules={[
                      required,
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
                      data-testid={`rfq-line-${index}-quantity`}
                    />
                  </Form.Item>
                </Col>
                <Col xs={12} md={6}>
                  <Form.Item
                    name={[field.name, "unit"]}
                    label={t("rfqs.lines.unit")}
                    rules={[
                      { ...required, whitespace: true },
                      { max: 20, message: t("validation.maxLength", { max: 20 }) },
                    ]}
                  >
                    <AutoComplete
                      data-testid={`rfq-line-${index}-unit`}
                      options={UNITS.map((unit) => ({ value: unit, label: `${t(`units.${unit}`)} (${unit})` }))}
                      filterOption={(input, option) => String(option?.value ?? "").startsWith(input.toLowerCase())}
                    />
                  </Form.Item>
                </Col>
                <Col xs={12} md={6}>
                  <Form.Item
                    name={[field.name, "target_price"]}
                    label={t("rfqs.lines.targetPrice")}
                    extra={t("rfqs.lines.targetPriceHelp")}
                  >
                    <InputNumber<string>
                      stringMode
                      min="0"

                      style={{ width: "100%" }}
                      data-testid={`rfq-line-${index}-target-price`}
                    />
                  </Form.Item>
                </Col>
                <Col xs={12} md={6}>
                  <Form.Item
                    name={[field.name, "quality_standard"]}
                    label={t("rfqs.lines.qualityStandard")}
                    rules={[{ max: 200, message: t("validation.maxLength", { max: 200 }) }]}
                  >
                    <Input placeholder="GB/T 276-2013" data-testid={`rfq-line-${index}-quality`} />
                  </Form.Item>
                </Col>
                <Col span={24}>
                  <Form.Item
                    name={[field.name, "required_certifications"]}
                    label={t("rfqs.lines.requiredCertifications")}
                    extra={t("rfqs.lines.requiredCertificationsHelp")}
                    rules={[{ type: "array", max: 10, message: t("validation.maxItems", { max: 10 }) }]}
                  >
                    <Select
                      mode="tags"
                      data-testid={`rfq-line-${index}-certifications`}
                      options={COMMON_CERTIFICATIONS.map((c) => ({ value: c, label: c }))}
                      tokenSeparators={[",", "，"]}
                    />
                  </Form.Item>
                </Col>
              </Row>
            </Card>
          ))}
          <Form.ErrorList errors={errors} />
          {fields.length < MAX_LINES ? (
            <Button
              type="dashed"
              icon={<PlusOutlined />}
              onClick={() => add(emptyLine())}
              data-testid="rfq-line-add"
              block
            >
              {t("rfqs.lines.add")}
            </Button>
          ) : null}
        </div>
      )}
    </Form.List>
  );
}
