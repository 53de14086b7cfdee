/** `/supply-chain/routing`: pick a day, see its deliveries (one stop per customer), plan the routes, and the
 * plans made for that day. A day that cannot be planned says which constraint stands in the way. */
import { Alert, Button, DatePicker, InputNumber, Space, Table, Tag, Typography } from "antd";
import dayjs, { type Dayjs } from "dayjs";
import { useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import { Link, useNavigate } from "react-router";
import { QueryView } from "@/components/PageState";
import { tablePagination, usePageParams } from "@/components/pagination";
import { useAccess } from "@/lib/access";
import { formatDateTime, formatQuantity } from "@/lib/format";
import { currentLanguage } from "@/lib/i18n";
import { problemMessage, toProblem } from "@/lib/problem";
import { newIdempotencyKey } from "../api/keys";
import { useCreateRoutePlan, useDeliveries, useRoutePlans, type Delivery, type RoutePlanSummary } from "../api/plans";
import { formatClock, formatKm, formatPercent, savingPercent } from "../components/figures";

export function Component() {
  const { t, i18n } = useTranslation();
  const language = currentLanguage(i18n);
  const { can } = useAccess();
  const navigate = useNavigate();
  const [day, setDay] = useState<Dayjs>(() => dayjs().add(1, "day"));
  const [limit, setLimit] = useState<number>(5);
  const date = day.format("YYYY-MM-DD");
  const [params, setParams] = usePageParams();
  const deliveries = useDeliveries(date, params);
  const plans = useRoutePlans({ page: 1, page_size: 20, delivery_date: date });
  const create = useCreateRoutePlan();
  const key = useRef(newIdempotencyKey());
  const [failure, setFailure] = useState<unknown>(null);

  const plan = async () => {
    setFailure(null);
    try {
      const made = await create.mutateAsync({
        idempotencyKey: key.current,
        body: { delivery_date: date, time_limit_seconds: limit },
      });
      key.current = newIdempotencyKey();
      void navigate(`/supply-chain/routing/plans/${made.id}`);
    } catch (error) {
      key.current = newIdempotencyKey();
      setFailure(error);
    }
  };
  const problem = failure ? toProblem(failure) : null;

  return (
    <Space direction="vertical" size="large" style={{ width: "100%" }} data-testid="routing-plan-day-page">
      <Space style={{ width: "100%", justifyContent: "space-between" }} wrap>
        <Typography.Title level={3} style={{ margin: 0 }}>
          {t("supplyChain.routing.plan.title")}
        </Typography.Title>
        <Link to="/supply-chain/routing/setup">{t("supplyChain.routing.plan.setupLink")}</Link>
      </Space>
      <Space wrap align="center">
        <DatePicker
          value={day}
          allowClear={false}
          onChange={(value) => {
            if (value) {
              setDay(value);
              setFailure(null);
              setParams({ page: 1, page_size: params.page_size });
            }
          }}
          aria-label={t("supplyChain.routing.plan.date")}
          data-testid="routing-date"
        />
        {can("supplychain.manage") ? (
          <>
            <Typography.Text>{t("supplyChain.routing.plan.timeLimit")}</Typography.Text>
            <InputNumber
              min={1}
              max={60}
              value={limit}
              onChange={(value) => setLimit(value ?? 5)}
              suffix={t("supplyChain.routing.plan.seconds")}
              style={{ width: 140 }}
              aria-label={t("supplyChain.routing.plan.timeLimit")}
            />
            <Button type="primary" loading={create.isPending} onClick={() => void plan()} data-testid="plan-routes">
              {t("supplyChain.routing.plan.run")}
            </Button>
          </>
        ) : null}
      </Space>
      {problem ? (
        <Alert
          type="error"
          showIcon
          data-testid="plan-problem"
          data-problem-code={problem.code}
          message={problemMessage(t, failure)}
          description={problem.detail}
        />
      ) : null}
      <Typography.Title level={4} style={{ margin: 0 }}>
        {t("supplyChain.routing.plan.deliveries")}
      </Typography.Title>
      <QueryView query={deliveries}>
        {(page) => (
          <Table<Delivery>
            data-testid="deliveries-table"
            rowKey="customer_id"
            size="small"
            dataSource={page.results}
            pagination={tablePagination(page.count, params, setParams)}
            locale={{ emptyText: t("supplyChain.routing.plan.noDeliveries") }}
            columns={[
              {
                title: "#",
                key: "index",
                render: (_v, _row, index) => (params.page - 1) * params.page_size + index + 1,
              },
              { title: t("supplyChain.routing.customer"), dataIndex: "customer_name" },
              {
                title: t("supplyChain.routing.orders"),
                dataIndex: "order_numbers",
                render: (numbers: string[]) => numbers.join(", "),
              },
              {
                title: t("supplyChain.routing.load"),
                dataIndex: "load",
                align: "right",
                render: (value: string) => formatQuantity(value, language),
              },
              {
                title: t("supplyChain.routing.window"),
                key: "window",
                render: (_v, row) =>
                  row.site_id === null ? (
                    <Tag color="red">{t("supplyChain.routing.plan.noSite")}</Tag>
                  ) : (
                    `${formatClock(row.window_start)}–${formatClock(row.window_end)}`
                  ),
              },
            ]}
          />
        )}
      </QueryView>
      <Typography.Title level={4} style={{ margin: 0 }}>
        {t("supplyChain.routing.plan.plansOfDay")}
      </Typography.Title>
      <QueryView query={plans}>
        {(page) => (
          <Table<RoutePlanSummary>
            data-testid="plans-table"
            rowKey="id"
            size="small"
            dataSource={page.results}
            pagination={false}
            locale={{ emptyText: t("supplyChain.routing.plan.noPlans") }}
            columns={[
              {
                title: t("supplyChain.routing.plan.planned"),
                dataIndex: "created_at",
                render: (value: string, row) => (
                  <Link to={`/supply-chain/routing/plans/${row.id}`}>{formatDateTime(value, language)}</Link>
                ),
              },
              { title: t("supplyChain.routing.depot"), dataIndex: "depot_label" },
              {
                title: t("supplyChain.routing.figures.total"),
                dataIndex: "total_distance_m",
                align: "right",
                render: (value: number) => formatKm(value, language),
              },
              {
                title: t("supplyChain.routing.figures.vsNaive"),
                key: "naive",
                align: "right",
                render: (_v, row) => formatPercent(savingPercent(row.total_distance_m, row.naive_distance_m), language),
              },
              {
                title: t("supplyChain.routing.figures.vsNearestNeighbour"),
                key: "nn",
                align: "right",
                render: (_v, row) =>
                  formatPercent(savingPercent(row.total_distance_m, row.nearest_neighbour_distance_m), language),
              },
              { title: t("supplyChain.routing.vehicles"), dataIndex: "vehicles_used", align: "right" },
            ]}
          />
        )}
      </QueryView>
    </Space>
  );
}
