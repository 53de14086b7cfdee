/**
 * GET and POST /api/approval-delegations/, POST …/{delegation_id}/revoke/ — who approves for whom while
 * away. Members see the delegations they give or receive; approval.rules sees every one.
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
import { inboxQueryKey } from "./inbox";

type Path = TenantPaths["/api/approval-delegations/"];
export type Delegation = PageItem<ResponseBody<Path["get"]>>;
export type DelegationInput = RequestBody<Path["post"]>;

export const delegationsQueryKey = ["approvals", "delegations"] as const;

export function getDelegations(): Promise<Delegation[]> {
  return allPages((query) => unwrap(tenantApi.GET("/api/approval-delegations/", { params: { query } })));
}

export function useDelegations() {
  return useQuery({ queryKey: delegationsQueryKey, queryFn: getDelegations });
}

export function createDelegation(body: DelegationInput): Promise<Delegation> {
  return unwrap(tenantApi.POST("/api/approval-delegations/", { body }));
}

export function revokeDelegation(id: number): Promise<Delegation> {
  return unwrap(
    tenantApi.POST("/api/approval-delegations/{delegation_id}/revoke/", { params: { path: { delegation_id: id } } }),
  );
}

function useDelegationChange<A>(change: (args: A) => Promise<Delegation>) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: change,
    onSuccess: () =>
      Promise.all([
        queryClient.invalidateQueries({ queryKey: delegationsQueryKey }),
        queryClient.invalidateQueries({ queryKey: inboxQueryKey }),
      ]),
  });
}

export const useCreateDelegation = () => useDelegationChange(createDelegation);
export const useRevokeDelegation = () => useDelegationChange(revokeDelegation);
