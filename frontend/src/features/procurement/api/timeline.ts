/** GET /api/purchase-orders/{order_id}/timeline/ — everything that happened to the order, oldest first. */
import { useQuery } from "@tanstack/react-query";
import { allPages, type PageItem, type ResponseBody, tenantApi, type TenantPaths, unwrap } from "@/lib/api";
import { orderScopeKey } from "./purchaseOrder";

export type OrderEvent = PageItem<ResponseBody<TenantPaths["/api/purchase-orders/{order_id}/timeline/"]["get"]>>;

export function getTimeline(id: number): Promise<OrderEvent[]> {
  return allPages((query) =>
    unwrap(tenantApi.GET("/api/purchase-orders/{order_id}/timeline/", { params: { path: { order_id: id }, query } })),
  );
}

/** The timeline; read again every 30 s while the supplier may still answer, ship or change something. */
export function useTimeline(id: number, live: boolean) {
  return useQuery({
    queryKey: [...orderScopeKey(id), "timeline"],
    queryFn: () => getTimeline(id),
    refetchInterval: live ? 30_000 : false,
  });
}
