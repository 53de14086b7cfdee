/** GET and PATCH /api/finance/settings/ — how the books are kept: chart, functional currency, tolerances, tax id. */
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { tenantApi, unwrap, type RequestBody, type ResponseBody, type TenantPaths } from "@/lib/api";
import { booksKey } from "./keys";

type Path = TenantPaths["/api/finance/settings/"];
export type FinanceSettings = ResponseBody<Path["get"]>;
export type FinanceSettingsInput = RequestBody<Path["patch"]>;

export const settingsKey = [...booksKey, "settings"] as const;

export function getFinanceSettings(): Promise<FinanceSettings> {
  return unwrap(tenantApi.GET("/api/finance/settings/"));
}

export function useFinanceSettings() {
  return useQuery({ queryKey: settingsKey, queryFn: getFinanceSettings });
}

export function updateFinanceSettings(body: FinanceSettingsInput): Promise<FinanceSettings> {
  return unwrap(tenantApi.PATCH("/api/finance/settings/", { body }));
}

export function useUpdateFinanceSettings() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: updateFinanceSettings,
    onSuccess: (settings) => queryClient.setQueryData(settingsKey, settings),
  });
}
