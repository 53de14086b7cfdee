import { Button, Form, InputNumber, Select, Space } from "antd";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { currentLanguage } from "@/lib/i18n";
import type { CompanyDetail } from "../api/company";
import { useChangePlan, useExtendTrial, useSetCompanyStatus } from "../api/companyActions";
import { usePlans } from "../api/plans";
import { planName } from "./labels";
import { ReasonDialog } from "./ReasonDialog";

type Dialog = "suspend" | "reactivate" | "changePlan" | "extendTrial" | null;

/** Suspend / reactivate / change plan / extend trial, each behind a dialog asking for the reason. */
export function CompanyActions({ detail }: { detail: CompanyDetail }) {
  const { t, i18n } = useTranslation();
  const language = currentLanguage(i18n);
  const company = detail.company;
  const subscription = detail.subscription;
  const [open, setOpen] = useState<Dialog>(null);
  const setStatus = useSetCompanyStatus(company.id);
  const changePlan = useChangePlan(company.id);
  const extendTrial = useExtendTrial(company.id);
  const plans = usePlans();
  const close = () => setOpen(null);

  return (
    <Space wrap>
      {company.status === "active" ? (
        <Button danger data-testid="action-suspend" onClick={() => setOpen("suspend")}>
          {t("console.actions.suspend")}
        </Button>
      ) : null}
      {company.status === "suspended" ? (
        <Button type="primary" data-testid="action-reactivate" onClick={() => setOpen("reactivate")}>
          {t("console.actions.reactivate")}
        </Button>
      ) : null}
      {subscription ? (
        <Button data-testid="action-change-plan" onClick={() => setOpen("changePlan")}>
          {t("console.actions.changePlan")}
        </Button>
      ) : null}
      {subscription?.status === "trialing" || (subscription?.status === "read_only" && !subscription.converted_at) ? (
        <Button data-testid="action-extend-trial" onClick={() => setOpen("extendTrial")}>
          {t("console.actions.extendTrial")}
        </Button>
      ) : null}

      <ReasonDialog<object>
        open={open === "suspend"}
        testId="suspend-dialog"
        danger
        title={t("console.actions.suspendTitle", { name: company.name })}
        description={t("console.actions.suspendDescription")}
        confirmLabel={t("console.actions.suspend")}
        pending={setStatus.isPending}
        onSubmit={({ reason }) => setStatus.mutateAsync({ status: "suspended", reason })}
        onClose={close}
      />
      <ReasonDialog<object>
        open={open === "reactivate"}
        testId="reactivate-dialog"
        title={t("console.actions.reactivateTitle", { name: company.name })}
        description={t("console.actions.reactivateDescription")}
        confirmLabel={t("console.actions.reactivate")}
        pending={setStatus.isPending}
        onSubmit={({ reason }) => setStatus.mutateAsync({ status: "active", reason })}
        onClose={close}
      />
      <ReasonDialog<{ plan_code: string; interval: "month" | "year" }>
        open={open === "changePlan"}
        testId="change-plan-dialog"
        title={t("console.actions.changePlanTitle", { name: company.name })}
        description={t("console.actions.changePlanDescription")}
        confirmLabel={t("console.actions.changePlan")}
        initialValues={{
          plan_code: subscription?.plan_code,
          interval: (subscription?.interval as "month" | "year" | undefined) ?? "month",
        }}
        pending={changePlan.isPending}
        onSubmit={(values) => changePlan.mutateAsync(values)}
        onClose={close}
      >
        <Form.Item
          name="plan_code"
          label={t("console.fields.plan")}
          rules={[{ required: true, message: t("validation.required") }]}
        >
          <Select
            data-testid="change-plan-plan"
            loading={plans.isPending}
            options={(plans.data ?? []).map((p) => ({ value: p.code, label: planName(p, language) }))}
          />
        </Form.Item>
        <Form.Item name="interval" label={t("console.fields.interval")}>
          <Select
            data-testid="change-plan-interval"
            options={[
              { value: "month", label: t("console.interval.month") },
              { value: "year", label: t("console.interval.year") },
            ]}
          />
        </Form.Item>
      </ReasonDialog>
      <ReasonDialog<{ days: number }>
        open={open === "extendTrial"}
        testId="extend-trial-dialog"
        title={t("console.actions.extendTrialTitle", { name: company.name })}
        confirmLabel={t("console.actions.extendTrial")}
        initialValues={{ days: 7 }}
        pending={extendTrial.isPending}
        onSubmit={(values) => extendTrial.mutateAsync(values)}
        onClose={close}
      >
        <Form.Item
          name="days"
          label={t("console.fields.days")}
          rules={[{ required: true, type: "integer", min: 1, max: 90, message: t("console.actions.daysRange") }]}
        >
          <InputNumber data-testid="extend-trial-days" min={1} max={90} precision={0} />
        </Form.Item>
      </ReasonDialog>
    </Space>
  );
}
