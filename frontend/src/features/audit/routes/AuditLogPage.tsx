import { Card, Space, Typography } from "antd";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { EmptyState, QueryView } from "@/components/PageState";
import { usePageParams } from "@/components/pagination";
import { FIRST_PAGE } from "@/lib/api";
import { useAuditEntries, type AuditFilters } from "../api/auditEntries";
import { AuditFilterForm } from "../components/AuditFilterForm";
import { AuditTable } from "../components/AuditTable";

export function AuditLogPage() {
  const { t } = useTranslation();
  const [filters, setFilters] = useState<AuditFilters>({});
  const [params, setParams] = usePageParams({ ...FIRST_PAGE, page_size: 50 });
  const entries = useAuditEntries(filters, params);

  return (
    <Space direction="vertical" size="large" style={{ width: "100%" }} data-testid="audit-page">
      <div>
        <Typography.Title level={2} style={{ margin: 0 }}>
          {t("audit.title")}
        </Typography.Title>
        <Typography.Text type="secondary">{t("audit.intro")}</Typography.Text>
      </div>
      <Card>
        <Space direction="vertical" size="middle" style={{ width: "100%" }}>
          <AuditFilterForm
            onChange={(next) => {
              setFilters(next);
              setParams((current) => ({ ...current, page: 1 }));
            }}
          />
          <QueryView
            query={entries}
            isEmpty={(data) => data.count === 0}
            empty={<EmptyState description={t("audit.empty")} />}
          >
            {(data) => (
              <AuditTable
                page={data}
                params={params}
                onPage={setParams}
                loading={entries.isFetching && entries.isPlaceholderData}
              />
            )}
          </QueryView>
        </Space>
      </Card>
    </Space>
  );
}

export { AuditLogPage as Component };
