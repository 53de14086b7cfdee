import { App, Button, Card, Col, Form, Input, Popconfirm, Row, Select, Space, Table, Tag, Typography } from "antd";
import { useTranslation } from "react-i18next";
import { FormAlert, useFormProblem } from "@/components/FormAlert";
import { EmptyState, QueryView } from "@/components/PageState";
import { roleLabel } from "@/lib/access";
import { problemMessage } from "@/lib/problem";
import {
  useCreateDepartment,
  useDeleteDepartment,
  useDepartments,
  useSetMemberDepartment,
  type Department,
} from "../api/departments";
import { useMemberDirectory, type Member } from "../api/members";

/** New department: a short code and a name. */
function NewDepartment() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<{ code: string; name: string }>();
  const create = useCreateDepartment();
  const { state, report, clear } = useFormProblem(form);
  const onFinish = async (values: { code: string; name: string }) => {
    clear();
    try {
      await create.mutateAsync({ code: values.code.trim(), name: values.name.trim() });
      form.resetFields();
      void message.success(t("procurement.departments.created"));
    } catch (error) {
      report(error);
    }
  };
  return (
    <Form form={form} layout="vertical" name="department" onFinish={onFinish} data-testid="department-form">
      <FormAlert state={state} />
      <Row gutter={12} align="bottom">
        <Col xs={24} md={6}>
          <Form.Item
            name="code"
            label={t("procurement.departments.code")}
            rules={[
              { required: true, whitespace: true, message: t("validation.required") },
              { max: 40, message: t("validation.maxLength", { max: 40 }) },
            ]}
          >
            <Input placeholder="OPS" data-testid="department-code" />
          </Form.Item>
        </Col>
        <Col xs={24} md={12}>
          <Form.Item
            name="name"
            label={t("procurement.departments.name")}
            rules={[
              { required: true, whitespace: true, message: t("validation.required") },
              { max: 200, message: t("validation.maxLength", { max: 200 }) },
            ]}
          >
            <Input data-testid="department-name" />
          </Form.Item>
        </Col>
        <Col xs={24} md={6}>
          <Form.Item>
            <Button htmlType="submit" loading={create.isPending} data-testid="department-add" block>
              {t("procurement.departments.add")}
            </Button>
          </Form.Item>
        </Col>
      </Row>
    </Form>
  );
}

/**
 * Departments (rules can match the requester's department: the one they are in when they submit) and
 * who is in which.
 */
export function DepartmentsCard() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const departments = useDepartments();
  const directory = useMemberDirectory();
  const remove = useDeleteDepartment();
  const assign = useSetMemberDepartment();
  const fail = (error: unknown) => void message.error(problemMessage(t, error));

  const departmentOf = (userId: number): number | null =>
    departments.data?.find((d) => d.member_ids.includes(userId))?.id ?? null;

  return (
    <Card title={t("procurement.departments.title")} data-testid="departments">
      <Space direction="vertical" size="large" style={{ width: "100%" }}>
        <Typography.Text type="secondary">{t("procurement.departments.intro")}</Typography.Text>
        <NewDepartment />
        <QueryView
          query={departments}
          isEmpty={(data) => data.length === 0}
          empty={<EmptyState description={t("procurement.departments.empty")} />}
        >
          {(data) => (
            <Table<Department>
              size="small"
              rowKey="id"
              pagination={false}
              dataSource={data}
              data-testid="departments-table"
              onRow={(d) => ({ "data-testid": `department-row-${d.code}` }) as React.HTMLAttributes<HTMLElement>}
              columns={[
                { key: "code", title: t("procurement.departments.code"), dataIndex: "code" },
                { key: "name", title: t("procurement.departments.name"), dataIndex: "name" },
                {
                  key: "members",
                  title: t("procurement.departments.members"),
                  render: (_, d) =>
                    d.member_ids.length > 0
                      ? d.member_ids.map((uid) => <Tag key={uid}>{directory.nameOf(uid)}</Tag>)
                      : "—",
                },
                {
                  key: "actions",
                  title: "",
                  render: (_, d) => (
                    <Popconfirm
                      title={t("procurement.departments.deleteConfirm", { name: d.name })}
                      okText={t("actions.delete")}
                      cancelText={t("actions.cancel")}
                      okButtonProps={{
                        danger: true,
                        ...({ "data-testid": `department-delete-confirm-${d.id}` } as Record<string, string>),
                      }}
                      onConfirm={() =>
                        remove
                          .mutateAsync(d.id)
                          .then(() => void message.success(t("procurement.departments.deleted")))
                          .catch(fail)
                      }
                    >
                      <Button size="small" danger data-testid={`department-delete-${d.id}`}>
                        {t("actions.delete")}
                      </Button>
                    </Popconfirm>
                  ),
                },
              ]}
            />
          )}
        </QueryView>
        {(departments.data?.length ?? 0) > 0 ? (
          <Table<Member>
            size="small"
            rowKey="user_id"
            pagination={false}
            dataSource={directory.members}
            loading={directory.query.isPending}
            data-testid="member-departments"
            columns={[
              {
                key: "member",
                title: t("procurement.departments.member"),
                render: (_, m) => (
                  <Space direction="vertical" size={0}>
                    <span>{m.full_name || m.email}</span>
                    <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                      {m.email}
                    </Typography.Text>
                  </Space>
                ),
              },
              {
                key: "roles",
                title: t("procurement.departments.roles"),
                render: (_, m) => m.roles.map((role) => <Tag key={role}>{roleLabel(t, role)}</Tag>),
              },
              {
                key: "department",
                title: t("procurement.departments.department"),
                render: (_, m) => (
                  <Select<number | null>
                    allowClear
                    style={{ minWidth: 200 }}
                    value={departmentOf(m.user_id)}
                    placeholder={t("procurement.departments.none")}
                    options={(departments.data ?? []).map((d) => ({ value: d.id, label: d.name }))}
                    onChange={(value) =>
                      assign
                        .mutateAsync({ userId: m.user_id, departmentId: value ?? null })
                        .then(() => void message.success(t("procurement.departments.assigned")))
                        .catch(fail)
                    }
                    data-testid={`member-department-${m.user_id}`}
                  />
                ),
              },
            ]}
          />
        ) : null}
      </Space>
    </Card>
  );
}
