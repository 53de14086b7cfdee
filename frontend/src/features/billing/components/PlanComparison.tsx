import { CheckOutlined } from "@ant-design/icons";
import { Alert, App, Button, Card, Col, List, Modal, Radio, Row, Space, Tag, Typography } from "antd";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { QueryView } from "@/components/PageState";
import { currentLanguage, type AppLanguage } from "@/lib/i18n";
import { isProblem, problemMessage, type ProblemError } from "@/lib/problem";
import type { BillingOverview } from "../api/overview";
import { usePlans, type Plan } from "../api/plans";
import { useChangePlan, type Interval } from "../api/subscription";
import { meterLabel, money, planName } from "./labels";

function priceOf(plan: Plan, currency: string, interval: string): string | null {
  return plan.prices.find((p) => p.currency === currency && p.interval === interval)?.base_amount ?? null;
}

/**
 * What the change will cost, as the server prorates it (billing.services.subscriptions): a trial is not
 * charged; within the same interval the price difference for the rest of the period; otherwise a new
 * period now, less the unused part of the current one. An estimate: the server's figure is final.
 */
export function prorationEstimate(
  overview: BillingOverview,
  current: Plan,
  target: Plan,
  interval: Interval,
  now = Date.now(),
) {
  if (overview.status === "trialing") return { kind: "trial" as const, amount: 0 };
  const newPrice = Number(priceOf(target, overview.currency, interval) ?? 0);
  const oldPrice = Number(priceOf(current, overview.currency, overview.interval) ?? 0);
  const start = Date.parse(overview.current_period_start);
  const end = Date.parse(overview.current_period_end);
  const length = end - start;
  const share = length > 0 ? Math.max(end - now, 0) / length : 0;
  if (interval !== overview.interval || oldPrice === 0) {
    return { kind: "newPeriod" as const, amount: Math.round((newPrice - oldPrice * share) * 100) / 100 };
  }
  const amount = Math.round((newPrice - oldPrice) * share * 100) / 100;
  return { kind: amount >= 0 ? ("upgrade" as const) : ("downgrade" as const), amount };
}

interface ExceededMeter {
  meter: string;
  used: number;
  limit: number;
}

function exceededMeters(problem: ProblemError): ExceededMeter[] {
  const meters = problem.extensions.meters;
  return Array.isArray(meters) ? (meters as ExceededMeter[]) : [];
}

function Included({ plan, language }: { plan: Plan; language: AppLanguage }) {
  const { t } = useTranslation();
  return (
    <List
      size="small"
      split={false}
      dataSource={plan.entitlements}
      renderItem={(entitlement) => (
        <List.Item style={{ paddingInline: 0 }} data-testid={`plan-${plan.code}-${entitlement.meter}`}>
          <Typography.Text>
            {meterLabel(t, entitlement.meter)}:{" "}
            <strong>
              {entitlement.included === null
                ? t("billing.plans.unlimited")
                : entitlement.included.toLocaleString(language)}
            </strong>
          </Typography.Text>
        </List.Item>
      )}
    />
  );
}

/** The public plans side by side, the current one marked; choosing another asks to confirm with the proration. */
export function PlanComparison({ overview }: { overview: BillingOverview }) {
  const { t, i18n } = useTranslation();
  const language = currentLanguage(i18n);
  const { message } = App.useApp();
  const plans = usePlans();
  const change = useChangePlan();
  const [interval, setInterval] = useState<Interval>(overview.interval);
  const [target, setTarget] = useState<Plan | null>(null);
  const [refused, setRefused] = useState<ProblemError | null>(null);
  const locked = ["suspended", "canceled"].includes(overview.status);

  const close = () => {
    setTarget(null);
    setRefused(null);
  };

  return (
    <Card
      title={t("billing.plans.title")}
      data-testid="billing-plans"
      extra={
        <Radio.Group value={interval} onChange={(event) => setInterval(event.target.value as Interval)} size="small">
          <Radio.Button value="month" data-testid="plans-monthly">
            {t("billing.plans.monthly")}
          </Radio.Button>
          <Radio.Button value="year" data-testid="plans-yearly">
            {t("billing.plans.yearly")}
          </Radio.Button>
        </Radio.Group>
      }
    >
      <QueryView query={plans}>
        {(list) => {
          const current = list.find((plan) => plan.code === overview.plan.code);
          const currentIndex = list.findIndex((plan) => plan.code === overview.plan.code);
          const estimate = target && current ? prorationEstimate(overview, current, target, interval) : null;
          return (
            <>
              <Row gutter={[16, 16]}>
                {list.map((plan, index) => {
                  const isCurrent = plan.code === overview.plan.code && interval === overview.interval;
                  const price = priceOf(plan, overview.currency, interval);
                  return (
                    <Col key={plan.code} xs={24} md={12} xl={6}>
                      <Card
                        type="inner"
                        data-testid={`plan-${plan.code}`}
                        title={
                          <Space>
                            {planName(plan, language)}
                            {plan.code === overview.plan.code ? (
                              <Tag color="blue" icon={<CheckOutlined />}>
                                {t("billing.plans.current")}
                              </Tag>
                            ) : null}
                          </Space>
                        }
                        style={plan.code === overview.plan.code ? { borderColor: "#1677ff" } : undefined}
                      >
                        <Typography.Title level={4} style={{ marginTop: 0 }}>
                          {plan.is_free
                            ? t("billing.plans.free")
                            : price === null
                              ? t("billing.plans.notOffered", { currency: overview.currency })
                              : t(`billing.perInterval.${interval}`, {
                                  price: money(price, overview.currency, language),
                                })}
                        </Typography.Title>
                        <Typography.Paragraph type="secondary" style={{ minHeight: 44 }}>
                          {language === "zh-CN" ? plan.description_zh : plan.description_en}
                        </Typography.Paragraph>
                        <Included plan={plan} language={language} />
                        <div style={{ marginTop: 8, minHeight: 24 }}>
                          {plan.features.map((feature) => (
                            <Tag key={feature} style={{ marginBottom: 4, whiteSpace: "normal" }}>
                              {t(`billing.feature.${feature}`, { defaultValue: feature })}
                            </Tag>
                          ))}
                        </div>
                        <Button
                          block
                          style={{ marginTop: 12 }}
                          type={index > currentIndex ? "primary" : "default"}
                          disabled={isCurrent || locked || (price === null && !plan.is_free)}
                          data-testid={`plan-${plan.code}-choose`}
                          onClick={() => {
                            setRefused(null);
                            setTarget(plan);
                          }}
                        >
                          {isCurrent
                            ? t("billing.plans.current")
                            : index > currentIndex
                              ? t("billing.plans.upgrade")
                              : index < currentIndex
                                ? t("billing.plans.downgrade")
                                : t("billing.plans.choose")}
                        </Button>
                      </Card>
                    </Col>
                  );
                })}
              </Row>
              <Modal
                open={target !== null}
                title={target ? t("billing.plans.confirmTitle", { plan: planName(target, language) }) : ""}
                okText={t("billing.plans.confirm")}
                okButtonProps={{
                  disabled: refused !== null,
                  ...({ "data-testid": "plan-change-confirm" } as Record<string, string>),
                }}
                cancelButtonProps={{ ...({ "data-testid": "plan-change-cancel" } as Record<string, string>) }}
                confirmLoading={change.isPending}
                onCancel={close}
                onOk={() => {
                  if (!target) return;
                  change.mutate(
                    { plan_code: target.code, interval },
                    {
                      onSuccess: (result) => {
                        const amount = Number(result.proration_amount);
                        const name = planName(target, language);
                        const shown = money(result.proration_amount.replace("-", ""), overview.currency, language);
                        void message.success(
                          amount > 0
                            ? t("billing.plans.changedCharge", { plan: name, amount: shown })
                            : amount < 0
                              ? t("billing.plans.changedCredit", { plan: name, amount: shown })
                              : t("billing.plans.changed", { plan: name }),
                        );
                        close();
                      },
                      onError: (error) => {
                        if (isProblem(error) && error.code === "downgrade_exceeds_usage") setRefused(error);
                        else void message.error(problemMessage(t, error));
                      },
                    },
                  );
                }}
              >
                {refused && target ? (
                  <Alert
                    type="error"
                    showIcon
                    data-testid="plan-change-refused"
                    message={t("billing.plans.exceedsTitle", { plan: planName(target, language) })}
                    description={
                      <>
                        <Typography.Paragraph style={{ marginBottom: 4 }}>
                          {t("billing.plans.exceedsBody")}
                        </Typography.Paragraph>
                        <ul style={{ margin: 0, paddingInlineStart: 20 }}>
                          {exceededMeters(refused).map((row) => (
                            <li key={row.meter} data-testid={`refused-${row.meter}`}>
                              {t("billing.plans.exceedsRow", {
                                meter: meterLabel(t, row.meter),
                                used: row.used,
                                limit: row.limit,
                                plan: planName(target, language),
                              })}
                            </li>
                          ))}
                        </ul>
                      </>
                    }
                  />
                ) : estimate ? (
                  <Typography.Paragraph data-testid="plan-change-proration">
                    {estimate.kind === "trial"
                      ? t("billing.plans.confirmTrial")
                      : estimate.kind === "newPeriod"
                        ? t("billing.plans.confirmNewPeriod", {
                            price: money(
                              target ? priceOf(target, overview.currency, interval) : null,
                              overview.currency,
                              language,
                            ),
                          })
                        : t(
                            estimate.kind === "upgrade"
                              ? "billing.plans.confirmUpgrade"
                              : "billing.plans.confirmDowngrade",
                            {
                              amount: money(String(Math.abs(estimate.amount)), overview.currency, language),
                            },
                          )}
                  </Typography.Paragraph>
                ) : null}
              </Modal>
            </>
          );
        }}
      </QueryView>
    </Card>
  );
}
