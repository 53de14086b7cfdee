import { Card, Table } from "antd";
import { useTranslation } from "react-i18next";
import { EmptyState, QueryView } from "@/components/PageState";
import { tablePagination, usePageParams } from "@/components/pagination";
import { FIRST_PAGE } from "@/lib/api";
import { formatDateTime } from "@/lib/format";
import { currentLanguage } from "@/lib/i18n";
import { useSubscriptionEvents, type SubscriptionEvent } from "../api/events";
import { money } from "./labels";

/** The subscription's history: trial, subscription, plan and status changes, who made them. */
export function SubscriptionHistory() {
  const { t, i18n } = useTranslation();
  const language = currentLanguage(i18n);
  const [params, setParams] = usePageParams({ ...FIRST_PAGE, page_size: 10 });
  const events = useSubscriptionEvents(params);
  const change = (row: SubscriptionEvent) => {
    const parts: string[] = [];
    if (row.from_plan && row.from_plan !== row.to_plan) parts.push(`${row.from_plan} → ${row.to_plan ?? ""}`);
    if (row.from_status && row.from_status !== row.to_status)
      parts.push(
        `${t(`billing.status.${row.from_status}`, { defaultValue: row.from_status })} → ${t(`billing.status.${row.to_status}`, { defaultValue: row.to_status })}`,
      );
    if (row.reason) parts.push(row.reason);
    return parts.join(" · ") || "—";
  };
  return (
    <Card title={t("billing.history.title")} data-testid="billing-history">
      <QueryView query={events} isEmpty={(data) => data.count === 0} empty={<EmptyState description="—" />}>
        {(data) => (
          <Table<SubscriptionEvent>
            rowKey="id"
            size="small"
            dataSource={data.results}
            pagination={tablePagination(data.count, params, setParams)}
            columns={[
              {
                title: t("billing.history.when"),
                dataIndex: "created_at",
                render: (v: string) => formatDateTime(v, language),
              },
              {
                title: t("billing.history.what"),
                dataIndex: "kind",
                render: (v: string) => t(`billing.history.kind.${v}`, { defaultValue: v }),
              },
              { title: t("billing.history.change"), key: "change", render: (_: unknown, row) => change(row) },
              {
                title: t("billing.history.charged"),
                key: "amount",
                align: "right",
                render: (_: unknown, row) =>
                  row.charged_amount ? money(row.charged_amount, row.currency, language) : "—",
              },
              {
                title: t("billing.history.by"),
                key: "by",
                render: (_: unknown, row) =>
                  row.actor_name ||
                  (row.source === "operator" ? t("billing.history.operator") : t("billing.history.system")),
              },
            ]}
          />
        )}
      </QueryView>
    </Card>
  );
}
