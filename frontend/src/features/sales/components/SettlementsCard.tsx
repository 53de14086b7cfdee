import { App, Button, Card, Popconfirm, Space, Table, Tag, Typography } from "antd";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { formatQuantity } from "@/lib/format";
import { currentLanguage } from "@/lib/i18n";
import { problemMessage } from "@/lib/problem";
import {
  useAcceptSettlement,
  useDeclineSettlement,
  useSalesSettlements,
  type SalesSettlement,
} from "../api/settlements";
import type { SalesOrder } from "../api/salesOrders";
import { ReasonModal } from "./ReasonModal";

const STATUS_COLORS: Record<string, string> = { pending: "gold", accepted: "green", declined: "red" };

/** The buyer's settlements of rejected goods on this order; the supplier accepts or declines each. */
export function SettlementsCard({ order, canAnswer }: { order: SalesOrder; canAnswer: boolean }) {
  const { t, i18n } = useTranslation();
  const language = currentLanguage(i18n);
  const { message } = App.useApp();
  const rejected = order.lines.some((line) => Number(line.rejected_quantity) > 0);
  const settlements = useSalesSettlements(order.id, rejected);
  const accept = useAcceptSettlement();
  const decline = useDeclineSettlement();
  const [declining, setDeclining] = useState<SalesSettlement | null>(null);
  if (!rejected || !settlements.data?.length) return null;
  const units = new Map(order.lines.map((line) => [line.line_no, line.unit]));

  return (
    <Card size="small" title={t("sales.settlements.title")} data-testid="so-settlements">
      <Table<SalesSettlement>
        size="small"
        pagination={false}
        rowKey="id"
        dataSource={settlements.data}
        columns={[
          {
            key: "resolution",
            title: t("sales.settlements.resolution"),
            render: (_, s) => (
              <Space direction="vertical" size={0}>
                <span>{t(`sales.settlements.resolutions.${s.resolution}`)}</span>
                {s.return_number ? (
                  <Typography.Text code>
                    {t("sales.settlements.returnNumber", { number: s.return_number })}
                  </Typography.Text>
                ) : null}
                {s.reason ? <Typography.Text type="secondary">{s.reason}</Typography.Text> : null}
              </Space>
            ),
          },
          {
            key: "lines",
            title: t("sales.settlements.lines"),
            render: (_, s) =>
              s.lines
                .map((l) => `#${l.line_no} × ${formatQuantity(l.quantity, language)} ${units.get(l.line_no) ?? ""}`)
                .join(", "),
          },
          {
            key: "status",
            title: t("sales.settlements.status"),
            render: (_, s) => (
              <Space direction="vertical" size={0}>
                <Tag color={STATUS_COLORS[s.status]}>{t(`sales.settlements.statuses.${s.status}`)}</Tag>
                {s.response_reason ? <Typography.Text type="secondary">{s.response_reason}</Typography.Text> : null}
              </Space>
            ),
          },
          {
            key: "actions",
            title: "",
            render: (_, s) =>
              s.status === "pending" && canAnswer ? (
                <Space>
                  <Popconfirm
                    title={t("sales.settlements.acceptConfirm")}
                    okText={t("sales.settlements.accept")}
                    onConfirm={() =>
                      accept
                        .mutateAsync({ id: order.id, settlementId: s.id })
                        .then(() => void message.success(t("sales.settlements.accepted")))
                        .catch((error: unknown) => void message.error(problemMessage(t, error)))
                    }
                  >
                    <Button
                      size="small"
                      type="primary"
                      loading={accept.isPending}
                      data-testid={`settlement-accept-${s.id}`}
                    >
                      {t("sales.settlements.accept")}
                    </Button>
                  </Popconfirm>
                  <Button
                    size="small"
                    danger
                    onClick={() => setDeclining(s)}
                    data-testid={`settlement-decline-${s.id}`}
                  >
                    {t("sales.settlements.decline")}
                  </Button>
                </Space>
              ) : null,
          },
        ]}
      />
      <ReasonModal
        open={declining !== null}
        title={t("sales.settlements.declineTitle")}
        label={t("sales.settlements.declineLabel")}
        okText={t("sales.settlements.decline")}
        submitting={decline.isPending}
        testId="settlement-decline"
        onSubmit={(reason) =>
          decline
            .mutateAsync({ id: order.id, settlementId: declining?.id ?? 0, reason })
            .then(() => void message.success(t("sales.settlements.declined")))
        }
        onClose={() => setDeclining(null)}
      />
    </Card>
  );
}
