import { DeleteOutlined, EditOutlined, PlusOutlined } from "@ant-design/icons";
import { App, Button, Card, Popconfirm, Space, Table, Tag, Typography } from "antd";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { EmptyState, QueryView } from "@/components/PageState";
import { categoryPath, useCategoryTree } from "@/lib/categories";
import { formatMoney } from "@/lib/format";
import { currentLanguage } from "@/lib/i18n";
import { useSignedInMe } from "@/lib/me";
import { problemMessage } from "@/lib/problem";
import { useDepartments } from "../api/departments";
import { useMemberDirectory, useRoles } from "../api/members";
import { useCreateRule, useDeleteRule, useRules, useUpdateRule, type ApprovalRule } from "../api/rules";
import { StepApprovers } from "../components/ApprovalSteps";
import { DepartmentsCard } from "../components/DepartmentsCard";
import { RuleModal } from "../components/RuleModal";

/**
 * The approval rules, in the order they are tried (lowest priority first; the first active one that
 * matches an order decides its steps; no match: approved at once), and the departments rules can match.
 */
export function ApprovalRulesPage() {
  const { t, i18n } = useTranslation();
  const language = currentLanguage(i18n);
  const { message } = App.useApp();
  const me = useSignedInMe();
  const currency = me.company?.currency ?? "CNY";
  const rules = useRules();
  const roles = useRoles();
  const departments = useDepartments();
  const directory = useMemberDirectory();
  const tree = useCategoryTree();
  const create = useCreateRule();
  const update = useUpdateRule();
  const remove = useDeleteRule();
  const [editing, setEditing] = useState<ApprovalRule | "new" | null>(null);

  const nextPriority = ((rules.data ?? []).reduce((max, rule) => Math.max(max, rule.priority), 0) || 0) + 10;
  const money = (value: string) => formatMoney(value, currency, language);
  const range = (rule: ApprovalRule) => {
    const min = rule.min_amount ?? null;
    const max = rule.max_amount ?? null;
    if (min && max) return t("procurement.rules.between", { min: money(min), max: money(max) });
    if (min) return t("procurement.rules.from", { min: money(min) });
    if (max) return t("procurement.rules.upTo", { max: money(max) });
    return t("procurement.rules.anyAmount");
  };

  return (
    <Space direction="vertical" size="large" style={{ width: "100%" }} data-testid="approval-rules-page">
      <Space wrap>
        <Link to="/approvals">← {t("procurement.inbox.title")}</Link>
        <Link to="/approvals/settings" data-testid="rates-settings-link">
          {t("procurement.settings.pageTitle")}
        </Link>
      </Space>
      <Space style={{ width: "100%", justifyContent: "space-between" }} wrap>
        <div>
          <Typography.Title level={2} style={{ margin: 0 }}>
            {t("procurement.rules.title")}
          </Typography.Title>
          <Typography.Text type="secondary">{t("procurement.rules.intro", { currency })}</Typography.Text>
        </div>
        <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing("new")} data-testid="rule-new">
          {t("procurement.rules.new")}
        </Button>
      </Space>
      <Card>
        <QueryView
          query={rules}
          isEmpty={(data) => data.length === 0}
          empty={<EmptyState description={t("procurement.rules.empty")} />}
        >
          {(data) => (
            <Table<ApprovalRule>
              data-testid="rules-table"
              rowKey="id"
              pagination={false}
              dataSource={data}
              scroll={{ x: true }}
              onRow={(rule) => ({ "data-testid": `rule-row-${rule.id}` }) as React.HTMLAttributes<HTMLElement>}
              columns={[
                { key: "priority", title: t("procurement.rules.priority"), dataIndex: "priority", width: 90 },
                {
                  key: "name",
                  title: t("procurement.rules.name"),
                  render: (_, rule) => (
                    <Space size={4} wrap>
                      <Typography.Text strong>{rule.name}</Typography.Text>
                      {rule.active === false ? <Tag>{t("procurement.rules.inactive")}</Tag> : null}
                    </Space>
                  ),
                },
                {
                  key: "when",
                  title: t("procurement.rules.when"),
                  render: (_, rule) => (
                    <Space direction="vertical" size={0}>
                      <span>{range(rule)}</span>
                      {rule.category_code ? (
                        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                          {t("procurement.rules.inCategory", {
                            category: categoryPath(tree.data ?? [], rule.category_code, language),
                          })}
                        </Typography.Text>
                      ) : null}
                      {rule.department_id ? (
                        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                          {t("procurement.rules.fromDepartment", {
                            department:
                              departments.data?.find((d) => d.id === rule.department_id)?.name ??
                              `#${rule.department_id}`,
                          })}
                        </Typography.Text>
                      ) : null}
                    </Space>
                  ),
                },
                {
                  key: "steps",
                  title: t("procurement.rules.steps"),
                  render: (_, rule) => (
                    <Space direction="vertical" size={4}>
                      {rule.steps.map((step) => (
                        <Space key={step.position} size={4} wrap>
                          <Tag color="gold">{t("procurement.approval.level", { n: step.position })}</Tag>
                          <StepApprovers
                            step={{ mode: step.mode ?? "any", user_ids: step.user_ids ?? [], roles: step.roles ?? [] }}
                            nameOf={directory.nameOf}
                          />
                        </Space>
                      ))}
                    </Space>
                  ),
                },
                {
                  key: "reminder",
                  title: t("procurement.rules.reminder"),
                  render: (_, rule) => t("procurement.rules.afterHours", { n: rule.reminder_after_hours ?? 24 }),
                },
                {
                  key: "actions",
                  title: "",
                  render: (_, rule) => (
                    <Space>
                      <Button
                        size="small"
                        icon={<EditOutlined />}
                        onClick={() => setEditing(rule)}
                        data-testid={`rule-edit-${rule.id}`}
                      >
                        {t("actions.edit")}
                      </Button>
                      <Popconfirm
                        title={t("procurement.rules.deleteConfirm", { name: rule.name })}
                        okText={t("actions.delete")}
                        cancelText={t("actions.cancel")}
                        okButtonProps={{
                          danger: true,
                          ...({ "data-testid": `rule-delete-confirm-${rule.id}` } as Record<string, string>),
                        }}
                        onConfirm={() =>
                          remove
                            .mutateAsync(rule.id)
                            .then(() => void message.success(t("procurement.rules.deleted")))
                            .catch((error: unknown) => void message.error(problemMessage(t, error)))
                        }
                      >
                        <Button size="small" danger icon={<DeleteOutlined />} data-testid={`rule-delete-${rule.id}`}>
                          {t("actions.delete")}
                        </Button>
                      </Popconfirm>
                    </Space>
                  ),
                },
              ]}
            />
          )}
        </QueryView>
      </Card>
      <DepartmentsCard />
      <RuleModal
        open={editing !== null}
        rule={editing === "new" ? null : editing}
        nextPriority={nextPriority}
        currency={currency}
        members={directory.members}
        roles={roles.data ?? []}
        departments={departments.data ?? []}
        submitting={create.isPending || update.isPending}
        onSubmit={async (body) => {
          if (editing && editing !== "new") await update.mutateAsync({ id: editing.id, body });
          else await create.mutateAsync(body);
          void message.success(t("procurement.rules.saved"));
        }}
        onClose={() => setEditing(null)}
      />
    </Space>
  );
}

export { ApprovalRulesPage as Component };
