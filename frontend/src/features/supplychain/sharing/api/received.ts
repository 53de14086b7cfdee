/**
 * The partner's side of inventory sharing: GET /api/supplychain/received-grants/ (grants held now) and
 * GET /api/supplychain/shared-stock/ (the figures owners publish under them; polled, as they change with
 * every stock movement of the owner).
 */
import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { tenantApi, unwrap, type PageParams, type ResponseBody, type TenantPaths } from "@/lib/api";
import { sharingQueryKey } from "./keys";

export type ReceivedGrant = ResponseBody<TenantPaths["/api/supplychain/received-grants/{grant_id}/"]["get"]>;
type StockPage = ResponseBody<TenantPaths["/api/supplychain/shared-stock/"]["get"]>;
export type SharedStockRow = StockPage["results"][number];

/** How often the shared stock view asks again (the owner's publish lands within seconds of a movement). */
export const SHARED_STOCK_REFRESH_MS = 5000;

export function useGrantsReceived(query: PageParams) {
  return useQuery({
    queryKey: [...sharingQueryKey, "received", query],
    queryFn: () => unwrap(tenantApi.GET("/api/supplychain/received-grants/", { params: { query } })),
    placeholderData: keepPreviousData,
  });
}

export interface SharedStockQuery extends PageParams {
  grant_id?: number;
  owner_id?: number;
  search?: string;
  below_reorder_point?: boolean;
}

export function useSharedStock(query: SharedStockQuery) {
  return useQuery({
    queryKey: [...sharingQueryKey, "stock", query],
    queryFn: () => unwrap(tenantApi.GET("/api/supplychain/shared-stock/", { params: { query } })),
    placeholderData: keepPreviousData,
    refetchInterval: SHARED_STOCK_REFRESH_MS,
  });
}
