import { PlusOutlined } from "@ant-design/icons";
import { App, Button, Card, DatePicker, Form, Input, Modal, Popconfirm, Select, Table, Tag, Typography } from "antd";
import { useEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import { FormAlert, useFormProblem } from "@/components/FormAlert";
import { EmptyState, QueryView } from "@/components/PageState";
import { useAccess } from "@/lib/access";
import { dayjs, type Dayjs } from "@/lib/dates";
import { formatDate } from "@/lib/format";
import { currentLanguage } from "@/lib/i18n";
import { useSignedInMe } from "@/lib/me";
import { problemMessage } from "@/lib/problem";
import { useCreateDelegation, useDelegations, useRevokeDelegation, type Delegation } from "../api/delegations";
import { useMemberDirectory, useRoles, type Member } from "../api/members";

type State = "active" | "upcoming" | "ended" | "revoked";

const COLORS: Record<State, string> = { active: "green", upcoming: "blue", ended: "default", revoked: "red" };

export function delegationState(delegation: Delegation, today = dayjs().format("YYYY-MM-DD")): State {
  if (delegation.revoked_at) return "revoked";
  if (delegation.ends_on < today) return "ended";
  if (delegation.starts_on > today) return "upcoming";
  return "active";
}

interface Values {
  delegator_id: number | null;
  delegate_id: number | null;
  range: [Dayjs, Dayjs] | null;
  reason: string;
}

function memberLabel(member: Member): string {
  return member.full_name ? `${member.full_name} (${member.email})` : member.email;
}

function NewDelegationModal({ open, onClose }: { open: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const { can } = useAccess();
  const me = useSignedInMe();
  const directory = useMemberDirectory();
  const roles = useRoles();
  const [form] = Form.useForm<Values>();
  const create = useCreateDelegation();
  const { state, report, clear } = useFormProblem(form, { starts_on: "range", ends_on: "range" });
  const forOthers = can("approval.rules");
  const approving = new Set((roles.data ?? []).filter((r) => r.permissions.includes("po.approve")).map((r) => r.role));
  const approvers = directory.members.filter((m) => m.roles.some((role) => approving.has(role)));
  // The delegator is a field only for approval.rules: anyone else's error about it shows in the banner.
  const initialValues = forOthers ? { delegator_id: me.user.id, reason: "" } : { reason: "" };

  useEffect(() => {
    if (open) {
      clear();
      form.resetFields();
    }
  }, [open, form, clear]);

  const onOk = async () => {
    const values = await form.validateFields();
    clear();
    try {
      await create.mutateAsync({
        delegator_id: values.delegator_id ?? me.user.id,
        delegate_id: values.delegate_id ?? 0,
        starts_on: values.range?.[0].format("YYYY-MM-DD") ?? "",
        ends_on: values.range?.[1].format("YYYY-MM-DD") ?? "",
        reason: (values.reason ?? "").trim(),
      });
      void message.success(t("procurement.delegations.created"));
      onClose();
    } catch (error) {
      report(error);
    }
  };

  return (
    <Modal
      open={open}
      title={t("procurement.delegations.newTitle")}
      okText={t("procurement.delegations.create")}
      cancelText={t("actions.cancel")}
      confirmLoading={create.isPending}
      okButtonProps={{ "data-testid": "delegation-submit" } as Record<string, string>}
      onOk={() => void onOk().catch(() => undefined)}
      onCancel={onClose}
      forceRender
    >
      <Form form={form} layout="vertical" name="delegation" initialValues={initialValues}>
        <FormAlert state={state} />
        <Typography.Paragraph type="secondary">{t("procurement.delegations.intro")}</Typography.Paragraph>
        {forOthers ? (
          <Form.Item
            name="delegator_id"
            label={t("procurement.delegations.delegator")}
            extra={t("procurement.delegations.delegatorHelp")}
            rules={[{ required: true, message: t("validation.required") }]}
          >
            <Select
              showSearch
              optionFilterProp="label"
              options={approvers.map((m) => ({ value: m.user_id, label: memberLabel(m) }))}
              data-testid="delegation-delegator"
            />
          </Form.Item>
        ) : null}
        <Form.Item
          name="delegate_id"
          label={t("procurement.delegations.delegate")}
          dependencies={["delegator_id"]}
          rules={[
            { required: true, message: t("validation.required") },
            ({ getFieldValue }) => ({
              validator: (_, value: number | null) =>
                value !== null && value === (getFieldValue("delegator_id") ?? me.user.id)
                  ? Promise.reject(new Error(t("procurement.delegations.notYourself")))
                  : Promise.resolve(),
            }),
          ]}
        >
          <Select
            showSearch
            optionFilterProp="label"
            loading={directory.query.isPending}
            options={directory.members.map((m) => ({ value: m.user_id, label: memberLabel(m) }))}
            data-testid="delegation-delegate"
          />
        </Form.Item>
        <Form.Item
          name="range"
          label={t("procurement.delegations.period")}
          rules={[{ required: true, message: t("validation.required") }]}
        >
          <DatePicker.RangePicker
            style={{ width: "100%" }}
            disabledDate={(day) => day.isBefore(dayjs().startOf("day"))}
            data-testid="delegation-range"
          />
        </Form.Item>
        <Form.Item
          name="reason"
          label={t("procurement.delegations.reason")}
          rules={[{ max: 500, message: t("validation.maxLength", { max: 500 }) }]}
        >
          <Input placeholder={t("procurement.delegations.reasonPlaceholder")} data-testid="delegation-reason" />
        </Form.Item>
      </Form>
    </Modal>
  );
}

/**
 * Delegations while away: who approves for whom and when (members see those they give or receive;
 * approval.rules sees every one). Ending one stops it at once.
 */
export function DelegationsCard() {
  const { t, i18n } = useTranslation();
  const language = currentLanguage(i18n);
  const { message } = App.useApp();
  const { can } = useAccess();
  const me = useSignedInMe();
  const delegations = useDelegations();
  const revoke = useRevokeDelegation();
  const { nameOf } = useMemberDirectory();
  const mayDelegate = can("po.approve") || can("approval.rules");
  const [creating, setCreating] = useState(false);

  return (
    <Card
      title={t("procurement.delegations.title")}
      data-testid="delegations"
      extra={
        mayDelegate ? (
          <Button icon={<PlusOutlined />} onClick={() => setCreating(true)} data-testid="delegation-new">
            {t("procurement.delegations.new")}
          </Button>
        ) : null
      }
    >
      <QueryView
        query={delegations}
        isEmpty={(data) => data.length === 0}
        empty={<EmptyState description={t("procurement.delegations.empty")} />}
      >
        {(data) => (
          <Table<Delegation>
            size="small"
            rowKey="id"
            pagination={false}
            dataSource={data}
            data-testid="delegations-table"
            onRow={(d) => ({ "data-testid": `delegation-row-${d.id}` }) as React.HTMLAttributes<HTMLElement>}
            columns={[
              {
                key: "from",
                title: t("procurement.delegations.delegator"),
                render: (_, d) =>
                  d.delegator_id === me.user.id ? t("procurement.delegations.me") : nameOf(d.delegator_id),
              },
              {
                key: "to",
                title: t("procurement.delegations.delegate"),
                render: (_, d) =>
                  d.delegate_id === me.user.id ? t("procurement.delegations.me") : nameOf(d.delegate_id),
              },
              {
                key: "period",
                title: t("procurement.delegations.period"),
                render: (_, d) => `${formatDate(d.starts_on, language)} – ${formatDate(d.ends_on, language)}`,
              },
              { key: "reason", title: t("procurement.delegations.reason"), render: (_, d) => d.reason || "—" },
              {
                key: "state",
                title: t("procurement.fields.status"),
                render: (_, d) => {
                  const state = delegationState(d);
                  return (
                    <Tag color={COLORS[state]} data-testid={`delegation-state-${d.id}`} data-state={state}>
                      {t(`procurement.delegations.states.${state}`)}
                    </Tag>
                  );
                },
              },
              {
                key: "actions",
                title: "",
                render: (_, d) => {
                  const state = delegationState(d);
                  const mine = d.delegator_id === me.user.id || can("approval.rules");
                  if (!mine || state === "revoked" || state === "ended") return null;
                  return (
                    <Popconfirm
                      title={t("procurement.delegations.endConfirm")}
                      okText={t("procurement.delegations.end")}
                      cancelText={t("actions.cancel")}
                      okButtonProps={{
                        danger: true,
                        ...({ "data-testid": `delegation-end-confirm-${d.id}` } as Record<string, string>),
                      }}
                      onConfirm={() =>
                        revoke
                          .mutateAsync(d.id)
                          .then(() => void message.success(t("procurement.delegations.ended")))
                          .catch((error: unknown) => void message.error(problemMessage(t, error)))
                      }
                    >
                      <Button size="small" danger data-testid={`delegation-end-${d.id}`}>
                        {t("procurement.delegations.end")}
                      </Button>
                    </Popconfirm>
                  );
                },
              },
            ]}
          />
        )}
      </QueryView>
      <NewDelegationModal open={creating} onClose={() => setCreating(false)} />
    </Card>
  );
}
