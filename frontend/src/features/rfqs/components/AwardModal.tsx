import { App, Checkbox, Form, Input, Modal, Radio, Space, Typography } from "antd";
import { useEffect } from "react";
import { useTranslation } from "react-i18next";
import { FormAlert, useFormProblem } from "@/components/FormAlert";
import { useAwardRfq } from "../api/award";
import type { Comparison, ComparisonSupplier } from "../api/comparison";

interface Values {
  scope: "whole" | "lines";
  line_ids: number[];
  reason: string;
}

/** Lines this supplier quoted that nobody has been awarded yet. */
export function awardableLines(comparison: Comparison, supplier: ComparisonSupplier) {
  return comparison.rows
    .filter((row) => !row.cells.some((cell) => cell.awarded))
    .filter((row) => row.cells.some((cell) => cell.quote_id === supplier.quote_id))
    .map((row) => row.line);
}

/**
 * Awards the whole RFQ (every line, when this supplier quoted them all and none is awarded yet) or
 * the chosen lines to one supplier's quote, with the reason the buyer records.
 */
export function AwardModal({
  rfqId,
  comparison,
  supplier,
  onClose,
}: {
  rfqId: number;
  comparison: Comparison;
  supplier: ComparisonSupplier | null;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const award = useAwardRfq();
  const { state, report, clear } = useFormProblem(form);
  const lines = supplier ? awardableLines(comparison, supplier) : [];
  const whole =
    supplier !== null &&
    lines.length === comparison.rows.length &&
    comparison.rows.every((row) => row.cells.some((cell) => cell.quote_id === supplier.quote_id));
  const scope = Form.useWatch("scope", form);

  useEffect(() => {
    if (!supplier) return;
    clear();
    form.setFieldsValue({ scope: whole ? "whole" : "lines", line_ids: lines.map((l) => l.id), reason: "" });
    // Reset only when another supplier is chosen.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [supplier?.quote_id]);

  const onOk = async () => {
    const values = await form.validateFields();
    if (!supplier) return;
    clear();
    try {
      const result = await award.mutateAsync({
        rfqId,
        body: {
          quote_id: supplier.quote_id,
          reason: values.reason.trim(),
          ...(values.scope === "whole" ? {} : { line_ids: values.line_ids }),
        },
      });
      const orders = result.purchase_orders.map((o) => o.number);
      void message.success(
        orders.length > 0
          ? t("rfqs.award.doneWithOrders", {
              name: supplier.name,
              orders: orders.join(t("common.listSeparator")),
              count: orders.length,
            })
          : t("rfqs.award.done", { name: supplier.name }),
      );
      onClose();
    } catch (error) {
      report(error);
    }
  };

  return (
    <Modal
      open={supplier !== null}
      title={t("rfqs.award.title", { name: supplier?.name ?? "" })}
      okText={t("rfqs.award.submit")}
      cancelText={t("actions.cancel")}
      confirmLoading={award.isPending}
      onOk={() => void onOk().catch(() => undefined)}
      onCancel={onClose}
      okButtonProps={{ "data-testid": "award-submit" } as Record<string, string>}
      forceRender
    >
      <Form<Values> form={form} layout="vertical" name="award" data-testid="award-form">
        <FormAlert state={state} />
        <Form.Item name="scope" label={t("rfqs.award.scope")}>
          <Radio.Group>
            <Space direction="vertical">
              <Radio value="whole" disabled={!whole} data-testid="award-scope-whole">
                {t("rfqs.award.whole")}
              </Radio>
              <Radio value="lines" data-testid="award-scope-lines">
                {t("rfqs.award.someLines")}
              </Radio>
            </Space>
          </Radio.Group>
        </Form.Item>
        {scope === "lines" ? (
          <Form.Item
            name="line_ids"
            label={t("rfqs.award.lines")}
            rules={[{ type: "array", min: 1, required: true, message: t("rfqs.award.chooseLine") }]}
          >
            <Checkbox.Group data-testid="award-lines">
              <Space direction="vertical">
                {lines.map((line) => (
                  <Checkbox key={line.id} value={line.id} data-testid={`award-line-${line.position}`}>
                    {line.position}. {line.description || line.category.code}
                  </Checkbox>
                ))}
              </Space>
            </Checkbox.Group>
          </Form.Item>
        ) : null}
        {lines.length === 0 ? <Typography.Text type="secondary">{t("rfqs.award.nothingLeft")}</Typography.Text> : null}
        <Form.Item
          name="reason"
          label={t("rfqs.award.reason")}
          extra={t("rfqs.award.reasonHelp")}
          rules={[
            { required: true, whitespace: true, message: t("rfqs.award.reasonRequired") },
            { max: 2000, message: t("validation.maxLength", { max: 2000 }) },
          ]}
        >
          <Input.TextArea rows={3} data-testid="award-reason" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
