import { DeleteOutlined, PaperClipOutlined, UploadOutlined } from "@ant-design/icons";
import { App, Button, List, Popconfirm, Typography, Upload } from "antd";
import { useTranslation } from "react-i18next";
import { formatBytes } from "@/lib/files";
import { currentLanguage } from "@/lib/i18n";
import { problemMessage } from "@/lib/problem";
import { downloadRfqAttachment, useDeleteRfqAttachment, useUploadRfqAttachment } from "../api/attachments";
import type { Rfq } from "../api/rfqs";

const MAX_ATTACHMENTS = 10;

/** Files sent with the RFQ (drawings, specifications); added and removed while it is a draft. */
export function AttachmentsCard({ rfq, canEdit }: { rfq: Rfq; canEdit: boolean }) {
  const { t, i18n } = useTranslation();
  const language = currentLanguage(i18n);
  const { message } = App.useApp();
  const upload = useUploadRfqAttachment();
  const remove = useDeleteRfqAttachment();
  const fail = (error: unknown) => void message.error(problemMessage(t, error));
  const editable = canEdit && rfq.status === "draft";
  return (
    <div data-testid="rfq-attachments">
      <List
        size="small"
        dataSource={rfq.attachments}
        locale={{ emptyText: t("rfqs.attachments.none") }}
        renderItem={(attachment) => (
          <List.Item
            actions={
              editable
                ? [
                    <Popconfirm
                      key="delete"
                      title={t("rfqs.attachments.deleteConfirm", { name: attachment.filename })}
                      okText={t("actions.delete")}
                      cancelText={t("actions.cancel")}
                      onConfirm={() => remove.mutateAsync({ rfqId: rfq.id, attachmentId: attachment.id }).catch(fail)}
                    >
                      <Button
                        size="small"
                        type="text"
                        danger
                        icon={<DeleteOutlined />}
                        aria-label={t("actions.delete")}
                      />
                    </Popconfirm>,
                  ]
                : []
            }
          >
            <Button
              type="link"
              icon={<PaperClipOutlined />}
              onClick={() => void downloadRfqAttachment(rfq.id, attachment.id, attachment.filename).catch(fail)}
            >
              {attachment.filename}
            </Button>
            <Typography.Text type="secondary">{formatBytes(attachment.size, language)}</Typography.Text>
          </List.Item>
        )}
      />
      {editable && rfq.attachments.length < MAX_ATTACHMENTS ? (
        <Upload
          showUploadList={false}
          multiple
          customRequest={({ file, onSuccess, onError }) =>
            upload.mutate(
              { rfqId: rfq.id, file: file as File },
              {
                onSuccess: (result) => onSuccess?.(result),
                onError: (error) => {
                  onError?.(error);
                  fail(error);
                },
              },
            )
          }
        >
          <Button
            icon={<UploadOutlined />}
            loading={upload.isPending}
            style={{ marginTop: 8 }}
            data-testid="rfq-attachment-upload"
          >
            {t("rfqs.attachments.add")}
          </Button>
        </Upload>
      ) : null}
    </div>
  );
}
