/** GET /api/audit/ — the company's audit log, newest first, filtered and a page at a time. */
import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { tenantApi, unwrap, type PageParams, type ResponseBody, type TenantPaths } from "@/lib/api";

type Operation = TenantPaths["/api/audit/"]["get"];
export type AuditPage = ResponseBody<Operation>;
export type AuditEntry = AuditPage["results"][number];

/** `action`: exact (`member.removed`) or a prefix ending in "."; `since` inclusive, `until` exclusive. */
export interface AuditFilters {
  action?: string;
  actor?: string;
  since?: string;
  until?: string;
}

export const auditQueryKey = ["audit"] as const;

/** The filters without their empty values, so that they are not sent. */
function present(filters: AuditFilters): AuditFilters {
  return Object.fromEntries(Object.entries(filters).filter(([, value]) => Boolean(value))) as AuditFilters;
}

export function getAuditEntries(filters: AuditFilters, page: PageParams): Promise<AuditPage> {
  return unwrap(tenantApi.GET("/api/audit/", { params: { query: { ...present(filters), ...page } } }));
}

export function useAuditEntries(filters: AuditFilters, page: PageParams) {
  return useQuery({
    queryKey: [...auditQueryKey, present(filters), page],
    queryFn: () => getAuditEntries(filters, page),
    placeholderData: keepPreviousData,
  });
}
