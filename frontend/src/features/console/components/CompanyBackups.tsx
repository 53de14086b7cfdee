import { Alert, Button, Space, Table, Typography } from "antd";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { EmptyState, QueryView } from "@/components/PageState";
import { tablePagination, usePageParams } from "@/components/pagination";
import { FIRST_PAGE } from "@/lib/api";
import { formatDateTime } from "@/lib/format";
import { currentLanguage } from "@/lib/i18n";
import { useCompanyBackups, useReopenCompany, useStartBackup, type Backup } from "../api/backups";
import { BackupStatusTag, RestoreBackupButton, RestoreBackupDialog, backupSize } from "./BackupRestore";
import { ReasonDialog } from "./ReasonDialog";

/** A company's backups, newest first: a manual backup, and a restore with a reason (audited). */
export function CompanyBackups({ companyId, status }: { companyId: number; status: string }) {
  const { t, i18n } = useTranslation();
  const language = currentLanguage(i18n);
  const [params, setParams] = usePageParams({ ...FIRST_PAGE, page_size: 20 });
  const backups = useCompanyBackups(companyId, params);
  const start = useStartBackup(companyId);
  const reopen = useReopenCompany(companyId);
  const [restoring, setRestoring] = useState<Backup | null>(null);
  const [reopening, setReopening] = useState(false);
  return (
    <Space direction="vertical" style={{ width: "100%" }}>
      {restoring ? (
        <RestoreBackupDialog companyId={companyId} backup={restoring} onClose={() => setRestoring(null)} />
      ) : null}
      {reopening ? (
        <ReasonDialog
          open
          testId="reopen-dialog"
          title={t("console.backups.reopenTitle")}
          description={t("console.backups.reopenHelp")}
          confirmLabel={t("console.backups.reopen")}
          pending={reopen.isPending}
          onSubmit={({ reason }) => reopen.mutateAsync({ reason })}
          onClose={() => setReopening(false)}
        />
      ) : null}
      {status === "closed" ? (
        <Alert
          type="warning"
          showIcon
          message={t("console.backups.closed")}
          action={
            <Button data-testid="company-reopen" onClick={() => setReopening(true)}>
              {t("console.backups.reopen")}
            </Button>
          }
        />
      ) : null}
      <Space>
        <Button
          type="primary"
          data-testid="backup-start"
          loading={start.isPending}
          onClick={() => void start.mutateAsync()}
        >
          {t("console.backups.start")}
        </Button>
        <Typography.Text type="secondary">{t("console.backups.schedule")}</Typography.Text>
      </Space>
      <QueryView query={backups}>
        {(page) =>
          page.count === 0 ? (
            <EmptyState description={t("console.backups.none")} />
          ) : (
            <Table<Backup>
              rowKey="id"
              size="small"
              data-testid="backups-table"
              dataSource={page.results}
              pagination={tablePagination(page.count, params, setParams)}
              columns={[
                {
                  key: "at",
                  title: t("console.backups.createdAt"),
                  render: (_, b) => formatDateTime(b.created_at, language),
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
                { key: "size", title: t("console.backups.size"), render: (_, b) => backupSize(b.size) },
                { key: "rows", title: t("console.backups.rows"), render: (_, b) => b.rows.toLocaleString(language) },
                {
                  key: "actions",
                  title: "",
                  render: (_, b) => <RestoreBackupButton backup={b} onRestore={setRestoring} />,
                },
              ]}
            />
          )
        }
      </QueryView>
    </Space>
  );
}
