import { App, Form, Modal } from "antd";
import { useTranslation } from "react-i18next";
import { FormAlert, useFormProblem } from "@/components/FormAlert";
import { useUpdateMemberRoles } from "../api/member";
import type { Member } from "../api/members";
import type { Role } from "../api/roles";
import { RolesSelect } from "./RolesSelect";

export function EditRolesModal({
  member,
  roles,
  canGrantOwner,
  onClose,
}: {
  member: Member | null;
  roles: readonly Role[];
  canGrantOwner: boolean;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<{ roles: string[] }>();
  const update = useUpdateMemberRoles();
  const { state, report, clear } = useFormProblem(form);

  const onOk = async () => {
    if (!member) return;
    const values = await form.validateFields();
    clear();
    try {
      await update.mutateAsync({ id: member.id, roles: values.roles });
      void message.success(t("members.rolesSaved"));
      onClose();
    } catch (error) {
      report(error);
    }
  };

  return (
    <Modal
      open={member !== null}
      title={t("members.editRoles", { name: member?.full_name || member?.email })}
      okText={t("actions.save")}
      cancelText={t("actions.cancel")}
      confirmLoading={update.isPending}
      onOk={() => void onOk().catch(() => undefined)}
      onCancel={onClose}
      okButtonProps={{ "data-testid": "roles-submit" } as Record<string, string>}
      destroyOnHidden
    >
      {member ? (
        <Form
          form={form}
          name="roles"
          layout="vertical"
          initialValues={{ roles: member.roles }}
          data-testid="roles-form"
        >
          <FormAlert state={state} />
          <Form.Item
            name="roles"
            label={t("members.fields.roles")}
            rules={[{ type: "array", min: 1, required: true, message: t("members.rolesRequired") }]}
          >
            <RolesSelect roles={roles} canGrantOwner={canGrantOwner} />
          </Form.Item>
        </Form>
      ) : null}
    </Modal>
  );
}
