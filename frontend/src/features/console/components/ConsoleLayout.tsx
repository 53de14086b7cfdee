import {
  AuditOutlined,
  DashboardOutlined,
  DatabaseOutlined,
  LogoutOutlined,
  SafetyCertificateOutlined,
  ShopOutlined,
  TagsOutlined,
} from "@ant-design/icons";
import { Button, Layout, Menu, Space, Tag, Typography } from "antd";
import { useEffect } from "react";
import { useTranslation } from "react-i18next";
import { Link, Outlet, useLocation } from "react-router";
import { Brand } from "@/components/Brand";
import { LanguageSwitch } from "@/components/LanguageSwitch";
import { changeLanguage, normalizeLanguage, toServerLocale, type AppLanguage } from "@/lib/i18n";
import { useSignedInMe } from "@/lib/me";
import { useConsoleSignOut } from "../api/signOut";
import { useUpdateOperator } from "../api/updateMe";

const NAV = [
  { key: "fleet", path: "/console", icon: <ShopOutlined /> },
  { key: "suppliers", path: "/console/suppliers", icon: <SafetyCertificateOutlined /> },
  { key: "plans", path: "/console/plans", icon: <TagsOutlined /> },
  { key: "revenue", path: "/console/revenue", icon: <DashboardOutlined /> },
  { key: "backups", path: "/console/backups", icon: <DatabaseOutlined /> },
  { key: "audit", path: "/console/audit", icon: <AuditOutlined /> },
] as const;

/** Which menu entry a console path belongs to (company pages belong to the fleet). */
export function consoleNavKey(pathname: string): string {
  const rest = pathname.replace(/^\/console\/?/, "");
  const first = rest.split("/")[0] ?? "";
  return NAV.some((item) => item.key === first && first !== "fleet") ? first : "fleet";
}

/** The operator console's frame: its menu, the operator, language and sign-out. */
export function ConsoleLayout() {
  const { t, i18n } = useTranslation();
  const me = useSignedInMe();
  const location = useLocation();
  const signOut = useConsoleSignOut();
  const updateMe = useUpdateOperator();
  // The operator's choice is saved, so it follows them (and the saved language below stays in step).
  const onLanguageChanged = (language: AppLanguage) =>
    updateMe.mutate({ preferred_language: toServerLocale(language) });

  useEffect(() => {
    const language = normalizeLanguage(me.user.preferred_language);
    if (language) void changeLanguage(language, { instance: i18n });
  }, [me.user.preferred_language, i18n]);

  return (
    <Layout style={{ minHeight: "100vh" }} data-testid="console-layout">
      <Layout.Sider
        theme="light"
        width={220}
        breakpoint="lg"
        collapsedWidth={64}
        style={{ borderRight: "1px solid #f0f0f0", minHeight: "100vh" }}
      >
        <div style={{ padding: "16px 20px" }}>
          <Link to="/console" aria-label="Hansa" style={{ display: "flex", alignItems: "center", gap: 8 }}>
            <Brand />
          </Link>
          <Tag color="volcano" style={{ marginTop: 8 }}>
            {t("console.badge")}
          </Tag>
        </div>
        <Menu
          mode="inline"
          selectedKeys={[consoleNavKey(location.pathname)]}
          items={NAV.map((item) => ({
            key: item.key,
            icon: item.icon,
            label: (
              <Link to={item.path} data-testid={`console-nav-${item.key}`}>
                {t(`console.nav.${item.key}`)}
              </Link>
            ),
          }))}
        />
      </Layout.Sider>
      <Layout>
        <Layout.Header
          style={{
            background: "#fff",
            borderBottom: "1px solid #f0f0f0",
            display: "flex",
            justifyContent: "flex-end",
            alignItems: "center",
            paddingInline: 24,
          }}
        >
          <Space size="middle">
            <LanguageSwitch size="small" onChanged={onLanguageChanged} />
            <Typography.Text data-testid="console-operator">{me.user.email}</Typography.Text>
            <Button
              icon={<LogoutOutlined />}
              data-testid="console-signout"
              loading={signOut.isPending}
              onClick={() => signOut.mutate()}
            >
              {t("nav.signOut")}
            </Button>
          </Space>
        </Layout.Header>
        <Layout.Content style={{ padding: 24, background: "#f5f7fa" }}>
          <Outlet />
        </Layout.Content>
      </Layout>
    </Layout>
  );
}
