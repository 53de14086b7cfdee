import { SearchOutlined } from "@ant-design/icons";
import { Button, DatePicker, Form, Input, Select, Space, type GetProps } from "antd";
import { useTranslation } from "react-i18next";
import type { AuditFilters } from "../api/auditEntries";
import { AUDIT_ACTION_GROUPS, auditActionLabel } from "./auditActions";

type RangeValue = GetProps<typeof DatePicker.RangePicker>["value"];

interface Values {
  action?: string;
  actor?: string;
  range?: RangeValue;
}

/** The form's values as the query's filters: whole days, from the first day's start to after the last. */
export function filtersOf(values: Values): AuditFilters {
  const [from, to] = values.range ?? [];
  return {
    action: values.action || undefined,
    actor: values.actor?.trim() || undefined,
    since: from ? from.startOf("day").toISOString() : undefined,
    until: to ? to.add(1, "day").startOf("day").toISOString() : undefined,
  };
}

export function AuditFilterForm({ onChange }: { onChange: (filters: AuditFilters) => void }) {
  const { t } = useTranslation();
  const [form] = Form.useForm<Values>();
  const options = Object.entries(AUDIT_ACTION_GROUPS).map(([prefix, actions]) => ({
    label: t(`audit.groups.${prefix.slice(0, -1)}`),
    options: [
      { value: prefix, label: t("audit.allInGroup", { group: t(`audit.groups.${prefix.slice(0, -1)}`) }) },
      ...actions.map((action) => ({ value: action, label: auditActionLabel(t, action) })),
    ],
  }));
  return (
    <Form<Values>
      form={form}
      layout="inline"
      name="audit-filters"
      data-testid="audit-filters"
      onFinish={(values) => onChange(filtersOf(values))}
      style={{ rowGap: 12 }}
    >
      <Form.Item name="action">
        <Select
          data-testid="audit-filter-action"
          allowClear
          showSearch
          optionFilterProp="label"
          placeholder={t("audit.fields.action")}
          options={options}
          style={{ width: 240 }}
        />
      </Form.Item>
      <Form.Item name="actor">
        <Input
          data-testid="audit-filter-actor"
          allowClear
          placeholder={t("audit.actorPlaceholder")}
          style={{ width: 220 }}
        />
      </Form.Item>
      <Form.Item name="range">
        <DatePicker.RangePicker data-testid="audit-filter-range" allowEmpty={[true, true]} />
      </Form.Item>
      <Form.Item>
        <Space>
          <Button data-testid="audit-filter-submit" type="primary" htmlType="submit" icon={<SearchOutlined />}>
            {t("audit.search")}
          </Button>
          <Button
            data-testid="audit-filter-reset"
            onClick={() => {
              form.resetFields();
              onChange({});
            }}
          >
            {t("audit.reset")}
          </Button>
        </Space>
      </Form.Item>
    </Form>
  );
}
