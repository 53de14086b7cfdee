/** GET /api/billing/subscription/events/ — the subscription's history, newest first, a page at a time. */
import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { tenantApi, unwrap, type PageParams, type ResponseBody, type TenantPaths } from "@/lib/api";
import { billingQueryKey } from "./overview";

export type EventsPage = ResponseBody<TenantPaths["/api/billing/subscription/events/"]["get"]>;
export type SubscriptionEvent = EventsPage["results"][number];

export function useSubscriptionEvents(page: PageParams) {
  return useQuery({
    queryKey: [...billingQueryKey, "events", page],
    queryFn: () => unwrap(tenantApi.GET("/api/billing/subscription/events/", { params: { query: page } })),
    placeholderData: keepPreviousData,
  });
}
