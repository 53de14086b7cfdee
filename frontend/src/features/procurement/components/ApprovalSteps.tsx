import { Space, Steps, Tag, Typography } from "antd";
import { useTranslation } from "react-i18next";
import { roleLabel } from "@/lib/access";
import { formatDateTime } from "@/lib/format";
import { currentLanguage } from "@/lib/i18n";
import type { ApprovalStep } from "../api/purchaseOrders";

const STEP_STATUS: Record<string, "wait" | "process" | "finish" | "error"> = {
  waiting: "wait",
  pending: "process",
  approved: "finish",
  rejected: "error",
  cancelled: "wait",
};

const STEP_COLORS: Record<string, string> = {
  waiting: "default",
  pending: "gold",
  approved: "green",
  rejected: "red",
  cancelled: "default",
};

/** A directory name, or null for a member who has left (shown as "#id"). */
function known(name: string): string | null {
  return name.startsWith("#") ? null : name;
}

/** Who the step names: members by name and roles by label. */
export function StepApprovers({
  step,
  nameOf,
}: {
  step: Pick<ApprovalStep, "mode" | "user_ids" | "roles">;
  nameOf: (userId: number) => string;
}) {
  const { t } = useTranslation();
  return (
    <Space size={[4, 4]} wrap>
      <Typography.Text type="secondary">
        {step.mode === "all" ? t("procurement.approval.allOf") : t("procurement.approval.anyOf")}
      </Typography.Text>
      {step.user_ids.map((uid) => (
        <Tag key={`u${uid}`} color="blue">
          {nameOf(uid)}
        </Tag>
      ))}
      {step.roles.map((role) => (
        <Tag key={`r${role}`} color="purple">
          {t("procurement.approval.role", { role: roleLabel(t, role) })}
        </Tag>
      ))}
    </Space>
  );
}

/**
 * This round's approval steps, serial: who each names (any or all of them), its state, and every
 * decision taken on it (who, for whom through a delegation, when, with the note or reason).
 */
export function ApprovalSteps({
  steps,
  ruleName,
  nameOf,
}: {
  steps: readonly ApprovalStep[];
  ruleName: string;
  nameOf: (userId: number | null | undefined) => string;
}) {
  const { t, i18n } = useTranslation();
  const language = currentLanguage(i18n);
  const current = steps.findIndex((step) => step.status === "pending");
  return (
    <div data-testid="approval-steps">
      {ruleName ? (
        <Typography.Paragraph type="secondary">
          {t("procurement.approval.rule", { name: ruleName })}
        </Typography.Paragraph>
      ) : null}
      <Steps
        direction="vertical"
        size="small"
        current={current >= 0 ? current : steps.length}
        items={steps.map((step) => ({
          status: STEP_STATUS[step.status] ?? "wait",
          title: (
            <Space size={6} data-testid={`approval-step-${step.position}`} data-status={step.status}>
              <span>{t("procurement.approval.level", { n: step.position })}</span>
              <Tag color={STEP_COLORS[step.status] ?? "default"}>
                {t(`procurement.approval.stepStatus.${step.status}`, { defaultValue: step.status })}
              </Tag>
            </Space>
          ),
          description: (
            <Space direction="vertical" size={4} style={{ paddingBottom: 8 }}>
              <StepApprovers step={step} nameOf={nameOf} />
              {step.status === "pending" && step.activated_at ? (
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  {t("procurement.approval.waitingSince", { time: formatDateTime(step.activated_at, language) })}
                </Typography.Text>
              ) : null}
              {step.decisions.map((decision) => (
                <Typography.Text
                  key={`${decision.user_id}-${decision.created_at}`}
                  data-testid={`approval-decision-${step.position}`}
                  style={{ fontSize: 13 }}
                >
                  {t(
                    decision.decision === "approve"
                      ? "procurement.approval.approvedBy"
                      : "procurement.approval.rejectedBy",
                    {
                      name: known(nameOf(decision.user_id)) ?? decision.user_email,
                      time: formatDateTime(decision.created_at, language),
                    },
                  )}
                  {decision.on_behalf_of_id
                    ? ` ${t("procurement.approval.onBehalfOf", { name: nameOf(decision.on_behalf_of_id) })}`
                    : ""}
                  {decision.note ? ` — “${decision.note}”` : ""}
                </Typography.Text>
              ))}
            </Space>
          ),
        }))}
      />
    </div>
  );
}
