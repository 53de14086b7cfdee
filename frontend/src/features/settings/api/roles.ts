/** GET /api/roles/ — the roles a member can hold and the permissions each grants. */
import { useQuery } from "@tanstack/react-query";
import { tenantApi, unwrap, type ResponseBody, type TenantPaths } from "@/lib/api";

export type Role = ResponseBody<TenantPaths["/api/roles/"]["get"]>[number];

export const rolesQueryKey = ["roles"] as const;

export function getRoles(): Promise<Role[]> {
  return unwrap(tenantApi.GET("/api/roles/"));
}

/** The same for every company and only changed by a deploy: read once per page load. */
export function useRoles() {
  return useQuery({ queryKey: rolesQueryKey, queryFn: getRoles, staleTime: Infinity });
}
