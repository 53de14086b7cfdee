/** PATCH /api/me/ — the member's own name and language. */
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { tenantApi, unwrap, type RequestBody, type TenantPaths } from "@/lib/api";
import { meQueryKey } from "@/lib/me";

export type UpdateMeRequest = RequestBody<TenantPaths["/api/me/"]["patch"]>;

export function updateMe(body: UpdateMeRequest) {
  return unwrap(tenantApi.PATCH("/api/me/", { body }));
}

export function useUpdateMe() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: updateMe,
    onSuccess: (me) => queryClient.setQueryData(meQueryKey, me),
  });
}
