/** GET /api/approvals/inbox/ — orders waiting for a decision the member may make now (also as a delegate). */
import { useQuery } from "@tanstack/react-query";
import { allPages, type PageItem, type ResponseBody, tenantApi, type TenantPaths, unwrap } from "@/lib/api";

export type InboxEntry = PageItem<ResponseBody<TenantPaths["/api/approvals/inbox/"]["get"]>>;

export const inboxQueryKey = ["approvals", "inbox"] as const;

export function getApprovalInbox(): Promise<InboxEntry[]> {
  return allPages((query) => unwrap(tenantApi.GET("/api/approvals/inbox/", { params: { query } })));
}

/** Read every minute: a step becomes this member's turn when the one before it is approved. */
export function useApprovalInbox({ enabled = true }: { enabled?: boolean } = {}) {
  return useQuery({ queryKey: inboxQueryKey, queryFn: getApprovalInbox, enabled, refetchInterval: 60_000 });
}
