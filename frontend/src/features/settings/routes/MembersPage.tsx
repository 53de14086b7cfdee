import { UserAddOutlined } from "@ant-design/icons";
import { App, Button, Card, Popconfirm, Space, Table, Tag, Typography } from "antd";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { EmptyState, QueryView } from "@/components/PageState";
import { tablePagination, usePageParams } from "@/components/pagination";
import { roleLabel } from "@/lib/access";
import { formatDate, formatDateTime } from "@/lib/format";
import { currentLanguage } from "@/lib/i18n";
import { useSignedInMe } from "@/lib/me";
import { problemMessage } from "@/lib/problem";
import { useResendInvitation, useRevokeInvitation } from "../api/invitation";
import { useInvitations, type Invitation } from "../api/invitations";
import { useRemoveMember } from "../api/member";
import { useMembers, type Member } from "../api/members";
import { useRoles } from "../api/roles";
import { EditRolesModal } from "../components/EditRolesModal";
import { InviteModal } from "../components/InviteModal";

function RoleTags({ roles }: { roles: readonly string[] }) {
  const { t } = useTranslation();
  return (
    <>
      {roles.map((role) => (
        <Tag key={role} color="blue">
          {roleLabel(t, role)}
        </Tag>
      ))}
    </>
  );
}

/** `pending` past its expiry reads as expired: the link no longer works, but it can be re-sent. */
function invitationStatus(invitation: Invitation, now: number): string {
  if (invitation.status === "pending" && new Date(invitation.expires_at).getTime() <= now) return "expired";
  return invitation.status;
}

const STATUS_COLORS: Record<string, string> = { pending: "gold", accepted: "green", expired: "default" };

export function MembersPage() {
  const { t } = useTranslation();
  const me = useSignedInMe();
  const roles = useRoles();
  const [inviting, setInviting] = useState(false);
  const [editing, setEditing] = useState<Member | null>(null);
  const canGrantOwner = me.roles.includes("owner");

  return (
    <Space direction="vertical" size="large" style={{ width: "100%" }} data-testid="members-page">
      <Space style={{ width: "100%", justifyContent: "space-between" }} wrap>
        <Typography.Title level={2} style={{ margin: 0 }}>
          {t("members.title")}
        </Typography.Title>
        <Button
          data-testid="invite-open"
          type="primary"
          icon={<UserAddOutlined />}
          loading={roles.isPending}
          disabled={roles.isError}
          onClick={() => setInviting(true)}
        >
          {t("members.invite.open")}
        </Button>
      </Space>
      <MembersCard onEdit={setEditing} />
      <InvitationsCard />
      <InviteModal
        open={inviting}
        roles={roles.data ?? []}
        canGrantOwner={canGrantOwner}
        onClose={() => setInviting(false)}
      />
      <EditRolesModal
        member={editing}
        roles={roles.data ?? []}
        canGrantOwner={canGrantOwner}
        onClose={() => setEditing(null)}
      />
    </Space>
  );
}

function MembersCard({ onEdit }: { onEdit: (member: Member) => void }) {
  const { t, i18n } = useTranslation();
  const language = currentLanguage(i18n);
  const { message } = App.useApp();
  const me = useSignedInMe();
  const [params, setParams] = usePageParams();
  const members = useMembers(params);
  const remove = useRemoveMember();

  const onRemove = async (member: Member) => {
    try {
      await remove.mutateAsync(member.id);
      void message.success(t("members.removed", { name: member.full_name || member.email }));
    } catch (error) {
      void message.error(problemMessage(t, error));
    }
  };

  return (
    <Card title={t("members.listTitle")}>
      <QueryView
        query={members}
        isEmpty={(data) => data.count === 0}
        empty={<EmptyState description={t("members.empty")} />}
      >
        {(data) => (
          <Table<Member>
            data-testid="members-table"
            rowKey={(m) => String(m.id)}
            dataSource={data.results}
            loading={members.isFetching && members.isPlaceholderData}
            pagination={tablePagination(data.count, params, setParams)}
            scroll={{ x: true }}
            onRow={(m) => ({ "data-testid": `member-row-${m.email}` }) as React.HTMLAttributes<HTMLElement>}
            columns={[
              { key: "name", title: t("members.fields.full_name"), render: (_, m) => m.full_name || "—" },
              { key: "email", title: t("members.fields.email"), dataIndex: "email" },
              { key: "roles", title: t("members.fields.roles"), render: (_, m) => <RoleTags roles={m.roles} /> },
              {
                key: "joined",
                title: t("members.fields.joined_at"),
                render: (_, m) => formatDate(m.joined_at, language),
              },
              {
                key: "actions",
                title: t("members.fields.actions"),
                render: (_, m) => (
                  <Space>
                    <Button size="small" data-testid={`member-edit-${m.email}`} onClick={() => onEdit(m)}>
                      {t("members.editRolesAction")}
                    </Button>
                    {m.email !== me.user.email ? (
                      <Popconfirm
                        title={t("members.removeConfirm", { name: m.full_name || m.email })}
                        okText={t("actions.confirm")}
                        cancelText={t("actions.cancel")}
                        onConfirm={() => onRemove(m)}
                      >
                        <Button size="small" danger data-testid={`member-remove-${m.email}`}>
                          {t("members.remove")}
                        </Button>
                      </Popconfirm>
                    ) : null}
                  </Space>
                ),
              },
            ]}
          />
        )}
      </QueryView>
    </Card>
  );
}

function InvitationsCard() {
  const { t, i18n } = useTranslation();
  const language = currentLanguage(i18n);
  const { message } = App.useApp();
  const [params, setParams] = usePageParams();
  const invitations = useInvitations(params);
  const resend = useResendInvitation();
  const revoke = useRevokeInvitation();
  // Expiry is judged as of when the list was read (render stays pure).
  const now = invitations.dataUpdatedAt;

  const act = async (action: "resend" | "revoke", invitation: Invitation) => {
    try {
      await (action === "resend" ? resend : revoke).mutateAsync(invitation.id);
      void message.success(t(`members.invitation.${action}Done`, { email: invitation.email }));
    } catch (error) {
      void message.error(problemMessage(t, error));
    }
  };

  return (
    <Card title={t("members.invitationsTitle")}>
      <QueryView
        query={invitations}
        isEmpty={(data) => data.count === 0}
        empty={<EmptyState description={t("members.invitationsEmpty")} />}
      >
        {(data) => (
          <Table<Invitation>
            data-testid="invitations-table"
            rowKey={(i) => String(i.id)}
            dataSource={data.results}
            loading={invitations.isFetching && invitations.isPlaceholderData}
            pagination={tablePagination(data.count, params, setParams)}
            scroll={{ x: true }}
            onRow={(i) => ({ "data-testid": `invitation-row-${i.email}` }) as React.HTMLAttributes<HTMLElement>}
            columns={[
              { key: "email", title: t("members.fields.email"), dataIndex: "email" },
              { key: "roles", title: t("members.fields.roles"), render: (_, i) => <RoleTags roles={i.roles} /> },
              {
                key: "status",
                title: t("members.fields.status"),
                render: (_, i) => {
                  const status = invitationStatus(i, now);
                  return (
                    <Tag color={STATUS_COLORS[status]} data-testid={`invitation-status-${i.email}`}>
                      {t(`members.invitationStatus.${status}`, { defaultValue: status })}
                    </Tag>
                  );
                },
              },
              {
                key: "invited",
                title: t("members.fields.invited_at"),
                render: (_, i) => (
                  <>
                    {formatDateTime(i.created_at, language)}
                    {i.invited_by ? (
                      <Typography.Text type="secondary" style={{ display: "block", fontSize: 12 }}>
                        {i.invited_by}
                      </Typography.Text>
                    ) : null}
                  </>
                ),
              },
              {
                key: "expires",
                title: t("members.fields.expires_at"),
                render: (_, i) => (i.status === "pending" ? formatDateTime(i.expires_at, language) : "—"),
              },
              {
                key: "actions",
                title: t("members.fields.actions"),
                render: (_, i) =>
                  i.status === "pending" ? (
                    <Space>
                      <Button
                        size="small"
                        data-testid={`invitation-resend-${i.email}`}
                        loading={resend.isPending && resend.variables === i.id}
                        onClick={() => void act("resend", i)}
                      >
                        {t("members.invitation.resend")}
                      </Button>
                      <Popconfirm
                        title={t("members.invitation.revokeConfirm", { email: i.email })}
                        okText={t("actions.confirm")}
                        cancelText={t("actions.cancel")}
                        onConfirm={() => act("revoke", i)}
                      >
                        <Button size="small" danger data-testid={`invitation-revoke-${i.email}`}>
                          {t("members.invitation.revoke")}
                        </Button>
                      </Popconfirm>
                    </Space>
                  ) : null,
              },
            ]}
          />
        )}
      </QueryView>
    </Card>
  );
}

export { MembersPage as Component };
