import { Button, Checkbox, Form, Input, InputNumber, Radio, Select, Space } from "antd";
import { useEffect, useMemo } from "react";
import { useTranslation } from "react-i18next";
import { CategoryTreeSelect } from "@/components/CategoryTreeSelect";
import { RegionSelect } from "@/components/RegionSelect";
import { CURRENCIES } from "@/lib/regions";
import type { SearchFacets, SearchQuery } from "../api/search";
import { activeFilterCount } from "./searchParams";

interface Values {
  category?: string;
  region?: string;
  certification?: string;
  price_min?: string | null;
  price_max?: string | null;
  currency?: string;
  moq_max?: string | null;
  lead_time_max?: number | null;
  availability?: "" | "in_stock" | "made_to_order";
  verified?: boolean;
}

/** Filters whose change applies at once; the typed ones (numbers, certification) apply on "Apply". */
const INSTANT: readonly (keyof Values)[] = ["category", "region", "availability", "verified", "currency"];

function valuesOf(query: SearchQuery): Values {
  return {
    category: query.category,
    region: query.region,
    certification: query.certification ?? "",
    price_min: query.price_min ?? null,
    price_max: query.price_max ?? null,
    currency: query.currency,
    moq_max: query.moq_max ?? null,
    lead_time_max: query.lead_time_max ?? null,
    availability: query.availability ?? "",
    verified: query.verified ?? false,
  };
}

function toQuery(values: Values): Partial<SearchQuery> {
  const text = (value: string | null | undefined) =>
    value === null || value === undefined ? undefined : String(value);
  return {
    category: values.category || undefined,
    region: values.region || undefined,
    certification: values.certification?.trim() || undefined,
    price_min: text(values.price_min),
    price_max: text(values.price_max),
    currency: values.currency || undefined,
    moq_max: text(values.moq_max),
    lead_time_max: values.lead_time_max ?? undefined,
    availability: values.availability || undefined,
    verified: values.verified || undefined,
  };
}

function countOf(facet: readonly { value: string; count: number }[] | undefined, value: string): number | undefined {
  return facet?.find((f) => f.value === value)?.count;
}

/** The search's filters, each option with the number of matches it would keep (the facets). */
export function SearchFilters({
  query,
  facets,
  onChange,
}: {
  query: SearchQuery;
  facets: SearchFacets | undefined;
  onChange: (changes: Partial<SearchQuery>) => void;
}) {
  const { t } = useTranslation();
  const [form] = Form.useForm<Values>();

  useEffect(() => {
    form.setFieldsValue(valuesOf(query));
  }, [form, query]);

  const categoryCounts = useMemo(
    () => new Map((facets?.categories ?? []).map((f) => [f.code, f.count] as const)),
    [facets?.categories],
  );
  const regionCounts = useMemo(
    () => new Map((facets?.regions ?? []).map((f) => [f.value, f.count] as const)),
    [facets?.regions],
  );
  const withCount = (label: string, count: number | undefined) => (count !== undefined ? `${label} (${count})` : label);

  const apply = () => onChange(toQuery(form.getFieldsValue()));

  return (
    <Form<Values>
      form={form}
      layout="vertical"
      size="middle"
      data-testid="search-filters"
      initialValues={valuesOf(query)}
      onValuesChange={(changed: Partial<Values>) => {
        if (Object.keys(changed).some((key) => INSTANT.includes(key as keyof Values))) apply();
      }}
      onFinish={apply}
    >
      <Form.Item name="category" label={t("marketplace.filters.category")}>
        <CategoryTreeSelect counts={categoryCounts} data-testid="filter-category" />
      </Form.Item>
      <Form.Item name="region" label={t("marketplace.filters.region")}>
        <RegionSelect counts={regionCounts} data-testid="filter-region" />
      </Form.Item>
      <Form.Item name="certification" label={t("marketplace.filters.certification")}>
        <Input
          data-testid="filter-certification"
          placeholder={t("marketplace.filters.certificationPlaceholder")}
          allowClear
          maxLength={60}
        />
      </Form.Item>
      <Form.Item label={t("marketplace.filters.price")} extra={t("marketplace.filters.priceHelp")}>
        <Space.Compact style={{ width: "100%" }}>
          <Form.Item name="price_min" noStyle>
            <InputNumber<string>
              stringMode
              min="0"
              style={{ width: "50%" }}
              placeholder={t("marketplace.filters.min")}
              data-testid="filter-price-min"
            />
          </Form.Item>
          <Form.Item name="price_max" noStyle>
            <InputNumber<string>
              stringMode
              min="0"
              style={{ width: "50%" }}
              placeholder={t("marketplace.filters.max")}
              data-testid="filter-price-max"
            />
          </Form.Item>
        </Space.Compact>
      </Form.Item>
      <Form.Item name="currency" label={t("marketplace.filters.currency")}>
        <Select
          allowClear
          showSearch
          data-testid="filter-currency"
          placeholder={t("marketplace.filters.anyCurrency")}
          options={CURRENCIES.map((c) => ({ value: c, label: c }))}
        />
      </Form.Item>
      <Form.Item name="moq_max" label={t("marketplace.filters.moqMax")}>
        <InputNumber<string> stringMode min="0" style={{ width: "100%" }} data-testid="filter-moq-max" />
      </Form.Item>
      <Form.Item name="lead_time_max" label={t("marketplace.filters.leadTimeMax")}>
        <InputNumber
          min={0}
          max={365}
          precision={0}
          style={{ width: "100%" }}
          addonAfter={t("marketplace.days")}
          data-testid="filter-lead-time-max"
        />
      </Form.Item>
      <Form.Item name="availability" label={t("marketplace.filters.availability")}>
        <Radio.Group data-testid="filter-availability">
          <Space direction="vertical" size={4}>
            <Radio value="">{t("marketplace.filters.any")}</Radio>
            <Radio value="in_stock" data-testid="filter-availability-in_stock">
              {withCount(t("marketplace.availability.in_stock"), countOf(facets?.availability, "in_stock"))}
            </Radio>
            <Radio value="made_to_order" data-testid="filter-availability-made_to_order">
              {withCount(t("marketplace.availability.made_to_order"), countOf(facets?.availability, "made_to_order"))}
            </Radio>
          </Space>
        </Radio.Group>
      </Form.Item>
      <Form.Item name="verified" valuePropName="checked">
        <Checkbox data-testid="filter-verified">
          {withCount(t("marketplace.filters.verifiedOnly"), countOf(facets?.verified, "true"))}
        </Checkbox>
      </Form.Item>
      <Space>
        <Button type="primary" htmlType="submit" data-testid="filters-apply">
          {t("marketplace.filters.apply")}
        </Button>
        <Button
          data-testid="filters-reset"
          disabled={activeFilterCount(query) === 0}
          onClick={() => {
            const cleared = toQuery({});
            form.setFieldsValue(valuesOf({}));
            onChange(cleared);
          }}
        >
          {t("marketplace.filters.reset")}
        </Button>
      </Space>
    </Form>
  );
}
