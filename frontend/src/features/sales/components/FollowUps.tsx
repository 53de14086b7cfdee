import { CheckOutlined, EditOutlined } from "@ant-design/icons";
import { App, Button, DatePicker, Form, Input, Modal, Space, Table, Tag, Typography } from "antd";
import type { TablePaginationConfig } from "antd";
import { useEffect, useRef } from "react";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { FormAlert, useFormProblem } from "@/components/FormAlert";
import { useAccess } from "@/lib/access";
import { beforeToday, dateFieldProps, dayjs } from "@/lib/dates";
import { formatDate, formatDateTime } from "@/lib/format";
import { currentLanguage } from "@/lib/i18n";
import { problemMessage } from "@/lib/problem";
import { useCompleteFollowUp, useCreateFollowUp, useUpdateFollowUp, type FollowUp } from "../api/followUps";
import { newIdempotencyKey } from "./idempotencyKey";
import { StateTag } from "./StatusTags";

interface Values {
  title: string;
  note: string;
  due_date: string | null;
}

/** A follow-up for a customer: new (`followUp` null, for `customerId`) or edited (title, note, due date). */
export function FollowUpModal({
  customerId,
  followUp,
  open,
  onClose,
}: {
  customerId: number;
  followUp: FollowUp | null;
  open: boolean;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const { state, report, clear } = useFormProblem(form);
  const create = useCreateFollowUp();
  const update = useUpdateFollowUp();
  const key = useRef(newIdempotencyKey());

  useEffect(() => {
    if (open) {
      clear();
      key.current = newIdempotencyKey();
      form.resetFields();
      form.setFieldsValue({
        title: followUp?.title ?? "",
        note: followUp?.note ?? "",
        due_date: followUp?.due_date ?? dayjs().add(7, "day").format("YYYY-MM-DD"),
      });
    }
    // Only when the dialog opens: a refetch must not wipe what is being typed.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [open]);

  const onOk = async () => {
    const values = await form.validateFields();
    clear();
    const fields = { title: values.title.trim(), note: values.note.trim(), due_date: values.due_date ?? "" };
    try {
      if (followUp) await update.mutateAsync({ id: followUp.id, body: fields });
      else await create.mutateAsync({ body: { customer_id: customerId, ...fields }, idempotencyKey: key.current });
      void message.success(followUp ? t("sales.followUps.saved") : t("sales.followUps.created"));
      onClose();
    } catch (error) {
      report(error);
    }
  };

  return (
    <Modal
      open={open}
      title={followUp ? t("sales.followUps.editTitle") : t("sales.followUps.newTitle")}
      okText={t("actions.save")}
      cancelText={t("actions.cancel")}
      confirmLoading={create.isPending || update.isPending}
      okButtonProps={{ "data-testid": "follow-up-save" } as Record<string, string>}
      onOk={() => void onOk().catch(() => undefined)}
      onCancel={onClose}
      forceRender
    >
      <Form form={form} layout="vertical" name="follow-up" data-testid="follow-up-form">
        <FormAlert state={state} />
        <Form.Item
          name="title"
          label={t("sales.followUps.titleField")}
          rules={[
            { required: true, whitespace: true, message: t("validation.required") },
            { max: 200, message: t("validation.maxLength", { max: 200 }) },
          ]}
        >
          <Input data-testid="follow-up-title" placeholder={t("sales.followUps.titlePlaceholder")} />
        </Form.Item>
        <Form.Item
          name="due_date"
          label={t("sales.followUps.dueDate")}
          rules={[{ required: true, message: t("validation.required") }]}
          {...dateFieldProps}
        >
          <DatePicker
            style={{ width: "100%" }}
            disabledDate={followUp ? undefined : beforeToday}
            data-testid="follow-up-due"
          />
        </Form.Item>
        <Form.Item
          name="note"
          label={t("sales.followUps.note")}
          rules={[{ max: 5000, message: t("validation.maxLength", { max: 5000 }) }]}
        >
          <Input.TextArea rows={3} data-testid="follow-up-note" />
        </Form.Item>
      </Form>
    </Modal>
  );
}

/**
 * Follow-ups, soonest due first; an open one past its date is highlighted as overdue. Mark done and edit
 * need so.manage.
 */
export function FollowUpsTable({
  rows,
  showCustomer,
  loading,
  pagination = false,
  onEdit,
}: {
  rows: FollowUp[];
  showCustomer: boolean;
  loading?: boolean;
  pagination?: TablePaginationConfig | false;
  onEdit?: (followUp: FollowUp) => void;
}) {
  const { t, i18n } = useTranslation();
  const language = currentLanguage(i18n);
  const { message } = App.useApp();
  const { can } = useAccess();
  const done = useCompleteFollowUp();
  const canManage = can("so.manage");
  return (
    <Table<FollowUp>
      data-testid="follow-ups-table"
      size="small"
      rowKey="id"
      loading={loading}
      pagination={pagination}
      dataSource={rows}
      scroll={{ x: true }}
      onRow={(f) =>
        ({
          "data-testid": `follow-up-row-${f.id}`,
          "data-overdue": f.overdue ? "true" : "false",
          style: f.overdue ? { background: "#fff1f0" } : undefined,
        }) as React.HTMLAttributes<HTMLElement>
      }
      columns={[
        {
          key: "due",
          title: t("sales.followUps.dueDate"),
          render: (_, f) => (
            <Space direction="vertical" size={0}>
              <Typography.Text type={f.overdue ? "danger" : undefined} strong={f.overdue}>
                {formatDate(f.due_date, language)}
              </Typography.Text>
              {f.overdue ? (
                <Tag color="red" data-testid={`follow-up-overdue-${f.id}`}>
                  {t("sales.followUps.overdue")}
                </Tag>
              ) : null}
            </Space>
          ),
        },
        {
          key: "title",
          title: t("sales.followUps.titleField"),
          render: (_, f) => (
            <Space direction="vertical" size={0}>
              <Typography.Text strong>{f.title}</Typography.Text>
              {f.note ? (
                <Typography.Text type="secondary" style={{ whiteSpace: "pre-wrap", fontSize: 12 }}>
                  {f.note}
                </Typography.Text>
              ) : null}
            </Space>
          ),
        },
        ...(showCustomer
          ? [
              {
                key: "customer",
                title: t("sales.fields.customer"),
                render: (_: unknown, f: FollowUp) => <Link to={`/customers/${f.customer.id}`}>{f.customer.name}</Link>,
              },
            ]
          : []),
        {
          key: "assignee",
          title: t("sales.followUps.assignee"),
          render: (_, f) => (f.assignee ? f.assignee.full_name || f.assignee.email : "—"),
        },
        {
          key: "status",
          title: t("sales.fields.status"),
          render: (_, f) => (
            <Space direction="vertical" size={0}>
              <StateTag kind="followUp" status={f.status} testId={`follow-up-status-${f.id}`} />
              {f.done_at ? (
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  {formatDateTime(f.done_at, language)}
                </Typography.Text>
              ) : null}
            </Space>
          ),
        },
        {
          key: "actions",
          title: "",
          render: (_, f) =>
            f.status === "open" && canManage ? (
              <Space>
                {onEdit ? (
                  <Button
                    size="small"
                    icon={<EditOutlined />}
                    onClick={() => onEdit(f)}
                    data-testid={`follow-up-edit-${f.id}`}
                    aria-label={t("actions.edit")}
                  />
                ) : null}
                <Button
                  size="small"
                  icon={<CheckOutlined />}
                  loading={done.isPending && done.variables === f.id}
                  onClick={() =>
                    done
                      .mutateAsync(f.id)
                      .then(() => void message.success(t("sales.followUps.doneMessage")))
                      .catch((error: unknown) => void message.error(problemMessage(t, error)))
                  }
                  data-testid={`follow-up-done-${f.id}`}
                >
                  {t("sales.followUps.markDone")}
                </Button>
              </Space>
            ) : null,
        },
      ]}
    />
  );
}
