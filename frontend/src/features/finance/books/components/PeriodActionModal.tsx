import { Alert, Form, Input, Modal, Typography } from "antd";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { useState } from "react";
import { problemMessage, toProblem } from "@/lib/problem";
import type { Period } from "../api/periods";
import { useClosePeriod } from "../api/periodClose";
import { useReopenPeriod } from "../api/periodReopen";

export type PeriodAction = "close" | "reopen";

/**
 * Why a period could not be closed or reopened, in words: the problem's `reason_code` (already closed, an
 * earlier period open, business events of its dates not posted yet — with how many, and a link to them).
 */
export function PeriodProblem({ error }: { error: unknown }) {
  const { t } = useTranslation();
  const problem = toProblem(error);
  const reason = typeof problem.extensions.reason_code === "string" ? problem.extensions.reason_code : "";
  const events = typeof problem.extensions.events === "number" ? problem.extensions.events : 0;
  const known = problem.code === "period_not_closable" || problem.code === "period_not_reopenable";
  return (
    <Alert
      type="error"
      showIcon
      style={{ marginBottom: 16 }}
      data-testid="period-problem"
      data-reason={reason}
      message={problemMessage(t, problem)}
      description={
        known && reason ? (
          <>
            {t(`finance.books.periods.reasons.${reason}`, { count: events, defaultValue: problem.detail ?? "" })}
            {reason === "events_pending" ? (
              <>
                {" "}
                <Link to="/finance/rules?tab=events&status=failed" data-testid="period-problem-events">
                  {t("finance.books.periods.seeEvents")}
                </Link>
              </>
            ) : null}
          </>
        ) : (
          problem.nonFieldErrors.join(" ") || undefined
        )
      }
    />
  );
}

/** Close a period (a note is optional) or reopen the latest closed one (a reason is required, and audited). */
export function PeriodActionModal({
  period,
  action,
  onClose,
}: {
  period: Period | null;
  action: PeriodAction;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const [form] = Form.useForm<{ reason: string }>();
  const close = useClosePeriod();
  const reopen = useReopenPeriod();
  const [error, setError] = useState<unknown>(null);
  const pending = close.isPending || reopen.isPending;

  const submit = async ({ reason }: { reason: string }) => {
    if (!period) return;
    setError(null);
    try {
      const mutation = action === "close" ? close : reopen;
      await mutation.mutateAsync({ id: period.id, reason: (reason ?? "").trim() });
      onClose();
    } catch (caught) {
      setError(caught);
    }
  };

  return (
    <Modal
      open={period !== null}
      destroyOnHidden
      title={
        action === "close"
          ? t("finance.books.periods.closeTitle", { period: period?.label ?? "" })
          : t("finance.books.periods.reopenTitle", { period: period?.label ?? "" })
      }
      okText={action === "close" ? t("finance.books.periods.close") : t("finance.books.periods.reopen")}
      okButtonProps={{ danger: action === "reopen", "data-testid": "period-action-submit" } as never}
      cancelText={t("actions.cancel")}
      confirmLoading={pending}
      onCancel={() => {
        setError(null);
        onClose();
      }}
      onOk={() => form.submit()}
    >
      <Typography.Paragraph type="secondary">
        {action === "close" ? t("finance.books.periods.closeIntro") : t("finance.books.periods.reopenIntro")}
      </Typography.Paragraph>
      {error ? <PeriodProblem error={error} /> : null}
      <Form<{ reason: string }>
        form={form}
        layout="vertical"
        preserve={false}
        onFinish={(values) => void submit(values)}
      >
        <Form.Item
          name="reason"
          label={action === "close" ? t("finance.books.periods.note") : t("finance.books.periods.reason")}
          rules={
            action === "reopen"
              ? [{ required: true, whitespace: true, message: t("finance.books.periods.reasonRequired") }]
              : []
          }
        >
          <Input.TextArea rows={3} maxLength={500} data-testid="period-action-reason" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
