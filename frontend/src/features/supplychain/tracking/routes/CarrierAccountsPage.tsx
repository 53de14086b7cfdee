/** /supply-chain/tracking/carriers: the carriers posting tracking events to the company's signed webhook. */
import { Alert, App, Button, Card, Form, Input, Modal, Popconfirm, Select, Space, Table, Tag, Typography } from "antd";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { EmptyState, QueryView } from "@/components/PageState";
import { useAccess } from "@/lib/access";
import { applyProblemToForm } from "@/lib/forms";
import { formatDateTime } from "@/lib/format";
import { currentLanguage } from "@/lib/i18n";
import { problemMessage } from "@/lib/problem";
import {
  type CarrierAccount,
  type CarrierAccountInput,
  type CarrierAccountWithSecret,
  useCarrierAccounts,
  useCreateCarrierAccount,
  useRotateCarrierSecret,
  useUpdateCarrierAccount,
} from "../api/carrierAccounts";

const ADAPTERS = ["generic_json"] as const;

function newKey(): string {
  if (typeof crypto.randomUUID === "function") return crypto.randomUUID();
  return Array.from(crypto.getRandomValues(new Uint8Array(16)), (b) => b.toString(16).padStart(2, "0")).join("");
}

export function Component() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const { can } = useAccess();
  const manage = can("supplychain.manage");
  const accounts = useCarrierAccounts();
  const update = useUpdateCarrierAccount();
  const rotate = useRotateCarrierSecret();
  const [adding, setAdding] = useState(false);
  const [secret, setSecret] = useState<CarrierAccountWithSecret | null>(null);
  const language = currentLanguage();

  const toggle = async (account: CarrierAccount) => {
    try {
      await update.mutateAsync({ id: account.id, body: { active: !account.active } });
      void message.success(t("supplyChain.tracking.carriers.saved"));
    } catch (caught) {
      void message.error(problemMessage(t, caught));
    }
  };
  const renew = async (account: CarrierAccount) => {
    try {
      setSecret(await rotate.mutateAsync(account.id));
    } catch (caught) {
      void message.error(problemMessage(t, caught));
    }
  };

  return (
    <Card
      title={t("supplyChain.tracking.carriers.title")}
      extra={
        manage ? (
          <Button type="primary" onClick={() => setAdding(true)} data-testid="carrier-add">
            {t("supplyChain.tracking.carriers.add")}
          </Button>
        ) : null
      }
      data-testid="carrier-accounts"
    >
      <Typography.Paragraph type="secondary">{t("supplyChain.tracking.carriers.intro")}</Typography.Paragraph>
      <QueryView
        query={accounts}
        isEmpty={(rows) => rows.length === 0}
        empty={<EmptyState description={t("supplyChain.tracking.carriers.empty")} />}
      >
        {(rows) => (
          <Table<CarrierAccount>
            rowKey="id"
            size="small"
            pagination={false}
            dataSource={rows}
            onRow={(row) => ({ "data-testid": `carrier-row-${row.code}` }) as React.HTMLAttributes<HTMLElement>}
            columns={[
              { title: t("supplyChain.tracking.carriers.code"), dataIndex: "code" },
              { title: t("supplyChain.tracking.carriers.name"), dataIndex: "name" },
              {
                title: t("supplyChain.tracking.carriers.adapter"),
                dataIndex: "adapter",
                render: (value: string) =>
                  t(`supplyChain.tracking.carriers.adapters.${value}`, { defaultValue: value }),
              },
              {
                title: t("supplyChain.tracking.carriers.webhookUrl"),
                dataIndex: "webhook_url",
                render: (value: string) => <Typography.Text copyable>{value}</Typography.Text>,
              },
              {
                title: t("supplyChain.tracking.carriers.active"),
                dataIndex: "active",
                render: (active: boolean) =>
                  active ? (
                    <Tag color="green">{t("supplyChain.tracking.carriers.active")}</Tag>
                  ) : (
                    <Tag>{t("supplyChain.tracking.carriers.inactive")}</Tag>
                  ),
              },
              {
                title: t("supplyChain.tracking.carriers.lastEvent"),
                dataIndex: "last_event_at",
                render: (value: string | null) =>
                  value ? formatDateTime(value, language) : t("supplyChain.tracking.carriers.never"),
              },
              ...(manage
                ? [
                    {
                      title: t("supplyChain.tracking.carriers.actions"),
                      key: "actions",
                      render: (_: unknown, row: CarrierAccount) => (
                        <Space>
                          <Button
                            size="small"
                            onClick={() => void toggle(row)}
                            data-testid={`carrier-toggle-${row.code}`}
                          >
                            {row.active
                              ? t("supplyChain.tracking.carriers.deactivate")
                              : t("supplyChain.tracking.carriers.activate")}
                          </Button>
                          <Popconfirm
                            title={t("supplyChain.tracking.carriers.rotateConfirm")}
                            onConfirm={() => void renew(row)}
                            okButtonProps={
                              { "data-testid": `carrier-rotate-confirm-${row.code}` } as Record<string, string>
                            }
                          >
                            <Button size="small" danger data-testid={`carrier-rotate-${row.code}`}>
                              {t("supplyChain.tracking.carriers.rotate")}
                            </Button>
                          </Popconfirm>
                        </Space>
                      ),
                    },
                  ]
                : []),
            ]}
          />
        )}
      </QueryView>
      {adding ? (
        <AddCarrierModal
          onClose={() => setAdding(false)}
          onCreated={(made) => {
            setAdding(false);
            setSecret(made);
          }}
        />
      ) : null}
      {secret ? <SecretModal account={secret} onClose={() => setSecret(null)} /> : null}
    </Card>
  );
}

function AddCarrierModal({
  onClose,
  onCreated,
}: {
  onClose: () => void;
  onCreated: (made: CarrierAccountWithSecret) => void;
}) {
  const { t } = useTranslation();
  const [form] = Form.useForm<CarrierAccountInput>();
  const [key] = useState(newKey);
  const [error, setError] = useState<string | null>(null);
  const create = useCreateCarrierAccount();
  const submit = async (values: CarrierAccountInput) => {
    setError(null);
    try {
      onCreated(await create.mutateAsync({ body: values, idempotencyKey: key }));
    } catch (caught) {
      const unplaced = applyProblemToForm(form, caught);
      setError(unplaced.length ? unplaced.join(" ") : problemMessage(t, caught));
    }
  };
  return (
    <Modal
      open
      title={t("supplyChain.tracking.carriers.add")}
      okText={t("supplyChain.tracking.carriers.create")}
      onOk={() => form.submit()}
      onCancel={onClose}
      confirmLoading={create.isPending}
      okButtonProps={{ "data-testid": "carrier-create" } as Record<string, string>}
      destroyOnHidden
    >
      {error ? (
        <Alert type="error" showIcon message={error} style={{ marginBottom: 12 }} data-testid="carrier-error" />
      ) : null}
      <Form form={form} layout="vertical" onFinish={submit} initialValues={{ adapter: "generic_json" }}>
        <Form.Item
          name="code"
          label={t("supplyChain.tracking.carriers.code")}
          extra={t("supplyChain.tracking.carriers.codeHelp")}
          rules={[{ required: true }, { pattern: /^[A-Za-z0-9_-]{1,40}$/ }]}
        >
          <Input maxLength={40} data-testid="carrier-code" />
        </Form.Item>
        <Form.Item name="name" label={t("supplyChain.tracking.carriers.name")} rules={[{ required: true }]}>
          <Input maxLength={200} data-testid="carrier-name" />
        </Form.Item>
        <Form.Item name="adapter" label={t("supplyChain.tracking.carriers.adapter")}>
          <Select
            options={ADAPTERS.map((value) => ({ value, label: t(`supplyChain.tracking.carriers.adapters.${value}`) }))}
          />
        </Form.Item>
      </Form>
    </Modal>
  );
}

function SecretModal({ account, onClose }: { account: CarrierAccountWithSecret; onClose: () => void }) {
  const { t } = useTranslation();
  return (
    <Modal
      open
      title={t("supplyChain.tracking.carriers.secretTitle", { code: account.code })}
      onOk={onClose}
      onCancel={onClose}
      cancelButtonProps={{ style: { display: "none" } }}
      data-testid="carrier-secret-modal"
    >
      <Alert
        type="warning"
        showIcon
        message={t("supplyChain.tracking.carriers.secretOnce")}
        style={{ marginBottom: 12 }}
      />
      <Typography.Paragraph>
        {t("supplyChain.tracking.carriers.webhookUrl")}:{" "}
        <Typography.Text copyable data-testid="carrier-secret-url">
          {account.webhook_url}
        </Typography.Text>
      </Typography.Paragraph>
      <Typography.Paragraph>
        {t("supplyChain.tracking.carriers.secret")}:{" "}
        <Typography.Text code copyable data-testid="carrier-secret-value">
          {account.webhook_secret}
        </Typography.Text>
      </Typography.Paragraph>
    </Modal>
  );
}
