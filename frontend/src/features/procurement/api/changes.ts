/**
 * POST /api/purchase-orders/{order_id}/changes/ (the buyer asks for a change) and
 * …/changes/{change_id}/accept/ | reject/ (the buyer answers the supplier's proposal or change request).
 * The order's changes, with their history, come with the order itself.
 */
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { tenantApi, unwrap, type RequestBody, type TenantPaths } from "@/lib/api";
import { orderChanged, orderScopeKey, purchaseOrderQueryKey } from "./purchaseOrder";

export type ChangeRequestInput = RequestBody<TenantPaths["/api/purchase-orders/{order_id}/changes/"]["post"]>;
export type ChangeRequestLine = ChangeRequestInput["lines"][number];

export function requestChange({ id, body }: { id: number; body: ChangeRequestInput }) {
  return unwrap(
    tenantApi.POST("/api/purchase-orders/{order_id}/changes/", { params: { path: { order_id: id } }, body }),
  );
}

export function acceptChange({ id, changeId }: { id: number; changeId: string }) {
  return unwrap(
    tenantApi.POST("/api/purchase-orders/{order_id}/changes/{change_id}/accept/", {
      params: { path: { order_id: id, change_id: changeId } },
    }),
  );
}

export function rejectChange({ id, changeId, reason }: { id: number; changeId: string; reason: string }) {
  return unwrap(
    tenantApi.POST("/api/purchase-orders/{order_id}/changes/{change_id}/reject/", {
      params: { path: { order_id: id, change_id: changeId } },
      body: { reason },
    }),
  );
}

export function useRequestChange() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: requestChange,
    onSuccess: (_, { id }) =>
      Promise.all([
        queryClient.invalidateQueries({ queryKey: purchaseOrderQueryKey(id) }),
        queryClient.invalidateQueries({ queryKey: orderScopeKey(id) }),
      ]),
  });
}

export function useAcceptChange() {
  const queryClient = useQueryClient();
  return useMutation({ mutationFn: acceptChange, onSuccess: (order) => orderChanged(queryClient, order) });
}

export function useRejectChange() {
  const queryClient = useQueryClient();
  return useMutation({ mutationFn: rejectChange, onSuccess: (order) => orderChanged(queryClient, order) });
}
