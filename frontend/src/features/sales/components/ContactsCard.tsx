import { DeleteOutlined, EditOutlined, PlusOutlined, StarFilled } from "@ant-design/icons";
import { App, Button, Checkbox, Form, Input, Modal, Popconfirm, Space, Table, Tag } from "antd";
import { useEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import { EmptyState } from "@/components/PageState";
import { FormAlert, useFormProblem } from "@/components/FormAlert";
import { problemMessage } from "@/lib/problem";
import { useAddContact, useRemoveContact, useUpdateContact, type Contact } from "../api/customer";
import type { Customer } from "../api/customers";

interface Values {
  name: string;
  title: string;
  email: string;
  phone: string;
  is_primary: boolean;
}

function ContactModal({
  customerId,
  contact,
  open,
  onClose,
}: {
  customerId: number;
  contact: Contact | null;
  open: boolean;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const { state, report, clear } = useFormProblem(form);
  const add = useAddContact();
  const update = useUpdateContact();

  useEffect(() => {
    if (open) {
      clear();
      form.resetFields();
      form.setFieldsValue({
        name: contact?.name ?? "",
        title: contact?.title ?? "",
        email: contact?.email ?? "",
        phone: contact?.phone ?? "",
        is_primary: contact?.is_primary ?? false,
      });
    }
  }, [open, contact, form, clear]);

  const onOk = async () => {
    const values = await form.validateFields();
    clear();
    const body = {
      name: values.name.trim(),
      title: values.title.trim(),
      email: values.email.trim(),
      phone: values.phone.trim(),
      is_primary: values.is_primary,
    };
    try {
      if (contact) await update.mutateAsync({ id: customerId, contactId: contact.id, body });
      else await add.mutateAsync({ id: customerId, body });
      void message.success(t("sales.contacts.saved"));
      onClose();
    } catch (error) {
      report(error);
    }
  };

  return (
    <Modal
      open={open}
      title={contact ? t("sales.contacts.editTitle") : t("sales.contacts.newTitle")}
      okText={t("actions.save")}
      cancelText={t("actions.cancel")}
      confirmLoading={add.isPending || update.isPending}
      okButtonProps={{ "data-testid": "contact-save" } as Record<string, string>}
      onOk={() => void onOk().catch(() => undefined)}
      onCancel={onClose}
      forceRender
    >
      <Form form={form} layout="vertical" name="contact" data-testid="contact-form">
        <FormAlert state={state} />
        <Form.Item
          name="name"
          label={t("sales.contacts.name")}
          rules={[
            { required: true, whitespace: true, message: t("validation.required") },
            { max: 200, message: t("validation.maxLength", { max: 200 }) },
          ]}
        >
          <Input data-testid="contact-name" />
        </Form.Item>
        <Form.Item
          name="title"
          label={t("sales.contacts.title")}
          rules={[{ max: 100, message: t("validation.maxLength", { max: 100 }) }]}
        >
          <Input data-testid="contact-title" />
        </Form.Item>
        <Form.Item
          name="email"
          label={t("sales.customers.email")}
          rules={[{ type: "email", message: t("validation.email") }]}
        >
          <Input data-testid="contact-email" />
        </Form.Item>
        <Form.Item
          name="phone"
          label={t("sales.customers.phone")}
          rules={[{ max: 40, message: t("validation.maxLength", { max: 40 }) }]}
        >
          <Input data-testid="contact-phone" />
        </Form.Item>
        <Form.Item name="is_primary" valuePropName="checked">
          <Checkbox data-testid="contact-primary">{t("sales.contacts.primary")}</Checkbox>
        </Form.Item>
      </Form>
    </Modal>
  );
}

/** The customer's contacts, the primary one first; add, edit and remove need so.manage. */
export function ContactsCard({ customer, canManage }: { customer: Customer; canManage: boolean }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const remove = useRemoveContact();
  const [editing, setEditing] = useState<Contact | "new" | null>(null);
  return (
    <Space direction="vertical" style={{ width: "100%" }}>
      {canManage ? (
        <Button icon={<PlusOutlined />} onClick={() => setEditing("new")} data-testid="contact-add">
          {t("sales.contacts.add")}
        </Button>
      ) : null}
      {customer.contacts.length === 0 ? (
        <EmptyState description={t("sales.contacts.empty")} />
      ) : (
        <Table<Contact>
          data-testid="contacts-table"
          size="small"
          rowKey="id"
          pagination={false}
          dataSource={customer.contacts}
          scroll={{ x: true }}
          onRow={(c) => ({ "data-testid": `contact-row-${c.id}` }) as React.HTMLAttributes<HTMLElement>}
          columns={[
            {
              key: "name",
              title: t("sales.contacts.name"),
              render: (_, c) => (
                <Space size={4}>
                  {c.name}
                  {c.is_primary ? (
                    <Tag icon={<StarFilled />} color="gold">
                      {t("sales.contacts.primaryTag")}
                    </Tag>
                  ) : null}
                </Space>
              ),
            },
            { key: "title", title: t("sales.contacts.title"), render: (_, c) => c.title || "—" },
            {
              key: "email",
              title: t("sales.customers.email"),
              render: (_, c) => (c.email ? <a href={`mailto:${c.email}`}>{c.email}</a> : "—"),
            },
            { key: "phone", title: t("sales.customers.phone"), render: (_, c) => c.phone || "—" },
            {
              key: "actions",
              title: "",
              render: (_, c) =>
                canManage ? (
                  <Space>
                    <Button
                      size="small"
                      icon={<EditOutlined />}
                      onClick={() => setEditing(c)}
                      aria-label={t("actions.edit")}
                      data-testid={`contact-edit-${c.id}`}
                    />
                    <Popconfirm
                      title={t("sales.contacts.removeConfirm", { name: c.name })}
                      okText={t("actions.delete")}
                      okButtonProps={{ danger: true }}
                      cancelText={t("actions.cancel")}
                      onConfirm={() =>
                        remove
                          .mutateAsync({ id: customer.id, contactId: c.id })
                          .then(() => void message.success(t("sales.contacts.removed")))
                          .catch((error: unknown) => void message.error(problemMessage(t, error)))
                      }
                    >
                      <Button
                        size="small"
                        danger
                        icon={<DeleteOutlined />}
                        aria-label={t("actions.delete")}
                        data-testid={`contact-remove-${c.id}`}
                      />
                    </Popconfirm>
                  </Space>
                ) : null,
            },
          ]}
        />
      )}
      <ContactModal
        customerId={customer.id}
        contact={editing === "new" ? null : editing}
        open={editing !== null}
        onClose={() => setEditing(null)}
      />
    </Space>
  );
}
