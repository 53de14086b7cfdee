/**
 * GET /api/finance/cost/items/ — moving-average cost per item and warehouse;
 * GET /api/finance/cost/movements/ — the cost ledger of an item (receipts, issues, landed costs...).
 */
import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { tenantApi, unwrap, type QueryParams, type ResponseBody, type TenantPaths } from "@/lib/api";
import { costKey } from "./keys";

type Items = TenantPaths["/api/finance/cost/items/"]["get"];
type Movements = TenantPaths["/api/finance/cost/movements/"]["get"];
export type ItemCostPage = ResponseBody<Items>;
export type ItemCost = ItemCostPage["results"][number];
export type ItemCostQuery = QueryParams<Items>;
export type CostMovementPage = ResponseBody<Movements>;
export type CostMovement = CostMovementPage["results"][number];
export type CostMovementQuery = QueryParams<Movements>;

export function useItemCosts(query: ItemCostQuery) {
  return useQuery({
    queryKey: [...costKey, "items", query],
    queryFn: () => unwrap(tenantApi.GET("/api/finance/cost/items/", { params: { query } })),
    placeholderData: keepPreviousData,
  });
}

export function useCostMovements(query: CostMovementQuery, { enabled = true }: { enabled?: boolean } = {}) {
  return useQuery({
    queryKey: [...costKey, "movements", query],
    queryFn: () => unwrap(tenantApi.GET("/api/finance/cost/movements/", { params: { query } })),
    placeholderData: keepPreviousData,
    enabled,
  });
}
