/**
 * GET and POST /api/approval-rules/, PUT and DELETE …/{rule_id}/ — the approval rules, in the order they
 * are tried (lowest priority first); the first active one that matches an order decides its steps.
 */
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import {
  allPages,
  type PageItem,
  type RequestBody,
  type ResponseBody,
  tenantApi,
  type TenantPaths,
  unwrap,
  unwrapEmpty,
} from "@/lib/api";

type Path = TenantPaths["/api/approval-rules/"];
export type ApprovalRule = PageItem<ResponseBody<Path["get"]>>;
export type RuleStep = ApprovalRule["steps"][number];
export type RuleInput = RequestBody<Path["post"]>;
export type RuleStepInput = RuleInput["steps"][number];
export type StepMode = NonNullable<RuleStepInput["mode"]>;

export const rulesQueryKey = ["approvals", "rules"] as const;

export function getRules(): Promise<ApprovalRule[]> {
  return allPages((query) => unwrap(tenantApi.GET("/api/approval-rules/", { params: { query } })));
}

export function useRules() {
  return useQuery({ queryKey: rulesQueryKey, queryFn: getRules });
}

export function createRule(body: RuleInput): Promise<ApprovalRule> {
  return unwrap(tenantApi.POST("/api/approval-rules/", { body }));
}

export function updateRule({ id, body }: { id: number; body: RuleInput }): Promise<ApprovalRule> {
  return unwrap(tenantApi.PUT("/api/approval-rules/{rule_id}/", { params: { path: { rule_id: id } }, body }));
}

export function deleteRule(id: number): Promise<void> {
  return unwrapEmpty(tenantApi.DELETE("/api/approval-rules/{rule_id}/", { params: { path: { rule_id: id } } }));
}

function useRuleChange<A, R>(change: (args: A) => Promise<R>) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: change,
    onSuccess: () => queryClient.invalidateQueries({ queryKey: rulesQueryKey }),
  });
}

export const useCreateRule = () => useRuleChange(createRule);
export const useUpdateRule = () => useRuleChange(updateRule);
export const useDeleteRule = () => useRuleChange(deleteRule);
