/**
 * GET and POST /api/sales-orders/{order_id}/amendments/ — every version of changed terms (history kept);
 * propose a change of an accepted order. POST …/amendments/{amendment_id}/accept/ and …/reject/ answer
 * a change the buyer proposed.
 */
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { allPages, type PageItem, type ResponseBody, tenantApi, type TenantPaths, unwrap } from "@/lib/api";
import type { TermsInput } from "./orderActions";
import { salesOrderChanged, salesOrderScope } from "./salesOrder";

export type Amendment = PageItem<ResponseBody<TenantPaths["/api/sales-orders/{order_id}/amendments/"]["get"]>>;
export type AmendmentLine = Amendment["lines"][number];

export function getAmendments(id: number): Promise<Amendment[]> {
  return allPages((query) =>
    unwrap(tenantApi.GET("/api/sales-orders/{order_id}/amendments/", { params: { path: { order_id: id }, query } })),
  );
}

export function useAmendments(id: number) {
  return useQuery({ queryKey: [...salesOrderScope(id), "amendments"], queryFn: () => getAmendments(id) });
}

export function proposeAmendment({ id, body }: { id: number; body: TermsInput }) {
  return unwrap(
    tenantApi.POST("/api/sales-orders/{order_id}/amendments/", { params: { path: { order_id: id } }, body }),
  );
}

export function acceptAmendment({ id, amendmentId }: { id: number; amendmentId: number }) {
  return unwrap(
    tenantApi.POST("/api/sales-orders/{order_id}/amendments/{amendment_id}/accept/", {
      params: { path: { order_id: id, amendment_id: amendmentId } },
    }),
  );
}

export function rejectAmendment({ id, amendmentId, reason }: { id: number; amendmentId: number; reason: string }) {
  return unwrap(
    tenantApi.POST("/api/sales-orders/{order_id}/amendments/{amendment_id}/reject/", {
      params: { path: { order_id: id, amendment_id: amendmentId } },
      body: { reason },
    }),
  );
}

function useAmendmentAction<A extends { id: number }>(action: (args: A) => Promise<Amendment>) {
  const queryClient = useQueryClient();
  return useMutation({ mutationFn: action, onSuccess: (_, { id }) => salesOrderChanged(queryClient, id) });
}

export const useProposeAmendment = () => useAmendmentAction(proposeAmendment);
export const useAcceptAmendment = () => useAmendmentAction(acceptAmendment);
export const useRejectAmendment = () => useAmendmentAction(rejectAmendment);
