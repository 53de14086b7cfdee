/**
 * The operator's actions on one company, each with a reason that lands in the platform audit:
 * POST .../status/ (suspend, reactivate), .../change-plan/, .../extend-trial/.
 */
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { publicApi, unwrap, type PublicPaths, type RequestBody } from "@/lib/api";
import { consoleKey } from "./fleet";

export type StatusChange = RequestBody<PublicPaths["/api/console/companies/{company_id}/status/"]["post"]>;
export type PlanChange = RequestBody<PublicPaths["/api/console/companies/{company_id}/change-plan/"]["post"]>;
export type TrialExtension = RequestBody<PublicPaths["/api/console/companies/{company_id}/extend-trial/"]["post"]>;

function useCompanyMutation<Body>(send: (body: Body) => Promise<unknown>) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: send,
    // The fleet, this company, its audit and the platform audit all change.
    onSuccess: () => queryClient.invalidateQueries({ queryKey: consoleKey }),
  });
}

export function useSetCompanyStatus(companyId: number) {
  return useCompanyMutation<StatusChange>((body) =>
    unwrap(
      publicApi.POST("/api/console/companies/{company_id}/status/", {
        params: { path: { company_id: companyId } },
        body,
      }),
    ),
  );
}

export function useChangePlan(companyId: number) {
  return useCompanyMutation<PlanChange>((body) =>
    unwrap(
      publicApi.POST("/api/console/companies/{company_id}/change-plan/", {
        params: { path: { company_id: companyId } },
        body,
      }),
    ),
  );
}

export function useExtendTrial(companyId: number) {
  return useCompanyMutation<TrialExtension>((body) =>
    unwrap(
      publicApi.POST("/api/console/companies/{company_id}/extend-trial/", {
        params: { path: { company_id: companyId } },
        body,
      }),
    ),
  );
}
