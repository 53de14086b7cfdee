/** GET and PATCH /api/sales-orders/{order_id}/ — one sales order (PATCH: orders entered by hand, awaiting acceptance). */
import { useMutation, useQuery, useQueryClient, type QueryClient } from "@tanstack/react-query";
import { tenantApi, unwrap, type RequestBody, type TenantPaths } from "@/lib/api";
import { salesOrdersKey, type SalesOrder } from "./salesOrders";

export type SalesOrderUpdate = RequestBody<TenantPaths["/api/sales-orders/{order_id}/"]["patch"]>;

/** Everything read about one order (detail, timeline, shipments, amendments, stock check) sits under this. */
export const salesOrderScope = (id: number) => [...salesOrdersKey, id] as const;
export const salesOrderKey = (id: number) => [...salesOrderScope(id), "detail"] as const;

export function getSalesOrder(id: number): Promise<SalesOrder> {
  return unwrap(tenantApi.GET("/api/sales-orders/{order_id}/", { params: { path: { order_id: id } } }));
}

/** States in which the buyer or the warehouse may still change something the page shows. */
const LIVE = new Set(["awaiting_acceptance", "changes_proposed", "accepted", "partly_shipped", "shipped"]);

/** The order; read again every 30 s while it is open (the buyer's answers and receipts arrive meanwhile). */
export function useSalesOrder(id: number) {
  return useQuery({
    queryKey: salesOrderKey(id),
    queryFn: () => getSalesOrder(id),
    refetchInterval: (query) => (query.state.data && LIVE.has(query.state.data.status) ? 30_000 : false),
  });
}

/** After a change of an order: its page, everything hanging off it, the lists and the fulfilment lists. */
export async function salesOrderChanged(queryClient: QueryClient, id: number, order?: SalesOrder): Promise<void> {
  if (order) queryClient.setQueryData(salesOrderKey(id), order);
  await Promise.all([
    queryClient.invalidateQueries({ queryKey: salesOrderScope(id) }),
    queryClient.invalidateQueries({ queryKey: [...salesOrdersKey, "list"] }),
    queryClient.invalidateQueries({ queryKey: ["work-orders"] }),
    queryClient.invalidateQueries({ queryKey: ["back-orders"] }),
    queryClient.invalidateQueries({ queryKey: ["customers"] }),
  ]);
}

export function updateSalesOrder({ id, body }: { id: number; body: SalesOrderUpdate }): Promise<SalesOrder> {
  return unwrap(tenantApi.PATCH("/api/sales-orders/{order_id}/", { params: { path: { order_id: id } }, body }));
}

export function useUpdateSalesOrder() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: updateSalesOrder,
    onSuccess: (order) => salesOrderChanged(queryClient, order.id, order),
  });
}
