import { Card, Table, Tag, Typography } from "antd";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { EmptyState, QueryView } from "@/components/PageState";
import { tablePagination, usePageParams } from "@/components/pagination";
import { formatDate } from "@/lib/format";
import { currentLanguage } from "@/lib/i18n";
import { useGrantsReceived, type ReceivedGrant } from "../api/received";

/** `/supply-chain/sharing/received`: what trading partners share with this company now. */
export function Component() {
  const { t, i18n } = useTranslation();
  const language = currentLanguage(i18n);
  const [params, setParams] = usePageParams();
  const grants = useGrantsReceived(params);
  return (
    <Card title={t("supplyChain.sharing.received.title")} data-testid="sharing-received-page">
      <Typography.Paragraph type="secondary">{t("supplyChain.sharing.received.intro")}</Typography.Paragraph>
      <QueryView
        query={grants}
        isEmpty={(page) => page.count === 0}
        empty={<EmptyState description={t("supplyChain.sharing.received.empty")} />}
      >
        {(page) => (
          <Table<ReceivedGrant>
            rowKey="id"
            size="small"
            dataSource={page.results}
            pagination={tablePagination(page.count, params, setParams)}
            columns={[
              { title: t("supplyChain.sharing.owner"), dataIndex: ["owner", "name"] },
              {
                title: t("supplyChain.sharing.scope"),
                key: "scope",
                render: (_, row) => (
                  <>
                    {row.items_count > 0 && <Tag>{t("supplyChain.sharing.items", { count: row.items_count })}</Tag>}
                    {row.category_code && (
                      <Tag color="blue">{t("supplyChain.sharing.category", { code: row.category_code })}</Tag>
                    )}
                  </>
                ),
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
              { title: t("supplyChain.sharing.note"), dataIndex: "note", ellipsis: true },
              {
                title: "",
                key: "stock",
                render: (_, row) => (
                  <Link to={`/supply-chain/sharing/stock?grant=${row.id}`} data-testid={`received-stock-${row.id}`}>
                    {t("supplyChain.sharing.received.viewStock")}
                  </Link>
                ),
              },
            ]}
          />
        )}
      </QueryView>
    </Card>
  );
}
