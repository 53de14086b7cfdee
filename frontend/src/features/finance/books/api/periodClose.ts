/** POST /api/finance/periods/{period_id}/close/ — close a period (nothing posts into it afterwards). */
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { tenantApi, unwrap, type ResponseBody, type TenantPaths } from "@/lib/api";
import { booksKey } from "./keys";

type Op = TenantPaths["/api/finance/periods/{period_id}/close/"]["post"];
export type ClosedPeriod = ResponseBody<Op>;

export function closePeriod({ id, reason }: { id: number; reason: string }): Promise<ClosedPeriod> {
  return unwrap(
    tenantApi.POST("/api/finance/periods/{period_id}/close/", {
      params: { path: { period_id: id } },
      body: { reason },
    }),
  );
}

export function useClosePeriod() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: closePeriod,
    onSuccess: () => queryClient.invalidateQueries({ queryKey: booksKey }),
  });
}
