import { KeyOutlined } from "@ant-design/icons";
import { Alert, App, Button, Card, Modal, Popconfirm, Space, Table, Tag, Tooltip, Typography } from "antd";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { EmptyState, QueryView } from "@/components/PageState";
import { tablePagination, usePageParams } from "@/components/pagination";
import { permissionLabel } from "@/lib/access";
import { formatDateTime } from "@/lib/format";
import { currentLanguage } from "@/lib/i18n";
import { problemMessage } from "@/lib/problem";
import { useRevokeApiKey } from "../api/apiKey";
import { useApiKeys, type ApiKey, type ApiKeyCreated } from "../api/apiKeys";
import { CreateApiKeyModal } from "../components/CreateApiKeyModal";

type KeyStatus = "active" | "revoked" | "expired";

function keyStatus(key: ApiKey, now: number): KeyStatus {
  if (key.revoked_at) return "revoked";
  if (key.expires_at && new Date(key.expires_at).getTime() <= now) return "expired";
  return "active";
}

const STATUS_COLORS: Record<KeyStatus, string> = { active: "green", revoked: "red", expired: "default" };

/** The first few permissions by name, the rest as "+N" (all of them on hover). */
function PermissionTags({ permissions, shown = 2 }: { permissions: readonly string[]; shown?: number }) {
  const { t } = useTranslation();
  const labels = permissions.map((p) => permissionLabel(t, p));
  return (
    <Space size={[0, 4]} wrap>
      {labels.slice(0, shown).map((label) => (
        <Tag key={label}>{label}</Tag>
      ))}
      {labels.length > shown ? (
        <Tooltip title={labels.join(t("common.listSeparator"))}>
          <Tag>+{labels.length - shown}</Tag>
        </Tooltip>
      ) : null}
    </Space>
  );
}

export function ApiKeysPage() {
  const { t, i18n } = useTranslation();
  const language = currentLanguage(i18n);
  const { message } = App.useApp();
  const [params, setParams] = usePageParams();
  const keys = useApiKeys(params);
  const revoke = useRevokeApiKey();
  const [creating, setCreating] = useState(false);
  const [created, setCreated] = useState<ApiKeyCreated | null>(null);
  // Expiry is judged as of when the list was read (render stays pure).
  const now = keys.dataUpdatedAt;

  const onRevoke = async (key: ApiKey) => {
    try {
      await revoke.mutateAsync(key.id);
      void message.success(t("apiKeys.revoked", { name: key.name }));
    } catch (error) {
      void message.error(problemMessage(t, error));
    }
  };

  return (
    <Space direction="vertical" size="large" style={{ width: "100%" }} data-testid="api-keys-page">
      <Space style={{ width: "100%", justifyContent: "space-between" }} wrap>
        <Typography.Title level={2} style={{ margin: 0 }}>
          {t("apiKeys.title")}
        </Typography.Title>
        <Button
          data-testid="api-key-create-open"
          type="primary"
          icon={<KeyOutlined />}
          onClick={() => setCreating(true)}
        >
          {t("apiKeys.create")}
        </Button>
      </Space>
      <Typography.Paragraph type="secondary">{t("apiKeys.intro")}</Typography.Paragraph>
      <Card>
        <QueryView
          query={keys}
          isEmpty={(data) => data.count === 0}
          empty={<EmptyState description={t("apiKeys.empty")} />}
        >
          {(data) => (
            <Table<ApiKey>
              data-testid="api-keys-table"
              rowKey={(k) => String(k.id)}
              dataSource={data.results}
              loading={keys.isFetching && keys.isPlaceholderData}
              pagination={tablePagination(data.count, params, setParams)}
              scroll={{ x: true }}
              onRow={(k) => ({ "data-testid": `api-key-row-${k.id}` }) as React.HTMLAttributes<HTMLElement>}
              columns={[
                { key: "name", title: t("apiKeys.fields.name"), dataIndex: "name" },
                {
                  key: "prefix",
                  title: t("apiKeys.fields.prefix"),
                  render: (_, k) => <Typography.Text code>{k.prefix}…</Typography.Text>,
                },
                {
                  key: "permissions",
                  title: t("apiKeys.fields.permissions"),
                  render: (_, k) => <PermissionTags permissions={k.permissions} />,
                },
                {
                  key: "created",
                  title: t("apiKeys.fields.created_at"),
                  render: (_, k) => (
                    <>
                      {formatDateTime(k.created_at, language)}
                      {k.created_by ? (
                        <Typography.Text type="secondary" style={{ display: "block", fontSize: 12 }}>
                          {k.created_by}
                        </Typography.Text>
                      ) : null}
                    </>
                  ),
                },
                {
                  key: "used",
                  title: t("apiKeys.fields.last_used_at"),
                  render: (_, k) =>
                    k.last_used_at ? formatDateTime(k.last_used_at, language) : t("apiKeys.neverUsed"),
                },
                {
                  key: "expires",
                  title: t("apiKeys.fields.expires_at"),
                  render: (_, k) => (k.expires_at ? formatDateTime(k.expires_at, language) : t("apiKeys.noExpiry")),
                },
                {
                  key: "status",
                  title: t("apiKeys.fields.status"),
                  render: (_, k) => {
                    const status = keyStatus(k, now);
                    return (
                      <Tag color={STATUS_COLORS[status]} data-testid={`api-key-status-${k.id}`}>
                        {t(`apiKeys.status.${status}`)}
                      </Tag>
                    );
                  },
                },
                {
                  key: "actions",
                  title: "",
                  render: (_, k) =>
                    keyStatus(k, now) === "active" ? (
                      <Popconfirm
                        title={t("apiKeys.revokeConfirm", { name: k.name })}
                        okText={t("actions.confirm")}
                        cancelText={t("actions.cancel")}
                        onConfirm={() => onRevoke(k)}
                      >
                        <Button size="small" danger data-testid={`api-key-revoke-${k.id}`}>
                          {t("apiKeys.revoke")}
                        </Button>
                      </Popconfirm>
                    ) : null,
                },
              ]}
            />
          )}
        </QueryView>
      </Card>
      <CreateApiKeyModal
        open={creating}
        onClose={() => setCreating(false)}
        onCreated={(key) => {
          setCreating(false);
          setCreated(key);
        }}
      />
      <Modal
        open={created !== null}
        title={t("apiKeys.createdTitle")}
        closable={false}
        maskClosable={false}
        keyboard={false}
        destroyOnHidden
        footer={
          <Button data-testid="api-key-secret-done" type="primary" onClick={() => setCreated(null)}>
            {t("apiKeys.secretSaved")}
          </Button>
        }
      >
        <Alert type="warning" showIcon message={t("apiKeys.secretWarning")} style={{ marginBottom: 16 }} />
        <Typography.Paragraph copyable={{ text: created?.secret ?? "" }}>
          <Typography.Text code data-testid="api-key-secret" style={{ wordBreak: "break-all" }}>
            {created?.secret}
          </Typography.Text>
        </Typography.Paragraph>
      </Modal>
    </Space>
  );
}

export { ApiKeysPage as Component };
