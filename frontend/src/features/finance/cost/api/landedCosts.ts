/**
 * GET /api/finance/cost/receipts/ — goods receipts with their costed lines;
 * GET /api/finance/cost/landed-costs/ — landed costs applied so far;
 * POST /api/finance/cost/landed-costs/ — allocate freight, duty and insurance to receipts (`finance.post`).
 */
import { keepPreviousData, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { tenantApi, unwrap, type QueryParams, type RequestBody, type ResponseBody, type TenantPaths } from "@/lib/api";
import { costKey } from "./keys";

type Receipts = TenantPaths["/api/finance/cost/receipts/"]["get"];
type LandedCosts = TenantPaths["/api/finance/cost/landed-costs/"];
export type CostReceiptPage = ResponseBody<Receipts>;
export type CostReceipt = CostReceiptPage["results"][number];
export type CostReceiptQuery = QueryParams<Receipts>;
export type LandedCostPage = ResponseBody<LandedCosts["get"]>;
export type LandedCost = LandedCostPage["results"][number];
export type LandedCostQuery = QueryParams<LandedCosts["get"]>;
export type LandedCostInput = RequestBody<LandedCosts["post"]>;

export function useCostReceipts(query: CostReceiptQuery) {
  return useQuery({
    queryKey: [...costKey, "receipts", query],
    queryFn: () => unwrap(tenantApi.GET("/api/finance/cost/receipts/", { params: { query } })),
    placeholderData: keepPreviousData,
  });
}

export function useLandedCosts(query: LandedCostQuery) {
  return useQuery({
    queryKey: [...costKey, "landed", query],
    queryFn: () => unwrap(tenantApi.GET("/api/finance/cost/landed-costs/", { params: { query } })),
    placeholderData: keepPreviousData,
  });
}

export function useApplyLandedCost() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ body, idempotencyKey }: { body: LandedCostInput; idempotencyKey: string }) =>
      unwrap(
        tenantApi.POST("/api/finance/cost/landed-costs/", { body, headers: { "Idempotency-Key": idempotencyKey } }),
      ),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: costKey }),
  });
}
