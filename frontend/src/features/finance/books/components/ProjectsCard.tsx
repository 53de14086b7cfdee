import { Button, Card, Form, Input, Space, Table, Tag } from "antd";
import { useTranslation } from "react-i18next";
import { FormAlert, useFormProblem } from "@/components/FormAlert";
import { useAccess } from "@/lib/access";
import { useCreateProject, useProjects, type Project } from "../api/projects";
import { BooksQueryView } from "./BooksQueryView";

/** Projects, a dimension of journal lines: the list, and (for members who post) a form to add one. */
export function ProjectsCard() {
  const { t } = useTranslation();
  const { can } = useAccess();
  const projects = useProjects();
  const create = useCreateProject();
  const [form] = Form.useForm<{ code: string; name: string }>();
  const problem = useFormProblem(form);

  const submit = async (values: { code: string; name: string }) => {
    problem.clear();
    try {
      await create.mutateAsync({ code: values.code.trim(), name: values.name.trim() });
      form.resetFields();
    } catch (error) {
      problem.report(error);
    }
  };

  return (
    <Card title={t("finance.books.projects.title")} data-testid="projects-card">
      {can("finance.post") ? (
        <>
          <FormAlert state={problem.state} />
          <Form form={form} layout="inline" onFinish={(values) => void submit(values)} style={{ marginBottom: 16 }}>
            <Form.Item
              name="code"
              rules={[{ required: true, whitespace: true, message: t("finance.books.projects.codeRequired") }]}
            >
              <Input placeholder={t("finance.books.projects.code")} maxLength={40} data-testid="project-code" />
            </Form.Item>
            <Form.Item
              name="name"
              rules={[{ required: true, whitespace: true, message: t("finance.books.projects.nameRequired") }]}
            >
              <Input placeholder={t("finance.books.projects.name")} maxLength={200} data-testid="project-name" />
            </Form.Item>
            <Button htmlType="submit" loading={create.isPending} data-testid="project-add">
              {t("finance.books.projects.add")}
            </Button>
          </Form>
        </>
      ) : null}
      <BooksQueryView query={projects} isEmpty={(data) => data.length === 0} empty={t("finance.books.projects.empty")}>
        {(data) => (
          <Table<Project>
            rowKey="id"
            size="small"
            pagination={false}
            dataSource={data}
            columns={[
              { key: "code", title: t("finance.books.projects.code"), dataIndex: "code" },
              { key: "name", title: t("finance.books.projects.name"), dataIndex: "name" },
              {
                key: "active",
                title: "",
                render: (_, project) =>
                  project.is_active ? null : (
                    <Space>
                      <Tag>{t("finance.books.accounts.inactive")}</Tag>
                    </Space>
                  ),
              },
            ]}
          />
        )}
      </BooksQueryView>
    </Card>
  );
}
