import { Alert, Button, Modal, Typography } from "antd";
import { useTranslation } from "react-i18next";
import type { RecoveryCodes } from "../api/recoveryCodes";

/** Recovery codes, shown once: the modal cannot be dismissed by a stray click. */
export function RecoveryCodesModal({ codes, onClose }: { codes: RecoveryCodes | null; onClose: () => void }) {
  const { t } = useTranslation();
  const text = codes?.unused_codes.join("\n") ?? "";
  return (
    <Modal
      open={codes !== null}
      title={t("profile.mfa.recoveryTitle")}
      closable={false}
      maskClosable={false}
      keyboard={false}
      destroyOnHidden
      footer={
        <Button data-testid="recovery-codes-done" type="primary" onClick={onClose}>
          {t("profile.mfa.recoverySaved")}
        </Button>
      }
    >
      <Alert type="warning" showIcon message={t("profile.mfa.recoveryWarning")} style={{ marginBottom: 16 }} />
      <div data-testid="recovery-codes" style={{ display: "grid", gridTemplateColumns: "repeat(2, 1fr)", gap: 8 }}>
        {codes?.unused_codes.map((code) => (
          <Typography.Text key={code} code data-testid="recovery-code" style={{ fontSize: 15 }}>
            {code}
          </Typography.Text>
        ))}
      </div>
      <Typography.Paragraph copyable={{ text }} style={{ marginTop: 16, marginBottom: 0 }}>
        {t("profile.mfa.recoveryCopy")}
      </Typography.Paragraph>
    </Modal>
  );
}
