import { Form, Input, Modal, Typography } from "antd";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { FormAlert, type FormErrorState } from "@/components/FormAlert";
import { applyProblemToForm } from "@/lib/forms";
import { useRevokeGrant, type ShareGrant } from "../api/grants";

/** Revoke a grant with a reason: the partner's view ends at once (its snapshots are deleted). */
export function RevokeGrantModal({ grant, onClose }: { grant: ShareGrant; onClose: () => void }) {
  const { t } = useTranslation();
  const [form] = Form.useForm<{ reason: string }>();
  const [errorState, setErrorState] = useState<FormErrorState | null>(null);
  const revoke = useRevokeGrant();
  const submit = async ({ reason }: { reason: string }) => {
    setErrorState(null);
    try {
      await revoke.mutateAsync({ id: grant.id, reason });
      onClose();
    } catch (error) {
      setErrorState({ error, messages: applyProblemToForm(form, error) });
    }
  };
  return (
    <Modal
      open
      title={t("supplyChain.sharing.revoke.title", { partner: grant.partner.name })}
      okText={t("supplyChain.sharing.revoke.submit")}
      okButtonProps={{ danger: true, ...({ "data-testid": "grant-revoke-submit" } as Record<string, string>) }}
      cancelText={t("actions.cancel")}
      confirmLoading={revoke.isPending}
      onOk={() => form.submit()}
      onCancel={onClose}
    >
      <Typography.Paragraph type="secondary">{t("supplyChain.sharing.revoke.intro")}</Typography.Paragraph>
      <FormAlert state={errorState} />
      <Form form={form} layout="vertical" onFinish={(values) => void submit(values)}>
        <Form.Item
          name="reason"
          label={t("supplyChain.sharing.revoke.reason")}
          rules={[{ required: true, whitespace: true, message: t("supplyChain.sharing.revoke.reasonRequired") }]}
        >
          <Input.TextArea maxLength={500} rows={3} data-testid="grant-revoke-reason" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
