import { DeleteOutlined, PlusOutlined } from "@ant-design/icons";
import {
  AutoComplete,
  Button,
  Card,
  Col,
  DatePicker,
  Form,
  Input,
  InputNumber,
  Row,
  Space,
  Typography,
  type FormInstance,
} from "antd";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { useAccess } from "@/lib/access";
import { dateFieldProps } from "@/lib/dates";
import { formatMoney, localized } from "@/lib/format";
import { currentLanguage } from "@/lib/i18n";
import { UNITS } from "@/lib/units";
import { useItemHits, type InventoryItem } from "../api/items";
import {
  decimalPlaces,
  emptyLine,
  isPositive,
  lineAmounts,
  minorUnits,
  type LineValues,
  type PoValues,
} from "./poFormValues";
import { useDebounced } from "./useDebounced";

const MAX_LINES = 500;

/** The SKU, with the company's own inventory items suggested as it is typed (picking one fills the line). */
function SkuInput({
  value,
  onChange,
  onPick,
  searchable,
  id,
  "data-testid": testId,
}: {
  value?: string;
  onChange?: (value: string) => void;
  onPick: (item: InventoryItem) => void;
  searchable: boolean;
  id?: string;
  "data-testid"?: string;
}) {
  const { t, i18n } = useTranslation();
  const language = currentLanguage(i18n);
  const [typed, setTyped] = useState("");
  const search = useDebounced(typed.trim());
  const hits = useItemHits(search, { enabled: searchable });
  return (
    <AutoComplete
      id={id}
      data-testid={testId}
      value={value}
      onSearch={setTyped}
      onChange={(next: string) => onChange?.(next)}
      onSelect={(_: string, option: { item?: InventoryItem }) => {
        if (option.item) onPick(option.item);
      }}
      placeholder={searchable ? t("procurement.lines.skuSearch") : undefined}
      options={(hits.data ?? []).map((item) => ({
        value: item.sku,
        item,
        label: (
          <Space direction="vertical" size={0} data-testid={`item-option-${item.id}`}>
            <Typography.Text>{item.sku}</Typography.Text>
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {localized(item.name_en, item.name_zh, language)} · {item.unit}
            </Typography.Text>
          </Space>
        ),
      }))}
      style={{ width: "100%" }}
    />
  );
}

/** The order's lines: item (SKU, inventory item), description, quantity and unit, price, tax, date. */
export function PoLinesField({ form, currency }: { form: FormInstance<PoValues>; currency: string }) {
  const { t, i18n } = useTranslation();
  const language = currentLanguage(i18n);
  const { can } = useAccess();
  const required = { required: true, message: t("validation.required") };
  const minor = minorUnits(currency);

  const fillFromItem = (index: number, item: InventoryItem) => {
    const lines = [...(form.getFieldValue("lines") as LineValues[])];
    const line = lines[index];
    if (!line) return;
    lines[index] = {
      ...line,
      sku: item.sku,
      item_id: item.id,
      description: line.description || localized(item.name_en, item.name_zh, language),
      unit: item.unit,
    };
    form.setFieldValue("lines", lines);
  };

  return (
    <Form.List
      name="lines"
      rules={[
        {
          validator: async (_, lines: LineValues[] | undefined) => {
            if (!lines || lines.length === 0) throw new Error(t("procurement.validation.linesRequired"));
          },
        },
      ]}
    >
      {(fields, { add, remove }, { errors }) => (
        <div data-testid="po-lines">
          {fields.map((field, index) => (
            <Card
              key={field.key}
              size="small"
              style={{ marginBottom: 12 }}
              data-testid={`po-line-${index}`}
              title={t("procurement.lines.title", { n: index + 1 })}
              extra={
                <Space>
                  <Form.Item
                    noStyle
                    shouldUpdate={(prev: PoValues, next: PoValues) =>
                      prev.lines?.[field.name] !== next.lines?.[field.name] || prev.currency !== next.currency
                    }
                  >
                    {() => {
                      const amounts = lineAmounts(form.getFieldValue(["lines", field.name]) as LineValues, currency);
                      return amounts ? (
                        <Typography.Text type="secondary" data-testid={`po-line-${index}-amount`}>
                          {t("procurement.lines.amount", {
                            net: formatMoney(amounts.net, currency, language),
                            tax: formatMoney(amounts.tax, currency, language),
                          })}
                        </Typography.Text>
                      ) : null;
                    }}
                  </Form.Item>
                  {fields.length > 1 ? (
                    <Button
                      type="text"
                      danger
                      icon={<DeleteOutlined />}
                      onClick={() => remove(field.name)}
                      aria-label={t("procurement.lines.remove")}
                      data-testid={`po-line-${index}-remove`}
                    />
                  ) : null}
                </Space>
              }
            >
              <Form.Item name={[field.name, "item_id"]} hidden>
                <Input />
              </Form.Item>
              <Form.Item name={[field.name, "listing_id"]} hidden>
                <Input />
              </Form.Item>
              <Row gutter={12}>
                <Col xs={24} md={6}>
                  <Form.Item
                    name={[field.name, "sku"]}
                    label={t("procurement.lines.sku")}
                    extra={can("stock.view") ? t("procurement.lines.skuHelp") : undefined}
                    rules={[{ max: 60, message: t("validation.maxLength", { max: 60 }) }]}
                    getValueFromEvent={(value: string) => {
                      // A typed SKU no longer names the inventory item picked before.
                      const itemId = form.getFieldValue(["lines", field.name, "item_id"]) as number | null;
                      if (itemId !== null) form.setFieldValue(["lines", field.name, "item_id"], null);
                      return value;
                    }}
                  >
                    <SkuInput
                      data-testid={`po-line-${index}-sku`}
                      searchable={can("stock.view")}
                      onPick={(item) => fillFromItem(field.name, item)}
                    />
                  </Form.Item>
                </Col>
                <Col xs={24} md={18}>
                  <Form.Item
                    name={[field.name, "description"]}
                    label={t("procurement.lines.description")}
                    dependencies={[["lines", field.name, "sku"]]}
                    rules={[
                      { max: 500, message: t("validation.maxLength", { max: 500 }) },
                      ({ getFieldValue }) => ({
                        validator: (_, value: string | undefined) =>
                          value?.trim() || (getFieldValue(["lines", field.name, "sku"]) as string | undefined)?.trim()
                            ? Promise.resolve()
                            : Promise.reject(new Error(t("procurement.validation.describeOrSku"))),
                      }),
                    ]}
                  >
                    <Input data-testid={`po-line-${index}-description`} />
                  </Form.Item>
                </Col>
                <Col xs={12} md={4}>
                  <Form.Item
                    name={[field.name, "quantity"]}
                    label={t("procurement.lines.quantity")}
                    rules={[
                      required,
                      {
                        validator: (_, value: string | null) =>
                          value === null || value === undefined || isPositive(String(value))
                            ? Promise.resolve()
                            : Promise.reject(new Error(t("procurement.validation.quantityPositive"))),
                      },
                      {
                        validator: (_, value: string | null) =>
                          decimalPlaces(value) <= 4
                            ? Promise.resolve()
                            : Promise.reject(new Error(t("procurement.validation.decimals", { n: 4 }))),
                      },
                    ]}
                  >
                    <InputNumber<string>
                      stringMode
                      min="0"
                      style={{ width: "100%" }}
                      data-testid={`po-line-${index}-quantity`}
                    />
                  </Form.Item>
                </Col>
                <Col xs={12} md={4}>
                  <Form.Item
                    name={[field.name, "unit"]}
                    label={t("procurement.lines.unit")}
                    rules={[
                      { ...required, whitespace: true },
                      { max: 20, message: t("validation.maxLength", { max: 20 }) },
                    ]}
                  >
                    <AutoComplete
                      data-testid={`po-line-${index}-unit`}
                      options={UNITS.map((unit) => ({ value: unit, label: `${t(`units.${unit}`)} (${unit})` }))}
                      filterOption={(input, option) => String(option?.value ?? "").startsWith(input.toLowerCase())}
                    />
                  </Form.Item>
                </Col>
                <Col xs={12} md={5}>
                  <Form.Item
                    name={[field.name, "unit_price"]}
                    label={t("procurement.lines.unitPrice", { currency })}
                    rules={[
                      required,
                      {
                        validator: (_, value: string | null) =>
                          decimalPlaces(value) <= minor
                            ? Promise.resolve()
                            : Promise.reject(
                                new Error(t("procurement.validation.priceDecimals", { currency, n: minor })),
                              ),
                      },
                    ]}
                  >
                    <InputNumber<string>
                      stringMode
                      min="0"
                      style={{ width: "100%" }}
                      data-testid={`po-line-${index}-price`}
                    />
                  </Form.Item>
                </Col>
                <Col xs={12} md={4}>
                  <Form.Item
                    name={[field.name, "tax_rate"]}
                    label={t("procurement.lines.taxRate")}
                    rules={[
                      {
                        validator: (_, value: string | null) =>
                          decimalPlaces(value) <= 2
                            ? Promise.resolve()
                            : Promise.reject(new Error(t("procurement.validation.decimals", { n: 2 }))),
                      },
                    ]}
                  >
                    <InputNumber<string>
                      stringMode
                      min="0"
                      max="100"
                      suffix="%"
                      style={{ width: "100%" }}
                      data-testid={`po-line-${index}-tax`}
                    />
                  </Form.Item>
                </Col>
                <Col xs={24} md={7}>
                  <Form.Item
                    name={[field.name, "requested_date"]}
                    label={t("procurement.lines.requestedDate")}
                    {...dateFieldProps}
                  >
                    <DatePicker style={{ width: "100%" }} data-testid={`po-line-${index}-date`} />
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
              data-testid="po-line-add"
              block
            >
              {t("procurement.lines.add")}
            </Button>
          ) : null}
        </div>
      )}
    </Form.List>
  );
}
