import { Select } from "antd";
import { useMemo, useState } from "react";
import { useTranslation } from "react-i18next";
import { regionName } from "@/lib/format";
import { currentLanguage } from "@/lib/i18n";
import { COUNTRIES } from "@/lib/regions";

/** A country (`CN`) or a country's subdivision (`CN-JS`), as the API takes regions. */
export const REGION_PATTERN = /^[A-Z]{2}(-[A-Z0-9]{1,3})?$/;

export function isRegionCode(value: string): boolean {
  return REGION_PATTERN.test(value);
}

export interface RegionSelectProps {
  value?: string | string[] | null;
  onChange?: (value: string | string[] | undefined) => void;
  multiple?: boolean;
  /** Facet counts by region code (the regions offered are then those with counts first). */
  counts?: ReadonlyMap<string, number>;
  placeholder?: string;
  allowClear?: boolean;
  id?: string;
  "data-testid"?: string;
}

/** Countries by name in the UI language; a subdivision such as CN-JS can be typed in. */
export function RegionSelect({
  value,
  onChange,
  multiple = false,
  counts,
  placeholder,
  allowClear = true,
  id,
  "data-testid": testId,
}: RegionSelectProps) {
  const { t, i18n } = useTranslation();
  const language = currentLanguage(i18n);
  const [typed, setTyped] = useState("");
  const selected = useMemo(() => (Array.isArray(value) ? value : value ? [value] : []), [value]);

  const options = useMemo(() => {
    const codes = new Set<string>([...(counts?.keys() ?? []), ...selected, ...COUNTRIES]);
    const candidate = typed.trim().toUpperCase();
    if (isRegionCode(candidate)) codes.add(candidate);
    return [...codes].map((code) => {
      const count = counts?.get(code);
      const name = `${regionName(code, language)} (${code})`;
      return {
        value: code,
        label: count !== undefined ? `${name} · ${count}` : name,
        search: `${code} ${name}`.toLowerCase(),
      };
    });
  }, [counts, selected, typed, language]);

  return (
    <Select<string | string[]>
      id={id}
      data-testid={testId}
      style={{ width: "100%" }}
      mode={multiple ? "multiple" : undefined}
      value={multiple ? selected : (selected[0] ?? undefined)}
      onChange={(next) => {
        setTyped("");
        onChange?.(next ?? undefined);
      }}
      options={options}
      showSearch
      onSearch={setTyped}
      filterOption={(input, option) => (option?.search ?? "").includes(input.trim().toLowerCase())}
      allowClear={allowClear}
      placeholder={placeholder ?? t("regions.placeholder")}
    />
  );
}
