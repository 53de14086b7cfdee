import { Checkbox, Form, Input, InputNumber, Modal, Select, Table, Typography } from "antd";
import { useMemo, useState } from "react";
import { useTranslation } from "react-i18next";
import { FormAlert, useFormProblem } from "@/components/FormAlert";
import { newIdempotencyKey, usePublishPlanVersion, type ConsolePlan, type PlanVersionInput } from "../api/plans";
import { CURRENCIES, FEATURES, METERS, featureLabel, meterLabel } from "./labels";

const INTERVALS = ["month", "year"] as const;

interface Values {
  trial_days: number;
  features: string[];
  /** `${currency}/${interval}` -> amount */
  prices: Record<string, string>;
  entitlements: Record<
    string,
    { included: number | null; enforcement: "hard" | "soft"; overage: Record<string, string> }
  >;
  note: string;
}

function initialValues(plan: ConsolePlan): Values {
  const version = plan.current_version;
  const prices: Values["prices"] = {};
  for (const p of version?.prices ?? []) prices[`${p.currency}/${p.interval}`] = p.base_amount;
  const entitlements: Values["entitlements"] = {};
  for (const meter of METERS) {
    const e = version?.entitlements.find((x) => x.meter === meter);
    entitlements[meter] = {
      included: e?.included ?? null,
      enforcement: (e?.enforcement as "hard" | "soft" | undefined) ?? "hard",
      overage: { ...(e?.overage_prices ?? {}) },
    };
  }
  return {
    trial_days: version?.trial_days ?? 14,
    features: [...(version?.features ?? [])],
    prices,
    entitlements,
    note: "",
  };
}

function toInput(values: Values): PlanVersionInput {
  return {
    trial_days: values.trial_days,
    features: values.features as PlanVersionInput["features"],
    prices: CURRENCIES.flatMap((currency) =>
      INTERVALS.map((interval) => ({
        currency,
        interval,
        base_amount: String(values.prices[`${currency}/${interval}`] ?? ""),
      })),
    ),
    entitlements: METERS.map((meter) => {
      const e = values.entitlements[meter] ?? { included: null, enforcement: "hard" as const, overage: {} };
      const overage = Object.fromEntries(
        Object.entries(e.overage ?? {}).filter(([, v]) => v !== null && v !== undefined && String(v).trim() !== ""),
      );
      return {
        meter,
        included: e.included === undefined ? null : e.included,
        enforcement: e.enforcement,
        overage_prices: Object.fromEntries(Object.entries(overage).map(([k, v]) => [k, String(v)])),
      };
    }) as PlanVersionInput["entitlements"],
    note: values.note.trim(),
  };
}

/** A new version of a plan: every price and every meter, prefilled from the current version. */
export function PlanVersionForm({ plan, open, onClose }: { plan: ConsolePlan; open: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const [form] = Form.useForm<Values>();
  const publish = usePublishPlanVersion();
  const { state, report, clear } = useFormProblem(form);
  const initial = useMemo(() => initialValues(plan), [plan]);
  // One key per opening of the form: a double submit publishes one version.
  const [key, setKey] = useState(newIdempotencyKey);

  const submit = async () => {
    clear();
    let values: Values;
    try {
      values = await form.validateFields();
    } catch {
      return;
    }
    try {
      await publish.mutateAsync({ planId: plan.id, body: toInput({ ...initial, ...values }), key });
      setKey(newIdempotencyKey());
      onClose();
    } catch (error) {
      report(error);
    }
  };

  return (
    <Modal
      open={open}
      width={880}
      destroyOnHidden
      title={t("console.plans.newVersionTitle", {
        name: plan.name_en,
        number: (plan.current_version?.number ?? 0) + 1,
      })}
      onCancel={onClose}
      onOk={() => void submit()}
      okText={t("console.plans.publish")}
      cancelText={t("actions.cancel")}
      okButtonProps={{ loading: publish.isPending, "data-testid": "plan-version-publish" } as never}
    >
      <div data-testid="plan-version-form">
        <Typography.Paragraph type="secondary">{t("console.plans.newVersionHelp")}</Typography.Paragraph>
        <FormAlert state={state} />
        <Form<Values> form={form} layout="vertical" initialValues={initial} preserve={false} requiredMark={false}>
          <Form.Item
            name="trial_days"
            label={t("console.plans.trialDays")}
            rules={[{ required: true, type: "integer", min: 0, max: 365, message: t("console.plans.trialDaysRange") }]}
          >
            <InputNumber data-testid="plan-trial-days" min={0} max={365} precision={0} />
          </Form.Item>
          <Form.Item name="features" label={t("console.plans.features")}>
            <Checkbox.Group options={FEATURES.map((f) => ({ value: f, label: featureLabel(t, f) }))} />
          </Form.Item>
          <Typography.Title level={5}>{t("console.plans.prices")}</Typography.Title>
          <Table
            size="small"
            pagination={false}
            rowKey="currency"
            dataSource={CURRENCIES.map((currency) => ({ currency }))}
            columns={[
              { key: "currency", title: t("console.plans.currency"), dataIndex: "currency" },
              ...INTERVALS.map((interval) => ({
                key: interval,
                title: t(`console.interval.${interval}`),
                render: (_: unknown, row: { currency: string }) => (
                  <Form.Item
                    name={["prices", `${row.currency}/${interval}`]}
                    style={{ margin: 0 }}
                    rules={[{ required: true, message: t("validation.required") }]}
                  >
                    <InputNumber<string>
                      stringMode
                      min="0"
                      step="1"
                      data-testid={`plan-price-${row.currency}-${interval}`}
                      style={{ width: 160 }}
                    />
                  </Form.Item>
                ),
              })),
            ]}
          />
          <Typography.Title level={5} style={{ marginTop: 16 }}>
            {t("console.plans.entitlements")}
          </Typography.Title>
          <Table
            size="small"
            pagination={false}
            rowKey="meter"
            scroll={{ x: true }}
            dataSource={METERS.map((meter) => ({ meter }))}
            columns={[
              { key: "meter", title: t("console.plans.meter"), render: (_, row) => meterLabel(t, row.meter) },
              {
                key: "included",
                title: t("console.plans.included"),
                render: (_, row) => (
                  <Form.Item name={["entitlements", row.meter, "included"]} style={{ margin: 0 }}>
                    <InputNumber
                      min={0}
                      precision={0}
                      placeholder={t("console.usage.unlimited")}
                      data-testid={`plan-included-${row.meter}`}
                    />
                  </Form.Item>
                ),
              },
              {
                key: "enforcement",
                title: t("console.plans.enforcement"),
                render: (_, row) => (
                  <Form.Item name={["entitlements", row.meter, "enforcement"]} style={{ margin: 0 }}>
                    <Select
                      style={{ width: 110 }}
                      options={[
                        { value: "hard", label: t("console.plans.hard") },
                        { value: "soft", label: t("console.plans.soft") },
                      ]}
                    />
                  </Form.Item>
                ),
              },
              ...CURRENCIES.map((currency) => ({
                key: `overage-${currency}`,
                title: t("console.plans.overage", { currency }),
                render: (_: unknown, row: { meter: string }) => (
                  <Form.Item name={["entitlements", row.meter, "overage", currency]} style={{ margin: 0 }}>
                    <InputNumber<string> stringMode min="0" step="0.01" style={{ width: 100 }} />
                  </Form.Item>
                ),
              })),
            ]}
          />
          <Form.Item
            name="note"
            label={t("console.plans.note")}
            style={{ marginTop: 16 }}
            rules={[{ required: true, whitespace: true, message: t("console.plans.noteRequired") }]}
          >
            <Input.TextArea rows={2} maxLength={500} data-testid="plan-version-note" />
          </Form.Item>
        </Form>
      </div>
    </Modal>
  );
}
