/** PATCH /api/finance/posting-rules/{posting_rule_id}/ — point a rule at another postable account. */
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { tenantApi, unwrap, type ResponseBody, type TenantPaths } from "@/lib/api";
import { rulesKey } from "./postingRules";

type Op = TenantPaths["/api/finance/posting-rules/{posting_rule_id}/"]["patch"];
export type UpdatedRule = ResponseBody<Op>;

export function updatePostingRule({ id, accountId }: { id: number; accountId: number }): Promise<UpdatedRule> {
  return unwrap(
    tenantApi.PATCH("/api/finance/posting-rules/{posting_rule_id}/", {
      params: { path: { posting_rule_id: id } },
      body: { account_id: accountId },
    }),
  );
}

export function useUpdatePostingRule() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: updatePostingRule,
    onSuccess: () => queryClient.invalidateQueries({ queryKey: rulesKey }),
  });
}
