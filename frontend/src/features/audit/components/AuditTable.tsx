import { Descriptions, Table, Tag, Typography } from "antd";
import { useTranslation } from "react-i18next";
import { tablePagination } from "@/components/pagination";
import type { PageParams } from "@/lib/api";
import { formatDateTime } from "@/lib/format";
import { currentLanguage } from "@/lib/i18n";
import type { AuditEntry, AuditPage } from "../api/auditEntries";
import { auditActionLabel } from "./auditActions";

const ACTION_COLORS: Record<string, string> = {
  auth: "blue",
  mfa: "purple",
  member: "orange",
  invitation: "cyan",
  api_key: "geekblue",
  company: "gold",
};

function Json({ value }: { value: unknown }) {
  if (value === null || value === undefined) return <>—</>;
  return (
    <pre style={{ margin: 0, whiteSpace: "pre-wrap", wordBreak: "break-word", fontSize: 12 }}>
      {JSON.stringify(value, null, 2)}
    </pre>
  );
}

function EntryDetails({ entry }: { entry: AuditEntry }) {
  const { t } = useTranslation();
  return (
    <Descriptions size="small" column={1} bordered data-testid={`audit-details-${entry.id}`}>
      <Descriptions.Item label={t("audit.fields.user_agent")}>{entry.user_agent || "—"}</Descriptions.Item>
      <Descriptions.Item label={t("audit.fields.before")}>
        <Json value={entry.before} />
      </Descriptions.Item>
      <Descriptions.Item label={t("audit.fields.after")}>
        <Json value={entry.after} />
      </Descriptions.Item>
    </Descriptions>
  );
}

export function AuditTable({
  page,
  params,
  onPage,
  loading,
}: {
  page: AuditPage;
  params: PageParams;
  onPage: (params: PageParams) => void;
  loading: boolean;
}) {
  const { t, i18n } = useTranslation();
  const language = currentLanguage(i18n);
  return (
    <Table<AuditEntry>
      data-testid="audit-table"
      rowKey={(e) => String(e.id)}
      dataSource={page.results}
      loading={loading}
      pagination={tablePagination(page.count, params, onPage)}
      scroll={{ x: true }}
      size="middle"
      expandable={{ expandedRowRender: (entry) => <EntryDetails entry={entry} /> }}
      onRow={(e) => ({ "data-testid": `audit-row-${e.action}` }) as React.HTMLAttributes<HTMLElement>}
      columns={[
        {
          key: "time",
          title: t("audit.fields.created_at"),
          render: (_, e) => formatDateTime(e.created_at, language),
        },
        {
          key: "action",
          title: t("audit.fields.action"),
          render: (_, e) => (
            <>
              <Tag color={ACTION_COLORS[e.action.split(".")[0] ?? ""]}>{auditActionLabel(t, e.action)}</Tag>
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                {e.action}
              </Typography.Text>
            </>
          ),
        },
        { key: "actor", title: t("audit.fields.actor"), render: (_, e) => e.actor || "—" },
        {
          key: "target",
          title: t("audit.fields.target"),
          render: (_, e) => (e.target_type ? `${e.target_type} ${e.target_id}`.trim() : "—"),
        },
        { key: "ip", title: t("audit.fields.ip_address"), render: (_, e) => e.ip_address ?? "—" },
      ]}
    />
  );
}
