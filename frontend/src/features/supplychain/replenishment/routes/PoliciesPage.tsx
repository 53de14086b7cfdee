import { App, Button, Form, Input, InputNumber, Modal, Select, Space, Table, Tag, Typography } from "antd";
import { useRef, useState } from "react";
import { FormAlert, useFormProblem } from "@/components/FormAlert";
import { EmptyState, QueryView } from "@/components/PageState";
import { useAccess } from "@/lib/access";
import { problemMessage } from "@/lib/problem";
import { type ShareGrant, useGrantsGiven } from "../../sharing/api/grants";
import { useItemOptions } from "../../sharing/api/options";
import { useGrantsReceived, useSharedStock } from "../../sharing/api/received";
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

interface ItemPickerProps {
  value?: number;
  onChange?: (value: number | undefined) => void;
}

interface ItemOption {
  value: number;
  label: string;
}

/** The items a grant we received shares with us: the distinct items of its shared stock rows. */
function ReceivedItemSelect({ grantId, value, onChange }: ItemPickerProps & { grantId: number }) {
  const { t, name } = useFormat();
  const stock = useSharedStock({ grant_id: grantId, page: 1, page_size: 200 });
  const options = new Map<number, ItemOption>();
  for (const row of stock.data?.results ?? []) {
    if (!options.has(row.item_id)) options.set(row.item_id, { value: row.item_id, label: `${row.sku} · ${name(row)}` });
  }
  return (
    <Select<number, ItemOption>
      data-testid="policy-item"
      showSearch
      optionFilterProp="label"
      loading={stock.isPending}
      value={value}
      onChange={onChange}
      options={[...options.values()]}
      placeholder={t("supplyChain.replenishment.policies.itemPlaceholder")}
      notFoundContent={stock.isPending ? undefined : t("supplyChain.replenishment.policies.noItems")}
    />
  );
}

/** Our own items in the scope of a grant we gave: its listed items and the active items of its category. */
function GivenItemSelect({ grant, value, onChange }: ItemPickerProps & { grant: ShareGrant }) {
  const { t, name } = useFormat();
  const [search, setSearch] = useState("");
  const [chosen, setChosen] = useState<ItemOption>();
  // A grant of a category alone: ask only for that category; with listed items, ask by the search and keep the
  // ones in scope (the items API filters by category, not by a list of ids).
  const items = useItemOptions(search, grant.item_ids.length === 0 ? grant.category_code || undefined : undefined);
  const inScope = (item: { id: number; category_code: string }) =>
    grant.item_ids.includes(item.id) ||
    (grant.category_code !== "" && item.category_code.startsWith(grant.category_code));
  const options: ItemOption[] = (items.data?.results ?? [])
    .filter(inScope)
    .map((item) => ({ value: item.id, label: `${item.sku} · ${name(item)}` }));
  // The chosen item stays labelled even when the search no longer lists it.
  if (chosen && chosen.value === value && !options.some((o) => o.value === chosen.value)) options.unshift(chosen);
  return (
    <Select<number, ItemOption>
      data-testid="policy-item"
      showSearch
      filterOption={false}
      onSearch={setSearch}
      loading={items.isFetching}
      value={value}
      onChange={(next, option) => {
        setChosen(Array.isArray(option) ? undefined : option);
        onChange?.(next);
      }}
      options={options}
      placeholder={t("supplyChain.replenishment.policies.itemPlaceholder")}
      notFoundContent={items.isFetching ? undefined : t("supplyChain.replenishment.policies.noItems")}
    />
  );
}

type PickedGrant = { kind: "given"; grant: ShareGrant } | { kind: "received"; id: number };

/** The item picker of the chosen grant; disabled until a grant is chosen. */
function ItemPicker({ picked, value, onChange }: ItemPickerProps & { picked?: PickedGrant }) {
  const { t } = useFormat();
  if (!picked)
    return (
      <Select
        data-testid="policy-item"
        disabled
        value={value}
        placeholder={t("supplyChain.replenishment.policies.chooseGrantFirst")}
      />
    );
  return picked.kind === "given" ? (
    <GivenItemSelect key={picked.grant.id} grant={picked.grant} value={value} onChange={onChange} />
  ) : (
    <ReceivedItemSelect key={picked.id} grantId={picked.id} value={value} onChange={onChange} />
  );
}

/** The grant (one we gave, or one we hold now) and the item it shares, for a new policy. */
function GrantItemFields() {
  const { t } = useFormat();
  const form = Form.useFormInstance();
  const grantId = Form.useWatch("grant_id", form) as number | undefined;
  const given = useGrantsGiven({ status: "active", page: 1, page_size: 200 });
  const received = useGrantsReceived({ page: 1, page_size: 200 });
  const givenRows = (given.data?.results ?? []).filter((g) => g.is_current);
  const receivedRows = received.data?.results ?? [];
  const scope = (g: ShareGrant) =>
    [
      g.item_ids.length ? t("supplyChain.replenishment.policies.scopeItems", { count: g.item_ids.length }) : "",
      g.category_code ? t("supplyChain.replenishment.policies.scopeCategory", { code: g.category_code }) : "",
    ]
      .filter(Boolean)
      .join(", ");
  const givenGrant = givenRows.find((g) => g.id === grantId);
  const picked: PickedGrant | undefined = givenGrant
    ? { kind: "given", grant: givenGrant }
    : receivedRows.some((g) => g.id === grantId) && grantId !== undefined
      ? { kind: "received", id: grantId }
      : undefined;
  const groups = [
    {
      label: t("supplyChain.replenishment.policies.grantsGiven"),
      options: givenRows.map((g) => ({ value: g.id, label: `${g.partner.name} · #${g.id} · ${scope(g)}` })),
    },
    {
      label: t("supplyChain.replenishment.policies.grantsReceived"),
      options: receivedRows.map((g) => ({ value: g.id, label: `${g.owner.name} · #${g.id}` })),
    },
  ].filter((group) => group.options.length > 0);
  return (
    <>
      <Form.Item
        name="grant_id"
        label={t("supplyChain.replenishment.fields.grant")}
        extra={t("supplyChain.replenishment.policies.grantHelp")}
        rules={[{ required: true }]}
      >
        <Select
          data-testid="policy-grant"
          showSearch
          optionFilterProp="label"
          loading={given.isPending || received.isPending}
          options={groups}
          onChange={() => form.setFieldValue("item_id", undefined)}
          placeholder={t("supplyChain.replenishment.policies.grantPlaceholder")}
          notFoundContent={
            given.isPending || received.isPending ? undefined : t("supplyChain.replenishment.policies.noGrants")
          }
        />
      </Form.Item>
      <Form.Item name="item_id" label={t("supplyChain.replenishment.fields.item")} rules={[{ required: true }]}>
        <ItemPicker picked={picked} />
      </Form.Item>
    </>
  );
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
        {isNew ? <GrantItemFields /> : null}
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
