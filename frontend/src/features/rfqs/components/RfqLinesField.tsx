import { Input, Select, type FormInstance } from "antd";
import { useTranslation } from "react-i18next";
import {
  categoryColumn,
  descriptionColumn,
  LineEditor,
  priceColumn,
  quantityColumn,
  unitColumn,
  type LineColumn,
} from "@/components/LineEditor";
import { localized, trimDecimal } from "@/lib/format";
import { currentLanguage } from "@/lib/i18n";
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
  const required = t("validation.required");

  const fillFromListing = (row: number, hit: ListingHit) => {
    const lines = [...(form.getFieldValue("lines") as LineValues[])];
    const line = lines[row];
    if (!line) return;
    lines[row] = {
      ...line,
      listing_label: `${localized(hit.name_en, hit.name_zh, language) || hit.sku} · ${hit.sku}`,
      category_code: hit.category.code,
      unit: hit.unit,
      quantity: line.quantity || trimDecimal(hit.moq),
    };
    form.setFieldValue("lines", lines);
  };

  const columns: LineColumn<LineValues>[] = [
    {
      field: "listing_id",
      label: t("rfqs.lines.listing"),
      extra: t("rfqs.lines.listingHelp"),
      testId: "listing",
      span: { xs: 24, md: 12 },
      rerenderOn: ["listing_label"],
      input: ({ row, testId }) => (
        <ListingPicker
          data-testid={testId}
          label={form.getFieldValue(["lines", row, "listing_label"]) as string | undefined}
          onPick={(hit) => fillFromListing(row, hit)}
        />
      ),
    },
    categoryColumn<LineValues>({
      field: "category_code",
      label: t("rfqs.lines.category"),
      dependencies: ["listing_id"],
      rules: ({ path }) => [
        ({ getFieldValue }) => ({
          validator: (_, value: string | undefined) => {
            const linked = Boolean(getFieldValue(path("listing_id")));
            if (!value && !linked) return Promise.reject(new Error(t("rfqs.validation.categoryRequired")));
            return Promise.resolve();
          },
        }),
      ],
    }),
    descriptionColumn<LineValues>({
      field: "description",
      label: t("rfqs.lines.description"),
      maxLength: 5000,
      maxLengthMessage: t("validation.maxLength", { max: 5000 }),
      multiline: true,
      placeholder: t("rfqs.lines.descriptionPlaceholder"),
      span: { span: 24 },
      dependencies: ["listing_id"],
      rules: ({ path }) => [
        ({ getFieldValue }) => ({
          validator: (_, value: string | undefined) =>
            value?.trim() || getFieldValue(path("listing_id"))
              ? Promise.resolve()
              : Promise.reject(new Error(t("rfqs.validation.describeOrLink"))),
        }),
      ],
    }),
    quantityColumn<LineValues>({
      field: "quantity",
      label: t("rfqs.lines.quantity"),
      requiredMessage: required,
      positiveMessage: t("rfqs.validation.quantityPositive"),
      span: { xs: 12, md: 6 },
    }),
    unitColumn<LineValues>({
      field: "unit",
      label: t("rfqs.lines.unit"),
      requiredMessage: required,
      maxLength: 20,
      maxLengthMessage: t("validation.maxLength", { max: 20 }),
      span: { xs: 12, md: 6 },
    }),
    priceColumn<LineValues>({
      field: "target_price",
      label: t("rfqs.lines.targetPrice"),
      extra: t("rfqs.lines.targetPriceHelp"),
      testId: "target-price",
      span: { xs: 12, md: 6 },
    }),
    {
      field: "quality_standard",
      label: t("rfqs.lines.qualityStandard"),
      testId: "quality",
      span: { xs: 12, md: 6 },
      rules: () => [{ max: 200, message: t("validation.maxLength", { max: 200 }) }],
      input: ({ testId }) => <Input placeholder="GB/T 276-2013" data-testid={testId} />,
    },
    {
      field: "required_certifications",
      label: t("rfqs.lines.requiredCertifications"),
      extra: t("rfqs.lines.requiredCertificationsHelp"),
      testId: "certifications",
      span: { span: 24 },
      rules: () => [{ type: "array", max: 10, message: t("validation.maxItems", { max: 10 }) }],
      input: ({ testId }) => (
        <Select
          mode="tags"
          data-testid={testId}
          options={COMMON_CERTIFICATIONS.map((c) => ({ value: c, label: c }))}
          tokenSeparators={[",", "，"]}
        />
      ),
    },
  ];

  return (
    <LineEditor<LineValues>
      form={form}
      columns={columns}
      emptyLine={emptyLine}
      maxLines={MAX_LINES}
      emptyMessage={t("rfqs.validation.linesRequired")}
      testIdPrefix="rfq-line"
      listTestId="rfq-lines"
      labels={{
        title: (n) => t("rfqs.lines.title", { n }),
        remove: t("rfqs.lines.remove"),
        add: t("rfqs.lines.add"),
      }}
    />
  );
}
