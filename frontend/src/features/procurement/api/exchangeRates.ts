/**
 * GET and POST /api/exchange-rates/, DELETE …/{rate_id}/ — the company's rate table: one unit of a
 * currency in the company's currency, valid from a day until a later entry. Approval routing converts
 * an order's total with it (never with the rate typed on the order). Entering needs finance.post.
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

type Path = TenantPaths["/api/exchange-rates/"];
export type ExchangeRate = PageItem<ResponseBody<Path["get"]>>;
export type ExchangeRateInput = RequestBody<Path["post"]>;

export const exchangeRatesQueryKey = ["procurement", "exchange-rates"] as const;

/** The whole table (by currency, newest first), or one currency's entries. */
export function getExchangeRates(currency = ""): Promise<ExchangeRate[]> {
  return allPages((query) =>
    unwrap(tenantApi.GET("/api/exchange-rates/", { params: { query: currency ? { ...query, currency } : query } })),
  );
}

export function useExchangeRates(currency = "") {
  return useQuery({ queryKey: [...exchangeRatesQueryKey, currency], queryFn: () => getExchangeRates(currency) });
}

/** Enters a rate (a second entry for the same day replaces the first); the key makes a retry happen once. */
export function setExchangeRate({
  body,
  idempotencyKey,
}: {
  body: ExchangeRateInput;
  idempotencyKey: string;
}): Promise<ExchangeRate> {
  return unwrap(tenantApi.POST("/api/exchange-rates/", { body, headers: { "Idempotency-Key": idempotencyKey } }));
}

export function deleteExchangeRate(id: number): Promise<void> {
  return unwrapEmpty(tenantApi.DELETE("/api/exchange-rates/{rate_id}/", { params: { path: { rate_id: id } } }));
}

function useRateChange<A, R>(change: (args: A) => Promise<R>) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: change,
    onSuccess: () => queryClient.invalidateQueries({ queryKey: exchangeRatesQueryKey }),
  });
}

export const useSetExchangeRate = () => useRateChange(setExchangeRate);
export const useDeleteExchangeRate = () => useRateChange(deleteExchangeRate);
