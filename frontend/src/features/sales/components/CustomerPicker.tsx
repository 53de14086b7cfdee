import { Select, Space, Tag, Typography } from "antd";
import { useMemo, useState } from "react";
import { useTranslation } from "react-i18next";
import { useCustomers, type CustomerSummary } from "../api/customers";
import { useDebounced } from "./useDebounced";

export interface CustomerPickerProps {
  value?: number | null;
  onChange?: (value: number | null) => void;
  /** The chosen customer's name, before any search. */
  label?: string;
  /** Called with the customer picked (its terms and currency prefill the order). */
  onPick?: (customer: CustomerSummary) => void;
  id?: string;
  status?: "error";
  disabled?: boolean;
  "data-testid"?: string;
}

/** A customer account, searched by name or e-mail on the server (`GET /api/customers/?search=`). */
export function CustomerPicker({
  value,
  onChange,
  label,
  onPick,
  id,
  status,
  disabled,
  "data-testid": testId,
}: CustomerPickerProps) {
  const { t } = useTranslation();
  const [text, setText] = useState("");
  const search = useDebounced(text.trim());
  const customers = useCustomers({ page: 1, page_size: 20, ...(search ? { search } : {}) });
  const results = useMemo(() => customers.data?.results ?? [], [customers.data]);
  const options = useMemo(() => {
    const list = results.map((c) => ({ value: c.id, label: c.name, customer: c as CustomerSummary | null }));
    if (value && !results.some((c) => c.id === value)) {
      list.unshift({ value, label: label ?? `#${value}`, customer: null });
    }
    return list;
  }, [results, value, label]);

  return (
    <Select<number | null>
      id={id}
      data-testid={testId}
      status={status}
      disabled={disabled}
      showSearch
      allowClear
      value={value ?? null}
      placeholder={t("sales.form.customerSearch")}
      filterOption={false}
      onSearch={setText}
      loading={customers.isFetching}
      notFoundContent={customers.isFetching ? t("sales.form.searching") : t("sales.form.noCustomers")}
      onChange={(next) => {
        onChange?.(next ?? null);
        const picked = results.find((c) => c.id === next);
        if (picked) onPick?.(picked);
      }}
      options={options}
      optionRender={(entry) => {
        const customer = (entry.data as { customer: CustomerSummary | null }).customer;
        return (
          <Space direction="vertical" size={0} data-testid={`customer-option-${String(entry.value)}`}>
            <Space size={4}>
              <Typography.Text>{entry.label}</Typography.Text>
              {customer?.buyer_id ? <Tag color="blue">{t("sales.customers.onHansa")}</Tag> : null}
            </Space>
            {customer && (customer.email || customer.payment_terms) ? (
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                {[customer.email, customer.payment_terms].filter(Boolean).join(" · ")}
              </Typography.Text>
            ) : null}
          </Space>
        );
      }}
      style={{ width: "100%" }}
    />
  );
}
