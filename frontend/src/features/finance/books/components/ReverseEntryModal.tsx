import { DatePicker, Form, Input, Modal, Typography } from "antd";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { FormAlert, useFormProblem } from "@/components/FormAlert";
import { dayjs, type Dayjs } from "@/lib/dates";
import type { JournalEntry } from "../api/entries";
import { useReverseEntry, type Reversal } from "../api/entryReverse";
import { newIdempotencyKey } from "../api/keys";

interface Values {
  reason: string;
  date: Dayjs | null;
}

/** Reverse an entry: its mirror image is posted (on its own date unless another is chosen), with a reason. */
export function ReverseEntryModal({
  entry,
  onClose,
  onReversed,
}: {
  entry: Pick<JournalEntry, "id" | "number" | "date"> | null;
  onClose: () => void;
  onReversed?: (reversal: Reversal) => void;
}) {
  const { t } = useTranslation();
  const [form] = Form.useForm<Values>();
  const problem = useFormProblem(form);
  const reverse = useReverseEntry();
  const [idempotencyKey] = useState(newIdempotencyKey);

  const submit = async (values: Values) => {
    if (!entry) return;
    problem.clear();
    try {
      const reversal = await reverse.mutateAsync({
        id: entry.id,
        idempotencyKey,
        body: { reason: values.reason.trim(), ...(values.date ? { date: values.date.format("YYYY-MM-DD") } : {}) },
      });
      onReversed?.(reversal);
      onClose();
    } catch (error) {
      problem.report(error);
    }
  };

  return (
    <Modal
      open={entry !== null}
      destroyOnHidden
      title={t("finance.books.reverse.title", { number: entry?.number ?? "" })}
      okText={t("finance.books.reverse.confirm")}
      okButtonProps={{ danger: true, "data-testid": "reverse-submit" } as never}
      cancelText={t("actions.cancel")}
      confirmLoading={reverse.isPending}
      onCancel={onClose}
      onOk={() => form.submit()}
    >
      <Typography.Paragraph type="secondary">{t("finance.books.reverse.intro")}</Typography.Paragraph>
      <FormAlert state={problem.state} />
      <Form<Values> form={form} layout="vertical" preserve={false} onFinish={(values) => void submit(values)}>
        <Form.Item
          name="reason"
          label={t("finance.books.reverse.reason")}
          rules={[{ required: true, whitespace: true, message: t("finance.books.reverse.reasonRequired") }]}
        >
          <Input.TextArea rows={3} maxLength={400} data-testid="reverse-reason" />
        </Form.Item>
        <Form.Item name="date" label={t("finance.books.reverse.date")} extra={t("finance.books.reverse.dateHelp")}>
          <DatePicker
            placeholder={entry ? dayjs(entry.date).format("YYYY-MM-DD") : undefined}
            data-testid="reverse-date"
          />
        </Form.Item>
      </Form>
    </Modal>
  );
}
