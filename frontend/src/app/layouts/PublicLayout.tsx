import { Button, Layout, Space, Typography } from "antd";
import { useTranslation } from "react-i18next";
import { Link, Outlet } from "react-router";
import { Brand } from "@/components/Brand";
import { LanguageSwitch } from "@/components/LanguageSwitch";

export function PublicLayout() {
  const { t } = useTranslation();
  return (
    <Layout style={{ minHeight: "100vh", background: "#fff" }} data-testid="public-layout">
      <Layout.Header
        style={{
          background: "#fff",
          borderBottom: "1px solid #f0f0f0",
          display: "flex",
          alignItems: "center",
          justifyContent: "space-between",
          paddingInline: 24,
        }}
      >
        <Link to="/" aria-label="Hansa" style={{ display: "flex", alignItems: "center", lineHeight: "normal" }}>
          <Brand />
        </Link>
        <Space size="middle">
          <Link to="/marketplace" data-testid="nav-marketplace">
            <Button type="text">{t("nav.marketplace")}</Button>
          </Link>
          <LanguageSwitch size="small" />
          <Link to="/signin">
            <Button type="text" data-testid="nav-signin">
              {t("nav.signIn")}
            </Button>
          </Link>
          <Link to="/signup">
            <Button type="primary" data-testid="nav-signup">
              {t("nav.signUp")}
            </Button>
          </Link>
        </Space>
      </Layout.Header>
      <Layout.Content style={{ background: "#f5f7fa" }}>
        <Outlet />
      </Layout.Content>
      <Layout.Footer style={{ textAlign: "center", background: "#fff" }}>
        <Typography.Text type="secondary">© Hansa · {t("landing.footer")}</Typography.Text>
      </Layout.Footer>
    </Layout>
  );
}

/** A page of the public host's own content (the marketplace), centred with room around it. */
export function PublicPage() {
  return (
    <div style={{ maxWidth: 1280, margin: "0 auto", padding: 24 }}>
      <Outlet />
    </div>
  );
}
