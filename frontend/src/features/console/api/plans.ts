/** The plans editor: GET /api/console/plans/, POST .../versions/ (a new current version), POST .../migrate/. */
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { allPages, publicApi, unwrap, type PublicPaths, type RequestBody, type ResponseBody } from "@/lib/api";
import { consoleKey } from "./fleet";

export type ConsolePlan = ResponseBody<PublicPaths["/api/console/plans/"]["get"]>["results"][number];
export type PlanVersion = NonNullable<ConsolePlan["current_version"]>;
export type PlanVersionInput = RequestBody<PublicPaths["/api/console/plans/{plan_id}/versions/"]["post"]>;
export type MigrateResult = ResponseBody<PublicPaths["/api/console/plans/{plan_id}/migrate/"]["post"]>;

const plansKey = [...consoleKey, "plans"] as const;

export function usePlans() {
  return useQuery({
    queryKey: plansKey,
    queryFn: () => allPages((query) => unwrap(publicApi.GET("/api/console/plans/", { params: { query } }))),
  });
}

/** A fresh key per publish intent: a retry of the same submit is answered once. */
export function newIdempotencyKey(): string {
  return globalThis.crypto?.randomUUID?.() ?? `${Date.now()}-${Math.random().toString(36).slice(2)}`;
}

export function usePublishPlanVersion() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ planId, body, key }: { planId: number; body: PlanVersionInput; key: string }) =>
      unwrap(
        publicApi.POST("/api/console/plans/{plan_id}/versions/", {
          params: { path: { plan_id: planId }, header: { "Idempotency-Key": key } },
          body,
        }),
      ),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: consoleKey }),
  });
}

export function useMigratePlan() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ planId, reason }: { planId: number; reason: string }) =>
      unwrap(
        publicApi.POST("/api/console/plans/{plan_id}/migrate/", {
          params: { path: { plan_id: planId } },
          body: { reason },
        }),
      ),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: consoleKey }),
  });
}
