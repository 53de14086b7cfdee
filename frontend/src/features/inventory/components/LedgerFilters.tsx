import { Button, DatePicker, Input, Select, Space } from "antd";
import { useTranslation } from "react-i18next";
import { dayjs } from "@/lib/dates";
import { LEDGER_KINDS, type LedgerKind, type LedgerQuery } from "../api/ledger";
import type { ItemRef } from "./ItemName";
import { ItemSelect } from "./ItemSelect";
import { WarehouseSelect } from "./WarehouseSelect";

/** The ledger's filters as the page keeps them: dates are days (`YYYY-MM-DD`, both ends included). */
export interface LedgerFilterValues {
  item: number | null;
  warehouse: number | null;
  kind: LedgerKind | null;
  from: string | null;
  to: string | null;
  reference: string;
}

export const NO_LEDGER_FILTERS: LedgerFilterValues = {
  item: null,
  warehouse: null,
  kind: null,
  from: null,
  to: null,
  reference: "",
};

/** The API's query for the filters: days become the member's local midnights, the end day included. */
export function ledgerQuery(filters: LedgerFilterValues): Omit<LedgerQuery, "page" | "page_size"> {
  return {
    item_id: filters.item ?? undefined,
    warehouse_id: filters.warehouse ?? undefined,
    kind: filters.kind ?? undefined,
    reference: filters.reference.trim() || undefined,
    since: filters.from ? dayjs(filters.from).startOf("day").toISOString() : undefined,
    until: filters.to ? dayjs(filters.to).add(1, "day").startOf("day").toISOString() : undefined,
  };
}

export function LedgerFilters({
  value,
  onChange,
  hideItem = false,
  item,
}: {
  value: LedgerFilterValues;
  onChange: (value: LedgerFilterValues) => void;
  hideItem?: boolean;
  /** The filtered item, for its label. */
  item?: ItemRef | null;
}) {
  const { t } = useTranslation();
  const set = (patch: Partial<LedgerFilterValues>) => onChange({ ...value, ...patch });
  const any =
    (value.item !== null && !hideItem) ||
    value.warehouse !== null ||
    value.kind !== null ||
    value.from !== null ||
    value.to !== null ||
    value.reference !== "";
  return (
    <Space wrap size="middle" style={{ marginBottom: 16 }} data-testid="ledger-filters">
      {hideItem ? null : (
        <ItemSelect
          value={value.item}
          selected={item ?? null}
          onChange={(next) => set({ item: next })}
          placeholder={t("inventory.ledger.allItems")}
          style={{ minWidth: 240 }}
          data-testid="ledger-filter-item"
        />
      )}
      <WarehouseSelect
        value={value.warehouse}
        onChange={(next) => set({ warehouse: next })}
        placeholder={t("inventory.stock.allWarehouses")}
        style={{ minWidth: 200 }}
        data-testid="ledger-filter-warehouse"
      />
      <Select<LedgerKind>
        allowClear
        value={value.kind ?? undefined}
        onChange={(next) => set({ kind: next ?? null })}
        placeholder={t("inventory.ledger.allKinds")}
        style={{ minWidth: 170 }}
        data-testid="ledger-filter-kind"
        options={LEDGER_KINDS.map((kind) => ({
          value: kind,
          label: <span data-testid={`ledger-kind-option-${kind}`}>{t(`inventory.kind.${kind}`)}</span>,
        }))}
      />
      <DatePicker.RangePicker
        allowEmpty={[true, true]}
        value={[value.from ? dayjs(value.from) : null, value.to ? dayjs(value.to) : null]}
        onChange={(range) =>
          set({
            from: range?.[0] ? range[0].format("YYYY-MM-DD") : null,
            to: range?.[1] ? range[1].format("YYYY-MM-DD") : null,
          })
        }
        data-testid="ledger-filter-range"
      />
      <Input.Search
        key={value.reference}
        allowClear
        defaultValue={value.reference}
        onChange={(event) => {
          if (event.target.value === "" && value.reference !== "") set({ reference: "" });
        }}
        onSearch={(next) => set({ reference: next.trim() })}
        placeholder={t("inventory.ledger.referencePlaceholder")}
        style={{ width: 220 }}
        data-testid="ledger-filter-reference"
      />
      {any ? (
        <Button
          onClick={() => onChange({ ...NO_LEDGER_FILTERS, item: hideItem ? value.item : null })}
          data-testid="ledger-filter-reset"
        >
          {t("inventory.ledger.reset")}
        </Button>
      ) : null}
    </Space>
  );
}
