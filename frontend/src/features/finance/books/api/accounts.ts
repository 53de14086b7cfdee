/** GET and POST /api/finance/accounts/ — the chart of accounts by code; POST adds an account. */
import { keepPreviousData, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import {
  allPages,
  tenantApi,
  unwrap,
  type QueryParams,
  type RequestBody,
  type ResponseBody,
  type TenantPaths,
} from "@/lib/api";
import { booksKey } from "./keys";

type Path = TenantPaths["/api/finance/accounts/"];
export type AccountPage = ResponseBody<Path["get"]>;
export type Account = AccountPage["results"][number];
export type AccountType = Account["type"];
export type AccountQuery = QueryParams<Path["get"]>;
export type AccountInput = RequestBody<Path["post"]>;

export const ACCOUNT_TYPES: readonly AccountType[] = ["asset", "liability", "equity", "revenue", "expense"];

export const accountsKey = [...booksKey, "accounts"] as const;

export function getAccounts(query: AccountQuery): Promise<AccountPage> {
  return unwrap(tenantApi.GET("/api/finance/accounts/", { params: { query } }));
}

/** The whole chart (a chart has a few hundred accounts at most): the tree and the account selects read it. */
export function useChart(filters: Omit<AccountQuery, "page" | "page_size"> = {}) {
  return useQuery({
    queryKey: [...accountsKey, "all", filters],
    queryFn: () => allPages((page) => getAccounts({ ...filters, ...page })),
    placeholderData: keepPreviousData,
  });
}

export function createAccount({
  body,
  idempotencyKey,
}: {
  body: AccountInput;
  idempotencyKey: string;
}): Promise<Account> {
  return unwrap(tenantApi.POST("/api/finance/accounts/", { body, headers: { "Idempotency-Key": idempotencyKey } }));
}

export function useCreateAccount() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: createAccount,
    onSuccess: () => queryClient.invalidateQueries({ queryKey: accountsKey }),
  });
}
