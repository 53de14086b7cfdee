/** `/finance/cost/landed`: landed costs (freight, duty, insurance) allocated to goods receipts by value,
 * quantity or weight, and the form that applies one. */
import { MinusCircleOutlined, PlusOutlined } from "@ant-design/icons";
import { Button, Form, Input, InputNumber, Modal, Radio, Select, Space, Table, Typography } from "antd";
import { useMemo, useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import { FormAlert, useFormProblem } from "@/components/FormAlert";
import { QueryView } from "@/components/PageState";
import { tablePagination, usePageParams } from "@/components/pagination";
import { useAccess } from "@/lib/access";
import { formatDate, formatMoney, formatQuantity } from "@/lib/format";
import { currentLanguage } from "@/lib/i18n";
import { useFunctionalCurrency } from "../api/currency";
import { useApplyLandedCost, useCostReceipts, useLandedCosts, type LandedCost } from "../api/landedCosts";
import { newIdempotencyKey } from "../components/idempotencyKey";
import { allocationLabel, componentKindLabel } from "../components/labels";

type Allocation = "value" | "quantity" | "weight";
type ComponentKind = "freight" | "duty" | "insurance";

interface LandedValues {
  receipt_ids: number[];
  allocation: Allocation;
  components: { kind: ComponentKind; cost_amount: number; currency?: string; exchange_rate?: number }[];
  weights?: Record<string, number | undefined>;
  note?: string;
}

function ApplyLandedCostModal({ onClose }: { onClose: () => void }) {
  const { t, i18n } = useTranslation();
  const language = currentLanguage(i18n);
  const currency = useFunctionalCurrency();
  const [form] = Form.useForm<LandedValues>();
  const problem = useFormProblem(form);
  const receipts = useCostReceipts({ page: 1, page_size: 100 });
  const apply = useApplyLandedCost();
  const key = useRef(newIdempotencyKey());
  const watched = Form.useWatch("receipt_ids", form);
  const allocation = Form.useWatch("allocation", form);
  const lines = useMemo(
    () =>
      (receipts.data?.results ?? [])
        .filter((r) => (watched ?? []).includes(r.receipt_id))
        .flatMap((r) => r.lines.map((line) => ({ ...line, receipt: r.number }))),
    [receipts.data, watched],
  );
  const submit = async (values: LandedValues) => {
    problem.clear();
    try {
      await apply.mutateAsync({
        idempotencyKey: key.current,
        body: {
          receipt_ids: values.receipt_ids,
          allocation: values.allocation,
          components: values.components.map((c) => ({
            kind: c.kind,
            cost_amount: String(c.cost_amount),
            currency: c.currency?.trim().toUpperCase() ?? "",
            exchange_rate: c.exchange_rate === undefined ? null : String(c.exchange_rate),
          })),
          weights:
            values.allocation === "weight"
              ? lines.map((line) => ({
                  receipt_line_id: line.receipt_line_id,
                  weight: String(values.weights?.[String(line.receipt_line_id)] ?? 0),
                }))
              : [],
          note: values.note ?? "",
        },
      });
      onClose();
    } catch (error) {
      problem.report(error);
    }
  };
  return (
    <Modal
      open
      width={760}
      title={t("financeCost.landed.applyTitle")}
      okText={t("financeCost.landed.apply")}
      onOk={() => form.submit()}
      confirmLoading={apply.isPending}
      onCancel={onClose}
      destroyOnClose
    >
      <FormAlert state={problem.state} />
      <Form<LandedValues>
        form={form}
        layout="vertical"
        data-testid="landed-cost-form"
        initialValues={{ allocation: "value", components: [{ kind: "freight" }], receipt_ids: [] }}
        onFinish={(values) => void submit(values)}
      >
        <Form.Item name="receipt_ids" label={t("financeCost.landed.receipts")} rules={[{ required: true }]}>
          <Select
            mode="multiple"
            loading={receipts.isPending}
            optionFilterProp="label"
            options={(receipts.data?.results ?? []).map((r) => ({
              value: r.receipt_id,
              label: `${r.number} · ${r.order_number} · ${r.supplier_name}`,
            }))}
          />
        </Form.Item>
        <Form.Item name="allocation" label={t("financeCost.landed.allocation")}>
          <Radio.Group
            options={(["value", "quantity", "weight"] as const).map((value) => ({
              value,
              label: allocationLabel(t, value),
            }))}
          />
        </Form.Item>
        <Form.List name="components">
          {(fields, { add, remove }) => (
            <>
              {fields.map((field) => (
                <Space key={field.key} align="baseline" wrap>
                  <Form.Item name={[field.name, "kind"]} rules={[{ required: true }]}>
                    <Select
                      style={{ width: 130 }}
                      aria-label={t("financeCost.landed.kind")}
                      options={(["freight", "duty", "insurance"] as const).map((value) => ({
                        value,
                        label: componentKindLabel(t, value),
                      }))}
                    />
                  </Form.Item>
                  <Form.Item name={[field.name, "cost_amount"]} rules={[{ required: true }]}>
                    <InputNumber min={0.01} placeholder={t("financeCost.amount")} style={{ width: 140 }} />
                  </Form.Item>
                  <Form.Item name={[field.name, "currency"]}>
                    <Input
                      maxLength={3}
                      placeholder={currency}
                      style={{ width: 80 }}
                      aria-label={t("financeCost.currency")}
                    />
                  </Form.Item>
                  <Form.Item name={[field.name, "exchange_rate"]}>
                    <InputNumber min={0} placeholder={t("financeCost.exchangeRate")} style={{ width: 120 }} />
                  </Form.Item>
                  {fields.length > 1 ? (
                    <MinusCircleOutlined aria-label={t("financeCost.remove")} onClick={() => remove(field.name)} />
                  ) : null}
                </Space>
              ))}
              <Button type="dashed" icon={<PlusOutlined />} onClick={() => add({ kind: "duty" })}>
                {t("financeCost.landed.addComponent")}
              </Button>
            </>
          )}
        </Form.List>
        {allocation === "weight" && lines.length > 0 ? (
          <div style={{ marginTop: 16 }}>
            <Typography.Text strong>{t("financeCost.landed.weights")}</Typography.Text>
            {lines.map((line) => (
              <Form.Item
                key={line.receipt_line_id}
                name={["weights", String(line.receipt_line_id)]}
                label={`${line.receipt} · ${line.sku} · ${formatQuantity(line.accepted_quantity, language)}`}
                rules={[{ required: true }]}
              >
                <InputNumber min={0.0001} addonAfter="kg" />
              </Form.Item>
            ))}
          </div>
        ) : null}
        <Form.Item name="note" label={t("financeCost.note")} style={{ marginTop: 16 }}>
          <Input maxLength={500} />
        </Form.Item>
      </Form>
    </Modal>
  );
}

export function Component() {
  const { t, i18n } = useTranslation();
  const language = currentLanguage(i18n);
  const { can } = useAccess();
  const currency = useFunctionalCurrency();
  const [params, setParams] = usePageParams();
  const [applying, setApplying] = useState(false);
  const landed = useLandedCosts(params);
  const money = (value: string) => formatMoney(value, currency, language);
  return (
    <Space direction="vertical" size="large" style={{ width: "100%" }} data-testid="landed-costs-page">
      <Space style={{ width: "100%", justifyContent: "space-between" }}>
        <Typography.Title level={3} style={{ margin: 0 }}>
          {t("financeCost.landed.title")}
        </Typography.Title>
        {can("finance.post") ? (
          <Button type="primary" onClick={() => setApplying(true)} data-testid="apply-landed-cost">
            {t("financeCost.landed.apply")}
          </Button>
        ) : null}
      </Space>
      <QueryView query={landed}>
        {(page) => (
          <Table<LandedCost>
            data-testid="landed-costs-table"
            rowKey="id"
            size="small"
            dataSource={page.results}
            pagination={tablePagination(page.count, params, setParams)}
            locale={{ emptyText: t("financeCost.landed.empty") }}
            columns={[
              {
                title: t("financeCost.landed.date"),
                dataIndex: "occurred_on",
                render: (v: string) => formatDate(v, language),
              },
              {
                title: t("financeCost.landed.components"),
                dataIndex: "components",
                render: (components: LandedCost["components"]) =>
                  components
                    .map((c) => `${componentKindLabel(t, c.kind)} ${formatMoney(c.cost_amount, c.currency, language)}`)
                    .join(" · "),
              },
              {
                title: t("financeCost.landed.allocation"),
                dataIndex: "allocation",
                render: (value: string) => allocationLabel(t, value),
              },
              { title: t("financeCost.landed.total"), dataIndex: "total", align: "right", render: money },
              { title: t("financeCost.landed.toInventory"), dataIndex: "to_inventory", align: "right", render: money },
              { title: t("financeCost.landed.toCogs"), dataIndex: "to_cogs", align: "right", render: money },
              { title: t("financeCost.note"), dataIndex: "note" },
            ]}
          />
        )}
      </QueryView>
      {applying ? <ApplyLandedCostModal onClose={() => setApplying(false)} /> : null}
    </Space>
  );
}
