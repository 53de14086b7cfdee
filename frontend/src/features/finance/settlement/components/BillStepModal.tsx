import { DatePicker, Form, InputNumber, Modal, Select } from "antd";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { FormAlert, type FormErrorState } from "@/components/FormAlert";
import { dateFieldProps, dayjs } from "@/lib/dates";
import { formatMoney } from "@/lib/format";
import { applyProblemToForm } from "@/lib/forms";
import { currentLanguage } from "@/lib/i18n";
import { useBillStep, type Bill, type BillStep } from "../api/bills";
import { useBankAccounts, useOpenItems } from "../api/payments";

interface Values {
  step_date: string;
  invoice_ids?: number[];
  interest_percent?: number;
  bank_account_id?: number;
}

/** One step of a bill: its date, and for an endorsement the invoices it pays (which names the endorsee),
 * for a discount the bank's annual rate. */
export function BillStepModal({ bill, step, onClose }: { bill: Bill; step: BillStep; onClose: () => void }) {
  const { t, i18n } = useTranslation();
  const language = currentLanguage(i18n);
  const [form] = Form.useForm<Values>();
  const [errorState, setErrorState] = useState<FormErrorState | null>(null);
  const mutation = useBillStep();
  const payables = useOpenItems({ direction: "in", page: 1, page_size: 200 }, step === "endorse");
  const banks = useBankAccounts(step === "discount" || step === "settle");
  const submit = async (values: Values) => {
    setErrorState(null);
    try {
      await mutation.mutateAsync({
        id: bill.id,
        step,
        body: {
          step_date: values.step_date,
          invoice_ids: values.invoice_ids ?? [],
          interest_percent: values.interest_percent !== undefined ? values.interest_percent.toFixed(2) : null,
          bank_account_id: values.bank_account_id ?? null,
        },
      });
      onClose();
    } catch (error) {
      setErrorState({
        error,
        messages: applyProblemToForm(form, error, { date: "step_date", discount_rate: "interest_percent" }),
      });
    }
  };
  return (
    <Modal
      open
      title={t(`financeSettlement.bills.steps.${step}`)}
      okText={t(`financeSettlement.bills.steps.${step}`)}
      cancelText={t("actions.cancel")}
      confirmLoading={mutation.isPending}
      onOk={() => form.submit()}
      onCancel={onClose}
    >
      <FormAlert state={errorState} />
      <Form<Values>
        form={form}
        layout="vertical"
        initialValues={{ step_date: dayjs().format("YYYY-MM-DD") }}
        onFinish={(values) => void submit(values)}
      >
        <Form.Item
          name="step_date"
          label={t("financeSettlement.bills.stepDate")}
          rules={[{ required: true }]}
          {...dateFieldProps}
        >
          <DatePicker />
        </Form.Item>
        {step === "endorse" && (
          <Form.Item
            name="invoice_ids"
            label={t("financeSettlement.bills.endorseInvoices")}
            extra={t("financeSettlement.bills.endorseHelp")}
            rules={[{ required: true }]}
          >
            <Select
              mode="multiple"
              loading={payables.isPending}
              data-testid="endorse-invoices"
              options={(payables.data?.results ?? []).map((item) => ({
                value: item.id,
                label: `${item.partner_name} · ${item.number} · ${formatMoney(item.open_amount, item.currency, language)}`,
              }))}
            />
          </Form.Item>
        )}
        {step === "discount" && (
          <Form.Item
            name="interest_percent"
            label={t("financeSettlement.bills.interestPercent")}
            rules={[{ required: true }]}
          >
            <InputNumber min={0.01} max={99.99} step={0.01} precision={2} addonAfter="%" />
          </Form.Item>
        )}
        {(step === "discount" || step === "settle") && (
          <Form.Item name="bank_account_id" label={t("financeSettlement.payments.bankAccount")}>
            <Select
              allowClear
              placeholder={t("financeSettlement.payments.defaultBank")}
              options={(banks.data?.results ?? []).map((bank) => ({ value: bank.id, label: bank.name }))}
            />
          </Form.Item>
        )}
      </Form>
    </Modal>
  );
}
