/** POST /api/finance/fiscal-years/ — open a fiscal year (its twelve periods); opening one that exists answers it. */
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { tenantApi, unwrap, type ResponseBody, type TenantPaths } from "@/lib/api";
import { newIdempotencyKey } from "./keys";
import { periodsKey } from "./periods";

type Op = TenantPaths["/api/finance/fiscal-years/"]["post"];
export type FiscalYear = ResponseBody<Op, 201>;

export function createFiscalYear(year: number): Promise<FiscalYear> {
  return unwrap(
    tenantApi.POST("/api/finance/fiscal-years/", {
      body: { year },
      headers: { "Idempotency-Key": newIdempotencyKey() },
    }),
  );
}

export function useCreateFiscalYear() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: createFiscalYear,
    onSuccess: () => queryClient.invalidateQueries({ queryKey: periodsKey }),
  });
}
