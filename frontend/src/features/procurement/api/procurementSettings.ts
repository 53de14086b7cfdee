/**
 * GET and PUT /api/procurement-settings/ — whether an order no approval rule matches is approved at once
 * (off by default) and how far a rate typed on an order may lie from the rate table's. Changing them
 * needs approval.rules.
 */
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { type RequestBody, type ResponseBody, tenantApi, type TenantPaths, unwrap } from "@/lib/api";

type Path = TenantPaths["/api/procurement-settings/"];
export type ProcurementSettings = ResponseBody<Path["get"]>;
export type ProcurementSettingsInput = RequestBody<Path["put"]>;

export const procurementSettingsQueryKey = ["procurement", "settings"] as const;

export function getProcurementSettings(): Promise<ProcurementSettings> {
  return unwrap(tenantApi.GET("/api/procurement-settings/"));
}

export function useProcurementSettings() {
  return useQuery({ queryKey: procurementSettingsQueryKey, queryFn: getProcurementSettings });
}

export function updateProcurementSettings(body: ProcurementSettingsInput): Promise<ProcurementSettings> {
  return unwrap(tenantApi.PUT("/api/procurement-settings/", { body }));
}

export function useUpdateProcurementSettings() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: updateProcurementSettings,
    onSuccess: (data) => queryClient.setQueryData(procurementSettingsQueryKey, data),
  });
}
