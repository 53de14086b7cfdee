/** GET /api/console/companies/{company_id}/ and its audit trail (operators). */
import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { publicApi, unwrap, type PageParams, type PublicPaths, type ResponseBody } from "@/lib/api";
import { consoleKey } from "./fleet";

export type CompanyDetail = ResponseBody<PublicPaths["/api/console/companies/{company_id}/"]["get"]>;
export type CompanySubscription = NonNullable<CompanyDetail["subscription"]>;
export type SubscriptionEvent = CompanyDetail["events"][number];
export type MeterUsage = CompanyDetail["usage"][number];
export type CompanyAuditPage = ResponseBody<PublicPaths["/api/console/companies/{company_id}/audit/"]["get"]>;

export const companyKey = (companyId: number) => [...consoleKey, "company", companyId] as const;

export function useCompany(companyId: number) {
  return useQuery({
    queryKey: companyKey(companyId),
    queryFn: () =>
      unwrap(publicApi.GET("/api/console/companies/{company_id}/", { params: { path: { company_id: companyId } } })),
  });
}

export function useCompanyAudit(companyId: number, page: PageParams) {
  return useQuery({
    queryKey: [...companyKey(companyId), "audit", page],
    queryFn: () =>
      unwrap(
        publicApi.GET("/api/console/companies/{company_id}/audit/", {
          params: { path: { company_id: companyId }, query: page },
        }),
      ),
    placeholderData: keepPreviousData,
  });
}
