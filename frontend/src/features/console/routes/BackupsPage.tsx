import { Card, Input, Select, Space, Switch, Table, Tag, Typography } from "antd";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { EmptyState, QueryView } from "@/components/PageState";
import { tablePagination, usePageParams } from "@/components/pagination";
import { FIRST_PAGE } from "@/lib/api";
import { formatDateTime } from "@/lib/format";
import { currentLanguage } from "@/lib/i18n";
import { useBackups, type BackupFilters, type PlatformBackup } from "../api/backups";
import { BackupStatusTag, RestoreBackupButton, RestoreBackupDialog, backupSize } from "../components/BackupRestore";

const STATUSES = ["running", "succeeded", "failed", "pruned"] as const;

/**
 * `/console/backups`: every company's backups, also of companies whose row is gone (their company page
 * answers 404), so that a company deleted by mistake is found and restored here.
 */
export function BackupsPage() {
  const { t, i18n } = useTranslation();
  const language = currentLanguage(i18n);
  const [filters, setFilters] = useState<BackupFilters>({});
  const [params, setParams] = usePageParams({ ...FIRST_PAGE, page_size: 50 });
  const backups = useBackups(filters, params);
  const [restoring, setRestoring] = useState<PlatformBackup | null>(null);

  const update = (next: Partial<BackupFilters>) => {
    setFilters((current) => ({ ...current, ...next }));
    setParams((current) => ({ ...current, page: 1 }));
  };

  return (
    <Space direction="vertical" size="large" style={{ width: "100%" }} data-testid="backups-page">
      {restoring ? (
        <RestoreBackupDialog companyId={restoring.company.id} backup={restoring} onClose={() => setRestoring(null)} />
      ) : null}
      <div>
        <Typography.Title level={2} style={{ margin: 0 }}>
          {t("console.backups.page.title")}
        </Typography.Title>
        <Typography.Text type="secondary">{t("console.backups.page.intro")}</Typography.Text>
      </div>
      <Card>
        <Space wrap style={{ marginBottom: 16 }}>
          <Input.Search
            allowClear
            data-testid="backups-search"
            placeholder={t("console.backups.page.searchPlaceholder")}
            style={{ width: 260 }}
            onSearch={(q) => update({ q: q.trim() || undefined })}
          />
          <Select
            allowClear
            data-testid="backups-filter-status"
            placeholder={t("console.backups.status")}
            style={{ width: 200 }}
            value={filters.status}
            onChange={(status) => update({ status })}
            options={STATUSES.map((s) => ({ value: s, label: t(`console.backups.statuses.${s}`) }))}
          />
          <Space>
            <Switch
              data-testid="backups-filter-missing"
              checked={filters.company_missing === "true"}
              onChange={(on) => update({ company_missing: on ? "true" : undefined })}
            />
            <Typography.Text>{t("console.backups.page.missingOnly")}</Typography.Text>
          </Space>
        </Space>
        <QueryView
          query={backups}
          isEmpty={(data) => data.count === 0}
          empty={<EmptyState description={t("console.backups.page.empty")} />}
        >
          {(data) => (
            <Table<PlatformBackup>
              data-testid="platform-backups-table"
              rowKey="id"
              size="middle"
              scroll={{ x: true }}
              dataSource={data.results}
              loading={backups.isFetching && backups.isPlaceholderData}
              pagination={tablePagination(data.count, params, setParams)}
              onRow={(b) => ({ "data-testid": `backup-row-${b.id}` }) as React.HTMLAttributes<HTMLElement>}
              columns={[
                {
                  key: "company",
                  title: t("console.backups.company"),
                  render: (_, b) =>
                    b.company.exists ? (
                      <Link to={`/console/companies/${b.company.id}`} data-testid={`backup-company-${b.id}`}>
                        {b.company_slug}
                      </Link>
                    ) : (
                      <Space size={4}>
                        <span>{b.company_slug}</span>
                        <Tag color="red" data-testid={`backup-deleted-${b.id}`}>
                          {t("console.backups.page.deleted")}
                        </Tag>
                      </Space>
                    ),
                },
                {
                  key: "kind",
                  title: t("console.backups.kind"),
                  render: (_, b) => t(`console.backups.kinds.${b.kind}`),
                },
                {
                  key: "status",
                  title: t("console.backups.status"),
                  render: (_, b) => <BackupStatusTag status={b.status} />,
                },
                { key: "size", title: t("console.backups.size"), align: "right", render: (_, b) => backupSize(b.size) },
                {
                  key: "rows",
                  title: t("console.backups.page.tablesRows"),
                  align: "right",
                  render: (_, b) => `${b.tables.toLocaleString(language)} / ${b.rows.toLocaleString(language)}`,
                },
                {
                  key: "created_at",
                  title: t("console.backups.createdAt"),
                  render: (_, b) => formatDateTime(b.created_at, language),
                },
                {
                  key: "actions",
                  title: "",
                  render: (_, b) => <RestoreBackupButton backup={b} onRestore={setRestoring} />,
                },
              ]}
            />
          )}
        </QueryView>
      </Card>
    </Space>
  );
}

export { BackupsPage as Component };
