import { Card } from "antd";
import type { ReactNode } from "react";
import { Brand } from "./Brand";
import { LanguageSwitch } from "./LanguageSwitch";

/** The frame of the pages a visitor sees before the workspace: brand, language, one card. */
export function AuthShell({ children, testId }: { children: ReactNode; testId?: string }) {
  return (
    <div style={{ minHeight: "100vh", background: "#f5f7fa", padding: "24px 16px" }} data-testid={testId}>
      <div
        style={{
          maxWidth: 480,
          margin: "0 auto",
          display: "flex",
          justifyContent: "space-between",
          alignItems: "center",
        }}
      >
        <Brand />
        <LanguageSwitch size="small" />
      </div>
      <Card style={{ maxWidth: 480, margin: "48px auto 0" }}>{children}</Card>
    </div>
  );
}
