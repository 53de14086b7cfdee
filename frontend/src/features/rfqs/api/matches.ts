/** GET /api/rfqs/{rfq_id}/matches/ — who the draft matches now, ranked, with score and why (nothing stored). */
import { useQuery } from "@tanstack/react-query";
import { tenantApi, unwrap, type ResponseBody, type TenantPaths } from "@/lib/api";

export type MatchPage = ResponseBody<TenantPaths["/api/rfqs/{rfq_id}/matches/"]["get"]>;
export type Match = MatchPage["results"][number];
export type MatchReasons = Match["reasons"];

export function getMatches(id: number, page: number, pageSize: number): Promise<MatchPage> {
  return unwrap(
    tenantApi.GET("/api/rfqs/{rfq_id}/matches/", {
      params: { path: { rfq_id: id }, query: { page, page_size: pageSize } },
    }),
  );
}

export function useMatches(id: number, page: number, pageSize: number, enabled = true) {
  return useQuery({
    queryKey: ["rfqs", id, "matches", page, pageSize],
    queryFn: () => getMatches(id, page, pageSize),
    enabled,
  });
}
