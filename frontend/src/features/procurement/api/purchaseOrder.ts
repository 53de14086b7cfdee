/** GET and PATCH /api/purchase-orders/{order_id}/ — one order with its lines, steps, changes and receipts. */
import { useMutation, useQuery, useQueryClient, type QueryClient } from "@tanstack/react-query";
import { tenantApi, unwrap, type RequestBody, type TenantPaths } from "@/lib/api";
import { purchaseOrdersQueryKey, type PurchaseOrder } from "./purchaseOrders";

export type PoUpdate = RequestBody<TenantPaths["/api/purchase-orders/{order_id}/"]["patch"]>;

export const purchaseOrderQueryKey = (id: number) => ["purchase-orders", "detail", id] as const;

/** Everything read about one order (its timeline, changes, receipts) sits under this key. */
export const orderScopeKey = (id: number) => ["purchase-orders", id] as const;

export function getPurchaseOrder(id: number): Promise<PurchaseOrder> {
  return unwrap(tenantApi.GET("/api/purchase-orders/{order_id}/", { params: { path: { order_id: id } } }));
}

/** The order; read again every 30 s while the supplier may answer or an approver decide. */
export function usePurchaseOrder(id: number | null) {
  return useQuery({
    queryKey: purchaseOrderQueryKey(id ?? 0),
    queryFn: () => getPurchaseOrder(id ?? 0),
    enabled: id !== null,
    refetchInterval: (query) =>
      ["pending_approval", "sent", "acknowledged", "changed", "partly_received"].includes(
        query.state.data?.status ?? "",
      )
        ? 30_000
        : false,
  });
}

/** After a change of an order: its page, the lists, its timeline and the approval inbox. */
export async function orderChanged(queryClient: QueryClient, order: PurchaseOrder): Promise<void> {
  queryClient.setQueryData(purchaseOrderQueryKey(order.id), order);
  await Promise.all([
    queryClient.invalidateQueries({ queryKey: [...purchaseOrdersQueryKey, "list"] }),
    queryClient.invalidateQueries({ queryKey: orderScopeKey(order.id) }),
    queryClient.invalidateQueries({ queryKey: ["approvals", "inbox"] }),
  ]);
}

export function updatePurchaseOrder({ id, body }: { id: number; body: PoUpdate }): Promise<PurchaseOrder> {
  return unwrap(tenantApi.PATCH("/api/purchase-orders/{order_id}/", { params: { path: { order_id: id } }, body }));
}

export function useUpdatePurchaseOrder() {
  const queryClient = useQueryClient();
  return useMutation({ mutationFn: updatePurchaseOrder, onSuccess: (order) => orderChanged(queryClient, order) });
}
