/** GET /api/rfqs/{rfq_id}/quotes/ — the submitted quotes with their terms (after closing when sealed). */
import { useQuery } from "@tanstack/react-query";
import { tenantApi, unwrap, type ResponseBody, type TenantPaths } from "@/lib/api";

export type QuotePage = ResponseBody<TenantPaths["/api/rfqs/{rfq_id}/quotes/"]["get"]>;
export type BuyerQuote = QuotePage["results"][number];

export function getQuotes(id: number): Promise<QuotePage> {
  return unwrap(
    tenantApi.GET("/api/rfqs/{rfq_id}/quotes/", { params: { path: { rfq_id: id }, query: { page_size: 200 } } }),
  );
}

export function useQuotes(id: number, enabled = true) {
  return useQuery({ queryKey: ["rfqs", id, "quotes"], queryFn: () => getQuotes(id), enabled });
}
