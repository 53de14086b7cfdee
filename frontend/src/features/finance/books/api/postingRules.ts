/** GET /api/finance/posting-rules/ — the rule table: for each business event, the account of each component. */
import { useQuery } from "@tanstack/react-query";
import { allPages, tenantApi, unwrap, type ResponseBody, type TenantPaths } from "@/lib/api";
import { booksKey } from "./keys";

type Op = TenantPaths["/api/finance/posting-rules/"]["get"];
export type PostingRule = ResponseBody<Op>["results"][number];

export const rulesKey = [...booksKey, "rules"] as const;

export function usePostingRules() {
  return useQuery({
    queryKey: rulesKey,
    queryFn: () => allPages((query) => unwrap(tenantApi.GET("/api/finance/posting-rules/", { params: { query } }))),
  });
}
