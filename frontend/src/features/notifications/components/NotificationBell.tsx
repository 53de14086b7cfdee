import { BellOutlined } from "@ant-design/icons";
import { Badge, Button, Dropdown, Empty, Spin, Typography } from "antd";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { useNavigate } from "react-router";
import { formatDateTime } from "@/lib/format";
import { currentLanguage } from "@/lib/i18n";
import { useMarkRead, useNotifications, useUnreadCount, type Notification } from "../api/notifications";
import { notificationLink } from "./notificationLinks";

function text(value: unknown): string {
  return typeof value === "string" || typeof value === "number" ? String(value) : "";
}

/** The header's bell: how many notifications are unread, the latest ones, each leading to its RFQ (or,
 * for a usage warning, to the billing page). */
export function NotificationBell() {
  const { t, i18n } = useTranslation();
  const language = currentLanguage(i18n);
  const navigate = useNavigate();
  const [open, setOpen] = useState(false);
  const unread = useUnreadCount();
  const latest = useNotifications(open);
  const markRead = useMarkRead();

  const onPick = (notification: Notification) => {
    setOpen(false);
    if (!notification.read_at) markRead.mutate(notification.id);
    const link = notificationLink(notification);
    if (link) void navigate(link);
  };

  const items = (latest.data?.results ?? []).map((notification) => ({
    key: String(notification.id),
    onClick: () => onPick(notification),
    label: (
      <div style={{ maxWidth: 340, whiteSpace: "normal" }} data-testid={`notification-${notification.id}`}>
        <Typography.Text strong={!notification.read_at}>
          {t(`notifications.kinds.${notification.kind}`, {
            title: text(notification.payload.title),
            buyer: text(notification.payload.buyer),
            percent: text(notification.payload.percent),
            meter: t(`notifications.meters.${text(notification.payload.meter)}`, {
              defaultValue: text(notification.payload.title),
            }),
            defaultValue: text(notification.payload.title) || notification.kind,
          })}
        </Typography.Text>
        <div>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {formatDateTime(notification.created_at, language)}
          </Typography.Text>
        </div>
      </div>
    ),
  }));

  return (
    <Dropdown
      trigger={["click"]}
      open={open}
      onOpenChange={setOpen}
      menu={{ items }}
      popupRender={(menu) =>
        latest.isPending ? (
          <div className="ant-dropdown-menu" style={{ padding: 16, textAlign: "center" }}>
            <Spin size="small" />
          </div>
        ) : items.length === 0 ? (
          <div className="ant-dropdown-menu" style={{ padding: 8 }}>
            <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t("notifications.none")} />
          </div>
        ) : (
          menu
        )
      }
    >
      <Button
        type="text"
        aria-label={t("notifications.title")}
        data-testid="notifications"
        icon={
          <Badge count={unread.data ?? 0} size="small" overflowCount={99}>
            <BellOutlined style={{ fontSize: 18 }} />
          </Badge>
        }
      />
    </Dropdown>
  );
}
