/** GET and POST /api/api-keys/ — the company's API keys; a new key's secret is in the 201 only. */
import { keepPreviousData, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { tenantApi, unwrap, type PageParams, type RequestBody, type ResponseBody, type TenantPaths } from "@/lib/api";

export type ApiKeyPage = ResponseBody<TenantPaths["/api/api-keys/"]["get"]>;
export type ApiKey = ApiKeyPage["results"][number];
export type ApiKeyCreated = ResponseBody<TenantPaths["/api/api-keys/"]["post"], 201>;
export type CreateApiKeyRequest = RequestBody<TenantPaths["/api/api-keys/"]["post"]>;

export const apiKeysQueryKey = ["api-keys"] as const;

export function getApiKeys(query: PageParams): Promise<ApiKeyPage> {
  return unwrap(tenantApi.GET("/api/api-keys/", { params: { query } }));
}

export function useApiKeys(query: PageParams) {
  return useQuery({
    queryKey: [...apiKeysQueryKey, query],
    queryFn: () => getApiKeys(query),
    placeholderData: keepPreviousData,
  });
}

export function createApiKey(body: CreateApiKeyRequest): Promise<ApiKeyCreated> {
  return unwrap(tenantApi.POST("/api/api-keys/", { body }));
}

export function useCreateApiKey() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: createApiKey,
    onSuccess: () => queryClient.invalidateQueries({ queryKey: apiKeysQueryKey }),
  });
}
