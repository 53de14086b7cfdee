/**
 * GET and POST /api/follow-ups/ — things to do for a customer by a date, soonest due first (`status`,
 * `due`, `customer_id`, `assignee_id`); PATCH …/{follow_up_id}/ and POST …/{follow_up_id}/done/.
 */
import { keepPreviousData, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import {
  tenantApi,
  unwrap,
  type PageParams,
  type QueryParams,
  type RequestBody,
  type ResponseBody,
  type TenantPaths,
} from "@/lib/api";
import { customersKey } from "./customers";

type Path = TenantPaths["/api/follow-ups/"];
export type FollowUpPage = ResponseBody<Path["get"]>;
export type FollowUp = FollowUpPage["results"][number];
export type FollowUpInput = RequestBody<Path["post"]>;
export type FollowUpUpdate = RequestBody<TenantPaths["/api/follow-ups/{follow_up_id}/"]["patch"]>;
type Query = PageParams & Omit<QueryParams<Path["get"]>, "page" | "page_size">;

export const followUpsKey = ["follow-ups"] as const;

export function getFollowUps(query: Query): Promise<FollowUpPage> {
  return unwrap(tenantApi.GET("/api/follow-ups/", { params: { query } }));
}

export function useFollowUps(query: Query) {
  return useQuery({
    queryKey: [...followUpsKey, query],
    queryFn: () => getFollowUps(query),
    placeholderData: keepPreviousData,
  });
}

export function createFollowUp({ body, idempotencyKey }: { body: FollowUpInput; idempotencyKey: string }) {
  return unwrap(tenantApi.POST("/api/follow-ups/", { body, headers: { "Idempotency-Key": idempotencyKey } }));
}

export function updateFollowUp({ id, body }: { id: number; body: FollowUpUpdate }): Promise<FollowUp> {
  return unwrap(tenantApi.PATCH("/api/follow-ups/{follow_up_id}/", { params: { path: { follow_up_id: id } }, body }));
}

export function completeFollowUp(id: number): Promise<FollowUp> {
  return unwrap(tenantApi.POST("/api/follow-ups/{follow_up_id}/done/", { params: { path: { follow_up_id: id } } }));
}

function useFollowUpChange<A, R>(change: (args: A) => Promise<R>) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: change,
    onSuccess: () =>
      Promise.all([
        queryClient.invalidateQueries({ queryKey: followUpsKey }),
        queryClient.invalidateQueries({ queryKey: [...customersKey, "list"] }),
      ]),
  });
}

export const useCreateFollowUp = () => useFollowUpChange(createFollowUp);
export const useUpdateFollowUp = () => useFollowUpChange(updateFollowUp);
export const useCompleteFollowUp = () => useFollowUpChange(completeFollowUp);
