/**
 * The replenishment API (/api/supplychain/replenishment/…): policies agreed by both sides, running
 * replenishment (supplier), proposals sent (supplier) and received (buyer) with accept/decline, and the
 * buyer's acceptance rules. Writes invalidate everything under one key.
 */
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import {
  allPages,
  type PageItem,
  type QueryParams,
  type RequestBody,
  type ResponseBody,
  tenantApi,
  type TenantPaths,
  unwrap,
  unwrapEmpty,
} from "@/lib/api";

export const replenishmentKey = ["supplychain", "replenishment"] as const;

type Paths = TenantPaths;
export type Policy = PageItem<ResponseBody<Paths["/api/supplychain/replenishment/policies/"]["get"]>>;
export type PolicyInput = RequestBody<Paths["/api/supplychain/replenishment/policies/"]["post"]>;
export type PolicyChange = RequestBody<Paths["/api/supplychain/replenishment/policies/{policy_id}/"]["patch"]>;
export type Proposal = PageItem<ResponseBody<Paths["/api/supplychain/replenishment/proposals/"]["get"]>>;
export type RunResult = ResponseBody<Paths["/api/supplychain/replenishment/run/"]["post"]>;
export type Received = PageItem<ResponseBody<Paths["/api/supplychain/replenishment/received/"]["get"]>>;
export type ReceivedQuery = QueryParams<Paths["/api/supplychain/replenishment/received/"]["get"]>;
export type Rule = PageItem<ResponseBody<Paths["/api/supplychain/replenishment/acceptance-rules/"]["get"]>>;
export type RuleInput = RequestBody<Paths["/api/supplychain/replenishment/acceptance-rules/"]["post"]>;
export type RuleChange = RequestBody<
  Paths["/api/supplychain/replenishment/acceptance-rules/{acceptance_rule_id}/"]["patch"]
>;

export function usePolicies() {
  return useQuery({
    queryKey: [...replenishmentKey, "policies"],
    queryFn: () =>
      allPages((query) => unwrap(tenantApi.GET("/api/supplychain/replenishment/policies/", { params: { query } }))),
  });
}

export function useProposals() {
  return useQuery({
    queryKey: [...replenishmentKey, "proposals"],
    queryFn: () =>
      allPages((query) => unwrap(tenantApi.GET("/api/supplychain/replenishment/proposals/", { params: { query } }))),
  });
}

export function useReceived(status: ReceivedQuery["status"]) {
  return useQuery({
    queryKey: [...replenishmentKey, "received", status ?? "all"],
    queryFn: () =>
      allPages((query) =>
        unwrap(tenantApi.GET("/api/supplychain/replenishment/received/", { params: { query: { ...query, status } } })),
      ),
  });
}

export function useRules({ enabled = true }: { enabled?: boolean } = {}) {
  return useQuery({
    queryKey: [...replenishmentKey, "rules"],
    queryFn: () =>
      allPages((query) =>
        unwrap(tenantApi.GET("/api/supplychain/replenishment/acceptance-rules/", { params: { query } })),
      ),
    enabled,
  });
}

/** Every write of the feature: run it, then refresh the feature's lists. */
function useWrite<Input, Output>(write: (input: Input) => Promise<Output>) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: write,
    onSuccess: () => client.invalidateQueries({ queryKey: replenishmentKey }),
  });
}

export function useProposePolicy(idempotencyKey: () => string) {
  return useWrite((body: PolicyInput) =>
    unwrap(
      tenantApi.POST("/api/supplychain/replenishment/policies/", {
        body,
        headers: { "Idempotency-Key": idempotencyKey() },
      }),
    ),
  );
}

export function useChangePolicy() {
  return useWrite(({ id, body }: { id: number; body: PolicyChange }) =>
    unwrap(
      tenantApi.PATCH("/api/supplychain/replenishment/policies/{policy_id}/", {
        params: { path: { policy_id: id } },
        body,
      }),
    ),
  );
}

export function useAgreePolicy() {
  return useWrite(({ id, version }: { id: number; version: number }) =>
    unwrap(
      tenantApi.POST("/api/supplychain/replenishment/policies/{policy_id}/agree/", {
        params: { path: { policy_id: id } },
        body: { version },
      }),
    ),
  );
}

export function useRun() {
  return useWrite(() => unwrap(tenantApi.POST("/api/supplychain/replenishment/run/", { body: {} })));
}

export function useAccept() {
  return useWrite((id: number) =>
    unwrap(
      tenantApi.POST("/api/supplychain/replenishment/received/{proposal_id}/accept/", {
        params: { path: { proposal_id: id } },
      }),
    ),
  );
}

export function useDecline() {
  return useWrite(({ id, reason }: { id: number; reason: string }) =>
    unwrap(
      tenantApi.POST("/api/supplychain/replenishment/received/{proposal_id}/decline/", {
        params: { path: { proposal_id: id } },
        body: { reason },
      }),
    ),
  );
}

export function useCreateRule(idempotencyKey: () => string) {
  return useWrite((body: RuleInput) =>
    unwrap(
      tenantApi.POST("/api/supplychain/replenishment/acceptance-rules/", {
        body,
        headers: { "Idempotency-Key": idempotencyKey() },
      }),
    ),
  );
}

export function useChangeRule() {
  return useWrite(({ id, body }: { id: number; body: RuleChange }) =>
    unwrap(
      tenantApi.PATCH("/api/supplychain/replenishment/acceptance-rules/{acceptance_rule_id}/", {
        params: { path: { acceptance_rule_id: id } },
        body,
      }),
    ),
  );
}

export function useDeleteRule() {
  return useWrite((id: number) =>
    unwrapEmpty(
      tenantApi.DELETE("/api/supplychain/replenishment/acceptance-rules/{acceptance_rule_id}/", {
        params: { path: { acceptance_rule_id: id } },
      }),
    ),
  );
}

/** The company's trading partners (suppliers a rule may name). */
export function usePartners() {
  return useQuery({
    queryKey: [...replenishmentKey, "partners"],
    queryFn: () => allPages((query) => unwrap(tenantApi.GET("/api/trading-partners/", { params: { query } }))),
  });
}

/** Grants received or given, to pick when proposing a policy (the sharing part's API, read only). */
export type SharedRow = { grant_id: number; item_id: number; sku: string; label: string };
