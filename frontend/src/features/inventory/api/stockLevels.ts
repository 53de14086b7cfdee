/** GET /api/inventory/stock-levels/ — on hand, reserved and available per item and warehouse (by SKU, then warehouse). */
import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { tenantApi, unwrap, type QueryParams, type ResponseBody, type TenantPaths } from "@/lib/api";
import { inventoryKey } from "./keys";

type Path = TenantPaths["/api/inventory/stock-levels/"];
export type StockLevelPage = ResponseBody<Path["get"]>;
export type StockLevel = StockLevelPage["results"][number];
export type StockLevelQuery = QueryParams<Path["get"]>;

export function getStockLevels(query: StockLevelQuery): Promise<StockLevelPage> {
  return unwrap(tenantApi.GET("/api/inventory/stock-levels/", { params: { query } }));
}

export function useStockLevels(query: StockLevelQuery, { enabled = true }: { enabled?: boolean } = {}) {
  return useQuery({
    queryKey: [...inventoryKey, "stock-levels", query],
    queryFn: () => getStockLevels(query),
    placeholderData: keepPreviousData,
    enabled,
  });
}
