import { Radio, Skeleton, Space, Typography } from "antd";
import { useTranslation } from "react-i18next";
import { formatMoney, localized } from "@/lib/format";
import { currentLanguage } from "@/lib/i18n";
import { usePublicPlans } from "../api/plans";

/** The plan to try, as a form control (value: the plan's code); prices in the currency chosen above. */
export function PlanChoice({
  value,
  onChange,
  currency,
}: {
  value?: string;
  onChange?: (value: string) => void;
  currency: string;
}) {
  const { t, i18n } = useTranslation();
  const language = currentLanguage(i18n);
  const plans = usePublicPlans();
  if (plans.isPending) return <Skeleton active paragraph={{ rows: 2 }} />;
  // Without the list the server's default plan applies: the form still works.
  if (plans.isError) return <Typography.Text type="secondary">{t("signup.plan.unavailable")}</Typography.Text>;
  return (
    <Radio.Group
      value={value}
      onChange={(event) => onChange?.(event.target.value as string)}
      data-testid="signup-plan"
      style={{ width: "100%" }}
    >
      <Space direction="vertical" style={{ width: "100%" }}>
        {plans.data.map((plan) => {
          const price = plan.prices.find((p) => p.currency === currency && p.interval === "month");
          return (
            <Radio key={plan.code} value={plan.code} data-testid={`signup-plan-${plan.code}`}>
              <Typography.Text strong>{localized(plan.name_en, plan.name_zh, language)}</Typography.Text>{" "}
              <Typography.Text type="secondary">
                {plan.is_free
                  ? t("signup.plan.free")
                  : [
                      price
                        ? t("signup.plan.perMonth", { price: formatMoney(price.base_amount, currency, language) })
                        : "",
                      plan.trial_days > 0 ? t("signup.plan.trial", { count: plan.trial_days }) : "",
                    ]
                      .filter(Boolean)
                      .join(" · ")}
              </Typography.Text>
            </Radio>
          );
        })}
      </Space>
    </Radio.Group>
  );
}
