import { DeleteOutlined, DownloadOutlined, EditOutlined, PlusOutlined, UploadOutlined } from "@ant-design/icons";
import { App, Button, Card, Popconfirm, Space, Table, Tooltip, Typography, Upload } from "antd";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { EmptyState, QueryView } from "@/components/PageState";
import { CertificationStatusTag } from "@/components/SupplierBadges";
import { formatDate } from "@/lib/format";
import { currentLanguage } from "@/lib/i18n";
import { problemMessage } from "@/lib/problem";
import { useDeleteCertification } from "../api/certification";
import { downloadCertificationDocument, useUploadCertificationDocument } from "../api/certificationDocument";
import { useCertifications, type Certification } from "../api/certifications";
import { CertificationModal } from "./CertificationModal";

const DOCUMENT_TYPES = ".pdf,.png,.jpg,.jpeg,application/pdf,image/png,image/jpeg";

/** The certificates (type, number, issuer, expiry and its status) with their scanned documents. */
export function CertificationsCard({ canEdit }: { canEdit: boolean }) {
  const { t, i18n } = useTranslation();
  const language = currentLanguage(i18n);
  const { message } = App.useApp();
  const certifications = useCertifications();
  const remove = useDeleteCertification();
  const upload = useUploadCertificationDocument();
  const [editing, setEditing] = useState<Certification | null>(null);
  const [open, setOpen] = useState(false);

  const fail = (error: unknown) => void message.error(problemMessage(t, error));

  return (
    <Card
      title={t("certifications.title")}
      data-testid="certifications-card"
      extra={
        canEdit ? (
          <Button
            icon={<PlusOutlined />}
            data-testid="certification-add"
            onClick={() => {
              setEditing(null);
              setOpen(true);
            }}
          >
            {t("certifications.add")}
          </Button>
        ) : null
      }
    >
      <Typography.Paragraph type="secondary">{t("certifications.intro")}</Typography.Paragraph>
      <QueryView
        query={certifications}
        isEmpty={(data) => data.count === 0}
        empty={<EmptyState description={t("certifications.empty")} />}
      >
        {(data) => (
          <Table<Certification>
            data-testid="certifications-table"
            size="middle"
            rowKey="id"
            pagination={false}
            dataSource={data.results}
            scroll={{ x: true }}
            onRow={(c) => ({ "data-testid": `certification-row-${c.id}` }) as React.HTMLAttributes<HTMLElement>}
            columns={[
              { key: "type", title: t("certifications.fields.type"), dataIndex: "type" },
              { key: "number", title: t("certifications.fields.number"), dataIndex: "number" },
              { key: "issuer", title: t("certifications.fields.issuer"), dataIndex: "issuer" },
              {
                key: "valid_until",
                title: t("certifications.fields.valid_until"),
                render: (_, c) => formatDate(c.valid_until, language),
              },
              {
                key: "status",
                title: t("certifications.fields.status"),
                render: (_, c) => <CertificationStatusTag status={c.status} />,
              },
              {
                key: "document",
                title: t("certifications.fields.document"),
                render: (_, c) => (
                  <Space size={4} wrap>
                    {c.has_document ? (
                      <Button
                        size="small"
                        type="link"
                        icon={<DownloadOutlined />}
                        data-testid={`certification-download-${c.id}`}
                        onClick={() =>
                          void downloadCertificationDocument(c.id, c.document_name || `${c.type}.pdf`).catch(fail)
                        }
                      >
                        {c.document_name || t("certifications.document")}
                      </Button>
                    ) : (
                      <Typography.Text type="secondary">{t("certifications.noDocument")}</Typography.Text>
                    )}
                    {canEdit ? (
                      <Upload
                        accept={DOCUMENT_TYPES}
                        showUploadList={false}
                        maxCount={1}
                        customRequest={({ file, onSuccess, onError }) => {
                          upload.mutate(
                            { id: c.id, file: file as File },
                            {
                              onSuccess: (result) => {
                                onSuccess?.(result);
                                void message.success(t("certifications.documentUploaded"));
                              },
                              onError: (error) => {
                                onError?.(error);
                                fail(error);
                              },
                            },
                          );
                        }}
                      >
                        <Tooltip title={t("certifications.documentHelp")}>
                          <Button
                            size="small"
                            icon={<UploadOutlined />}
                            loading={upload.isPending && upload.variables?.id === c.id}
                            data-testid={`certification-upload-${c.id}`}
                          >
                            {c.has_document ? t("certifications.replaceDocument") : t("certifications.uploadDocument")}
                          </Button>
                        </Tooltip>
                      </Upload>
                    ) : null}
                  </Space>
                ),
              },
              ...(canEdit
                ? [
                    {
                      key: "actions",
                      title: "",
                      render: (_: unknown, c: Certification) => (
                        <Space size={4}>
                          <Button
                            size="small"
                            icon={<EditOutlined />}
                            aria-label={t("certifications.edit")}
                            data-testid={`certification-edit-${c.id}`}
                            onClick={() => {
                              setEditing(c);
                              setOpen(true);
                            }}
                          />
                          <Popconfirm
                            title={t("certifications.deleteConfirm", { type: c.type })}
                            okText={t("actions.delete")}
                            cancelText={t("actions.cancel")}
                            onConfirm={() => remove.mutateAsync(c.id).catch(fail)}
                          >
                            <Button
                              size="small"
                              danger
                              icon={<DeleteOutlined />}
                              aria-label={t("actions.delete")}
                              data-testid={`certification-delete-${c.id}`}
                            />
                          </Popconfirm>
                        </Space>
                      ),
                    },
                  ]
                : []),
            ]}
          />
        )}
      </QueryView>
      <CertificationModal open={open} certification={editing} onClose={() => setOpen(false)} />
    </Card>
  );
}
