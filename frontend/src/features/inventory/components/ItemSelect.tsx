import { Select, Space, Typography } from "antd";
import { useMemo, useState } from "react";
import { useTranslation } from "react-i18next";
import { useItems } from "../api/items";
import { useItemName, type ItemRef } from "./ItemName";
import { useDebounced } from "./useDebounced";

export interface ItemSelectProps {
  value?: number | null;
  onChange?: (value: number | null, item: ItemRef | null) => void;
  /** The item already chosen (its label is shown before any search). */
  selected?: ItemRef | null;
  /** Only active items can be chosen (movements); filters may pick inactive ones too. */
  activeOnly?: boolean;
  placeholder?: string;
  allowClear?: boolean;
  disabled?: boolean;
  id?: string;
  style?: React.CSSProperties;
  "data-testid"?: string;
}

/** Finds an item by SKU or either name, asking the server as the member types. */
export function ItemSelect({
  value,
  onChange,
  selected,
  activeOnly = false,
  placeholder,
  allowClear = true,
  disabled,
  id,
  style,
  "data-testid": testId,
}: ItemSelectProps) {
  const { t } = useTranslation();
  const name = useItemName();
  const [search, setSearch] = useState("");
  const term = useDebounced(search.trim(), 250);
  // Asked only once the list is opened: a closed select shows the chosen item from `selected`.
  const [open, setOpen] = useState(false);
  const items = useItems(
    { search: term || undefined, page: 1, page_size: 20, ...(activeOnly ? { active: true } : {}) },
    { enabled: open || term !== "" },
  );
  const [picked, setPicked] = useState<ItemRef | null>(selected ?? null);

  const options = useMemo(() => {
    const found: ItemRef[] = items.data?.results ?? [];
    const known = [selected, picked].filter(
      (item): item is ItemRef => !!item && item.id === value && !found.some((f) => f.id === item.id),
    );
    return [...known.slice(0, 1), ...found].map((item) => ({
      value: item.id,
      item,
      label: (
        <Space size={6} data-testid={`item-option-${item.sku}`}>
          <Typography.Text strong>{item.sku}</Typography.Text>
          <Typography.Text type="secondary">{name(item) !== item.sku ? name(item) : ""}</Typography.Text>
        </Space>
      ),
    }));
  }, [items.data, selected, picked, value, name]);

  return (
    <Select<number>
      id={id}
      data-testid={testId}
      style={{ width: "100%", ...style }}
      showSearch
      filterOption={false}
      value={value ?? undefined}
      searchValue={search}
      onSearch={setSearch}
      onOpenChange={setOpen}
      onChange={(next, option) => {
        const item = next === undefined ? null : ((option as { item?: ItemRef } | undefined)?.item ?? null);
        setPicked(item);
        setSearch("");
        onChange?.(next ?? null, item);
      }}
      options={options}
      loading={items.isFetching}
      allowClear={allowClear}
      disabled={disabled}
      placeholder={placeholder ?? t("inventory.fields.itemPlaceholder")}
      notFoundContent={items.isFetching ? t("inventory.searching") : t("inventory.noItemsFound")}
      popupMatchSelectWidth={false}
    />
  );
}
