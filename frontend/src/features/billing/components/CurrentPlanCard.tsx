import { Alert, App, Button, Card, Descriptions, Input, Modal, Radio, Space, Tag, Typography } from "antd";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { formatDate } from "@/lib/format";
import { currentLanguage } from "@/lib/i18n";
import { problemMessage } from "@/lib/problem";
import type { BillingOverview } from "../api/overview";
import { useCancel, useConvert, useResume, type Interval } from "../api/subscription";
import { useCheckout } from "../api/checkout";
import { money, planName } from "./labels";

const STATUS_COLOURS: Record<string, string> = {
  trialing: "blue",
  active: "green",
  past_due: "orange",
  read_only: "red",
  suspended: "red",
  canceled: "default",
};

export function StatusTag({ status }: { status: string }) {
  const { t } = useTranslation();
  return (
    <Tag color={STATUS_COLOURS[status] ?? "default"} data-testid="billing-status">
      {t(`billing.status.${status}`, { defaultValue: status })}
    </Tag>
  );
}

/** The plan the company is on, where it stands, and the trial / cancellation actions. */
export function CurrentPlanCard({ overview }: { overview: BillingOverview }) {
  const { t, i18n } = useTranslation();
  const language = currentLanguage(i18n);
  const { message } = App.useApp();
  const convert = useConvert();
  const checkout = useCheckout();
  const cancel = useCancel();
  const resume = useResume();
  const [converting, setConverting] = useState(false);
  const [interval, setInterval] = useState<Interval>(overview.interval);
  const [canceling, setCanceling] = useState(false);
  const [reason, setReason] = useState("");
  const name = planName(overview.plan, language);
  const periodEnd = formatDate(overview.current_period_end, language);
  const trial = overview.status === "trialing";
  const lapsed = overview.status === "read_only" && !overview.converted_at;

  return (
    <Card title={t("billing.current.title")} data-testid="billing-current">
      <Space direction="vertical" size="middle" style={{ width: "100%" }}>
        <Space align="center" wrap>
          <Typography.Title level={3} style={{ margin: 0 }} data-testid="billing-plan-name">
            {name}
          </Typography.Title>
          <StatusTag status={overview.status} />
          {trial && overview.trial_days_left !== null ? (
            <Tag color="blue" data-testid="billing-trial-days">
              {t("billing.current.trialDaysLeft", { count: overview.trial_days_left })}
            </Tag>
          ) : null}
        </Space>
        <Descriptions column={{ xs: 1, md: 2 }} size="small">
          <Descriptions.Item label={t("billing.current.price")}>
            {overview.plan.is_free
              ? t("billing.plans.free")
              : t(`billing.perInterval.${overview.interval}`, {
                  price: money(overview.base_amount, overview.currency, language),
                })}
          </Descriptions.Item>
          <Descriptions.Item label={t("billing.current.period")}>
            {formatDate(overview.current_period_start, language)} – {periodEnd}
          </Descriptions.Item>
          <Descriptions.Item label={t("billing.current.gateway")}>
            {t(`billing.gateway.${overview.gateway}`)}
          </Descriptions.Item>
          <Descriptions.Item label={t("billing.current.features")} span={2}>
            {overview.features.length === 0 ? (
              t("billing.current.noFeatures")
            ) : (
              <Space size={[0, 4]} wrap>
                {overview.features.map((feature) => (
                  <Tag key={feature}>{t(`billing.feature.${feature}`, { defaultValue: feature })}</Tag>
                ))}
              </Space>
            )}
          </Descriptions.Item>
        </Descriptions>
        {trial && overview.trial_ends_at ? (
          <Alert
            type="info"
            showIcon
            message={t("billing.current.trialEnds", { date: formatDate(overview.trial_ends_at, language) })}
          />
        ) : null}
        {overview.cancel_at_period_end ? (
          <Alert
            type="warning"
            showIcon
            data-testid="billing-cancel-scheduled"
            message={t("billing.current.cancelScheduled", { date: periodEnd })}
          />
        ) : null}
        {Number(overview.credit_amount) > 0 ? (
          <Typography.Text type="success">
            {t("billing.current.credit", { amount: money(overview.credit_amount, overview.currency, language) })}
          </Typography.Text>
        ) : null}
        <Space wrap>
          {(trial || lapsed) && !overview.plan.is_free ? (
            <Button type="primary" data-testid="billing-convert" onClick={() => setConverting(true)}>
              {t("billing.current.convert")}
            </Button>
          ) : null}
          {overview.cancel_at_period_end ? (
            <Button
              data-testid="billing-resume"
              loading={resume.isPending}
              onClick={() =>
                resume.mutate(undefined, {
                  onSuccess: () => void message.success(t("billing.current.resumeDone")),
                  onError: (error) => void message.error(problemMessage(t, error)),
                })
              }
            >
              {t("billing.current.resume")}
            </Button>
          ) : !overview.plan.is_free && !["canceled", "suspended"].includes(overview.status) ? (
            <Button danger data-testid="billing-cancel" onClick={() => setCanceling(true)}>
              {t("billing.current.cancel")}
            </Button>
          ) : null}
        </Space>
      </Space>
      <Modal
        open={converting}
        title={t("billing.current.convertTitle", { plan: name })}
        okText={t("billing.current.convert")}
        okButtonProps={{ "data-testid": "billing-convert-confirm" } as Record<string, string>}
        confirmLoading={convert.isPending || checkout.isPending}
        onCancel={() => setConverting(false)}
        onOk={() =>
          overview.online_payment
            ? checkout.mutate(
                { plan_code: overview.plan.code, interval },
                { onError: (error) => void message.error(problemMessage(t, error)) },
              )
            : convert.mutate(interval, {
                onSuccess: () => {
                  setConverting(false);
                  void message.success(t("billing.current.convertDone"));
                },
                onError: (error) => void message.error(problemMessage(t, error)),
              })
        }
      >
        <Typography.Paragraph>{t("billing.current.convertBody")}</Typography.Paragraph>
        <Typography.Text strong>{t("billing.current.convertInterval")}</Typography.Text>{" "}
        <Radio.Group value={interval} onChange={(event) => setInterval(event.target.value as Interval)}>
          <Radio.Button value="month">{t("billing.interval.month")}</Radio.Button>
          <Radio.Button value="year">{t("billing.interval.year")}</Radio.Button>
        </Radio.Group>
      </Modal>
      <Modal
        open={canceling}
        title={t("billing.current.cancelTitle")}
        okText={t("billing.current.cancel")}
        okButtonProps={{ danger: true, ...({ "data-testid": "billing-cancel-confirm" } as Record<string, string>) }}
        confirmLoading={cancel.isPending}
        onCancel={() => setCanceling(false)}
        onOk={() =>
          cancel.mutate(reason, {
            onSuccess: () => {
              setCanceling(false);
              void message.success(t("billing.current.cancelDone", { date: periodEnd }));
            },
            onError: (error) => void message.error(problemMessage(t, error)),
          })
        }
      >
        <Typography.Paragraph>{t("billing.current.cancelBody", { date: periodEnd })}</Typography.Paragraph>
        <Input.TextArea
          maxLength={1000}
          placeholder={t("billing.current.cancelReason")}
          value={reason}
          onChange={(event) => setReason(event.target.value)}
        />
      </Modal>
    </Card>
  );
}
