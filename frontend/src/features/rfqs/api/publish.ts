/** POST /api/rfqs/{rfq_id}/publish/ — match and rank suppliers, invite the top N, tell them. */
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { tenantApi, unwrap } from "@/lib/api";
import { rfqChanged } from "./rfq";

export function publishRfq(id: number) {
  return unwrap(tenantApi.POST("/api/rfqs/{rfq_id}/publish/", { params: { path: { rfq_id: id } } }));
}

export function usePublishRfq() {
  const queryClient = useQueryClient();
  return useMutation({ mutationFn: publishRfq, onSuccess: (rfq) => rfqChanged(queryClient, rfq) });
}
