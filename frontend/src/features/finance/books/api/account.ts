/** GET and PATCH /api/finance/accounts/{account_id}/ — one account; PATCH renames, (de)activates it or sets its cash flag. */
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { tenantApi, unwrap, type RequestBody, type ResponseBody, type TenantPaths } from "@/lib/api";
import { accountsKey } from "./accounts";

type Path = TenantPaths["/api/finance/accounts/{account_id}/"];
export type AccountDetail = ResponseBody<Path["get"]>;
export type AccountChanges = RequestBody<Path["patch"]>;

export function getAccount(accountId: number): Promise<AccountDetail> {
  return unwrap(tenantApi.GET("/api/finance/accounts/{account_id}/", { params: { path: { account_id: accountId } } }));
}

export function useAccount(accountId: number | null) {
  return useQuery({
    queryKey: [...accountsKey, "one", accountId],
    queryFn: () => getAccount(accountId ?? 0),
    enabled: accountId !== null,
  });
}

export function updateAccount({ id, body }: { id: number; body: AccountChanges }): Promise<AccountDetail> {
  return unwrap(tenantApi.PATCH("/api/finance/accounts/{account_id}/", { params: { path: { account_id: id } }, body }));
}

export function useUpdateAccount() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: updateAccount,
    onSuccess: () => queryClient.invalidateQueries({ queryKey: accountsKey }),
  });
}
