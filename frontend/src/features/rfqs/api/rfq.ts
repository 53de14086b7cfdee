/** GET and PATCH /api/rfqs/{rfq_id}/ — one RFQ of the company (PATCH: drafts only). */
import { useMutation, useQuery, useQueryClient, type QueryClient } from "@tanstack/react-query";
import { tenantApi, unwrap, type RequestBody, type TenantPaths } from "@/lib/api";
import { rfqsQueryKey, type Rfq } from "./rfqs";

export type RfqUpdate = RequestBody<TenantPaths["/api/rfqs/{rfq_id}/"]["patch"]>;

export const rfqQueryKey = (id: number) => ["rfqs", "detail", id] as const;

export function getRfq(id: number): Promise<Rfq> {
  return unwrap(tenantApi.GET("/api/rfqs/{rfq_id}/", { params: { path: { rfq_id: id } } }));
}

/** The RFQ; read again every 30 s while it is open, so the quote count and closing show up. */
export function useRfq(id: number | null) {
  return useQuery({
    queryKey: rfqQueryKey(id ?? 0),
    queryFn: () => getRfq(id ?? 0),
    enabled: id !== null,
    refetchInterval: (query) => (query.state.data?.status === "open" ? 30_000 : false),
  });
}

/** After a change of an RFQ: its page, the list, and everything hanging off it (matches, invitations). */
export async function rfqChanged(queryClient: QueryClient, rfq: Rfq): Promise<void> {
  queryClient.setQueryData(rfqQueryKey(rfq.id), rfq);
  await Promise.all([
    queryClient.invalidateQueries({ queryKey: [...rfqsQueryKey, "list"] }),
    queryClient.invalidateQueries({ queryKey: ["rfqs", rfq.id] }),
  ]);
}

export function updateRfq({ id, body }: { id: number; body: RfqUpdate }): Promise<Rfq> {
  return unwrap(tenantApi.PATCH("/api/rfqs/{rfq_id}/", { params: { path: { rfq_id: id } }, body }));
}

export function useUpdateRfq() {
  const queryClient = useQueryClient();
  return useMutation({ mutationFn: updateRfq, onSuccess: (rfq) => rfqChanged(queryClient, rfq) });
}
