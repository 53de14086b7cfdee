import { Typography } from "antd";

export function Brand({ inverted = false }: { inverted?: boolean }) {
  return (
    <span style={{ display: "inline-flex", alignItems: "center", gap: 8 }}>
      <svg width="24" height="24" viewBox="0 0 32 32" aria-hidden="true">
        <rect width="32" height="32" rx="6" fill="#1677ff" />
        <path d="M9 8h3v6.5h8V8h3v16h-3v-6.5h-8V24H9z" fill="#fff" />
      </svg>
      <Typography.Text strong style={{ fontSize: 18, color: inverted ? "#fff" : undefined }}>
        Hansa
      </Typography.Text>
    </span>
  );
}
