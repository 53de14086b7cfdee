/** GET /api/members/ — the company's active members, a page at a time. */
import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { tenantApi, unwrap, type PageParams, type ResponseBody, type TenantPaths } from "@/lib/api";

export type MemberPage = ResponseBody<TenantPaths["/api/members/"]["get"]>;
export type Member = MemberPage["results"][number];

export const membersQueryKey = ["members"] as const;

export function getMembers(query: PageParams): Promise<MemberPage> {
  return unwrap(tenantApi.GET("/api/members/", { params: { query } }));
}

export function useMembers(query: PageParams) {
  return useQuery({
    queryKey: [...membersQueryKey, query],
    queryFn: () => getMembers(query),
    placeholderData: keepPreviousData,
  });
}
