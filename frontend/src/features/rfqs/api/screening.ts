/** GET and PUT /api/rfq-screening/ — the buyer's default ranking weights and top N for new RFQs. */
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { tenantApi, unwrap, type ResponseBody, type TenantPaths } from "@/lib/api";

export type Screening = ResponseBody<TenantPaths["/api/rfq-screening/"]["get"]>;

export const screeningQueryKey = ["rfq-screening"] as const;

export function getScreening(): Promise<Screening> {
  return unwrap(tenantApi.GET("/api/rfq-screening/"));
}

export function useScreening() {
  return useQuery({ queryKey: screeningQueryKey, queryFn: getScreening });
}

export function saveScreening(body: Screening): Promise<Screening> {
  return unwrap(tenantApi.PUT("/api/rfq-screening/", { body }));
}

export function useSaveScreening() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: saveScreening,
    onSuccess: (screening) => queryClient.setQueryData(screeningQueryKey, screening),
  });
}
