/** GET /api/rfq-inbox/ — RFQs the company may quote on (invited, or open to matching suppliers). */
import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { tenantApi, unwrap, type PageParams, type QueryParams, type ResponseBody, type TenantPaths } from "@/lib/api";

type Operation = TenantPaths["/api/rfq-inbox/"]["get"];
export type InboxPage = ResponseBody<Operation>;
export type InboxItem = InboxPage["results"][number];
export type InboxStatus = NonNullable<QueryParams<Operation>["status"]>;

export const inboxQueryKey = ["rfq-inbox"] as const;

export function getInbox(query: PageParams & { status?: InboxStatus }): Promise<InboxPage> {
  return unwrap(tenantApi.GET("/api/rfq-inbox/", { params: { query } }));
}

export function useInbox(query: PageParams & { status?: InboxStatus }) {
  return useQuery({
    queryKey: [...inboxQueryKey, "list", query],
    queryFn: () => getInbox(query),
    placeholderData: keepPreviousData,
  });
}
