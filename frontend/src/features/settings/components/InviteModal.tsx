import { App, Form, Input, Modal } from "antd";
import { useTranslation } from "react-i18next";
import { FormAlert, useFormProblem } from "@/components/FormAlert";
import { useCreateInvitation, type InvitationRequest } from "../api/invitations";
import type { Role } from "../api/roles";
import { RolesSelect } from "./RolesSelect";

export function InviteModal({
  open,
  roles,
  canGrantOwner,
  onClose,
}: {
  open: boolean;
  roles: readonly Role[];
  canGrantOwner: boolean;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<InvitationRequest>();
  const invite = useCreateInvitation();
  const { state, report, clear } = useFormProblem(form);

  const onOk = async () => {
    const values = await form.validateFields();
    clear();
    try {
      await invite.mutateAsync({ email: values.email.trim(), roles: values.roles });
      void message.success(t("members.invite.sent", { email: values.email.trim() }));
      form.resetFields();
      onClose();
    } catch (error) {
      report(error);
    }
  };

  return (
    <Modal
      open={open}
      title={t("members.invite.title")}
      okText={t("members.invite.submit")}
      cancelText={t("actions.cancel")}
      confirmLoading={invite.isPending}
      onOk={() => void onOk().catch(() => undefined)}
      onCancel={onClose}
      okButtonProps={{ "data-testid": "invite-submit" } as Record<string, string>}
      destroyOnHidden
    >
      <Form<InvitationRequest>
        form={form}
        name="invite"
        layout="vertical"
        requiredMark={false}
        initialValues={{ roles: [] }}
        data-testid="invite-form"
      >
        <FormAlert state={state} />
        <Form.Item
          name="email"
          label={t("members.fields.email")}
          rules={[
            { required: true, message: t("validation.required") },
            { type: "email", message: t("validation.email") },
          ]}
        >
          <Input data-testid="invite-email" inputMode="email" />
        </Form.Item>
        <Form.Item
          name="roles"
          label={t("members.fields.roles")}
          rules={[{ type: "array", min: 1, required: true, message: t("members.rolesRequired") }]}
        >
          <RolesSelect roles={roles} canGrantOwner={canGrantOwner} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
