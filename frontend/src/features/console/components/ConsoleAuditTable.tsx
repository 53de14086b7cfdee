import { Descriptions, Table, Tag, Typography } from "antd";
import type { HTMLAttributes } from "react";
import { useTranslation } from "react-i18next";
import { tablePagination } from "@/components/pagination";
import type { PageParams } from "@/lib/api";
import { formatDateTime } from "@/lib/format";
import { currentLanguage } from "@/lib/i18n";
import type { AuditEntry } from "../api/platformAudit";
import { auditActionLabel } from "./labels";

function Json({ value }: { value: unknown }) {
  if (value === null || value === undefined) return <>—</>;
  return (
    <pre style={{ margin: 0, whiteSpace: "pre-wrap", wordBreak: "break-word", fontSize: 12 }}>
      {JSON.stringify(value, null, 2)}
    </pre>
  );
}

/** Audit entries as operators read them: who, what, about which company, and the reason given. */
export function ConsoleAuditTable({
  entries,
  count,
  params,
  onPage,
  loading,
  testId = "console-audit-table",
}: {
  entries: AuditEntry[];
  count: number;
  params: PageParams;
  onPage: (params: PageParams) => void;
  loading: boolean;
  testId?: string;
}) {
  const { t, i18n } = useTranslation();
  const language = currentLanguage(i18n);
  return (
    <Table<AuditEntry>
      data-testid={testId}
      rowKey={(e) => String(e.id)}
      dataSource={entries}
      loading={loading}
      pagination={tablePagination(count, params, onPage)}
      scroll={{ x: true }}
      size="middle"
      expandable={{
        expandedRowRender: (entry) => (
          <Descriptions size="small" column={1} bordered>
            <Descriptions.Item label={t("audit.fields.user_agent")}>{entry.user_agent || "—"}</Descriptions.Item>
            <Descriptions.Item label={t("audit.fields.before")}>
              <Json value={entry.before} />
            </Descriptions.Item>
            <Descriptions.Item label={t("audit.fields.after")}>
              <Json value={entry.after} />
            </Descriptions.Item>
          </Descriptions>
        ),
      }}
      onRow={(e) => ({ "data-testid": `audit-row-${e.action}` }) as HTMLAttributes<HTMLElement>}
      columns={[
        { key: "time", title: t("audit.fields.created_at"), render: (_, e) => formatDateTime(e.created_at, language) },
        {
          key: "action",
          title: t("audit.fields.action"),
          render: (_, e) => (
            <>
              <Tag color={e.action.startsWith("console.") || e.action.startsWith("billing.") ? "volcano" : "blue"}>
                {auditActionLabel(t, e.action)}
              </Tag>
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
          render: (_, e) => (e.target_type ? `${e.target_type} #${e.target_id}` : "—"),
        },
        {
          key: "reason",
          title: t("console.reason.label"),
          render: (_, e) => <span data-testid="audit-reason">{e.reason || "—"}</span>,
        },
        { key: "ip", title: t("audit.fields.ip_address"), render: (_, e) => e.ip_address || "—" },
      ]}
    />
  );
}
