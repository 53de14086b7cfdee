import { DownOutlined, LogoutOutlined, UserOutlined } from "@ant-design/icons";
import { App, Avatar, Button, Dropdown, Layout, Menu, Space, Typography } from "antd";
import { useEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import { Link, Outlet, useLocation, useNavigate } from "react-router";
import { Brand } from "@/components/Brand";
import { SuspensionNotice } from "@/components/SuspensionNotice";
import { LanguageSwitch } from "@/components/LanguageSwitch";
import { useSignOut } from "@/features/auth/api/signOut";
import { BillingBanner } from "@/features/billing/components/BillingBanner";
import { SuspendedBilling } from "@/features/billing/components/SuspendedBilling";
import { NotificationBell } from "@/features/notifications/components/NotificationBell";
import { useUpdateMe } from "@/features/profile/api/updateMe";
import { can } from "@/lib/access";
import { useSuspension } from "@/lib/accountSignals";
import { changeLanguage, normalizeLanguage, toServerLocale, type AppLanguage } from "@/lib/i18n";
import { useSignedInMe } from "@/lib/me";
import { problemMessage } from "@/lib/problem";
import { selectedNavKey, visibleNavItems } from "../navigation";

/** The member's saved language wins over this browser's choice, once /api/me/ has answered. */
function usePreferredLanguage(preferred: string | null | undefined) {
  const { i18n } = useTranslation();
  useEffect(() => {
    const language = normalizeLanguage(preferred);
    if (language) void changeLanguage(language, { instance: i18n });
  }, [preferred, i18n]);
}

export function WorkspaceLayout() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const me = useSignedInMe();
  const location = useLocation();
  const navigate = useNavigate();
  const signOut = useSignOut();
  const updateMe = useUpdateMe();
  const [collapsed, setCollapsed] = useState(false);
  usePreferredLanguage(me.user.preferred_language);
  const seen = useSuspension();
  // Suspended for non-payment: only billing answers; the billing page itself stays reachable.
  const suspension = seen ?? (me.company?.billing_lock === "suspended" ? "billing" : null);
  const showSuspension = suspension === "operator" || (suspension === "billing" && location.pathname !== "/billing");

  const items = visibleNavItems(me).map((item) => ({
    key: item.key,
    icon: item.icon,
    label: (
      <Link to={item.path} data-testid={`nav-${item.key}`}>
        {t(item.labelKey)}
      </Link>
    ),
  }));
  const selected = selectedNavKey(location.pathname);

  const onLanguageChanged = (language: AppLanguage) => {
    updateMe.mutate(
      { preferred_language: toServerLocale(language) },
      { onError: (error) => void message.warning(problemMessage(t, error)) },
    );
  };

  const onSignOut = () => {
    signOut.mutate(undefined, {
      onSuccess: () => void navigate("/signin", { replace: true }),
      onError: (error) => void message.error(problemMessage(t, error)),
    });
  };

  return (
    <Layout style={{ minHeight: "100vh" }} data-testid="workspace-layout">
      <Layout.Sider
        collapsible
        collapsed={collapsed}
        onCollapse={setCollapsed}
        breakpoint="lg"
        theme="light"
        width={220}
        style={{ borderInlineEnd: "1px solid #f0f0f0" }}
      >
        <div style={{ height: 64, display: "flex", alignItems: "center", paddingInline: 20, overflow: "hidden" }}>
          <Brand />
        </div>
        <Menu
          data-testid="side-menu"
          mode="inline"
          selectedKeys={selected ? [selected] : []}
          items={items}
          style={{ borderInlineEnd: 0 }}
        />
      </Layout.Sider>
      <Layout>
        <Layout.Header
          style={{
            background: "#fff",
            paddingInline: 24,
            display: "flex",
            alignItems: "center",
            justifyContent: "space-between",
            borderBottom: "1px solid #f0f0f0",
            gap: 16,
          }}
        >
          <Typography.Text strong ellipsis style={{ fontSize: 16 }} data-testid="header-company">
            {me.company?.name}
          </Typography.Text>
          <Space size="middle">
            <NotificationBell />
            <LanguageSwitch size="small" onChanged={onLanguageChanged} />
            <Dropdown
              trigger={["click"]}
              menu={{
                items: [
                  {
                    key: "profile",
                    icon: <UserOutlined />,
                    label: (
                      <Link to="/profile" data-testid="user-menu-profile">
                        {t("nav.profile")}
                      </Link>
                    ),
                  },
                  { type: "divider" },
                  {
                    key: "signout",
                    icon: <LogoutOutlined />,
                    danger: true,
                    label: <span data-testid="signout">{t("nav.signOut")}</span>,
                    onClick: onSignOut,
                  },
                ],
              }}
            >
              <Button type="text" data-testid="user-menu" loading={signOut.isPending}>
                <Space>
                  <Avatar size="small" icon={<UserOutlined />} />
                  <span>{me.user.full_name || me.user.email}</span>
                  <DownOutlined />
                </Space>
              </Button>
            </Dropdown>
          </Space>
        </Layout.Header>
        <BillingBanner me={me} />
        <Layout.Content style={{ padding: 24 }}>
          {showSuspension && suspension ? (
            <SuspensionNotice
              suspension={suspension}
              extra={
                <Button danger onClick={onSignOut} data-testid="suspension-signout">
                  {t("billing.suspension.signOut")}
                </Button>
              }
            >
              {suspension === "billing" ? <SuspendedBilling manager={can(me, "billing.manage")} /> : null}
            </SuspensionNotice>
          ) : (
            <Outlet />
          )}
        </Layout.Content>
      </Layout>
    </Layout>
  );
}

export { WorkspaceLayout as Component };
