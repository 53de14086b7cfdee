/**
 * POST /api/rfqs/{rfq_id}/extend/ (a later deadline), …/close/ (close before the deadline) and
 * …/cancel/ (with a reason; suppliers are told) — the buyer's moves on a published RFQ.
 */
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { tenantApi, unwrap } from "@/lib/api";
import { rfqChanged } from "./rfq";

export function extendRfq({ id, closingAt }: { id: number; closingAt: string }) {
  return unwrap(
    tenantApi.POST("/api/rfqs/{rfq_id}/extend/", { params: { path: { rfq_id: id } }, body: { closing_at: closingAt } }),
  );
}

export function closeRfq(id: number) {
  return unwrap(tenantApi.POST("/api/rfqs/{rfq_id}/close/", { params: { path: { rfq_id: id } } }));
}

export function cancelRfq({ id, reason }: { id: number; reason: string }) {
  return unwrap(tenantApi.POST("/api/rfqs/{rfq_id}/cancel/", { params: { path: { rfq_id: id } }, body: { reason } }));
}

export function useExtendRfq() {
  const queryClient = useQueryClient();
  return useMutation({ mutationFn: extendRfq, onSuccess: (rfq) => rfqChanged(queryClient, rfq) });
}

export function useCloseRfq() {
  const queryClient = useQueryClient();
  return useMutation({ mutationFn: closeRfq, onSuccess: (rfq) => rfqChanged(queryClient, rfq) });
}

export function useCancelRfq() {
  const queryClient = useQueryClient();
  return useMutation({ mutationFn: cancelRfq, onSuccess: (rfq) => rfqChanged(queryClient, rfq) });
}
