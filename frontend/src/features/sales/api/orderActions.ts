/**
 * POST /api/sales-orders/{order_id}/accept/ (stock reserved; a line's shortfall becomes a work order or a
 * back-order), …/reject/ (with a reason), …/propose/ (other quantity, price or date per line; Hansa orders
 * only) and …/cancel/ (nothing shipped yet; with a reason). The buyer is told of each.
 */
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { tenantApi, unwrap, type RequestBody, type TenantPaths } from "@/lib/api";
import { salesOrderChanged } from "./salesOrder";

export type AcceptInput = RequestBody<TenantPaths["/api/sales-orders/{order_id}/accept/"]["post"]>;
export type AcceptLineInput = NonNullable<AcceptInput["lines"]>[number];
export type ShortfallChoice = NonNullable<AcceptLineInput["shortfall"]>;
export type TermsInput = RequestBody<TenantPaths["/api/sales-orders/{order_id}/propose/"]["post"]>;
export type TermsLineInput = TermsInput["lines"][number];

export function acceptOrder({ id, body }: { id: number; body: AcceptInput }) {
  return unwrap(tenantApi.POST("/api/sales-orders/{order_id}/accept/", { params: { path: { order_id: id } }, body }));
}

export function rejectOrder({ id, reason }: { id: number; reason: string }) {
  return unwrap(
    tenantApi.POST("/api/sales-orders/{order_id}/reject/", { params: { path: { order_id: id } }, body: { reason } }),
  );
}

export function proposeTerms({ id, body }: { id: number; body: TermsInput }) {
  return unwrap(tenantApi.POST("/api/sales-orders/{order_id}/propose/", { params: { path: { order_id: id } }, body }));
}

export function cancelOrder({ id, reason }: { id: number; reason: string }) {
  return unwrap(
    tenantApi.POST("/api/sales-orders/{order_id}/cancel/", { params: { path: { order_id: id } }, body: { reason } }),
  );
}

function useOrderAction<A extends { id: number }>(
  action: (args: A) => Promise<Awaited<ReturnType<typeof acceptOrder>>>,
) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: action,
    onSuccess: (order, { id }) => salesOrderChanged(queryClient, id, order),
  });
}

export const useAcceptOrder = () => useOrderAction(acceptOrder);
export const useRejectOrder = () => useOrderAction(rejectOrder);
export const useProposeTerms = () => useOrderAction(proposeTerms);
export const useCancelOrder = () => useOrderAction(cancelOrder);
