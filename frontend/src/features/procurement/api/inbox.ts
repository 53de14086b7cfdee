/** GET /api/approvals/inbox/ — orders waiting for a decision the member may make now (also as a delegate). */
import { useQuery } from "@tanstack/react-query";
import { tenantApi, unwrap, type ResponseBody, type TenantPaths } from "@/lib/api";

export type InboxEntry = ResponseBody<TenantPaths["/api/approvals/inbox/"]["get"]>[number];

export const inboxQueryKey = ["approvals", "inbox"] as const;

export function getApprovalInbox(): Promise<InboxEntry[]> {
  return unwrap(tenantApi.GET("/api/approvals/inbox/"));
}

/** Read every minute: a step becomes this member's turn when the one before it is approved. */
export function useApprovalInbox({ enabled = true }: { enabled?: boolean } = {}) {
  return useQuery({ queryKey: inboxQueryKey, queryFn: getApprovalInbox, enabled, refetchInterval: 60_000 });
}
