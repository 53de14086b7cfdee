import { Button, Card, DatePicker, Form, Input, Space, Typography } from "antd";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { EmptyState, QueryView } from "@/components/PageState";
import { usePageParams } from "@/components/pagination";
import { FIRST_PAGE } from "@/lib/api";
import { usePlatformAudit, type PlatformAuditFilters } from "../api/platformAudit";
import { ConsoleAuditTable } from "../components/ConsoleAuditTable";

interface FilterForm {
  action?: string;
  actor?: string;
  company?: string;
  range?: [{ toISOString: () => string } | null, { toISOString: () => string } | null] | null;
}

/** The platform audit: operator actions (with their reasons) and every company's entries. */
export function PlatformAuditPage() {
  const { t } = useTranslation();
  const [form] = Form.useForm<FilterForm>();
  const [filters, setFilters] = useState<PlatformAuditFilters>({});
  const [params, setParams] = usePageParams({ ...FIRST_PAGE, page_size: 50 });
  const audit = usePlatformAudit(filters, params);

  const apply = (values: FilterForm) => {
    setFilters({
      action: values.action?.trim() || undefined,
      actor: values.actor?.trim() || undefined,
      company: values.company?.trim() || undefined,
      since: values.range?.[0]?.toISOString(),
      until: values.range?.[1]?.toISOString(),
    });
    setParams((current) => ({ ...current, page: 1 }));
  };

  return (
    <Space direction="vertical" size="large" style={{ width: "100%" }} data-testid="platform-audit-page">
      <div>
        <Typography.Title level={2} style={{ margin: 0 }}>
          {t("console.audit.title")}
        </Typography.Title>
        <Typography.Text type="secondary">{t("console.audit.intro")}</Typography.Text>
      </div>
      <Card>
        <Form<FilterForm> form={form} layout="inline" onFinish={apply} style={{ marginBottom: 16, rowGap: 8 }}>
          <Form.Item name="action">
            <Input data-testid="audit-filter-action" placeholder={t("console.audit.actionPlaceholder")} allowClear />
          </Form.Item>
          <Form.Item name="actor">
            <Input data-testid="audit-filter-actor" placeholder={t("audit.actorPlaceholder")} allowClear />
          </Form.Item>
          <Form.Item name="company">
            <Input data-testid="audit-filter-company" placeholder={t("console.audit.companyPlaceholder")} allowClear />
          </Form.Item>
          <Form.Item name="range">
            <DatePicker.RangePicker showTime />
          </Form.Item>
          <Button type="primary" htmlType="submit" data-testid="audit-filter-submit">
            {t("audit.search")}
          </Button>
          <Button
            onClick={() => {
              form.resetFields();
              apply({});
            }}
          >
            {t("audit.reset")}
          </Button>
        </Form>
        <QueryView query={audit} isEmpty={(d) => d.count === 0} empty={<EmptyState description={t("audit.empty")} />}>
          {(data) => (
            <ConsoleAuditTable
              entries={data.results}
              count={data.count}
              params={params}
              onPage={setParams}
              loading={audit.isFetching && audit.isPlaceholderData}
            />
          )}
        </QueryView>
      </Card>
    </Space>
  );
}

export { PlatformAuditPage as Component };
