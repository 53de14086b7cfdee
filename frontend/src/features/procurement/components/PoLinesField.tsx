import { AutoComplete, Space, Typography, type FormInstance } from "antd";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import {
  dateColumn,
  descriptionColumn,
  LineEditor,
  maxDecimals,
  priceColumn,
  quantityColumn,
  taxRateColumn,
  unitColumn,
  type LineColumn,
} from "@/components/LineEditor";
import { useAccess } from "@/lib/access";
import { formatMoney, localized } from "@/lib/format";
import { currentLanguage } from "@/lib/i18n";
import { useItemHits, type InventoryItem } from "../api/items";
import { emptyLine, lineAmounts, minorUnits, type LineValues, type PoValues } from "./poFormValues";
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
  const required = t("validation.required");
  const minor = minorUnits(currency);

  const fillFromItem = (row: number, item: InventoryItem) => {
    const lines = [...(form.getFieldValue("lines") as LineValues[])];
    const line = lines[row];
    if (!line) return;
    lines[row] = {
      ...line,
      sku: item.sku,
      item_id: item.id,
      description: line.description || localized(item.name_en, item.name_zh, language),
      unit: item.unit,
    };
    form.setFieldValue("lines", lines);
  };

  const columns: LineColumn<LineValues>[] = [
    {
      field: "sku",
      label: t("procurement.lines.sku"),
      extra: can("stock.view") ? t("procurement.lines.skuHelp") : undefined,
      testId: "sku",
      span: { xs: 24, md: 6 },
      rules: () => [{ max: 60, message: t("validation.maxLength", { max: 60 }) }],
      itemProps: ({ row }) => ({
        getValueFromEvent: (value: string) => {
          // A typed SKU no longer names the inventory item picked before.
          const itemId = form.getFieldValue(["lines", row, "item_id"]) as number | null;
          if (itemId !== null) form.setFieldValue(["lines", row, "item_id"], null);
          return value;
        },
      }),
      input: ({ row, testId }) => (
        <SkuInput data-testid={testId} searchable={can("stock.view")} onPick={(item) => fillFromItem(row, item)} />
      ),
    },
    descriptionColumn<LineValues>({
      field: "description",
      label: t("procurement.lines.description"),
      maxLength: 500,
      maxLengthMessage: t("validation.maxLength", { max: 500 }),
      dependencies: ["sku"],
      rules: ({ path }) => [
        ({ getFieldValue }) => ({
          validator: (_, value: string | undefined) =>
            value?.trim() || (getFieldValue(path("sku")) as string | undefined)?.trim()
              ? Promise.resolve()
              : Promise.reject(new Error(t("procurement.validation.describeOrSku"))),
        }),
      ],
    }),
    quantityColumn<LineValues>({
      field: "quantity",
      label: t("procurement.lines.quantity"),
      requiredMessage: required,
      positiveMessage: t("procurement.validation.quantityPositive"),
      maxDecimals: { places: 4, message: t("procurement.validation.decimals", { n: 4 }) },
    }),
    unitColumn<LineValues>({
      field: "unit",
      label: t("procurement.lines.unit"),
      requiredMessage: required,
      maxLength: 20,
      maxLengthMessage: t("validation.maxLength", { max: 20 }),
    }),
    priceColumn<LineValues>({
      field: "unit_price",
      label: t("procurement.lines.unitPrice", { currency }),
      rules: [
        { required: true, message: required },
        maxDecimals(minor, t("procurement.validation.priceDecimals", { currency, n: minor })),
      ],
    }),
    taxRateColumn<LineValues>({
      field: "tax_rate",
      label: t("procurement.lines.taxRate"),
      rules: [maxDecimals(2, t("procurement.validation.decimals", { n: 2 }))],
    }),
    dateColumn<LineValues>({ field: "requested_date", label: t("procurement.lines.requestedDate") }),
  ];

  return (
    <LineEditor<LineValues>
      form={form}
      columns={columns}
      hiddenFields={["item_id", "listing_id"]}
      emptyLine={emptyLine}
      maxLines={MAX_LINES}
      emptyMessage={t("procurement.validation.linesRequired")}
      testIdPrefix="po-line"
      listTestId="po-lines"
      labels={{
        title: (n) => t("procurement.lines.title", { n }),
        remove: t("procurement.lines.remove"),
        add: t("procurement.lines.add"),
      }}
      lineSummary={(line, index) => {
        const amounts = line ? lineAmounts(line, currency) : null;
        return amounts ? (
          <Typography.Text type="secondary" data-testid={`po-line-${index}-amount`}>
            {t("procurement.lines.amount", {
              net: formatMoney(amounts.net, currency, language),
              tax: formatMoney(amounts.tax, currency, language),
            })}
          </Typography.Text>
        ) : null;
      }}
    />
  );
}
