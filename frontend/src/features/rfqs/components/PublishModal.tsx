import { Alert, App, Modal, Space, Typography } from "antd";
import { useTranslation } from "react-i18next";
import { FormAlert } from "@/components/FormAlert";
import { problemMessage, toProblem } from "@/lib/problem";
import { useMatches } from "../api/matches";
import { usePublishRfq } from "../api/publish";
import type { Rfq } from "../api/rfqs";

/** Confirms publishing: how many suppliers match now and how many of them will be invited. */
export function PublishModal({
  rfq,
  open,
  onClose,
  onPublished,
}: {
  rfq: Rfq;
  open: boolean;
  onClose: () => void;
  onPublished: (rfq: Rfq) => void;
}) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const preview = useMatches(rfq.id, 1, 1, open);
  const publish = usePublishRfq();
  const matched = preview.data?.count ?? 0;

  const onOk = () =>
    publish.mutate(rfq.id, {
      onSuccess: (published) => {
        void message.success(
          t("rfqs.publish.done", { invited: published.invited_count, matched: published.matched_count }),
        );
        onPublished(published);
        onClose();
      },
    });

  const error = publish.error ? toProblem(publish.error) : null;
  return (
    <Modal
      open={open}
      title={t("rfqs.publish.title")}
      okText={t("rfqs.publish.submit")}
      cancelText={t("actions.cancel")}
      confirmLoading={publish.isPending}
      onOk={onOk}
      onCancel={() => {
        publish.reset();
        onClose();
      }}
      okButtonProps={{ "data-testid": "publish-submit" } as Record<string, string>}
      destroyOnHidden
    >
      <Space direction="vertical" style={{ width: "100%" }} data-testid="publish-modal">
        {error ? (
          <FormAlert
            state={{
              error,
              messages: Object.entries(error.fieldErrors).map(
                ([field, messages]) =>
                  `${t(`rfqs.publish.fields.${field.split(".")[0]}`, { defaultValue: field })}: ${messages.join(" ")}`,
              ),
            }}
          />
        ) : null}
        {preview.isError ? (
          <Alert type="warning" showIcon message={problemMessage(t, preview.error)} />
        ) : (
          <Typography.Paragraph data-testid="publish-preview">
            {preview.isPending
              ? t("rfqs.publish.counting")
              : matched === 0
                ? t("rfqs.publish.noMatches")
                : t("rfqs.publish.preview", { matched, invited: Math.min(matched, rfq.top_n) })}
          </Typography.Paragraph>
        )}
        <Typography.Text type="secondary">
          {rfq.visibility === "invited" ? t("rfqs.publish.invitedOnly") : t("rfqs.publish.openToMatching")}
        </Typography.Text>
        {rfq.sealed ? <Typography.Text type="secondary">{t("rfqs.publish.sealed")}</Typography.Text> : null}
      </Space>
    </Modal>
  );
}
