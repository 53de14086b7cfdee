/** POST /api/rfqs/{rfq_id}/awards/ — award the whole RFQ, or some lines, to one supplier's quote. */
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { tenantApi, unwrap, type RequestBody, type TenantPaths } from "@/lib/api";
import { rfqQueryKey } from "./rfq";
import { rfqsQueryKey } from "./rfqs";

export type AwardInput = RequestBody<TenantPaths["/api/rfqs/{rfq_id}/awards/"]["post"]>;

export function awardRfq({ rfqId, body }: { rfqId: number; body: AwardInput }) {
  return unwrap(tenantApi.POST("/api/rfqs/{rfq_id}/awards/", { params: { path: { rfq_id: rfqId } }, body }));
}

export function useAwardRfq() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: awardRfq,
    onSuccess: (_, { rfqId }) =>
      Promise.all([
        queryClient.invalidateQueries({ queryKey: rfqQueryKey(rfqId) }),
        queryClient.invalidateQueries({ queryKey: ["rfqs", rfqId] }),
        queryClient.invalidateQueries({ queryKey: [...rfqsQueryKey, "list"] }),
      ]),
  });
}
