import { DatePicker, Form, Input, InputNumber, Modal, Select, Spin } from "antd";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { useNavigate } from "react-router";
import { FormAlert, type FormErrorState } from "@/components/FormAlert";
import { dateFieldProps, dayjs } from "@/lib/dates";
import { formatMoney } from "@/lib/format";
import { applyProblemToForm } from "@/lib/forms";
import { currentLanguage } from "@/lib/i18n";
import { useDrawBill } from "../api/bills";
import { useOpenItems } from "../api/payments";

interface Values {
  invoice_ids: number[];
  type: "bank_acceptance" | "commercial_acceptance";
  number: string;
  acceptor_name: string;
  face_amount?: number;
  issue_date: string;
  maturity_date: string;
}

/** Pay received invoices of one supplier with a bill we draw (商业汇票: bank or commercial acceptance);
 * `invoiceId` preselects one (from the invoice's page). */
export function DrawBillModal({ invoiceId, onClose }: { invoiceId?: number; onClose: () => void }) {
  const { t, i18n } = useTranslation();
  const language = currentLanguage(i18n);
  const navigate = useNavigate();
  const [form] = Form.useForm<Values>();
  const [errorState, setErrorState] = useState<FormErrorState | null>(null);
  const payables = useOpenItems({ direction: "in", page: 1, page_size: 200 });
  const draw = useDrawBill();
  const items = payables.data?.results ?? [];
  const openOf = (ids: number[]) =>
    items.filter((item) => ids.includes(item.id)).reduce((sum, item) => sum + Number(item.open_amount), 0);
  const submit = async (values: Values) => {
    setErrorState(null);
    try {
      const bill = await draw.mutateAsync({
        direction: "payable",
        invoice_ids: values.invoice_ids,
        type: values.type,
        number: values.number,
        acceptor_name: values.acceptor_name,
        face_amount: (values.face_amount || openOf(values.invoice_ids)).toFixed(2),
        issue_date: values.issue_date,
        maturity_date: values.maturity_date,
        drawer_name: "",
        payee_name: "",
        bank_account_id: null,
      });
      onClose();
      void navigate(`/finance/bills/${bill.id}`);
    } catch (error) {
      setErrorState({ error, messages: applyProblemToForm(form, error, { amount: "face_amount" }) });
    }
  };

  return (
    <Modal
      open
      title={t("financeSettlement.bills.draw")}
      okText={t("financeSettlement.bills.drawSubmit")}
      okButtonProps={{ "data-testid": "bill-draw-submit" } as Record<string, string>}
      cancelText={t("actions.cancel")}
      confirmLoading={draw.isPending}
      onOk={() => form.submit()}
      onCancel={onClose}
    >
      <FormAlert state={errorState} />
      {payables.isPending ? (
        <Spin />
      ) : (
        <Form<Values>
          form={form}
          layout="vertical"
          initialValues={{
            invoice_ids: invoiceId ? [invoiceId] : [],
            face_amount: invoiceId ? openOf([invoiceId]) || undefined : undefined,
            type: "bank_acceptance",
            issue_date: dayjs().format("YYYY-MM-DD"),
            maturity_date: dayjs().add(6, "month").format("YYYY-MM-DD"),
          }}
          onValuesChange={(changed: Partial<Values>) => {
            if (changed.invoice_ids) form.setFieldValue("face_amount", openOf(changed.invoice_ids));
          }}
          onFinish={(values) => void submit(values)}
        >
          <Form.Item name="invoice_ids" label={t("financeSettlement.bills.drawInvoices")} rules={[{ required: true }]}>
            <Select
              mode="multiple"
              loading={payables.isPending}
              data-testid="bill-draw-invoices"
              onChange={(ids: number[]) => form.setFieldValue("face_amount", openOf(ids))}
              options={items.map((item) => ({
                value: item.id,
                label: `${item.partner_name} · ${item.partner_number || item.number} · ${formatMoney(item.open_amount, item.currency, language)}`,
              }))}
            />
          </Form.Item>
          <Form.Item name="type" label={t("financeSettlement.bills.type")} rules={[{ required: true }]}>
            <Select
              data-testid="bill-draw-type"
              options={["bank_acceptance", "commercial_acceptance"].map((value) => ({
                value,
                label: t(`financeSettlement.bills.types.${value}`),
              }))}
            />
          </Form.Item>
          <Form.Item name="number" label={t("financeSettlement.bills.number")} rules={[{ required: true }]}>
            <Input maxLength={60} data-testid="bill-draw-number" />
          </Form.Item>
          <Form.Item name="acceptor_name" label={t("financeSettlement.bills.acceptor")} rules={[{ required: true }]}>
            <Input maxLength={200} data-testid="bill-draw-acceptor" />
          </Form.Item>
          <Form.Item
            name="face_amount"
            label={t("financeSettlement.bills.faceAmount")}
            extra={t("financeSettlement.bills.faceAmountHelp")}
          >
            <InputNumber min={0.01} precision={2} style={{ width: "100%" }} data-testid="bill-draw-amount" />
          </Form.Item>
          <Form.Item
            name="issue_date"
            label={t("financeSettlement.bills.issueDate")}
            rules={[{ required: true }]}
            {...dateFieldProps}
          >
            <DatePicker />
          </Form.Item>
          <Form.Item
            name="maturity_date"
            label={t("financeSettlement.bills.maturity")}
            rules={[{ required: true }]}
            {...dateFieldProps}
          >
            <DatePicker />
          </Form.Item>
        </Form>
      )}
    </Modal>
  );
}
