import { App, DatePicker, Form, Input, Modal } from "antd";
import { useEffect } from "react";
import { useTranslation } from "react-i18next";
import { FormAlert, useFormProblem } from "@/components/FormAlert";
import { dateFieldProps } from "@/lib/dates";
import { useUpdateCertification } from "../api/certification";
import { useCreateCertification, type Certification, type CertificationInput } from "../api/certifications";

/** Adds a certificate, or edits one (`certification` given). */
export function CertificationModal({
  open,
  certification,
  onClose,
}: {
  open: boolean;
  certification: Certification | null;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<CertificationInput>();
  const create = useCreateCertification();
  const update = useUpdateCertification();
  const { state, report, clear } = useFormProblem(form);

  useEffect(() => {
    if (!open) return;
    clear();
    form.resetFields();
    if (certification) {
      form.setFieldsValue({
        type: certification.type,
        number: certification.number,
        issuer: certification.issuer,
        valid_until: certification.valid_until,
      });
    }
  }, [open, certification, form, clear]);

  const onOk = async () => {
    const values = await form.validateFields();
    clear();
    const body = {
      type: values.type.trim(),
      number: values.number.trim(),
      issuer: values.issuer.trim(),
      valid_until: values.valid_until,
    };
    try {
      if (certification) await update.mutateAsync({ id: certification.id, body });
      else await create.mutateAsync(body);
      void message.success(t("certifications.saved"));
      onClose();
    } catch (error) {
      report(error);
    }
  };

  const required = { required: true, whitespace: true, message: t("validation.required") };
  return (
    <Modal
      open={open}
      title={certification ? t("certifications.edit") : t("certifications.add")}
      okText={t("actions.save")}
      cancelText={t("actions.cancel")}
      confirmLoading={create.isPending || update.isPending}
      onOk={() => void onOk().catch(() => undefined)}
      onCancel={onClose}
      okButtonProps={{ "data-testid": "certification-submit" } as Record<string, string>}
      forceRender
    >
      <Form<CertificationInput> form={form} layout="vertical" name="certification" data-testid="certification-form">
        <FormAlert state={state} />
        <Form.Item
          name="type"
          label={t("certifications.fields.type")}
          extra={t("certifications.typeHelp")}
          rules={[required, { max: 60, message: t("validation.maxLength", { max: 60 }) }]}
        >
          <Input data-testid="certification-type" placeholder="ISO 9001" />
        </Form.Item>
        <Form.Item
          name="number"
          label={t("certifications.fields.number")}
          rules={[required, { max: 120, message: t("validation.maxLength", { max: 120 }) }]}
        >
          <Input data-testid="certification-number" />
        </Form.Item>
        <Form.Item
          name="issuer"
          label={t("certifications.fields.issuer")}
          rules={[required, { max: 200, message: t("validation.maxLength", { max: 200 }) }]}
        >
          <Input data-testid="certification-issuer" />
        </Form.Item>
        <Form.Item
          name="valid_until"
          label={t("certifications.fields.valid_until")}
          rules={[{ required: true, message: t("validation.required") }]}
          {...dateFieldProps}
        >
          <DatePicker style={{ width: "100%" }} data-testid="certification-valid-until" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
