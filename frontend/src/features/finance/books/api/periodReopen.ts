/** POST /api/finance/periods/{period_id}/reopen/ — reopen the latest closed period, with a reason. */
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { tenantApi, unwrap, type ResponseBody, type TenantPaths } from "@/lib/api";
import { booksKey } from "./keys";

type Op = TenantPaths["/api/finance/periods/{period_id}/reopen/"]["post"];
export type ReopenedPeriod = ResponseBody<Op>;

export function reopenPeriod({ id, reason }: { id: number; reason: string }): Promise<ReopenedPeriod> {
  return unwrap(
    tenantApi.POST("/api/finance/periods/{period_id}/reopen/", {
      params: { path: { period_id: id } },
      body: { reason },
    }),
  );
}

export function useReopenPeriod() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: reopenPeriod,
    onSuccess: () => queryClient.invalidateQueries({ queryKey: booksKey }),
  });
}
