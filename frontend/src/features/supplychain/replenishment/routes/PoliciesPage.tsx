import { App, Button, Form, Input, InputNumber, Modal, Select, Space, Table, Tag, Typography } from "antd";
import { useRef, useState } from "react";
import { FormAlert, useFormProblem } from "@/components/FormAlert";
import { EmptyState, QueryView } from "@/components/PageState";
import { useAccess } from "@/lib/access";
import { problemMessage } from "@/lib/problem";
import {
  type Policy,
  type PolicyInput,
  useAgreePolicy,
  useChangePolicy,
  usePolicies,
  useProposePolicy,
} from "../api/replenishment";
import { newKey, termsText, useFormat } from "../components/bits";

type Terms = Pick<
  PolicyInput,
  "method" | "min_quantity" | "max_quantity" | "target_days" | "minimum_days" | "unit_price" | "currency" | "note"
>;

function TermsFields() {
  const { t } = useFormat();
  const method = Form.useWatch("method");
  return (
    <>
      <Form.Item name="method" label={t("supplyChain.replenishment.fields.method")} rules={[{ required: true }]}>
        <Select
          data-testid="policy-method"
          options={[
            { value: "min_max", label: t("supplyChain.replenishment.method.min_max") },
            { value: "days_of_cover", label: t("supplyChain.replenishment.method.days_of_cover") },
          ]}
        />
      </Form.Item>
      {method === "days_of_cover" ? (
        <Space>
          <Form.Item name="target_days" label={t("supplyChain.replenishment.fields.targetDays")}>
            <InputNumber min={1} data-testid="policy-target-days" />
          </Form.Item>
          <Form.Item name="minimum_days" label={t("supplyChain.replenishment.fields.minimumDays")}>
            <InputNumber min={0} data-testid="policy-minimum-days" />
          </Form.Item>
        </Space>
      ) : (
        <Space>
          <Form.Item name="min_quantity" label={t("supplyChain.replenishment.fields.minQuantity")}>
            <Input data-testid="policy-min" />
          </Form.Item>
          <Form.Item name="max_quantity" label={t("supplyChain.replenishment.fields.maxQuantity")}>
            <Input data-testid="policy-max" />
          </Form.Item>
        </Space>
      )}
      <Space>
        <Form.Item
          name="unit_price"
          label={t("supplyChain.replenishment.fields.unitPrice")}
          rules={[{ required: true }]}
        >
          <Input data-testid="policy-price" />
        </Form.Item>
        <Form.Item name="currency" label={t("supplyChain.replenishment.fields.currency")} rules={[{ required: true }]}>
          <Input maxLength={3} style={{ width: 80 }} data-testid="policy-currency" />
        </Form.Item>
      </Space>
      <Form.Item name="note" label={t("supplyChain.replenishment.fields.note")}>
        <Input maxLength={500} />
      </Form.Item>
    </>
  );
}

function terms(values: Terms): Terms {
  const daysOfCover = values.method === "days_of_cover";
  return {
    method: values.method,
    min_quantity: daysOfCover ? null : values.min_quantity || null,
    max_quantity: daysOfCover ? null : values.max_quantity || null,
    target_days: daysOfCover ? (values.target_days ?? null) : null,
    minimum_days: daysOfCover ? (values.minimum_days ?? null) : null,
    unit_price: values.unit_price,
    currency: (values.currency ?? "").toUpperCase(),
    note: values.note ?? "",
  };
}

/** Propose a policy (new) or change one (all its terms; the other side must agree again). */
function PolicyModal({ policy, onClose }: { policy: Policy | "new"; onClose: () => void }) {
  const { t } = useFormat();
  const { message } = App.useApp();
  const [form] = Form.useForm();
  const problem = useFormProblem(form);
  const key = useRef(newKey());
  const propose = useProposePolicy(() => key.current);
  const change = useChangePolicy();
  const isNew = policy === "new";
  const initial = isNew
    ? { method: "min_max", currency: "CNY" }
    : { ...policy, target_days: policy.target_days ?? undefined, minimum_days: policy.minimum_days ?? undefined };
  const submit = async (values: Terms & { grant_id: number; item_id: number }) => {
    problem.clear();
    try {
      if (isNew) await propose.mutateAsync({ grant_id: values.grant_id, item_id: values.item_id, ...terms(values) });
      else await change.mutateAsync({ id: policy.id, body: { ...terms(values), version: policy.version } });
      void message.success(
        t(isNew ? "supplyChain.replenishment.policies.proposed" : "supplyChain.replenishment.policies.changed"),
      );
      onClose();
    } catch (error) {
      problem.report(error);
    }
  };
  return (
    <Modal
      open
      title={t(isNew ? "supplyChain.replenishment.policies.propose" : "supplyChain.replenishment.policies.change")}
      onCancel={onClose}
      onOk={() => form.submit()}
      confirmLoading={propose.isPending || change.isPending}
      okButtonProps={{ "data-testid": "policy-save" } as Record<string, string>}
      destroyOnHidden
    >
      <FormAlert state={problem.state} />
      {isNew ? null : (
        <Typography.Paragraph type="secondary">
          {t("supplyChain.replenishment.policies.changeHint")}
        </Typography.Paragraph>
      )}
      <Form form={form} layout="vertical" initialValues={initial} onFinish={submit}>
        {isNew ? (
          <Space>
            <Form.Item name="grant_id" label={t("supplyChain.replenishment.fields.grant")} rules={[{ required: true }]}>
              <InputNumber min={1} data-testid="policy-grant" />
            </Form.Item>
            <Form.Item name="item_id" label={t("supplyChain.replenishment.fields.itemId")} rules={[{ required: true }]}>
              <InputNumber min={1} data-testid="policy-item" />
            </Form.Item>
          </Space>
        ) : null}
        <TermsFields />
      </Form>
    </Modal>
  );
}

/** `/supply-chain/replenishment`: the policies of items shared with us (we supply) or by us (we buy). */
export function Component() {
  const { t, qty, price, name } = useFormat();
  const { can } = useAccess();
  const { message } = App.useApp();
  const policies = usePolicies();
  const agree = useAgreePolicy();
  const [editing, setEditing] = useState<Policy | "new" | null>(null);
  const mayManage = can("supplychain.manage");
  const agreeTo = (policy: Policy) =>
    agree.mutate(
      { id: policy.id, version: policy.version },
      {
        onSuccess: () => void message.success(t("supplyChain.replenishment.policies.agreed")),
        onError: (error) => void message.error(problemMessage(t, error)),
      },
    );
  const mine = (p: Policy) => (p.side === "owner" ? p.agreed_by_owner_at : p.agreed_by_partner_at);
  const theirs = (p: Policy) => (p.side === "owner" ? p.agreed_by_partner_at : p.agreed_by_owner_at);
  return (
    <div data-testid="replenishment-policies">
      <Space style={{ width: "100%", justifyContent: "space-between", marginBottom: 16 }}>
        <Typography.Title level={4} style={{ margin: 0 }}>
          {t("supplyChain.replenishment.policies.title")}
        </Typography.Title>
        {mayManage ? (
          <Button type="primary" onClick={() => setEditing("new")} data-testid="policy-propose">
            {t("supplyChain.replenishment.policies.propose")}
          </Button>
        ) : null}
      </Space>
      <Typography.Paragraph type="secondary">{t("supplyChain.replenishment.policies.intro")}</Typography.Paragraph>
      <QueryView
        query={policies}
        isEmpty={(rows) => rows.length === 0}
        empty={<EmptyState description={t("supplyChain.replenishment.policies.empty")} />}
      >
        {(rows) => (
          <Table<Policy>
            rowKey="id"
            dataSource={rows}
            pagination={false}
            scroll={{ x: true }}
            onRow={(p) => ({ "data-testid": `policy-row-${p.sku}` }) as React.HTMLAttributes<HTMLElement>}
            columns={[
              {
                key: "item",
                title: t("supplyChain.replenishment.fields.item"),
                render: (_, p) => (
                  <>
                    <div>{name(p)}</div>
                    <Typography.Text type="secondary">{p.sku}</Typography.Text>
                  </>
                ),
              },
              {
                key: "partner",
                title: t("supplyChain.replenishment.fields.partner"),
                render: (_, p) => (
                  <>
                    <div>{p.side === "owner" ? p.supplier_name : p.buyer_name}</div>
                    <Tag>{t(`supplyChain.replenishment.side.${p.side}`)}</Tag>
                  </>
                ),
              },
              {
                key: "terms",
                title: t("supplyChain.replenishment.fields.terms"),
                render: (_, p) => termsText(t, p, qty),
              },
              {
                key: "price",
                title: t("supplyChain.replenishment.fields.unitPrice"),
                align: "right",
                render: (_, p) => price(p.unit_price, p.currency),
              },
              { key: "version", title: t("supplyChain.replenishment.fields.version"), dataIndex: "version" },
              {
                key: "agreement",
                title: t("supplyChain.replenishment.fields.agreement"),
                render: (_, p) =>
                  p.agreed && p.grant_active ? (
                    <Tag color="success" data-testid={`policy-agreed-${p.sku}`}>
                      {t("supplyChain.replenishment.policies.inForce")}
                    </Tag>
                  ) : !p.grant_active ? (
                    <Tag>{t("supplyChain.replenishment.policies.grantInactive")}</Tag>
                  ) : (
                    <Tag color="warning" data-testid={`policy-waiting-${p.sku}`}>
                      {mine(p) && !theirs(p)
                        ? t("supplyChain.replenishment.policies.waitingForThem")
                        : t("supplyChain.replenishment.policies.waitingForUs")}
                    </Tag>
                  ),
              },
              {
                key: "actions",
                title: t("supplyChain.replenishment.fields.actions"),
                render: (_, p) =>
                  mayManage ? (
                    <Space>
                      {!mine(p) && p.grant_active ? (
                        <Button
                          size="small"
                          type="primary"
                          onClick={() => agreeTo(p)}
                          data-testid={`policy-agree-${p.sku}`}
                        >
                          {t("supplyChain.replenishment.policies.agree")}
                        </Button>
                      ) : null}
                      <Button size="small" onClick={() => setEditing(p)} data-testid={`policy-change-${p.sku}`}>
                        {t("supplyChain.replenishment.policies.change")}
                      </Button>
                    </Space>
                  ) : null,
              },
            ]}
          />
        )}
      </QueryView>
      {editing ? <PolicyModal policy={editing} onClose={() => setEditing(null)} /> : null}
    </div>
  );
}
