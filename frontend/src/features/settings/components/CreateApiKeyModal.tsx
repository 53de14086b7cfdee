import { Checkbox, Form, Input, Modal, Select } from "antd";
import { useMemo } from "react";
import { useTranslation } from "react-i18next";
import { FormAlert, useFormProblem } from "@/components/FormAlert";
import { permissionLabel, PERMISSIONS } from "@/lib/access";
import { useSignedInMe } from "@/lib/me";
import { useCreateApiKey, type ApiKeyCreated } from "../api/apiKeys";

/** Expiry choices, in days; 0 is "never". */
const EXPIRY_DAYS = [0, 30, 90, 365] as const;
const DAY_MS = 24 * 60 * 60 * 1000;

interface Values {
  name: string;
  permissions: string[];
  expires_in_days: number;
}

/** The expiry to send for a choice of `days`, counted from `now`. */
export function expiresAt(days: number, now: number = Date.now()): string | null {
  return days > 0 ? new Date(now + days * DAY_MS).toISOString() : null;
}

/**
 * A new key: a name, the permissions it carries (only ones the creator holds: the server refuses
 * others with `permission_not_held`) and an optional expiry.
 */
export function CreateApiKeyModal({
  open,
  onClose,
  onCreated,
}: {
  open: boolean;
  onClose: () => void;
  onCreated: (key: ApiKeyCreated) => void;
}) {
  const { t } = useTranslation();
  const me = useSignedInMe();
  const [form] = Form.useForm<Values>();
  const create = useCreateApiKey();
  const { state, report, clear } = useFormProblem(form);

  const grantable = useMemo(
    () => [
      ...PERMISSIONS.filter((p) => me.permissions.includes(p)),
      ...me.permissions.filter((p) => !(PERMISSIONS as readonly string[]).includes(p)),
    ],
    [me.permissions],
  );

  const onOk = async () => {
    const values = await form.validateFields();
    clear();
    try {
      onCreated(
        await create.mutateAsync({
          name: values.name.trim(),
          permissions: values.permissions,
          expires_at: expiresAt(values.expires_in_days),
        }),
      );
      form.resetFields();
    } catch (error) {
      report(error);
    }
  };

  return (
    <Modal
      open={open}
      title={t("apiKeys.create")}
      okText={t("apiKeys.createSubmit")}
      cancelText={t("actions.cancel")}
      confirmLoading={create.isPending}
      onOk={() => void onOk().catch(() => undefined)}
      onCancel={onClose}
      okButtonProps={{ "data-testid": "api-key-create-submit" } as Record<string, string>}
      width={640}
      destroyOnHidden
    >
      <Form<Values>
        form={form}
        name="apiKey"
        layout="vertical"
        requiredMark={false}
        data-testid="api-key-form"
        initialValues={{ permissions: [], expires_in_days: 90 }}
      >
        <FormAlert state={state} />
        <Form.Item
          name="name"
          label={t("apiKeys.fields.name")}
          rules={[
            { required: true, whitespace: true, message: t("validation.required") },
            { max: 100, message: t("validation.maxLength", { max: 100 }) },
          ]}
        >
          <Input data-testid="api-key-name" placeholder={t("apiKeys.namePlaceholder")} />
        </Form.Item>
        <Form.Item
          name="permissions"
          label={t("apiKeys.fields.permissions")}
          extra={t("apiKeys.permissionsHelp")}
          rules={[{ type: "array", min: 1, required: true, message: t("apiKeys.permissionsRequired") }]}
        >
          <Checkbox.Group
            data-testid="api-key-permissions"
            style={{ display: "grid", gridTemplateColumns: "repeat(2, minmax(0, 1fr))", gap: 8 }}
            options={grantable.map((permission) => ({
              value: permission,
              label: <span data-testid={`api-key-permission-${permission}`}>{permissionLabel(t, permission)}</span>,
            }))}
          />
        </Form.Item>
        <Form.Item name="expires_in_days" label={t("apiKeys.fields.expires_at")}>
          <Select
            data-testid="api-key-expiry"
            options={EXPIRY_DAYS.map((days) => ({
              value: days,
              label: days === 0 ? t("apiKeys.noExpiry") : t("apiKeys.expiresInDays", { days }),
            }))}
          />
        </Form.Item>
      </Form>
    </Modal>
  );
}
