/**
 * POST and PUT /api/rfq-inbox/{rfq_id}/quote/ — make the company's quote, or revise it (the revision
 * number goes up) until the RFQ closes; POST …/quote/withdraw/ — take it back.
 */
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { tenantApi, unwrap, type RequestBody, type TenantPaths } from "@/lib/api";
import { inboxQueryKey } from "./inbox";
import { inboxRfqQueryKey } from "./inboxRfq";

export type QuoteInput = RequestBody<TenantPaths["/api/rfq-inbox/{rfq_id}/quote/"]["post"]>;
export type QuoteLineInput = QuoteInput["lines"][number];

export function createQuote({ rfqId, body }: { rfqId: number; body: QuoteInput }) {
  return unwrap(tenantApi.POST("/api/rfq-inbox/{rfq_id}/quote/", { params: { path: { rfq_id: rfqId } }, body }));
}

export function reviseQuote({ rfqId, body }: { rfqId: number; body: QuoteInput }) {
  return unwrap(tenantApi.PUT("/api/rfq-inbox/{rfq_id}/quote/", { params: { path: { rfq_id: rfqId } }, body }));
}

export function withdrawQuote({ rfqId }: { rfqId: number }) {
  return unwrap(tenantApi.POST("/api/rfq-inbox/{rfq_id}/quote/withdraw/", { params: { path: { rfq_id: rfqId } } }));
}

function useQuoteChange<A extends { rfqId: number }, R>(change: (args: A) => Promise<R>) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: change,
    onSuccess: (_, { rfqId }) =>
      Promise.all([
        queryClient.invalidateQueries({ queryKey: inboxRfqQueryKey(rfqId) }),
        queryClient.invalidateQueries({ queryKey: [...inboxQueryKey, "list"] }),
      ]),
  });
}

export const useCreateQuote = () => useQuoteChange(createQuote);
export const useReviseQuote = () => useQuoteChange(reviseQuote);
export const useWithdrawQuote = () => useQuoteChange(withdrawQuote);
