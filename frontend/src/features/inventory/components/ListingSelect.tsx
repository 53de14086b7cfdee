import { Select, Space, Typography } from "antd";
import { useMemo, useState } from "react";
import { useTranslation } from "react-i18next";
import { localized } from "@/lib/format";
import { currentLanguage } from "@/lib/i18n";
import { useOwnListing, useOwnListings, type OwnListing } from "../api/ownListings";
import { useDebounced } from "./useDebounced";

/** One of the company's own marketplace listings, found by words of its names or its SKU. */
export function ListingSelect({
  value,
  onChange,
  id,
  "data-testid": testId,
}: {
  value?: number | null;
  onChange?: (value: number | null) => void;
  id?: string;
  "data-testid"?: string;
}) {
  const { t, i18n } = useTranslation();
  const language = currentLanguage(i18n);
  const [search, setSearch] = useState("");
  const [open, setOpen] = useState(false);
  const term = useDebounced(search, 250);
  const found = useOwnListings(term, { enabled: open });
  const current = useOwnListing(value ?? null);

  const options = useMemo(() => {
    const list: OwnListing[] = [...(found.data ?? [])];
    if (current.data && !list.some((l) => l.id === current.data.id)) list.unshift(current.data);
    return list.map((listing) => ({
      value: listing.id,
      label: (
        <Space size={6} data-testid={`listing-option-${listing.id}`}>
          <Typography.Text strong>{listing.sku}</Typography.Text>
          <Typography.Text type="secondary">{localized(listing.name_en, listing.name_zh, language)}</Typography.Text>
          {listing.status !== "active" ? (
            <Typography.Text type="warning">({t(`catalog.status.${listing.status}`)})</Typography.Text>
          ) : null}
        </Space>
      ),
    }));
  }, [found.data, current.data, language, t]);

  return (
    <Select<number>
      id={id}
      data-testid={testId}
      style={{ width: "100%" }}
      showSearch
      filterOption={false}
      allowClear
      value={value ?? undefined}
      searchValue={search}
      onSearch={setSearch}
      onOpenChange={setOpen}
      onChange={(next) => {
        setSearch("");
        onChange?.(next ?? null);
      }}
      options={options}
      loading={found.isFetching || current.isFetching}
      placeholder={t("inventory.fields.listingPlaceholder")}
      notFoundContent={found.isFetching ? t("inventory.searching") : t("inventory.noListingsFound")}
      popupMatchSelectWidth={false}
      status={found.isError ? "error" : undefined}
    />
  );
}
