/** `/supply-chain/routing/plans/:planId`: a plan's totals against the naive order and the nearest-neighbour
 * baseline, then each vehicle's stop list with arrival times and loads. */
import { Card, Space, Table, Tag, Typography } from "antd";
import { useTranslation } from "react-i18next";
import { Link, useParams } from "react-router";
import { QueryView } from "@/components/PageState";
import { formatDate, formatQuantity } from "@/lib/format";
import { currentLanguage } from "@/lib/i18n";
import { useRoutePlan, type PlannedRoute, type PlannedStop } from "../api/plans";
import { formatClock, formatKm } from "../components/figures";
import { PlanFigures } from "../components/PlanFigures";

function RouteCard({ route }: { route: PlannedRoute }) {
  const { t, i18n } = useTranslation();
  const language = currentLanguage(i18n);
  return (
    <Card
      size="small"
      data-testid={`route-${route.sequence}`}
      title={`${route.vehicle_name} #${route.unit_no}`}
      extra={
        <Space wrap>
          <span>
            {t("supplyChain.routing.route.leaves")} {formatClock(route.departure_time)}
          </span>
          <span>
            {t("supplyChain.routing.route.returns")} {formatClock(route.return_time)}
          </span>
          <span>{formatKm(route.distance_m, language)}</span>
          <span>
            {t("supplyChain.routing.load")} {formatQuantity(route.load, language)} /{" "}
            {formatQuantity(route.capacity, language)}
          </span>
        </Space>
      }
    >
      <Table<PlannedStop>
        rowKey="sequence"
        size="small"
        pagination={false}
        dataSource={route.stops}
        columns={[
          { title: "#", dataIndex: "sequence", width: 48 },
          { title: t("supplyChain.routing.customer"), dataIndex: "customer_name" },
          {
            title: t("supplyChain.routing.orders"),
            dataIndex: "order_numbers",
            render: (numbers: string[]) => numbers.join(", "),
          },
          {
            title: t("supplyChain.routing.window"),
            key: "window",
            render: (_v, stop) => `${formatClock(stop.window_start)}–${formatClock(stop.window_end)}`,
          },
          {
            title: t("supplyChain.routing.route.arrival"),
            key: "arrival",
            render: (_v, stop) =>
              stop.arrival_time === stop.service_start_time ? (
                formatClock(stop.arrival_time)
              ) : (
                <span>
                  {formatClock(stop.arrival_time)}{" "}
                  <Tag>{t("supplyChain.routing.route.waitsUntil", { time: formatClock(stop.service_start_time) })}</Tag>
                </span>
              ),
          },
          {
            title: t("supplyChain.routing.route.departure"),
            dataIndex: "departure_time",
            render: (value: string) => formatClock(value),
          },
          {
            title: t("supplyChain.routing.route.leg"),
            dataIndex: "distance_m",
            align: "right",
            render: (value: number) => formatKm(value, language),
          },
          {
            title: t("supplyChain.routing.route.delivered"),
            dataIndex: "load",
            align: "right",
            render: (value: string) => formatQuantity(value, language),
          },
          {
            title: t("supplyChain.routing.route.onBoard"),
            dataIndex: "load_after",
            align: "right",
            render: (value: string) => formatQuantity(value, language),
          },
        ]}
      />
    </Card>
  );
}

export function Component() {
  const { t, i18n } = useTranslation();
  const language = currentLanguage(i18n);
  const { planId } = useParams();
  const plan = useRoutePlan(Number(planId));
  return (
    <QueryView query={plan}>
      {(data) => (
        <Space direction="vertical" size="large" style={{ width: "100%" }} data-testid="route-plan-page">
          <Link to="/supply-chain/routing">{t("supplyChain.routing.route.back")}</Link>
          <Typography.Title level={3} style={{ margin: 0 }}>
            {t("supplyChain.routing.route.title", { date: formatDate(data.delivery_date, language) })}
          </Typography.Title>
          <Typography.Text type="secondary">
            {t("supplyChain.routing.route.basis", {
              depot: data.depot_label,
              source: t(`supplyChain.routing.source.${data.distance_source}`, { defaultValue: data.distance_source }),
              seconds: data.time_limit_seconds,
            })}
          </Typography.Text>
          <PlanFigures plan={data} />
          {data.routes.map((route) => (
            <RouteCard key={route.sequence} route={route} />
          ))}
        </Space>
      )}
    </QueryView>
  );
}
