import { App, Button, Form, Input, Select } from "antd";
import { useTranslation } from "react-i18next";
import { FormAlert, useFormProblem } from "@/components/FormAlert";
import { changeLanguage, normalizeLanguage, type ServerLocale } from "@/lib/i18n";
import type { Me } from "@/lib/me";
import { useUpdateMe } from "../api/updateMe";

interface Values {
  full_name: string;
  preferred_language: ServerLocale;
}

export function ProfileForm({ me }: { me: Me }) {
  const { t, i18n } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const update = useUpdateMe();
  const { state, report, clear } = useFormProblem(form);

  const onFinish = async (values: Values) => {
    clear();
    try {
      const updated = await update.mutateAsync({
        full_name: values.full_name.trim(),
        preferred_language: values.preferred_language,
      });
      const language = normalizeLanguage(updated.user.preferred_language);
      if (language) await changeLanguage(language, { instance: i18n });
      void message.success(t("profile.saved"));
    } catch (error) {
      report(error);
    }
  };

  return (
    <Form<Values>
      form={form}
      name="profile"
      layout="vertical"
      data-testid="profile-form"
      requiredMark={false}
      initialValues={{
        full_name: me.user.full_name,
        preferred_language:
          me.user.preferred_language ?? (normalizeLanguage(i18n.language) === "zh-CN" ? "zh-hans" : "en"),
      }}
      onFinish={onFinish}
      style={{ maxWidth: 480 }}
    >
      <FormAlert state={state} />
      <Form.Item label={t("profile.fields.email")}>
        <Input value={me.user.email} disabled data-testid="profile-email" />
      </Form.Item>
      <Form.Item
        name="full_name"
        label={t("profile.fields.full_name")}
        rules={[{ required: true, whitespace: true, message: t("validation.required") }, { max: 150 }]}
      >
        <Input data-testid="profile-full-name" autoComplete="name" />
      </Form.Item>
      <Form.Item name="preferred_language" label={t("profile.fields.preferred_language")}>
        <Select
          data-testid="profile-language"
          options={[
            { value: "zh-hans", label: "中文（简体）" },
            { value: "en", label: "English" },
          ]}
        />
      </Form.Item>
      <Button data-testid="profile-save" type="primary" htmlType="submit" loading={update.isPending}>
        {t("actions.save")}
      </Button>
    </Form>
  );
}
