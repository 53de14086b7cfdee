/**
 * The owner's side of inventory sharing: GET/POST /api/supplychain/grants/, GET/PATCH
 * /api/supplychain/grants/{grant_id}/ and POST /api/supplychain/grants/{grant_id}/revoke/.
 */
import { keepPreviousData, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { tenantApi, unwrap, type PageParams, type RequestBody, type ResponseBody, type TenantPaths } from "@/lib/api";
import { newIdempotencyKey, sharingQueryKey } from "./keys";

export type ShareGrant = ResponseBody<TenantPaths["/api/supplychain/grants/{grant_id}/"]["get"]>;
export type ShareGrantCreate = RequestBody<TenantPaths["/api/supplychain/grants/"]["post"]>;
export type ShareGrantChange = RequestBody<TenantPaths["/api/supplychain/grants/{grant_id}/"]["patch"]>;
export type GrantStatus = ShareGrant["status"];

export function useGrantsGiven(query: PageParams & { status?: GrantStatus }) {
  return useQuery({
    queryKey: [...sharingQueryKey, "given", query],
    queryFn: () => unwrap(tenantApi.GET("/api/supplychain/grants/", { params: { query } })),
    placeholderData: keepPreviousData,
  });
}

export function useCreateGrant() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: ShareGrantCreate) =>
      unwrap(tenantApi.POST("/api/supplychain/grants/", { body, headers: { "Idempotency-Key": newIdempotencyKey() } })),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: sharingQueryKey }),
  });
}

export function useUpdateGrant() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, body }: { id: number; body: ShareGrantChange }) =>
      unwrap(tenantApi.PATCH("/api/supplychain/grants/{grant_id}/", { params: { path: { grant_id: id } }, body })),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: sharingQueryKey }),
  });
}

export function useRevokeGrant() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, reason }: { id: number; reason: string }) =>
      unwrap(
        tenantApi.POST("/api/supplychain/grants/{grant_id}/revoke/", {
          params: { path: { grant_id: id } },
          body: { reason },
        }),
      ),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: sharingQueryKey }),
  });
}
