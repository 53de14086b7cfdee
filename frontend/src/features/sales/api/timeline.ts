/** GET /api/sales-orders/{order_id}/timeline/ — ordered, changes, acknowledged, shipped, received, closed; oldest first. */
import { useQuery } from "@tanstack/react-query";
import { allPages, type PageItem, type ResponseBody, tenantApi, type TenantPaths, unwrap } from "@/lib/api";
import { salesOrderScope } from "./salesOrder";

export type TimelineEvent = PageItem<ResponseBody<TenantPaths["/api/sales-orders/{order_id}/timeline/"]["get"]>>;
export type TimelineKind = TimelineEvent["kind"];

export function getTimeline(id: number): Promise<TimelineEvent[]> {
  return allPages((query) =>
    unwrap(tenantApi.GET("/api/sales-orders/{order_id}/timeline/", { params: { path: { order_id: id }, query } })),
  );
}

export function useTimeline(id: number, live: boolean) {
  return useQuery({
    queryKey: [...salesOrderScope(id), "timeline"],
    queryFn: () => getTimeline(id),
    refetchInterval: live ? 30_000 : false,
  });
}
