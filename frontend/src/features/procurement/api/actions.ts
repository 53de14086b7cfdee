/**
 * POST /api/purchase-orders/{order_id}/submit/, approve/, reject/, send/, acknowledge/, cancel/ and close/ —
 * one request per step of the order's life; each answers with the order as it is now. The server checks
 * the status and who may act again, whatever the page showed.
 */
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { tenantApi, unwrap, type RequestBody, type TenantPaths } from "@/lib/api";
import { orderChanged } from "./purchaseOrder";
import type { PurchaseOrder } from "./purchaseOrders";

type Paths = TenantPaths;
export type ApproveInput = RequestBody<Paths["/api/purchase-orders/{order_id}/approve/"]["post"]>;
export type RejectInput = RequestBody<Paths["/api/purchase-orders/{order_id}/reject/"]["post"]>;
export type AcknowledgeInput = RequestBody<Paths["/api/purchase-orders/{order_id}/acknowledge/"]["post"]>;

const path = (id: number) => ({ params: { path: { order_id: id } } });

export const submitOrder = (id: number) => unwrap(tenantApi.POST("/api/purchase-orders/{order_id}/submit/", path(id)));

export const approveOrder = ({ id, body }: { id: number; body: ApproveInput }) =>
  unwrap(tenantApi.POST("/api/purchase-orders/{order_id}/approve/", { ...path(id), body }));

export const rejectOrder = ({ id, body }: { id: number; body: RejectInput }) =>
  unwrap(tenantApi.POST("/api/purchase-orders/{order_id}/reject/", { ...path(id), body }));

export const sendOrder = (id: number) => unwrap(tenantApi.POST("/api/purchase-orders/{order_id}/send/", path(id)));

export const acknowledgeOrder = ({ id, body }: { id: number; body: AcknowledgeInput }) =>
  unwrap(tenantApi.POST("/api/purchase-orders/{order_id}/acknowledge/", { ...path(id), body }));

export const cancelOrder = ({ id, reason }: { id: number; reason: string }) =>
  unwrap(tenantApi.POST("/api/purchase-orders/{order_id}/cancel/", { ...path(id), body: { reason } }));

export const closeOrder = ({ id, reason }: { id: number; reason: string }) =>
  unwrap(tenantApi.POST("/api/purchase-orders/{order_id}/close/", { ...path(id), body: { reason } }));

function useOrderAction<A>(action: (args: A) => Promise<PurchaseOrder>) {
  const queryClient = useQueryClient();
  return useMutation({ mutationFn: action, onSuccess: (order) => orderChanged(queryClient, order) });
}

export const useSubmitOrder = () => useOrderAction(submitOrder);
export const useApproveOrder = () => useOrderAction(approveOrder);
export const useRejectOrder = () => useOrderAction(rejectOrder);
export const useSendOrder = () => useOrderAction(sendOrder);
export const useAcknowledgeOrder = () => useOrderAction(acknowledgeOrder);
export const useCancelOrder = () => useOrderAction(cancelOrder);
export const useCloseOrder = () => useOrderAction(closeOrder);
