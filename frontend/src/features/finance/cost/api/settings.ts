/** GET and PATCH /api/finance/cost/settings/ — labour cost and overhead per labour hour (`finance.post`). */
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { tenantApi, unwrap, type RequestBody, type ResponseBody, type TenantPaths } from "@/lib/api";
import { costKey } from "./keys";

type Path = TenantPaths["/api/finance/cost/settings/"];
export type CostSettings = ResponseBody<Path["get"]>;
export type CostSettingsInput = RequestBody<Path["patch"]>;

export function useCostSettings() {
  return useQuery({
    queryKey: [...costKey, "settings"],
    queryFn: () => unwrap(tenantApi.GET("/api/finance/cost/settings/")),
  });
}

export function useUpdateCostSettings() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: CostSettingsInput) => unwrap(tenantApi.PATCH("/api/finance/cost/settings/", { body })),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: costKey }),
  });
}
