import { Select, type SelectProps } from "antd";
import { useMemo } from "react";
import { useTranslation } from "react-i18next";
import { currentLanguage } from "@/lib/i18n";
import { useChart } from "../api/accounts";
import { accountLabel } from "./labels";

/**
 * An account of the chart, searched by code or name. `postable` (the default) offers only accounts that
 * take postings: active, and not a summary account.
 */
export function AccountSelect({
  value,
  onChange,
  postable = true,
  ...rest
}: {
  value?: number | null;
  onChange?: (value: number | null) => void;
  postable?: boolean;
} & Omit<SelectProps<number>, "value" | "onChange" | "options">) {
  const { t, i18n } = useTranslation();
  const language = currentLanguage(i18n);
  const chart = useChart(postable ? { postable: true } : {});
  const options = useMemo(
    () =>
      (chart.data ?? [])
        .filter((account) => !postable || account.is_active)
        .map((account) => ({ value: account.id, label: accountLabel(account, language) })),
    [chart.data, language, postable],
  );
  return (
    <Select<number>
      showSearch
      allowClear
      optionFilterProp="label"
      placeholder={t("finance.books.accounts.select")}
      loading={chart.isPending}
      options={options}
      value={value ?? undefined}
      onChange={(next) => onChange?.(next ?? null)}
      popupMatchSelectWidth={false}
      {...rest}
    />
  );
}
