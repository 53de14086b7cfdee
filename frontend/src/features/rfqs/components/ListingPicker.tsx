import { Select, Space, Typography } from "antd";
import { useEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import { localized } from "@/lib/format";
import { currentLanguage } from "@/lib/i18n";
import { useListingHits, type ListingHit } from "../api/listingSearch";

/** Waits until typing pauses before searching. */
function useDebounced<T>(value: T, delayMs: number): T {
  const [debounced, setDebounced] = useState(value);
  useEffect(() => {
    const timer = setTimeout(() => setDebounced(value), delayMs);
    return () => clearTimeout(timer);
  }, [value, delayMs]);
  return debounced;
}

export interface ListingPickerProps {
  value?: number | null;
  onChange?: (value: number | null) => void;
  /** What to show for the linked listing before any search (its name and SKU). */
  label?: string;
  /** The listing picked, to fill the line from it. */
  onPick?: (listing: ListingHit) => void;
  id?: string;
  "data-testid"?: string;
}

/** A marketplace listing to link to an RFQ line, found by words (Chinese or English) or SKU. */
export function ListingPicker({ value, onChange, label, onPick, id, "data-testid": testId }: ListingPickerProps) {
  const { t, i18n } = useTranslation();
  const language = currentLanguage(i18n);
  const [text, setText] = useState("");
  const q = useDebounced(text.trim(), 300);
  const hits = useListingHits(q);

  const nameOf = (hit: ListingHit) => localized(hit.name_en, hit.name_zh, language) || hit.sku;
  const options = (hits.data ?? []).map((hit) => ({
    value: hit.id,
    label: `${nameOf(hit)} · ${hit.sku}`,
    hit,
  }));
  if (value && !options.some((o) => o.value === value)) {
    options.unshift({ value, label: label ?? `#${value}`, hit: undefined as unknown as ListingHit });
  }

  return (
    <Select<number | null>
      id={id}
      data-testid={testId}
      showSearch
      allowClear
      value={value ?? null}
      placeholder={t("rfqs.lines.listingPlaceholder")}
      filterOption={false}
      onSearch={setText}
      loading={hits.isFetching}
      notFoundContent={
        q ? (hits.isFetching ? t("rfqs.lines.searching") : t("rfqs.lines.noListings")) : t("rfqs.lines.typeToSearch")
      }
      onChange={(next) => {
        onChange?.(next ?? null);
        const hit = options.find((o) => o.value === next)?.hit;
        if (hit) onPick?.(hit);
      }}
      options={options.map((o) => ({
        value: o.value,
        label: o.label,
        title: o.label,
        hit: o.hit,
      }))}
      optionRender={(option) => {
        const hit = (option.data as { hit?: ListingHit }).hit;
        if (!hit) return option.label;
        return (
          <Space direction="vertical" size={0} data-testid={`listing-option-${hit.id}`}>
            <Typography.Text>{nameOf(hit)}</Typography.Text>
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {hit.sku} · {localized(hit.supplier.display_name_en, hit.supplier.display_name_zh, language)}
            </Typography.Text>
          </Space>
        );
      }}
      style={{ width: "100%" }}
    />
  );
}
