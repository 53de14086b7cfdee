import { Select } from "antd";
import { useTranslation } from "react-i18next";
import { resultsOf } from "@/lib/api";
import { useWarehouses, type Warehouse } from "../api/warehouses";

export function warehouseLabel(warehouse: Pick<Warehouse, "code" | "name">): string {
  return warehouse.name && warehouse.name !== warehouse.code ? `${warehouse.code} · ${warehouse.name}` : warehouse.code;
}

export interface WarehouseSelectProps {
  value?: number | null;
  onChange?: (value: number | null) => void;
  /** Only active warehouses can take movements; filters may name inactive ones too. */
  activeOnly?: boolean;
  /** A warehouse that cannot be chosen (a transfer's source, as its destination). */
  exclude?: number | null;
  placeholder?: string;
  allowClear?: boolean;
  disabled?: boolean;
  id?: string;
  style?: React.CSSProperties;
  "data-testid"?: string;
}

export function WarehouseSelect({
  value,
  onChange,
  activeOnly = false,
  exclude,
  placeholder,
  allowClear = true,
  disabled,
  id,
  style,
  "data-testid": testId,
}: WarehouseSelectProps) {
  const { t } = useTranslation();
  const warehouses = useWarehouses();
  const list = resultsOf(warehouses.data).filter((w) => !activeOnly || w.is_active || w.id === value);
  return (
    <Select<number>
      id={id}
      data-testid={testId}
      style={{ width: "100%", ...style }}
      value={value ?? undefined}
      onChange={(next) => onChange?.(next ?? null)}
      loading={warehouses.isPending}
      allowClear={allowClear}
      disabled={disabled}
      placeholder={placeholder ?? t("inventory.fields.warehousePlaceholder")}
      showSearch
      optionFilterProp="search"
      popupMatchSelectWidth={false}
      options={list.map((w) => ({
        value: w.id,
        search: `${w.code} ${w.name}`.toLowerCase(),
        disabled: w.id === exclude,
        label: (
          <span data-testid={`warehouse-option-${w.code}`}>
            {warehouseLabel(w)}
            {w.is_default ? ` (${t("inventory.warehouses.default")})` : ""}
            {!w.is_active ? ` (${t("inventory.status.inactive")})` : ""}
          </span>
        ),
      }))}
    />
  );
}
