import { Select, Space, Tag, Typography } from "antd";
import { useMemo, useState } from "react";
import { useTranslation } from "react-i18next";
import { countryName, localized } from "@/lib/format";
import { currentLanguage } from "@/lib/i18n";
import { useSupplierHits, useTradingPartners } from "../api/suppliers";
import { useDebounced } from "./useDebounced";

interface Option {
  value: number;
  label: string;
  detail: string;
  partner: boolean;
  verified: boolean;
}

export interface SupplierPickerProps {
  value?: number | null;
  onChange?: (value: number | null) => void;
  /** The chosen company's name, before any search. */
  label?: string;
  onPick?: (name: string) => void;
  id?: string;
  status?: "error";
  "data-testid"?: string;
}

/**
 * A company on Hansa to order from: the trading partners first (companies already traded with), then
 * suppliers found on the marketplace by name, category or product words (Chinese or English).
 */
export function SupplierPicker({
  value,
  onChange,
  label,
  onPick,
  id,
  status,
  "data-testid": testId,
}: SupplierPickerProps) {
  const { t, i18n } = useTranslation();
  const language = currentLanguage(i18n);
  const [text, setText] = useState("");
  const q = useDebounced(text.trim());
  const partners = useTradingPartners();
  const hits = useSupplierHits(q);

  const options = useMemo(() => {
    const byId = new Map<number, Option>();
    const needle = q.toLowerCase();
    for (const partner of partners.data ?? []) {
      if (needle && !partner.name.toLowerCase().includes(needle)) continue;
      byId.set(partner.id, {
        value: partner.id,
        label: partner.name,
        detail: countryName(partner.country, language),
        partner: true,
        verified: false,
      });
    }
    for (const card of hits.data ?? []) {
      const existing = byId.get(card.id);
      const name = localized(card.display_name_en, card.display_name_zh, language);
      byId.set(card.id, {
        value: card.id,
        label: existing?.label ?? name,
        detail: [existing ? name : null, countryName(card.country, language)].filter(Boolean).join(" · "),
        partner: existing?.partner ?? false,
        verified: card.verified,
      });
    }
    const list = [...byId.values()];
    if (value && !byId.has(value)) {
      list.unshift({ value, label: label ?? `#${value}`, detail: "", partner: false, verified: false });
    }
    return list;
  }, [partners.data, hits.data, q, language, value, label]);

  return (
    <Select<number | null>
      id={id}
      data-testid={testId}
      status={status}
      showSearch
      allowClear
      value={value ?? null}
      placeholder={t("procurement.form.supplierSearch")}
      filterOption={false}
      onSearch={setText}
      loading={hits.isFetching || partners.isPending}
      notFoundContent={hits.isFetching ? t("procurement.form.searching") : t("procurement.form.noSuppliers")}
      onChange={(next) => {
        onChange?.(next ?? null);
        const option = options.find((o) => o.value === next);
        if (option) onPick?.(option.label);
      }}
      options={options.map((o) => ({ value: o.value, label: o.label, option: o }))}
      optionRender={(entry) => {
        const option = (entry.data as { option: Option }).option;
        return (
          <Space direction="vertical" size={0} data-testid={`supplier-option-${option.value}`}>
            <Space size={4}>
              <Typography.Text>{option.label}</Typography.Text>
              {option.partner ? <Tag color="blue">{t("procurement.form.partner")}</Tag> : null}
              {option.verified ? <Tag color="green">{t("procurement.form.verified")}</Tag> : null}
            </Space>
            {option.detail ? (
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                {option.detail}
              </Typography.Text>
            ) : null}
          </Space>
        );
      }}
      style={{ width: "100%" }}
    />
  );
}
