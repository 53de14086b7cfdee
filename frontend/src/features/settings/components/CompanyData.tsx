import { Alert, Button, Card, Form, Input, List, Modal, Space, Tag, Typography } from "antd";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { FormAlert, useFormProblem } from "@/components/FormAlert";
import { QueryView } from "@/components/PageState";
import { formatDateTime } from "@/lib/format";
import { currentLanguage } from "@/lib/i18n";
import { useCloseCompany, useCompanyExports, useRequestExport, type CloseRequest } from "../api/companyData";

const STATUS_COLORS: Record<string, string> = { pending: "processing", ready: "green", failed: "red" };

/** The owner's export of all the company's data (a ZIP of JSON and CSV, files included). */
export function CompanyExports() {
  const { t, i18n } = useTranslation();
  const language = currentLanguage(i18n);
  const exports = useCompanyExports();
  const request = useRequestExport();
  return (
    <Card title={t("companyData.export.title")} data-testid="company-exports">
      <Space direction="vertical" style={{ width: "100%" }}>
        <Typography.Paragraph type="secondary">{t("companyData.export.help")}</Typography.Paragraph>
        <Button data-testid="export-request" loading={request.isPending} onClick={() => void request.mutateAsync()}>
          {t("companyData.export.request")}
        </Button>
        <QueryView query={exports}>
          {(page) => (
            <List
              size="small"
              dataSource={page.results}
              locale={{ emptyText: t("companyData.export.none") }}
              renderItem={(e) => (
                <List.Item
                  actions={
                    e.download_url
                      ? [
                          <a key="download" href={e.download_url} data-testid={`export-download-${e.id}`}>
                            {t("companyData.export.download")}
                          </a>,
                        ]
                      : []
                  }
                >
                  <Space>
                    {formatDateTime(e.created_at, language)}
                    <Tag color={STATUS_COLORS[e.status] ?? "default"}>
                      {t(`companyData.export.statuses.${e.status}`)}
                    </Tag>
                  </Space>
                </List.Item>
              )}
            />
          )}
        </QueryView>
      </Space>
    </Card>
  );
}

/** Closing the company: owners only, by typing its slug, with a reason. */
export function CloseCompany({ slug }: { slug: string }) {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  const [form] = Form.useForm<CloseRequest>();
  const { state, report, clear } = useFormProblem(form);
  const close = useCloseCompany();
  const [closedUntil, setClosedUntil] = useState<string | null>(null);
  const submit = async () => {
    clear();
    let values: CloseRequest;
    try {
      values = await form.validateFields();
    } catch {
      return;
    }
    try {
      const closure = await close.mutateAsync({ ...values, reason: values.reason.trim() });
      setClosedUntil(closure.erase_after);
      setOpen(false);
    } catch (error) {
      report(error);
    }
  };
  return (
    <Card title={t("companyData.close.title")} data-testid="company-close">
      {closedUntil ? (
        <Alert type="warning" showIcon message={t("companyData.close.done", { date: closedUntil.slice(0, 10) })} />
      ) : (
        <Space direction="vertical">
          <Typography.Paragraph type="secondary">{t("companyData.close.help")}</Typography.Paragraph>
          <Button danger data-testid="company-close-open" onClick={() => setOpen(true)}>
            {t("companyData.close.action")}
          </Button>
        </Space>
      )}
      <Modal
        open={open}
        title={t("companyData.close.title")}
        destroyOnHidden
        onCancel={() => setOpen(false)}
        onOk={() => void submit()}
        okText={t("companyData.close.confirm")}
        cancelText={t("actions.cancel")}
        okButtonProps={{ danger: true, loading: close.isPending, "data-testid": "company-close-confirm" } as never}
      >
        <Alert type="warning" showIcon message={t("companyData.close.warning")} style={{ marginBottom: 16 }} />
        <FormAlert state={state} />
        <Form form={form} layout="vertical" requiredMark={false} preserve={false}>
          <Form.Item
            name="confirm_slug"
            label={t("companyData.close.typeSlug", { slug })}
            rules={[
              { required: true, message: t("companyData.close.typeSlugRequired") },
              {
                validator: (_, value: string | undefined) =>
                  !value || value.trim().toLowerCase() === slug
                    ? Promise.resolve()
                    : Promise.reject(new Error(t("companyData.close.slugMismatch"))),
              },
            ]}
          >
            <Input data-testid="company-close-slug" autoComplete="off" />
          </Form.Item>
          <Form.Item
            name="reason"
            label={t("companyData.close.reason")}
            rules={[{ required: true, whitespace: true, message: t("companyData.close.reasonRequired") }]}
          >
            <Input.TextArea rows={3} data-testid="company-close-reason" />
          </Form.Item>
        </Form>
      </Modal>
    </Card>
  );
}
