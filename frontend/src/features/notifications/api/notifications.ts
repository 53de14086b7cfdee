/**
 * GET /api/notifications/ — the member's notifications in this company, newest first;
 * POST /api/notifications/{notification_id}/read/ — mark one read.
 */
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { tenantApi, unwrap, type ResponseBody, type TenantPaths } from "@/lib/api";

export type NotificationPage = ResponseBody<TenantPaths["/api/notifications/"]["get"]>;
export type Notification = NotificationPage["results"][number];

export const notificationsQueryKey = ["notifications"] as const;

/** Read again every minute, so an invitation or a closing shows up without a reload. */
export const POLL_MS = 60_000;

export function getNotifications(): Promise<NotificationPage> {
  return unwrap(tenantApi.GET("/api/notifications/", { params: { query: { page_size: 10 } } }));
}

export function getUnreadCount(): Promise<number> {
  return unwrap(tenantApi.GET("/api/notifications/", { params: { query: { unread: true, page_size: 1 } } })).then(
    (page) => page.count,
  );
}

export function useNotifications(enabled: boolean) {
  return useQuery({ queryKey: [...notificationsQueryKey, "latest"], queryFn: getNotifications, enabled });
}

export function useUnreadCount() {
  return useQuery({
    queryKey: [...notificationsQueryKey, "unread"],
    queryFn: getUnreadCount,
    refetchInterval: POLL_MS,
    // A member without notifications (or an API error) shows no badge rather than an error.
    retry: false,
  });
}

export function markRead(id: number): Promise<Notification> {
  return unwrap(
    tenantApi.POST("/api/notifications/{notification_id}/read/", { params: { path: { notification_id: id } } }),
  );
}

export function useMarkRead() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: markRead,
    onSuccess: () => queryClient.invalidateQueries({ queryKey: notificationsQueryKey }),
  });
}
