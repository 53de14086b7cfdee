/**
 * GET/POST /api/supplychain/carrier-accounts/, PATCH …/{carrier_account_id}/, POST …/rotate-secret/ — the
 * carriers that post tracking events to the company's webhook. Creating and rotating answer the webhook
 * secret, once.
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
} from "@/lib/api";

type Path = TenantPaths["/api/supplychain/carrier-accounts/"];
export type CarrierAccount = PageItem<ResponseBody<Path["get"]>>;
export type CarrierAccountInput = RequestBody<Path["post"]>;
export type CarrierAccountWithSecret = ResponseBody<Path["post"], 201>;

export const carrierAccountsQueryKey = ["supplychain", "tracking", "carrier-accounts"] as const;

export function getCarrierAccounts(): Promise<CarrierAccount[]> {
  return allPages((query) => unwrap(tenantApi.GET("/api/supplychain/carrier-accounts/", { params: { query } })));
}

export function useCarrierAccounts() {
  return useQuery({ queryKey: carrierAccountsQueryKey, queryFn: getCarrierAccounts });
}

export function createCarrierAccount({
  body,
  idempotencyKey,
}: {
  body: CarrierAccountInput;
  idempotencyKey: string;
}): Promise<CarrierAccountWithSecret> {
  return unwrap(
    tenantApi.POST("/api/supplychain/carrier-accounts/", { body, headers: { "Idempotency-Key": idempotencyKey } }),
  );
}

export function updateCarrierAccount({
  id,
  body,
}: {
  id: number;
  body: { name?: string; active?: boolean };
}): Promise<CarrierAccount> {
  return unwrap(
    tenantApi.PATCH("/api/supplychain/carrier-accounts/{carrier_account_id}/", {
      params: { path: { carrier_account_id: id } },
      body,
    }),
  );
}

export function rotateCarrierSecret(id: number): Promise<CarrierAccountWithSecret> {
  return unwrap(
    tenantApi.POST("/api/supplychain/carrier-accounts/{carrier_account_id}/rotate-secret/", {
      params: { path: { carrier_account_id: id } },
    }),
  );
}

function useAccountChange<A, R>(change: (args: A) => Promise<R>) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: change,
    onSuccess: () => queryClient.invalidateQueries({ queryKey: carrierAccountsQueryKey }),
  });
}

export const useCreateCarrierAccount = () => useAccountChange(createCarrierAccount);
export const useUpdateCarrierAccount = () => useAccountChange(updateCarrierAccount);
export const useRotateCarrierSecret = () => useAccountChange(rotateCarrierSecret);
