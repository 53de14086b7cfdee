/** A plan's totals: its distance against the naive order and the nearest-neighbour baseline. */
import { Card, Col, Row, Statistic, Tag, Typography } from "antd";
import { useTranslation } from "react-i18next";
import { formatQuantity } from "@/lib/format";
import { currentLanguage } from "@/lib/i18n";
import type { RoutePlanSummary } from "../api/plans";
import { formatKm, formatPercent, savingPercent } from "./figures";

export function PlanFigures({ plan }: { plan: RoutePlanSummary }) {
  const { t, i18n } = useTranslation();
  const language = currentLanguage(i18n);
  const versus = (baseline: number) => formatPercent(savingPercent(plan.total_distance_m, baseline), language);
  return (
    <Row gutter={16} data-testid="plan-figures">
      <Col xs={24} md={6}>
        <Card size="small">
          <Statistic
            title={t("supplyChain.routing.figures.total")}
            value={formatKm(plan.total_distance_m, language)}
            data-testid="plan-total"
          />
          <Typography.Text type="secondary">
            {t("supplyChain.routing.figures.vehiclesUsed", {
              used: plan.vehicles_used,
              available: plan.vehicles_available,
            })}
          </Typography.Text>
        </Card>
      </Col>
      <Col xs={24} md={6}>
        <Card size="small">
          <Statistic
            title={t("supplyChain.routing.figures.naive")}
            value={formatKm(plan.naive_distance_m, language)}
            data-testid="plan-naive"
          />
          <Typography.Text type="secondary" data-testid="plan-vs-naive">
            {t("supplyChain.routing.figures.saving", { percent: versus(plan.naive_distance_m) })}
            {" · "}
            {t("supplyChain.routing.figures.trips", { count: plan.naive_trips })}
          </Typography.Text>
        </Card>
      </Col>
      <Col xs={24} md={6}>
        <Card size="small">
          <Statistic
            title={t("supplyChain.routing.figures.nearestNeighbour")}
            value={formatKm(plan.nearest_neighbour_distance_m, language)}
            data-testid="plan-nn"
          />
          <Typography.Text type="secondary" data-testid="plan-vs-nn">
            {t("supplyChain.routing.figures.saving", { percent: versus(plan.nearest_neighbour_distance_m) })}
            {" · "}
            {t("supplyChain.routing.figures.trips", { count: plan.nearest_neighbour_trips })}
          </Typography.Text>{" "}
          {plan.nearest_neighbour_meets_windows ? null : (
            <Tag color="orange">{t("supplyChain.routing.figures.windowsMissed")}</Tag>
          )}
        </Card>
      </Col>
      <Col xs={24} md={6}>
        <Card size="small">
          <Statistic title={t("supplyChain.routing.figures.load")} value={formatQuantity(plan.total_load, language)} />
          <Typography.Text type="secondary">
            {t("supplyChain.routing.figures.stops", { count: plan.stop_count })}
          </Typography.Text>
        </Card>
      </Col>
    </Row>
  );
}
