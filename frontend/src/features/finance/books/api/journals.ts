/** GET /api/finance/journals/ — the journals (GJ general, PUR purchases, SAL sales, BNK bank, BIL bills, INV inventory). */
import { useQuery } from "@tanstack/react-query";
import { allPages, tenantApi, unwrap, type ResponseBody, type TenantPaths } from "@/lib/api";
import { booksKey } from "./keys";

type Op = TenantPaths["/api/finance/journals/"]["get"];
export type Journal = ResponseBody<Op>["results"][number];

export function useJournals() {
  return useQuery({
    queryKey: [...booksKey, "journals"],
    queryFn: () => allPages((query) => unwrap(tenantApi.GET("/api/finance/journals/", { params: { query } }))),
    staleTime: 5 * 60_000,
  });
}
