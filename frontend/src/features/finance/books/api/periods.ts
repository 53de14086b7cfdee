/** GET /api/finance/periods/ — the fiscal periods (months), oldest first. */
import { useQuery } from "@tanstack/react-query";
import { allPages, tenantApi, unwrap, type QueryParams, type ResponseBody, type TenantPaths } from "@/lib/api";
import { booksKey } from "./keys";

type Path = TenantPaths["/api/finance/periods/"];
export type PeriodPage = ResponseBody<Path["get"]>;
export type Period = PeriodPage["results"][number];
export type PeriodQuery = QueryParams<Path["get"]>;

export const periodsKey = [...booksKey, "periods"] as const;

export function getPeriods(query: PeriodQuery): Promise<PeriodPage> {
  return unwrap(tenantApi.GET("/api/finance/periods/", { params: { query } }));
}

/** Every period (twelve a year): the periods page groups them by fiscal year, the filters list them. */
export function usePeriods() {
  return useQuery({ queryKey: [...periodsKey, "all"], queryFn: () => allPages((page) => getPeriods(page)) });
}
