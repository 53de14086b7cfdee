import { Button, Descriptions, Modal, Result, Tag } from "antd";
import { useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import { formatDateTime } from "@/lib/format";
import { currentLanguage } from "@/lib/i18n";
import { useRestoreBackup, type RestoreResult } from "../api/backups";
import { ReasonDialog } from "./ReasonDialog";

const STATUS_COLORS: Record<string, string> = {
  running: "processing",
  succeeded: "green",
  failed: "red",
  pruned: "default",
};

/** A backup's status as a coloured tag. */
export function BackupStatusTag({ status }: { status: string }) {
  const { t } = useTranslation();
  return <Tag color={STATUS_COLORS[status] ?? "default"}>{t(`console.backups.statuses.${status}`)}</Tag>;
}

/** The size of an archive, in KiB or MiB. */
export function backupSize(bytes: number): string {
  if (!bytes) return "—";
  if (bytes >= 1024 * 1024) return `${(bytes / 1024 / 1024).toFixed(1)} MiB`;
  return `${Math.max(1, Math.round(bytes / 1024))} KiB`;
}

/** A table row's Restore action: shown for a succeeded backup only. */
export function RestoreBackupButton<B extends { id: number; status: string }>({
  backup,
  onRestore,
}: {
  backup: B;
  onRestore: (backup: B) => void;
}) {
  const { t } = useTranslation();
  if (backup.status !== "succeeded") return null;
  return (
    <Button size="small" danger data-testid={`backup-restore-${backup.id}`} onClick={() => onRestore(backup)}>
      {t("console.backups.restore")}
    </Button>
  );
}

export interface RestoreBackupDialogProps {
  /** The company the backup belongs to (its row may be gone). */
  companyId: number;
  backup: { id: number; created_at: string };
  onClose: () => void;
}

/**
 * The restore of one backup (company page and Backups page): a required reason (kept in the operator audit
 * log), then what was restored, or the refusal's message above the form.
 */
export function RestoreBackupDialog({ companyId, backup, onClose }: RestoreBackupDialogProps) {
  const { t, i18n } = useTranslation();
  const language = currentLanguage(i18n);
  const restore = useRestoreBackup(companyId);
  const [result, setResult] = useState<RestoreResult | null>(null);
  // ReasonDialog closes itself after a successful submit; the result stays on screen instead.
  const restored = useRef(false);

  if (result) {
    return (
      <Modal
        open
        title={t("console.backups.restoreTitle", { date: formatDateTime(backup.created_at, language) })}
        onCancel={onClose}
        footer={
          <Button type="primary" data-testid="restore-result-close" onClick={onClose}>
            {t("console.backups.resultClose")}
          </Button>
        }
      >
        <div data-testid="restore-result">
          <Result status="success" title={t("console.backups.restored", { slug: result.slug })} />
          <Descriptions size="small" column={1} bordered>
            <Descriptions.Item label={t("console.backups.company")}>{result.slug}</Descriptions.Item>
            <Descriptions.Item label={t("console.backups.tables")}>
              {result.tables.toLocaleString(language)}
            </Descriptions.Item>
            <Descriptions.Item label={t("console.backups.rows")}>
              {result.rows.toLocaleString(language)}
            </Descriptions.Item>
            <Descriptions.Item label={t("console.backups.files")}>
              {result.files.toLocaleString(language)}
            </Descriptions.Item>
          </Descriptions>
        </div>
      </Modal>
    );
  }
  return (
    <ReasonDialog
      open
      danger
      testId="restore-dialog"
      title={t("console.backups.restoreTitle", { date: formatDateTime(backup.created_at, language) })}
      description={t("console.backups.restoreWarning")}
      confirmLabel={t("console.backups.restore")}
      pending={restore.isPending}
      onSubmit={async ({ reason }) => {
        const done = await restore.mutateAsync({ backupId: backup.id, reason });
        restored.current = true;
        setResult(done);
      }}
      onClose={() => {
        if (!restored.current) onClose();
      }}
    />
  );
}
