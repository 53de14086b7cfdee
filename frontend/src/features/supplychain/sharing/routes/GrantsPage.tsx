import { Button, Card, Segmented, Space, Table, Tag, Typography } from "antd";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { EmptyState, QueryView } from "@/components/PageState";
import { tablePagination, usePageParams } from "@/components/pagination";
import { useAccess } from "@/lib/access";
import { formatDate } from "@/lib/format";
import { currentLanguage } from "@/lib/i18n";
import { useGrantsGiven, type GrantStatus, type ShareGrant } from "../api/grants";
import { GrantFormModal } from "../components/GrantFormModal";
import { RevokeGrantModal } from "../components/RevokeGrantModal";

type Filter = GrantStatus | "all";

/** `/supply-chain/sharing/grants`: the grants this company gave its trading partners. */
export function Component() {
  const { t, i18n } = useTranslation();
  const language = currentLanguage(i18n);
  const { can } = useAccess();
  const manage = can("supplychain.manage");
  const [filter, setFilter] = useState<Filter>("active");
  const [params, setParams] = usePageParams();
  const grants = useGrantsGiven({ ...params, ...(filter === "all" ? {} : { status: filter }) });
  const [editing, setEditing] = useState<ShareGrant | "new" | null>(null);
  const [revoking, setRevoking] = useState<ShareGrant | null>(null);
  return (
    <Card
      title={t("supplyChain.sharing.given.title")}
      data-testid="sharing-grants-page"
      extra={
        <Space>
          <Segmented
            value={filter}
            onChange={(value) => {
              setFilter(value as Filter);
              setParams({ ...params, page: 1 });
            }}
            options={(["active", "revoked", "all"] as const).map((value) => ({
              value,
              label: t(`supplyChain.sharing.given.filter.${value}`),
            }))}
          />
          {manage && (
            <Button type="primary" onClick={() => setEditing("new")} data-testid="grant-create">
              {t("supplyChain.sharing.given.create")}
            </Button>
          )}
        </Space>
      }
    >
      <Typography.Paragraph type="secondary">{t("supplyChain.sharing.given.intro")}</Typography.Paragraph>
      {editing && <GrantFormModal grant={editing === "new" ? undefined : editing} onClose={() => setEditing(null)} />}
      {revoking && <RevokeGrantModal grant={revoking} onClose={() => setRevoking(null)} />}
      <QueryView
        query={grants}
        isEmpty={(page) => page.count === 0}
        empty={<EmptyState description={t("supplyChain.sharing.given.empty")} />}
      >
        {(page) => (
          <Table<ShareGrant>
            rowKey="id"
            size="small"
            dataSource={page.results}
            pagination={tablePagination(page.count, params, setParams)}
            columns={[
              { title: t("supplyChain.sharing.partner"), dataIndex: ["partner", "name"] },
              {
                title: t("supplyChain.sharing.scope"),
                key: "scope",
                render: (_, row) => (
                  <Space size={4} wrap>
                    {row.item_ids.length > 0 && (
                      <Tag>{t("supplyChain.sharing.items", { count: row.item_ids.length })}</Tag>
                    )}
                    {row.category_code && (
                      <Tag color="blue">{t("supplyChain.sharing.category", { code: row.category_code })}</Tag>
                    )}
                  </Space>
                ),
              },
              {
                title: t("supplyChain.sharing.warehouses"),
                key: "warehouses",
                render: (_, row) =>
                  row.warehouse_ids.length === 0
                    ? t("supplyChain.sharing.allWarehouses")
                    : t("supplyChain.sharing.warehouseCount", { count: row.warehouse_ids.length }),
              },
              {
                title: t("supplyChain.sharing.consumption"),
                dataIndex: "share_consumption",
                render: (v: boolean) => (v ? t("supplyChain.sharing.yes") : t("supplyChain.sharing.no")),
              },
              {
                title: t("supplyChain.sharing.period"),
                key: "period",
                render: (_, row) =>
                  `${formatDate(row.valid_from, language)} – ${
                    row.valid_until ? formatDate(row.valid_until, language) : t("supplyChain.sharing.untilRevoked")
                  }`,
              },
              {
                title: t("supplyChain.sharing.status"),
                key: "status",
                render: (_, row) =>
                  row.status === "revoked" ? (
                    <Tag color="red" title={row.revoked_reason}>
                      {t("supplyChain.sharing.statuses.revoked")}
                    </Tag>
                  ) : (
                    <Tag color={row.is_current ? "green" : "default"}>
                      {t(
                        row.is_current ? "supplyChain.sharing.statuses.active" : "supplyChain.sharing.statuses.outside",
                      )}
                    </Tag>
                  ),
              },
              { title: t("supplyChain.sharing.note"), dataIndex: "note", ellipsis: true },
              ...(manage
                ? [
                    {
                      title: "",
                      key: "actions",
                      render: (_: unknown, row: ShareGrant) =>
                        row.status === "active" ? (
                          <Space>
                            <Button size="small" onClick={() => setEditing(row)} data-testid={`grant-edit-${row.id}`}>
                              {t("supplyChain.sharing.given.edit")}
                            </Button>
                            <Button
                              size="small"
                              danger
                              onClick={() => setRevoking(row)}
                              data-testid={`grant-revoke-${row.id}`}
                            >
                              {t("supplyChain.sharing.given.revoke")}
                            </Button>
                          </Space>
                        ) : null,
                    },
                  ]
                : []),
            ]}
          />
        )}
      </QueryView>
    </Card>
  );
}
