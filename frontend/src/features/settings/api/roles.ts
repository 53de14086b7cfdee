/** GET /api/roles/ — the roles a member can hold and the permissions each grants. */
import { useQuery } from "@tanstack/react-query";
import { allPages, type PageItem, type ResponseBody, tenantApi, type TenantPaths, unwrap } from "@/lib/api";

export type Role = PageItem<ResponseBody<TenantPaths["/api/roles/"]["get"]>>;

export const rolesQueryKey = ["roles"] as const;

export function getRoles(): Promise<Role[]> {
  return allPages((query) => unwrap(tenantApi.GET("/api/roles/", { params: { query } })));
}

/** The same for every company and only changed by a deploy: read once per page load. */
export function useRoles() {
  return useQuery({ queryKey: rolesQueryKey, queryFn: getRoles, staleTime: Infinity });
}
