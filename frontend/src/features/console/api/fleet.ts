/** GET /api/console/companies/ — the fleet: searched, filtered, sorted, a page at a time. */
import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { publicApi, unwrap, type PageParams, type PublicPaths, type QueryParams, type ResponseBody } from "@/lib/api";

type Operation = PublicPaths["/api/console/companies/"]["get"];
export type FleetPage = ResponseBody<Operation>;
export type FleetCompany = FleetPage["results"][number];
export type FleetQuery = QueryParams<Operation>;
export type FleetFilters = Pick<FleetQuery, "q" | "status" | "plan" | "subscription_status" | "ordering">;

export const consoleKey = ["console"] as const;
export const fleetKey = [...consoleKey, "fleet"] as const;

/** The filters without their empty values, so that they are not sent. */
export function present<T extends object>(filters: T): T {
  return Object.fromEntries(Object.entries(filters).filter(([, value]) => value !== undefined && value !== "")) as T;
}

export function getFleet(filters: FleetFilters, page: PageParams): Promise<FleetPage> {
  return unwrap(publicApi.GET("/api/console/companies/", { params: { query: { ...present(filters), ...page } } }));
}

export function useFleet(filters: FleetFilters, page: PageParams) {
  return useQuery({
    queryKey: [...fleetKey, present(filters), page],
    queryFn: () => getFleet(filters, page),
    placeholderData: keepPreviousData,
  });
}
