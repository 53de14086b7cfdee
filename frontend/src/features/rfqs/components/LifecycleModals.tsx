import { App, DatePicker, Form, Input, Modal } from "antd";
import { useEffect } from "react";
import { useTranslation } from "react-i18next";
import { FormAlert, useFormProblem } from "@/components/FormAlert";
import { beforeToday, dateTimeFieldProps, dayjs } from "@/lib/dates";
import { useCancelRfq, useExtendRfq } from "../api/lifecycle";
import type { Rfq } from "../api/rfqs";

/** A later closing time for an open RFQ; invited and quoting suppliers are told. */
export function ExtendModal({ rfq, open, onClose }: { rfq: Rfq; open: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<{ closing_at: string | null }>();
  const extend = useExtendRfq();
  const { state, report, clear } = useFormProblem(form);

  useEffect(() => {
    if (open) {
      clear();
      form.setFieldsValue({ closing_at: rfq.closing_at });
    }
  }, [open, rfq.closing_at, form, clear]);

  const onOk = async () => {
    const values = await form.validateFields();
    clear();
    try {
      await extend.mutateAsync({ id: rfq.id, closingAt: values.closing_at ?? "" });
      void message.success(t("rfqs.extend.done"));
      onClose();
    } catch (error) {
      report(error);
    }
  };

  return (
    <Modal
      open={open}
      title={t("rfqs.extend.title")}
      okText={t("rfqs.extend.submit")}
      cancelText={t("actions.cancel")}
      confirmLoading={extend.isPending}
      onOk={() => void onOk().catch(() => undefined)}
      onCancel={onClose}
      okButtonProps={{ "data-testid": "extend-submit" } as Record<string, string>}
      forceRender
    >
      <Form form={form} layout="vertical" name="extend">
        <FormAlert state={state} />
        <Form.Item
          name="closing_at"
          label={t("rfqs.fields.closingAt")}
          extra={t("rfqs.extend.help")}
          rules={[
            { required: true, message: t("validation.required") },
            {
              validator: (_, value: string | null) =>
                !value || !rfq.closing_at || dayjs(value).isAfter(dayjs(rfq.closing_at))
                  ? Promise.resolve()
                  : Promise.reject(new Error(t("rfqs.extend.later"))),
            },
          ]}
          {...dateTimeFieldProps}
        >
          <DatePicker
            showTime={{ format: "HH:mm" }}
            needConfirm={false}
            format="YYYY-MM-DD HH:mm"
            style={{ width: "100%" }}
            disabledDate={beforeToday}
            data-testid="extend-closing-at"
          />
        </Form.Item>
      </Form>
    </Modal>
  );
}

/** Cancels the RFQ with a reason the suppliers are told. */
export function CancelModal({ rfq, open, onClose }: { rfq: Rfq; open: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<{ reason: string }>();
  const cancel = useCancelRfq();
  const { state, report, clear } = useFormProblem(form);

  useEffect(() => {
    if (open) {
      clear();
      form.resetFields();
    }
  }, [open, form, clear]);

  const onOk = async () => {
    const values = await form.validateFields();
    clear();
    try {
      await cancel.mutateAsync({ id: rfq.id, reason: values.reason.trim() });
      void message.success(t("rfqs.cancel.done"));
      onClose();
    } catch (error) {
      report(error);
    }
  };

  return (
    <Modal
      open={open}
      title={t("rfqs.cancel.title")}
      okText={t("rfqs.cancel.submit")}
      okButtonProps={{ danger: true, ...({ "data-testid": "cancel-submit" } as Record<string, string>) }}
      cancelText={t("actions.back")}
      confirmLoading={cancel.isPending}
      onOk={() => void onOk().catch(() => undefined)}
      onCancel={onClose}
      forceRender
    >
      <Form form={form} layout="vertical" name="cancel">
        <FormAlert state={state} />
        <Form.Item
          name="reason"
          label={t("rfqs.cancel.reason")}
          extra={rfq.status === "draft" ? undefined : t("rfqs.cancel.suppliersTold")}
          rules={[
            { required: true, whitespace: true, message: t("rfqs.cancel.reasonRequired") },
            { max: 2000, message: t("validation.maxLength", { max: 2000 }) },
          ]}
        >
          <Input.TextArea rows={3} data-testid="cancel-reason" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
