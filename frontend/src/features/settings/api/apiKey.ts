/** DELETE /api/api-keys/{key_id}/ — revoke a key; the answer is the key, now revoked. */
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { tenantApi, unwrap } from "@/lib/api";
import { apiKeysQueryKey } from "./apiKeys";

export function revokeApiKey(id: number) {
  return unwrap(tenantApi.DELETE("/api/api-keys/{key_id}/", { params: { path: { key_id: id } } }));
}

export function useRevokeApiKey() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: revokeApiKey,
    onSuccess: () => queryClient.invalidateQueries({ queryKey: apiKeysQueryKey }),
  });
}
