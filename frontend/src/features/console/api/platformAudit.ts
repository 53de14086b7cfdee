/** GET /api/console/audit/ — every company's entries and the platform's own, newest first. */
import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { publicApi, unwrap, type PageParams, type PublicPaths, type QueryParams, type ResponseBody } from "@/lib/api";
import { consoleKey, present } from "./fleet";

type Operation = PublicPaths["/api/console/audit/"]["get"];
export type PlatformAuditPage = ResponseBody<Operation>;
export type AuditEntry = PlatformAuditPage["results"][number];
export type PlatformAuditFilters = Pick<QueryParams<Operation>, "action" | "actor" | "company" | "since" | "until">;

export function usePlatformAudit(filters: PlatformAuditFilters, page: PageParams) {
  return useQuery({
    queryKey: [...consoleKey, "audit", present(filters), page],
    queryFn: () =>
      unwrap(publicApi.GET("/api/console/audit/", { params: { query: { ...present(filters), ...page } } })),
    placeholderData: keepPreviousData,
  });
}
