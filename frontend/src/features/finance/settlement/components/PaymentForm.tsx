import {
  App,
  Button,
  Card,
  DatePicker,
  Form,
  Input,
  InputNumber,
  Radio,
  Select,
  Space,
  Table,
  Tag,
  Typography,
} from "antd";
import { useMemo, useState } from "react";
import { useTranslation } from "react-i18next";
import { FormAlert, type FormErrorState } from "@/components/FormAlert";
import { dayjs, type Dayjs } from "@/lib/dates";
import { formatDate, formatMoney } from "@/lib/format";
import { applyProblemToForm } from "@/lib/forms";
import { currentLanguage } from "@/lib/i18n";
import { useBankAccounts, useOpenItems, useRecordPayment, type OpenItem } from "../api/payments";

interface Allocation {
  paid: string;
  discount: string;
}

const toCents = (value: string | number | null | undefined) => Math.round(Number(value ?? 0) * 100);
const fromCents = (cents: number) => (cents / 100).toFixed(2);

/**
 * Record a payment: money received (against invoices we issued) or paid (against invoices we received),
 * allocated to open invoices of one partner. Paying less than is open is a short payment (the rest stays
 * open); a discount within the terms' window closes the invoice.
 */
export function PaymentForm() {
  const { t, i18n } = useTranslation();
  const language = currentLanguage(i18n);
  const { message } = App.useApp();
  const [form] = Form.useForm();
  const [direction, setDirection] = useState<"in" | "out">("in");
  const [search, setSearch] = useState("");
  const [allocations, setAllocations] = useState<Record<number, Allocation>>({});
  const [errorState, setErrorState] = useState<FormErrorState | null>(null);
  const items = useOpenItems({ direction: direction === "in" ? "out" : "in", search, page: 1, page_size: 100 });
  const banks = useBankAccounts();
  const record = useRecordPayment();
  const rows = items.data?.results ?? [];
  const chosen = rows.filter((row) => allocations[row.id]);
  const partner = chosen[0]?.partner_name;
  const currency = chosen[0]?.currency ?? "CNY";
  const totalCents = useMemo(
    () => Object.values(allocations).reduce((sum, row) => sum + toCents(row.paid), 0),
    [allocations],
  );

  const toggle = (row: OpenItem, on: boolean) => {
    setAllocations((current) => {
      const next = Object.fromEntries(Object.entries(current).filter(([id]) => Number(id) !== row.id));
      if (on)
        next[row.id] = {
          paid: fromCents(toCents(row.open_amount) - toCents(row.discount_available_amount)),
          discount: row.discount_available_amount,
        };
      return next;
    });
  };
  const change = (id: number, field: keyof Allocation, value: string | null) =>
    setAllocations((current) => ({
      ...current,
      [id]: { paid: "0", discount: "0", ...current[id], [field]: value ?? "0" },
    }));

  const submit = async (values: { payment_date: string; bank_account_id?: number; reference?: string }) => {
    setErrorState(null);
    try {
      const payment = await record.mutateAsync({
        direction,
        method: "bank_transfer",
        currency,
        total: fromCents(totalCents),
        payment_date: values.payment_date,
        bank_account_id: values.bank_account_id ?? null,
        reference: values.reference ?? "",
        allocations: chosen.map((row) => ({
          invoice_id: row.id,
          paid_amount: fromCents(toCents(allocations[row.id]?.paid ?? "0")),
          discount_amount: fromCents(toCents(allocations[row.id]?.discount ?? "0")),
          writeoff_amount: "0",
        })),
      });
      void message.success(t("financeSettlement.payments.recorded", { number: payment.number }));
      setAllocations({});
    } catch (error) {
      setErrorState({ error, messages: applyProblemToForm(form, error) });
    }
  };

  return (
    <Card title={t("financeSettlement.payments.record")} data-testid="payment-form">
      <FormAlert state={errorState} />
      <Form
        form={form}
        layout="inline"
        initialValues={{ payment_date: dayjs().format("YYYY-MM-DD") }}
        onFinish={(values) => void submit(values)}
        style={{ rowGap: 12, marginBottom: 16 }}
      >
        <Form.Item label={t("financeSettlement.payments.direction")}>
          <Radio.Group
            value={direction}
            onChange={(event) => {
              setDirection(event.target.value as "in" | "out");
              setAllocations({});
            }}
            data-testid="payment-direction"
          >
            <Radio.Button value="in">{t("financeSettlement.payments.in")}</Radio.Button>
            <Radio.Button value="out">{t("financeSettlement.payments.out")}</Radio.Button>
          </Radio.Group>
        </Form.Item>
        <Form.Item
          name="payment_date"
          label={t("financeSettlement.payments.date")}
          rules={[{ required: true }]}
          getValueProps={(value: string) => ({ value: value ? dayjs(value) : undefined })}
          normalize={(value: Dayjs | null) => (value ? value.format("YYYY-MM-DD") : null)}
        >
          <DatePicker />
        </Form.Item>
        <Form.Item name="bank_account_id" label={t("financeSettlement.payments.bankAccount")}>
          <Select
            allowClear
            style={{ width: 220 }}
            placeholder={t("financeSettlement.payments.defaultBank")}
            options={(banks.data?.results ?? []).map((bank) => ({
              value: bank.id,
              label: `${bank.name} ${bank.currency} ···${bank.number_last4}`,
            }))}
          />
        </Form.Item>
        <Form.Item name="reference" label={t("financeSettlement.payments.reference")}>
          <Input style={{ width: 200 }} maxLength={200} />
        </Form.Item>
      </Form>
      <Input.Search
        allowClear
        placeholder={t("financeSettlement.payments.search")}
        onSearch={setSearch}
        style={{ width: 320, marginBottom: 12 }}
      />
      <Table<OpenItem>
        rowKey="id"
        size="small"
        loading={items.isPending}
        dataSource={rows}
        pagination={false}
        rowSelection={{
          selectedRowKeys: chosen.map((row) => row.id),
          onSelect: (row, on) => toggle(row, on),
          getCheckboxProps: (row) => ({ disabled: partner !== undefined && row.partner_name !== partner }),
          hideSelectAll: true,
        }}
        columns={[
          { title: t("financeSettlement.invoice"), dataIndex: "number" },
          { title: t("financeSettlement.partner"), dataIndex: "partner_name" },
          {
            title: t("financeSettlement.dueDate"),
            dataIndex: "due_date",
            render: (v: string | null) => formatDate(v, language),
          },
          {
            title: t("financeSettlement.open"),
            dataIndex: "open_amount",
            align: "right",
            render: (v: string, row) => formatMoney(v, row.currency, language),
          },
          {
            title: t("financeSettlement.payments.paid"),
            render: (_, row) =>
              allocations[row.id] ? (
                <InputNumber<string>
                  min="0"
                  step="0.01"
                  stringMode
                  value={allocations[row.id]?.paid}
                  onChange={(value) => change(row.id, "paid", value)}
                  data-testid={`paid-${row.id}`}
                />
              ) : null,
          },
          {
            title: t("financeSettlement.payments.discount"),
            render: (_, row) =>
              allocations[row.id] ? (
                <InputNumber<string>
                  min="0"
                  step="0.01"
                  precision={2}
                  disabled={toCents(row.discount_available_amount) === 0}
                  stringMode
                  value={allocations[row.id]?.discount}
                  onChange={(value) => change(row.id, "discount", value)}
                />
              ) : null,
          },
          {
            title: t("financeSettlement.payments.remaining"),
            render: (_, row) => {
              const allocation = allocations[row.id];
              if (!allocation) return null;
              const rest = toCents(row.open_amount) - toCents(allocation.paid) - toCents(allocation.discount);
              return rest > 0 ? (
                <Tag color="orange">
                  {t("financeSettlement.payments.short", {
                    amount: formatMoney(fromCents(rest), row.currency, language),
                  })}
                </Tag>
              ) : (
                <Tag color="green">{t("financeSettlement.payments.closes")}</Tag>
              );
            },
          },
        ]}
      />
      <Space style={{ marginTop: 16 }}>
        <Typography.Text strong data-testid="payment-total">
          {t("financeSettlement.payments.total", { amount: formatMoney(fromCents(totalCents), currency, language) })}
        </Typography.Text>
        <Button
          type="primary"
          disabled={chosen.length === 0 || totalCents <= 0}
          loading={record.isPending}
          onClick={() => form.submit()}
          data-testid="payment-submit"
        >
          {t("financeSettlement.payments.submit")}
        </Button>
      </Space>
    </Card>
  );
}
