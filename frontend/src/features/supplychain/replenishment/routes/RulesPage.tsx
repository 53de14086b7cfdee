import {
  App,
  Button,
  Form,
  Input,
  InputNumber,
  Modal,
  Popconfirm,
  Select,
  Space,
  Switch,
  Table,
  Typography,
} from "antd";
import { useRef, useState } from "react";
import { FormAlert, useFormProblem } from "@/components/FormAlert";
import { EmptyState, QueryView } from "@/components/PageState";
import { useAccess } from "@/lib/access";
import { problemMessage } from "@/lib/problem";
import { type Rule, useChangeRule, useCreateRule, useDeleteRule, usePartners, useRules } from "../api/replenishment";
import { newKey, useFormat } from "../components/bits";

interface RuleValues {
  supplier_id?: number | null;
  item_id?: number | null;
  max_quantity?: string;
  max_amount?: string;
  currency: string;
}

function RuleModal({ onClose }: { onClose: () => void }) {
  const { t } = useFormat();
  const [form] = Form.useForm<RuleValues>();
  const problem = useFormProblem(form);
  const key = useRef(newKey());
  const create = useCreateRule(() => key.current);
  const partners = usePartners();
  const submit = async (values: RuleValues) => {
    problem.clear();
    try {
      await create.mutateAsync({
        supplier_id: values.supplier_id ?? null,
        item_id: values.item_id ?? null,
        max_quantity: values.max_quantity || null,
        max_amount: values.max_amount || null,
        currency: values.currency.toUpperCase(),
      });
      onClose();
    } catch (error) {
      problem.report(error);
    }
  };
  return (
    <Modal
      open
      title={t("supplyChain.replenishment.rules.add")}
      onCancel={onClose}
      onOk={() => form.submit()}
      confirmLoading={create.isPending}
      okButtonProps={{ "data-testid": "rule-save" } as Record<string, string>}
      destroyOnHidden
    >
      <FormAlert state={problem.state} />
      <Typography.Paragraph type="secondary">{t("supplyChain.replenishment.rules.hint")}</Typography.Paragraph>
      <Form form={form} layout="vertical" initialValues={{ currency: "CNY" }} onFinish={submit}>
        <Form.Item name="supplier_id" label={t("supplyChain.replenishment.fields.supplier")}>
          <Select
            allowClear
            loading={partners.isPending}
            placeholder={t("supplyChain.replenishment.rules.anySupplier")}
            data-testid="rule-supplier"
            options={(partners.data ?? []).map((p) => ({ value: p.id, label: p.name }))}
          />
        </Form.Item>
        <Form.Item name="item_id" label={t("supplyChain.replenishment.fields.itemId")}>
          <InputNumber min={1} placeholder={t("supplyChain.replenishment.rules.anyItem")} data-testid="rule-item" />
        </Form.Item>
        <Space>
          <Form.Item name="max_quantity" label={t("supplyChain.replenishment.fields.maxQuantity")}>
            <Input data-testid="rule-max-quantity" />
          </Form.Item>
          <Form.Item name="max_amount" label={t("supplyChain.replenishment.fields.maxAmount")}>
            <Input data-testid="rule-max-amount" />
          </Form.Item>
          <Form.Item
            name="currency"
            label={t("supplyChain.replenishment.fields.currency")}
            rules={[{ required: true }]}
          >
            <Input maxLength={3} style={{ width: 80 }} />
          </Form.Item>
        </Space>
      </Form>
    </Modal>
  );
}

/** `/supply-chain/replenishment/rules`: as a buyer, the limits within which proposals are accepted at once. */
export function Component() {
  const { t, qty, money } = useFormat();
  const { can } = useAccess();
  const { message } = App.useApp();
  const rules = useRules();
  const change = useChangeRule();
  const remove = useDeleteRule();
  const [adding, setAdding] = useState(false);
  const mayEdit = can("po.approve");
  const fail = (error: unknown) => void message.error(problemMessage(t, error));
  const toggle = (rule: Rule, active: boolean) =>
    change.mutate(
      {
        id: rule.id,
        body: { max_quantity: rule.max_quantity, max_amount: rule.max_amount, currency: rule.currency, active },
      },
      { onError: fail },
    );
  return (
    <div data-testid="replenishment-rules">
      <Space style={{ width: "100%", justifyContent: "space-between", marginBottom: 16 }}>
        <Typography.Title level={4} style={{ margin: 0 }}>
          {t("supplyChain.replenishment.rules.title")}
        </Typography.Title>
        {mayEdit ? (
          <Button type="primary" onClick={() => setAdding(true)} data-testid="rule-add">
            {t("supplyChain.replenishment.rules.add")}
          </Button>
        ) : null}
      </Space>
      <Typography.Paragraph type="secondary">{t("supplyChain.replenishment.rules.intro")}</Typography.Paragraph>
      <QueryView
        query={rules}
        isEmpty={(rows) => rows.length === 0}
        empty={<EmptyState description={t("supplyChain.replenishment.rules.empty")} />}
      >
        {(rows) => (
          <Table<Rule>
            rowKey="id"
            dataSource={rows}
            pagination={false}
            onRow={(r) => ({ "data-testid": `rule-row-${r.id}` }) as React.HTMLAttributes<HTMLElement>}
            columns={[
              {
                key: "supplier",
                title: t("supplyChain.replenishment.fields.supplier"),
                render: (_, r) => r.supplier_name || t("supplyChain.replenishment.rules.anySupplier"),
              },
              {
                key: "item",
                title: t("supplyChain.replenishment.fields.itemId"),
                render: (_, r) => r.item_id ?? t("supplyChain.replenishment.rules.anyItem"),
              },
              {
                key: "max_quantity",
                title: t("supplyChain.replenishment.fields.maxQuantity"),
                align: "right",
                render: (_, r) => qty(r.max_quantity),
              },
              {
                key: "max_amount",
                title: t("supplyChain.replenishment.fields.maxAmount"),
                align: "right",
                render: (_, r) => money(r.max_amount, r.currency),
              },
              { key: "set_by", title: t("supplyChain.replenishment.fields.setBy"), dataIndex: "set_by_name" },
              {
                key: "active",
                title: t("supplyChain.replenishment.fields.active"),
                render: (_, r) => (
                  <Switch
                    checked={r.active}
                    disabled={!mayEdit}
                    onChange={(on) => toggle(r, on)}
                    data-testid={`rule-active-${r.id}`}
                  />
                ),
              },
              {
                key: "actions",
                title: t("supplyChain.replenishment.fields.actions"),
                render: (_, r) =>
                  mayEdit ? (
                    <Popconfirm
                      title={t("supplyChain.replenishment.rules.deleteConfirm")}
                      onConfirm={() => remove.mutate(r.id, { onError: fail })}
                    >
                      <Button size="small" danger data-testid={`rule-delete-${r.id}`}>
                        {t("supplyChain.replenishment.rules.delete")}
                      </Button>
                    </Popconfirm>
                  ) : null,
              },
            ]}
          />
        )}
      </QueryView>
      {adding ? <RuleModal onClose={() => setAdding(false)} /> : null}
    </div>
  );
}
