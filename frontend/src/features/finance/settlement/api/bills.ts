/**
 * GET /api/finance/bills/ and /api/finance/bills/{bill_id}/ — commercial bills with their event chain;
 * POST /api/finance/bills/{bill_id}/<step>/ — one step of a bill's life.
 */
import { keepPreviousData, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { tenantApi, unwrap, type PageParams, type RequestBody, type ResponseBody, type TenantPaths } from "@/lib/api";
import { settlementQueryKey } from "./keys";

export type Bill = ResponseBody<TenantPaths["/api/finance/bills/{bill_id}/"]["get"]>;
export type BillStepInput = RequestBody<TenantPaths["/api/finance/bills/{bill_id}/accept/"]["post"]>;
export const BILL_STEPS = ["accept", "endorse", "discount", "present", "settle", "dishonour"] as const;
export type BillStep = (typeof BILL_STEPS)[number];

export function useBills(query: PageParams & { direction?: "payable" | "receivable" }) {
  return useQuery({
    queryKey: [...settlementQueryKey, "bills", query],
    queryFn: () => unwrap(tenantApi.GET("/api/finance/bills/", { params: { query } })),
    placeholderData: keepPreviousData,
  });
}

export function useBill(id: number) {
  return useQuery({
    queryKey: [...settlementQueryKey, "bill", id],
    queryFn: () => unwrap(tenantApi.GET("/api/finance/bills/{bill_id}/", { params: { path: { bill_id: id } } })),
  });
}

export function billStep({ id, step, body }: { id: number; step: BillStep; body: BillStepInput }): Promise<Bill> {
  const params = { path: { bill_id: id } };
  switch (step) {
    case "accept":
      return unwrap(tenantApi.POST("/api/finance/bills/{bill_id}/accept/", { params, body }));
    case "endorse":
      return unwrap(tenantApi.POST("/api/finance/bills/{bill_id}/endorse/", { params, body }));
    case "discount":
      return unwrap(tenantApi.POST("/api/finance/bills/{bill_id}/discount/", { params, body }));
    case "present":
      return unwrap(tenantApi.POST("/api/finance/bills/{bill_id}/present/", { params, body }));
    case "settle":
      return unwrap(tenantApi.POST("/api/finance/bills/{bill_id}/settle/", { params, body }));
    case "dishonour":
      return unwrap(tenantApi.POST("/api/finance/bills/{bill_id}/dishonour/", { params, body }));
  }
}

export function useBillStep() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: billStep,
    onSuccess: async (bill) => {
      queryClient.setQueryData([...settlementQueryKey, "bill", bill.id], bill);
      await queryClient.invalidateQueries({ queryKey: settlementQueryKey });
    },
  });
}
